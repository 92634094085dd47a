import { useTranslation } from 'react-i18next';
import { Progress } from '@/components/ui/progress';
import { formatPercent } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';

export type UploadState = { loaded: number; total: number } | null;

/** While a file goes up: a bar with the percentage; once sent, an indeterminate bar while the server reads it. */
export function UploadProgress({ state, busy }: { state: UploadState; busy: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!busy) return null;
  const sending = state !== null && state.total > 0 && state.loaded < state.total;
  if (sending) {
    const percent = Math.round((state.loaded / state.total) * 100);
    return (
      <div className="upload-progress">
        <Progress
          value={percent}
          label={t('registry.import.uploading')}
          valueText={`${t('registry.import.uploading')} ${formatPercent(percent, locale)}`}
        />
      </div>
    );
  }
  return (
    <div className="upload-progress" role="status">
      <progress className="progress-bar progress-indeterminate" aria-label={t('registry.import.processing')} />
      <span className="progress-text">{t('registry.import.processing')}</span>
    </div>
  );
}
