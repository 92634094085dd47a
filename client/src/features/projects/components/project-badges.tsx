import { useTranslation } from 'react-i18next';
import type { ProjectStatus } from '@shared/enums';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const STATUS_TONE: Record<ProjectStatus, BadgeTone> = {
  pipeline: 'info',
  ongoing: 'accent',
  completed: 'success',
  suspended: 'warning',
  cancelled: 'muted',
};

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`enums.projectStatus.${status}`)}</Badge>;
}

/** Demo data must never pass for the published record. */
export function IllustrativeBadge() {
  const { t } = useTranslation();
  return (
    <Badge tone="warning" title={t('projects.illustrativeHint')}>
      {t('common.illustrative')}
    </Badge>
  );
}

export function PublishedRecordLabel() {
  const { t } = useTranslation();
  return (
    <Badge tone="neutral" title={t('projects.publishedRecordHint')}>
      {t('projects.publishedRecord')}
    </Badge>
  );
}
