import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Panel } from '@/components/ui/layout';
import { Spinner } from '@/components/ui/spinner';
import { useSecuritySettings } from '../api/get-security-settings';
import { useUpdateSecuritySettings } from '../api/update-security-settings';

/** The administrator's switch: two-factor sign-in for every admin and manager. */
export function SecuritySettingsPanel() {
  const { t } = useTranslation();
  const settings = useSecuritySettings();
  const update = useUpdateSecuritySettings();
  // While saving, the box shows what was asked for; a refusal puts it back.
  const checked = update.isPending ? update.variables.requireTotpForEditors : (settings.data?.requireTotpForEditors ?? false);

  return (
    <Panel title={t('security.settings.title')} className="security-settings">
      {settings.isError ? <ErrorBanner error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {update.isError ? <ErrorBanner error={update.error} /> : null}
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          disabled={!settings.data || update.isPending}
          onChange={(e) => update.mutate({ requireTotpForEditors: e.target.checked })}
        />
        <span>
          <strong>{t('security.settings.requireTotp')}</strong>
          {update.isPending ? <Spinner size="sm" decorative /> : null}
          <br />
          <span className="small muted">{t('security.settings.requireTotpHint')}</span>
        </span>
      </label>
    </Panel>
  );
}
