import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NARRATIVE_SECTIONS, ReportSchema, type Narrative, type Report } from '@shared/schemas/report';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm } from '@/components/form/use-save-form';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/error-banner';
import { Panel } from '@/components/ui/layout';
import { useUpdateReport } from '../api/update-report';
import { NarrativeEditor } from './narrative-editor';

/** The narrative sections: editors while the manager may edit, the stored (server-sanitised) markup otherwise. */
export function ReportNarrative({ report, editable }: { report: Report; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateReport();
  const [draft, setDraft] = useState<Narrative>(report.narrative);
  const [saved, setSaved] = useState(false);
  // A conflict reloads the narrative someone else saved, to edit from.
  const form = useSaveForm({ mutation: update, record: ReportSchema, onReload: (current) => setDraft(current.narrative) });
  const dirty = NARRATIVE_SECTIONS.some((s) => draft[s] !== report.narrative[s]);

  if (!editable) {
    return (
      <Panel title={t('reports.sections.narrative')}>
        {NARRATIVE_SECTIONS.map((s) => (
          <section key={s} className="narrative-section">
            <h3 className="subheading">{t(`reports.narrative.${s}`)}</h3>
            {report.narrative[s] ? (
              // Stored narratives were sanitised by the server against the allow-list.
              <div className="narrative" dangerouslySetInnerHTML={{ __html: report.narrative[s] }} />
            ) : (
              <p className="muted">{t('reports.narrative.empty')}</p>
            )}
          </section>
        ))}
      </Panel>
    );
  }

  return (
    <Panel title={t('reports.sections.narrative')}>
      <form
        className="form narrative-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          update.mutate(
            { id: report.id, input: { version: report.version, narrative: draft } },
            {
              onSuccess: (r) => {
                setDraft(r.narrative);
                setSaved(true);
              },
            },
          );
        }}
      >
        {NARRATIVE_SECTIONS.map((s) => (
          <NarrativeEditor key={s} label={t(`reports.narrative.${s}`)} value={draft[s]} onChange={(html) => setDraft((d) => ({ ...d, [s]: html }))} />
        ))}
        <FormAlerts form={form} />
        {saved && !dirty ? <Notice tone="success">{t('reports.narrative.saved')}</Notice> : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={update.isPending} disabled={!dirty}>
            {t('reports.narrative.save')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
