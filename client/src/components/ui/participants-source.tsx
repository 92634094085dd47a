import { useTranslation } from 'react-i18next';
import type { ParticipantsSource } from '@shared/schemas/activity';
import { formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { Badge } from './badge';

type ParticipantsSourceNoteProps = { source: ParticipantsSource; attendeeCount: number };

/** Where participant counts come from: the attendance records (with how many people), or entered by hand. */
export function ParticipantsSourceNote({ source, attendeeCount }: ParticipantsSourceNoteProps) {
  const { t } = useTranslation();
  if (source === 'attendance') {
    return (
      <Badge tone="info">
        {t('activities.participants.fromAttendance', { count: attendeeCount, formatted: formatNumber(attendeeCount, currentLocale(), 0) })}
      </Badge>
    );
  }
  return <span className="muted small participants-source">{t('activities.participants.entered')}</span>;
}
