import { useTranslation } from 'react-i18next';
import type { ValueStatus } from '@shared/enums';
import type { Rag } from '@shared/calc/indicator-progress';
import type { BadgeTone } from '@/components/ui/badge';

const RAG_TONE: Record<Rag, BadgeTone> = { on_track: 'success', at_risk: 'warning', off_track: 'danger', not_computable: 'muted' };
const RAG_ICON: Record<Rag, string> = { on_track: '✓', at_risk: '!', off_track: '✕', not_computable: '–' };

/** Red/amber/green as a word and a symbol as well as a colour. */
export function RagBadge({ rag, title }: { rag: Rag; title?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${RAG_TONE[rag]} rag-badge rag-${rag}`} title={title}>
      <span className="rag-icon" aria-hidden="true">
        {RAG_ICON[rag]}
      </span>
      {t(`indicators.rag.${rag}`)}
    </span>
  );
}

type EntryState = ValueStatus | 'missing' | 'none';
const STATUS_TONE: Record<EntryState, BadgeTone> = {
  missing: 'danger',
  none: 'muted',
  draft: 'neutral',
  submitted: 'info',
  returned: 'warning',
  approved: 'success',
};
const STATUS_ICON: Record<EntryState, string> = { missing: '○', none: '·', draft: '✎', submitted: '➜', returned: '↩', approved: '✓' };

/** Where a period's value stands; no value reads "Missing" once it is due, "No value yet" before. */
export function ValueStatusBadge({ status, due = true }: { status: ValueStatus | null; due?: boolean }) {
  const { t } = useTranslation();
  const s: EntryState = status ?? (due ? 'missing' : 'none');
  return (
    <span className={`badge badge-${STATUS_TONE[s]} value-status value-status-${s}`}>
      <span className="rag-icon" aria-hidden="true">
        {STATUS_ICON[s]}
      </span>
      {t(`indicators.valueStatus.${s}`)}
    </span>
  );
}

export function LockedBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-neutral lock-badge">
      <span className="rag-icon" aria-hidden="true">
        ▣
      </span>
      {t('indicators.locked')}
    </span>
  );
}

/** Due: the period is over without an approved value; late: still so after the grace days. */
export function DueBadge({ due, late }: { due: boolean; late: boolean }) {
  const { t } = useTranslation();
  if (late) {
    return (
      <span className="badge badge-danger">
        <span className="rag-icon" aria-hidden="true">
          ⚠
        </span>
        {t('monitoring.late')}
      </span>
    );
  }
  if (!due) return null;
  return (
    <span className="badge badge-warning">
      <span className="rag-icon" aria-hidden="true">
        ◷
      </span>
      {t('monitoring.due')}
    </span>
  );
}
