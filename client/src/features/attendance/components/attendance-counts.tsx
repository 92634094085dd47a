import { useTranslation } from 'react-i18next';
import { PARTICIPANT_GROUPS, SEXES } from '@shared/enums';
import type { EngagementCounts } from '@shared/schemas/attendance';
import { TableScroll } from '@/components/ui/layout';
import { formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';

/** People engaged, computed from attendance: what everyone with access to the project sees. */
export function AttendanceCounts({ counts }: { counts: EngagementCounts }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const n = (v: number) => formatNumber(v, locale, 0);
  return (
    <div className="stack attendance-counts">
      <div className="summary-metrics">
        <div className="metric">
          <div className="metric-label">{t('attendance.uniquePeople')}</div>
          <div className="metric-value">{n(counts.uniquePeople)}</div>
        </div>
        <div className="metric">
          <div className="metric-label">{t('attendance.attendances')}</div>
          <div className="metric-value">{n(counts.attendances)}</div>
        </div>
      </div>
      <div className="attendance-breakdowns">
        <TableScroll label={t('attendance.bySex')}>
          <table className="table table-compact">
            <caption className="table-caption">{t('attendance.bySex')}</caption>
            <tbody>
              {SEXES.map((s) => (
                <tr key={s}>
                  <th scope="row">{t(`registry.sex.${s}`)}</th>
                  <td className="num">{n(counts.bySex[s])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <TableScroll label={t('attendance.byGroup')}>
          <table className="table table-compact">
            <caption className="table-caption">{t('attendance.byGroup')}</caption>
            <tbody>
              {[...PARTICIPANT_GROUPS, 'unknown' as const].map((g) => (
                <tr key={g}>
                  <th scope="row">{t(`registry.group.${g}`)}</th>
                  <td className="num">{n(counts.byGroup[g])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </div>
  );
}
