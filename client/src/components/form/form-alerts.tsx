import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ErrorBanner } from '@/components/ui/error-banner';
import type { SaveForm } from './use-save-form';

/** A save's refusal that belongs to no one field: the version conflict with its reload, or a banner. */
export function FormAlerts({ form }: { form: Pick<SaveForm, 'isConflict' | 'banner' | 'reload'> }) {
  return (
    <>
      {form.isConflict ? <ConflictNotice onReload={form.reload} /> : null}
      {form.banner ? <ErrorBanner error={form.banner} /> : null}
    </>
  );
}
