import { useTranslation } from 'react-i18next';
import { RAGS, type Rag } from '@shared/calc/indicator-progress';
import { RagBadge } from './indicator-badges';

type RollUpProps = {
  /** The worst status among the indicators (an outcome's roll-up). */
  rag: Rag;
  counts: Partial<Record<Rag, number>>;
  /** How many indicators the figures come from. */
  total: number;
};

/** An outcome's status in one line: its roll-up RAG and how many indicators stand where. */
export function IndicatorRollUp({ rag, counts, total }: RollUpProps) {
  const { t } = useTranslation();
  if (total === 0) {
    return (
      <div className="indicator-rollup">
        <span className="indicators-label">{t('indicators.title')}</span>
        <span className="muted small">{t('indicators.none')}</span>
      </div>
    );
  }
  return (
    <div className="indicator-rollup">
      <span className="indicators-label">{t('indicators.countLabel', { count: total })}</span>
      <RagBadge rag={rag} title={t('indicators.rollUpHint')} />
      <span className="muted small">
        {RAGS.filter((r) => (counts[r] ?? 0) > 0)
          .map((r) => t(`indicators.ragCount.${r}`, { count: counts[r] ?? 0 }))
          .join(' · ')}
      </span>
    </div>
  );
}

/** The roll-up status of an outcome, for its heading. */
export function OutcomeRag({ rag, counts }: { rag: Rag; counts: Partial<Record<Rag, number>> }) {
  const { t } = useTranslation();
  const detail = RAGS.filter((r) => (counts[r] ?? 0) > 0)
    .map((r) => t(`indicators.ragCount.${r}`, { count: counts[r] ?? 0 }))
    .join(', ');
  return (
    <span className="outcome-rag">
      <span className="visually-hidden">{t('indicators.outcomeStatus')} </span>
      <RagBadge rag={rag} title={detail ? `${t('indicators.rollUpHint')} ${detail}` : t('indicators.rollUpHint')} />
    </span>
  );
}
