import { useTranslation } from 'react-i18next';
import { Button } from './button';

/** Someone saved the record after it was loaded here; what the user typed stays on screen. */
export function ConflictNotice({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-warning" role="alert">
      <div className="banner-body">
        <p className="banner-title">{t('conflict.title')}</p>
        <p>{t('conflict.body')}</p>
      </div>
      <Button size="sm" onClick={onReload}>
        {t('conflict.reload')}
      </Button>
    </div>
  );
}
