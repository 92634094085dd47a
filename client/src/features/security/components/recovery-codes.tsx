import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/error-banner';
import { CopyButton } from './copy-button';

/** The recovery codes, shown once after enrolment: the server keeps only their hashes. */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="recovery-codes">
      <Notice tone="warning" role="alert">
        {t('security.recovery.once')}
      </Notice>
      <ol className="recovery-code-list mono" aria-label={t('security.recovery.title')}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <p className="small muted">{t('security.recovery.how')}</p>
      <div className="form-actions">
        <CopyButton text={codes.join('\n')} label={t('security.recovery.copy')} />
        <Button variant="primary" onClick={onDone}>
          {t('security.recovery.saved')}
        </Button>
      </div>
    </div>
  );
}
