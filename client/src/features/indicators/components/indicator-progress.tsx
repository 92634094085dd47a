import { useTranslation } from 'react-i18next';
import type { IndicatorSummary } from '@shared/schemas/indicator-summary';
import { Progress } from '@/components/ui/progress';
import { formatPercent } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';

type IndicatorProgressProps = {
  progress: IndicatorSummary['progress'];
  expectedPercent?: number | null;
  /** Names the bar for screen readers, e.g. "Progress of 1.1.a". */
  label: string;
};

/**
 * Percent of the target achieved, as a bar with its number; when it cannot be computed,
 * the reason in words instead. Over- or under-shooting shows in the number, the bar stays 0..100.
 */
export function IndicatorProgress({ progress, expectedPercent, label }: IndicatorProgressProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (progress.percent === null) {
    return <span className="muted small progress-reason">{t(`indicators.reason.${progress.reason}`)}</span>;
  }
  const shown = Math.min(100, Math.max(0, progress.percent));
  return (
    <div className="indicator-progress">
      <Progress value={shown} label={label} valueText={formatPercent(progress.percent, locale)} />
      {expectedPercent !== null && expectedPercent !== undefined ? (
        <span className="muted small">{t('indicators.expected', { percent: formatPercent(expectedPercent, locale) })}</span>
      ) : null}
    </div>
  );
}
