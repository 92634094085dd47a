import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ProjectHealth } from '@shared/schemas/budget';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Progress } from '@/components/ui/progress';
import { LoadingBlock } from '@/components/ui/spinner';
import { formatNumber, formatPercent } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useProjectHealth } from '../api/get-project-health';

/** Gaps smaller than this many percentage points are "in step". */
const IN_STEP = 5;
/** Gaps this large (or larger) are called out with a warning sign. */
const WIDE = 15;

type Gap = { text: string; warn: boolean };

/** The gaps between time, money and work, in words: the point of the strip. */
export function healthGaps(
  t: TFunction,
  h: Pick<ProjectHealth, 'timeElapsedPercent' | 'budgetSpentPercent' | 'activitiesCompletePercent'>,
  locale: string,
): Gap[] {
  const time = h.timeElapsedPercent;
  const money = h.budgetSpentPercent;
  const work = h.activitiesCompletePercent;
  const points = (n: number) => formatNumber(Math.abs(Math.round(n * 10) / 10), locale);
  const gaps: Gap[] = [];
  if (time !== null && money !== null) {
    const d = money - time;
    if (Math.abs(d) < IN_STEP) gaps.push({ text: t('budget.health.moneyInStep'), warn: false });
    else gaps.push({ text: t(d > 0 ? 'budget.health.moneyAhead' : 'budget.health.moneyBehind', { points: points(d) }), warn: d >= WIDE });
  }
  if (time !== null && work !== null) {
    const d = work - time;
    if (Math.abs(d) < IN_STEP) gaps.push({ text: t('budget.health.workInStep'), warn: false });
    else gaps.push({ text: t(d > 0 ? 'budget.health.workAhead' : 'budget.health.workBehind', { points: points(d) }), warn: d <= -WIDE });
  }
  if (money !== null && work !== null && money - work >= WIDE) {
    gaps.push({ text: t('budget.health.moneyBeforeWork', { spent: formatPercent(money, locale), work: formatPercent(work, locale) }), warn: true });
  }
  return gaps;
}

export function HealthStripView({
  health,
}: {
  health: Pick<ProjectHealth, 'timeElapsedPercent' | 'budgetSpentPercent' | 'activitiesCompletePercent'>;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const items = [
    { key: 'time', label: t('budget.health.time'), value: health.timeElapsedPercent },
    { key: 'money', label: t('budget.health.money'), value: health.budgetSpentPercent },
    { key: 'work', label: t('budget.health.work'), value: health.activitiesCompletePercent },
  ];
  const gaps = healthGaps(t, health, locale);
  return (
    <div className="health-strip">
      <div className="health-metrics">
        {items.map((i) => (
          <div className="metric" key={i.key}>
            <div className="metric-label">{i.label}</div>
            <Progress
              value={i.value === null ? null : Math.min(100, i.value)}
              label={i.label}
              valueText={i.value === null ? t('common.notSet') : formatPercent(i.value, locale)}
            />
          </div>
        ))}
      </div>
      {gaps.length > 0 ? (
        <ul className="health-gaps">
          {gaps.map((g) => (
            <li key={g.text} className={g.warn ? 'health-gap-warn' : undefined}>
              <span aria-hidden="true">{g.warn ? '⚠ ' : '• '}</span>
              {g.warn ? <span className="visually-hidden">{t('budget.health.attention')} </span> : null}
              {g.text}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="metric-hint">{t('budget.health.hint')}</p>
    </div>
  );
}

/** Time elapsed, budget spent and work done side by side on the project overview. */
export function ProjectHealthStrip({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const query = useProjectHealth(projectId);
  if (query.isPending) return <LoadingBlock label={t('budget.health.loading')} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  return <HealthStripView health={query.data} />;
}
