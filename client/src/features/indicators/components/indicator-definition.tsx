import { useTranslation } from 'react-i18next';
import type { IndicatorDetail } from '@shared/schemas/indicator-summary';
import { DefinitionList } from '@/components/ui/layout';
import { currentLocale } from '@/lib/i18n';
import { formatBaseline, formatMeasured, formatPeriod } from './indicator-format';
import { EvidencePanel } from './evidence-panel';
import { ValueDetails } from './value-details';
import { ValueStatusBadge } from './indicator-badges';

/** What the indicator measures and how: its definition and every field of its metadata. */
export function IndicatorDefinition({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const notSet = t('common.notSet');
  const withComment = (main: string, comment: string) => (
    <>
      {main}
      {comment ? <span className="cell-sub">{comment}</span> : null}
    </>
  );
  return (
    <div className="indicator-definition">
      <p className="prose">{indicator.definition || t('indicators.noDefinition')}</p>
      <DefinitionList
        items={[
          { key: 'unit', term: t('indicators.fields.unit'), value: indicator.unit || notSet },
          { key: 'measure', term: t('indicators.fields.measure'), value: t(`indicators.measure.${indicator.measure}`) },
          { key: 'direction', term: t('indicators.fields.direction'), value: t(`indicators.direction.${indicator.direction}`) },
          {
            key: 'aggregation',
            term: t('indicators.fields.aggregation'),
            value: withComment(t(`indicators.aggregation.${indicator.aggregation}`), t(`indicators.aggregationHint.${indicator.aggregation}`)),
          },
          {
            key: 'baseline',
            term: t('indicators.fields.baseline'),
            value: withComment(formatBaseline(t, locale, indicator), indicator.baseline.comment),
          },
          {
            key: 'target',
            term: t('indicators.fields.targetValue'),
            value: withComment(formatMeasured(t, locale, indicator, indicator.target.value), indicator.target.comment),
          },
          { key: 'frequency', term: t('indicators.fields.frequency'), value: t(`indicators.frequency.${indicator.frequency}`) },
          {
            key: 'disaggregations',
            term: t('indicators.fields.disaggregations'),
            value:
              indicator.disaggregations.length > 0
                ? indicator.disaggregations.map((d) => t(`indicators.dimension.${d}`)).join(', ')
                : t('indicators.noDisaggregation'),
          },
          { key: 'mov', term: t('indicators.fields.meansOfVerification'), value: indicator.meansOfVerification || notSet },
          { key: 'source', term: t('indicators.fields.dataSource'), value: indicator.dataSource || notSet },
          { key: 'responsible', term: t('indicators.fields.responsible'), value: indicator.responsible || notSet },
        ]}
      />
    </div>
  );
}

/** Each recorded value in full (figures, breakdown, evidence), one collapsible entry per period. */
export function PeriodValues({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const withValues = indicator.periods.filter((p) => p.value !== null);
  if (withValues.length === 0) return <p className="empty-state">{t('indicators.noValues')}</p>;
  return (
    <div className="period-values">
      {withValues.map((p) => {
        const v = p.value;
        if (!v) return null;
        const shown = indicator.measure === 'qualitative' ? v.score : v.value;
        return (
          <details key={p.id} className="period-value" id={`value-${p.id}`}>
            <summary>
              <span className="period-value-label">{formatPeriod(locale, p)}</span>
              <ValueStatusBadge status={v.status} />
              <span className="period-value-figure">{formatMeasured(t, locale, indicator, shown)}</span>
              {v.evidence.length > 0 ? <span className="muted small">{t('evidence.count', { count: v.evidence.length })}</span> : null}
            </summary>
            <div className="period-value-body">
              <ValueDetails indicator={indicator} value={v} />
              <EvidencePanel value={v} editable={false} />
            </div>
          </details>
        );
      })}
    </div>
  );
}
