import { useTranslation } from 'react-i18next';
import { participantsTotal, type ReportedParticipants } from '@shared/calc/participants';
import type { Participants } from '@shared/schemas/activity';
import { ParticipantsSourceNote } from '@/components/ui/participants-source';
import { formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';

export const PARTICIPANT_KEYS = [
  'women',
  'men',
  'government',
  'diaspora',
  'civilSociety',
  'international',
] as const satisfies readonly (keyof Participants)[];

/**
 * Who took part, by sex and by group, and where the counts come from; "not recorded" is
 * not the same as zero. From attendance, the total is every person recorded, whatever
 * their sex.
 */
export function ParticipantsTable({ reported }: { reported: ReportedParticipants }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const p = reported.participants;
  const show = (n: number | null) =>
    n === null ? <span className="muted">{t('activities.participants.notRecorded')}</span> : formatNumber(n, locale);
  return (
    <div className="stack">
      <p className="participants-source-line">
        <ParticipantsSourceNote source={reported.participantsSource} attendeeCount={reported.attendeeCount} />
      </p>
      <div className="participants">
        <table className="table table-compact">
          <caption className="table-caption">{t('activities.participants.bySex')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('activities.participants.women')}</th>
              <td className="num">{show(p.women)}</td>
            </tr>
            <tr>
              <th scope="row">{t('activities.participants.men')}</th>
              <td className="num">{show(p.men)}</td>
            </tr>
            <tr className="row-total">
              <th scope="row">{t('activities.participants.total')}</th>
              <td className="num">{show(participantsTotal(reported))}</td>
            </tr>
          </tbody>
        </table>
        <table className="table table-compact">
          <caption className="table-caption">{t('activities.participants.byGroup')}</caption>
          <tbody>
            {(['government', 'diaspora', 'civilSociety', 'international'] as const).map((k) => (
              <tr key={k}>
                <th scope="row">{t(`activities.participants.${k}`)}</th>
                <td className="num">{show(p[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
