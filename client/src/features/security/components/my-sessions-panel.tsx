import { useTranslation } from 'react-i18next';
import { Panel } from '@/components/ui/layout';
import { useMySessions } from '../api/list-sessions';
import { SessionsTable } from './sessions-table';

/** Where the signed-in user is signed in; anything unfamiliar can be ended here. */
export function MySessionsPanel({ onCurrentRevoked }: { onCurrentRevoked: () => void }) {
  const { t } = useTranslation();
  const sessions = useMySessions();
  return (
    <Panel title={t('security.sessions.title')} className="security-panel">
      <p className="muted">{t('security.sessions.lead')}</p>
      <SessionsTable query={sessions} onCurrentRevoked={onCurrentRevoked} />
    </Panel>
  );
}
