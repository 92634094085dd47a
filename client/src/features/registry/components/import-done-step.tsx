import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ImportResult } from '@shared/schemas/registry-import';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/error-banner';

type DoneStepProps = { result: ImportResult; registryHref: string; summaryHref: string; onRestart: () => void };

/** Step 4: what the import did, and where to go next. */
export function ImportDoneStep({ result, registryHref, summaryHref, onRestart }: DoneStepProps) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Notice tone="success" role="alert">
        <p className="banner-title">{t('registry.import.doneTitle')}</p>
        <p>{t('registry.import.doneBody', { created: result.created, merged: result.merged, skipped: result.skipped, consents: result.consents })}</p>
      </Notice>
      <div className="button-row">
        <Link className="btn btn-primary" to={registryHref}>
          {t('registry.import.toRegistry')}
        </Link>
        <Link className="btn btn-secondary" to={summaryHref}>
          {t('registry.import.toSummary')}
        </Link>
        <Button onClick={onRestart}>{t('registry.import.another')}</Button>
      </div>
    </div>
  );
}
