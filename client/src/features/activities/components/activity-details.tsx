import { useTranslation } from 'react-i18next';
import { scheduleFlag } from '@shared/calc/activity-progress';
import { todayIso } from '@shared/calc/dates';
import type { Activity } from '@shared/schemas/activity';
import type { Results } from '@shared/schemas/results';
import { DefinitionList } from '@/components/ui/layout';
import { Progress } from '@/components/ui/progress';
import { formatDate, formatPercent } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { ActivityStatusBadge, ScheduleFlagBadge } from './activity-badges';
import { ParticipantsTable } from './participants-table';

type ActivityDetailsProps = { activity: Activity; framework?: Results };

export function ActivityDetails({ activity: a, framework }: ActivityDetailsProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const flag = scheduleFlag(a, todayIso());
  const dash = t('common.notSet');
  const outcome = framework?.outcomes.find((o) => o.id === a.outcomeId);
  const output = outcome?.outputs.find((o) => o.id === a.outputId);
  const pct = a.status === 'completed' ? 100 : a.percentComplete;
  return (
    <div className="activity-details">
      <DefinitionList
        items={[
          { key: 'kind', term: t('activities.fields.kind'), value: t(`enums.activityKind.${a.kind}`) },
          {
            key: 'status',
            term: t('activities.fields.status'),
            value: (
              <span className="badge-row">
                <ActivityStatusBadge status={a.status} />
                <ScheduleFlagBadge flag={flag} />
              </span>
            ),
          },
          {
            key: 'schedule',
            term: t('activities.schedule'),
            value: flag ? t(`enums.scheduleFlagHint.${flag}`) : t('activities.onSchedule'),
          },
          {
            key: 'pct',
            term: t('activities.fields.percentComplete'),
            value: <Progress value={pct} label={t('activities.fields.percentComplete')} valueText={formatPercent(pct, locale)} />,
          },
          {
            key: 'outcome',
            term: t('activities.fields.outcomeId'),
            value: outcome ? t('activities.placement.outcome', { code: outcome.code, title: outcome.title }) : dash,
          },
          {
            key: 'output',
            term: t('activities.fields.outputId'),
            value: output ? t('activities.placement.output', { code: output.code, title: output.title }) : t('activities.noOutput'),
          },
          { key: 'ps', term: t('activities.fields.plannedStart'), value: formatDate(a.plannedStart, locale) || dash },
          { key: 'pe', term: t('activities.fields.plannedEnd'), value: formatDate(a.plannedEnd, locale) || dash },
          { key: 'as', term: t('activities.fields.actualStart'), value: formatDate(a.actualStart, locale) || dash },
          { key: 'ae', term: t('activities.fields.actualEnd'), value: formatDate(a.actualEnd, locale) || dash },
          { key: 'location', term: t('activities.fields.location'), value: a.location || dash },
          { key: 'responsible', term: t('activities.fields.responsible'), value: a.responsible || dash },
        ]}
      />
      {a.description ? (
        <div className="prose">
          <h3 className="subheading">{t('activities.fields.description')}</h3>
          <p>{a.description}</p>
        </div>
      ) : null}
      <div>
        <h3 className="subheading">{t('activities.fields.participants')}</h3>
        <ParticipantsTable reported={a} />
      </div>
      {a.notes ? (
        <div className="prose">
          <h3 className="subheading">{t('activities.fields.notes')}</h3>
          <p>{a.notes}</p>
        </div>
      ) : null}
    </div>
  );
}
