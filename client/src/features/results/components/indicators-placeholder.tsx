import { useTranslation } from 'react-i18next';

/** Room kept for the indicators of an outcome or output; they arrive with a later release. */
export function IndicatorsPlaceholder({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <div className="indicators">
      <span className="indicators-label">{t('results.indicators')}</span>
      <span className="muted">{count === 0 ? t('results.noIndicators') : t('results.indicatorCount', { count })}</span>
    </div>
  );
}
