import { useTranslation } from 'react-i18next';
import type { Rag } from '@shared/calc/indicator-progress';
import type { ReportStatus } from '@shared/schemas/report';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const STATUS_TONE: Record<ReportStatus, BadgeTone> = { draft: 'muted', submitted: 'info', accepted: 'success', returned: 'warning' };
const RAG_TONE: Record<Rag, BadgeTone> = { on_track: 'success', at_risk: 'warning', off_track: 'danger', not_computable: 'muted' };

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`reports.status.${status}`)}</Badge>;
}

export function RagBadge({ rag }: { rag: Rag }) {
  const { t } = useTranslation();
  return <Badge tone={RAG_TONE[rag]}>{t(`reports.rag.${rag}`)}</Badge>;
}
