import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '@shared/enums';
import type { FieldChange, HistoryEntry } from '@shared/schemas/activity';
import type { Results } from '@shared/schemas/results';
import { ErrorBanner } from '@/components/ui/error-banner';
import { EmptyState } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useActivityHistory } from '../api/get-activity-history';
import { PARTICIPANT_KEYS } from './participants-table';
import { placementCode } from './placement';

const FIELD_KEYS = [
  'outcomeId',
  'outputId',
  'kind',
  'title',
  'description',
  'status',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'percentComplete',
  'location',
  'responsible',
  'participants',
  'notes',
  'position',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
type ParticipantKey = (typeof PARTICIPANT_KEYS)[number];

function isFieldKey(f: string): f is FieldKey {
  return (FIELD_KEYS as readonly string[]).includes(f);
}
function isParticipantKey(f: string): f is ParticipantKey {
  return (PARTICIPANT_KEYS as readonly string[]).includes(f);
}
const isIn = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

function fieldLabel(t: TFunction, field: string): string {
  if (isFieldKey(field)) return t(`activities.fields.${field}`);
  const sub = field.startsWith('participants.') ? field.slice('participants.'.length) : null;
  if (sub && isParticipantKey(sub)) return `${t('activities.fields.participants')}: ${t(`activities.participants.${sub}`)}`;
  return field;
}

function valueText(t: TFunction, locale: string, field: string, value: unknown, framework: Results | undefined): string {
  if (value === null || value === undefined || value === '') return t('history.empty');
  if (field === 'status' && isIn(ACTIVITY_STATUSES, value)) return t(`enums.activityStatus.${value}`);
  if (field === 'kind' && isIn(ACTIVITY_KINDS, value)) return t(`enums.activityKind.${value}`);
  if (field === 'percentComplete' && typeof value === 'number') return formatPercent(value, locale);
  if (/^(planned|actual)(Start|End)$/.test(field) && typeof value === 'string') return formatDate(value, locale);
  if (field === 'outcomeId' && typeof value === 'number') {
    const code = placementCode(framework, { outcomeId: value, outputId: null });
    return code ? t('results.outcomeCode', { code }) : `#${value}`;
  }
  if (field === 'outputId' && typeof value === 'number') {
    const outcome = framework?.outcomes.find((o) => o.outputs.some((out) => out.id === value));
    const code = outcome ? placementCode(framework, { outcomeId: outcome.id, outputId: value }) : null;
    return code ? t('results.outputCode', { code }) : `#${value}`;
  }
  if (typeof value === 'number') return formatNumber(value, locale);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${isParticipantKey(k) ? t(`activities.participants.${k}`) : k}: ${v === null ? t('history.empty') : String(v)}`)
      .join(', ');
  }
  const s = String(value);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

function ChangeLine({ change, framework }: { change: FieldChange; framework: Results | undefined }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <li className="change">
      <span className="change-field">{fieldLabel(t, change.field)}</span>{' '}
      <span className="change-from">{valueText(t, locale, change.field, change.from, framework)}</span>{' '}
      <span className="change-arrow" aria-hidden="true">
        →
      </span>
      <span className="visually-hidden">{t('history.to')}</span>{' '}
      <span className="change-to">{valueText(t, locale, change.field, change.to, framework)}</span>
    </li>
  );
}

function Entry({ entry, framework }: { entry: HistoryEntry; framework: Results | undefined }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const who: ReactNode = entry.user ? entry.user.name : t('history.system');
  return (
    <li className="history-entry">
      <div className="history-head">
        <span className="history-who">{who}</span>
        <span className="history-action">{t(`history.action.${entry.action}`)}</span>
        <time className="history-when" dateTime={entry.at}>
          {formatDateTime(entry.at, locale)}
        </time>
      </div>
      {entry.changes.length > 0 && entry.action === 'update' ? (
        <ul className="changes">
          {entry.changes.map((c, i) => (
            <ChangeLine key={`${c.field}-${i}`} change={c} framework={framework} />
          ))}
        </ul>
      ) : null}
      {entry.note ? (
        <blockquote className="history-note">
          <span className="visually-hidden">{t('history.note')}: </span>
          {entry.note}
        </blockquote>
      ) : null}
    </li>
  );
}

/** Who changed what and when, newest first, with the note they left. */
export function ActivityHistory({ activityId, framework }: { activityId: number; framework?: Results }) {
  const { t } = useTranslation();
  const history = useActivityHistory(activityId);
  if (history.isPending) return <LoadingBlock label={t('history.loading')} />;
  if (history.isError) return <ErrorBanner error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.items.length === 0) return <EmptyState>{t('history.none')}</EmptyState>;
  return (
    <ol className="history" aria-label={t('history.title')}>
      {history.data.items.map((entry) => (
        <Entry key={entry.id} entry={entry} framework={framework} />
      ))}
    </ol>
  );
}
