import '@/features/security/security.css';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Notice } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useTotpStatus } from '@/features/security/api/get-totp-status';
import { MySessionsPanel } from '@/features/security/components/my-sessions-panel';
import { TwoFactorPanel } from '@/features/security/components/two-factor-panel';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../paths';
import { RouteErrorBoundary } from '../error-fallback';

/** The signed-in user's security: two-factor sign-in and the sessions they have open. */
export function SecurityRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const status = useTotpStatus();
  useDocumentTitle(t('security.title'));
  // Required of this role and not set up yet: nothing else opens until it is.
  const mustEnrol = status.data ? status.data.required && !status.data.enabled : false;

  return (
    <div className="page page-narrow">
      <PageHeader title={t('security.title')}>
        <p className="page-lead">{t('security.lead')}</p>
      </PageHeader>
      {mustEnrol ? (
        <Notice tone="warning" role="alert">
          {t('security.enrolmentRequired')}
        </Notice>
      ) : null}
      <PanelBoundary>
        <TwoFactorPanel />
      </PanelBoundary>
      {mustEnrol ? null : (
        <PanelBoundary>
          <MySessionsPanel
            onCurrentRevoked={() => {
              void navigate(paths.login, { replace: true });
              queryClient.clear();
            }}
          />
        </PanelBoundary>
      )}
    </div>
  );
}

export { SecurityRoute as Component, RouteErrorBoundary as ErrorBoundary };
