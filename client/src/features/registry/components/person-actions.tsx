import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '@shared/schemas/registry';
import { KEPT_AFTER_ERASURE } from '@shared/schemas/registry-columns';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { useErasePerson } from '../api/erase-person';
import { useExportPerson } from '../api/export-person';

/** Export (a subject access request, as a JSON file) and erasure (confirmed, explained). */
export function PersonActions({ person, canEdit }: { person: Person; canEdit: boolean }) {
  const { t } = useTranslation();
  const exporter = useExportPerson();
  const erase = useErasePerson();
  const [confirming, setConfirming] = useState(false);
  const kept = KEPT_AFTER_ERASURE.map((f) => t(`registry.fields.${f === 'participant_group' ? 'group' : f}`)).join(', ');

  return (
    <div className="stack">
      <div className="button-row">
        <Button onClick={() => exporter.mutate(person.id)} busy={exporter.isPending}>
          {t('registry.person.export')}
        </Button>
        {canEdit && !person.erased ? (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t('registry.person.erase')}
          </Button>
        ) : null}
      </div>
      <p className="muted small">{t('registry.person.exportHint')}</p>
      {exporter.isSuccess ? <Notice tone="success">{t('registry.person.exported')}</Notice> : null}
      {exporter.error ? <ErrorBanner error={exporter.error} /> : null}
      {erase.isSuccess ? <Notice tone="success">{t('registry.person.erasedDone')}</Notice> : null}
      <ConfirmDialog
        open={confirming}
        title={t('registry.person.eraseTitle')}
        message={
          <>
            <p>{t('registry.person.eraseMessage', { name: person.name })}</p>
            <p>{t('registry.person.eraseKept', { fields: kept })}</p>
            <p>{t('registry.person.eraseIrreversible')}</p>
          </>
        }
        confirmLabel={t('registry.person.eraseConfirm')}
        danger
        busy={erase.isPending}
        error={erase.error ? <ErrorBanner error={erase.error} /> : undefined}
        onConfirm={() =>
          erase.mutate(
            { id: person.id, version: person.version },
            {
              onSuccess: () => setConfirming(false),
            },
          )
        }
        onCancel={() => {
          setConfirming(false);
          erase.reset();
        }}
      />
    </div>
  );
}
