import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BudgetSettingsSchema, UpdateBudgetSettingsInput, type BudgetAnalysis, type BudgetFigures } from '@shared/schemas/budget';
import { Button } from '@/components/ui/button';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { TableScroll } from '@/components/ui/layout';
import { Progress } from '@/components/ui/progress';
import { TableHead } from '@/components/ui/table-head';
import { isApiError } from '@/lib/api-client';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { formatMoney, formatNumber, formatPercent } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { describeSaveError } from '@/lib/save-errors';
import { useUpdateBudgetSettings } from '../api/update-budget-settings';
import { percentOf } from './money';

/** Gaps smaller than this many percentage points read as "on pace". */
const PACE_MARGIN = 5;

type BudgetSummaryProps = { analysis: BudgetAnalysis };

/** The headline numbers: budget, spent, committed, remaining, pace and forecast, in words and figures. */
export function BudgetSummary({ analysis: a }: BudgetSummaryProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const spentPct = a.burnRate.spentPercent;
  const gap = a.burnRate.gapPercent;
  const forecast = a.burnRate.forecastAtCompletion;
  const forecastDiff = forecast ? Number(forecast.amount) - Number(a.totals.budget.amount) : null;
  const warnings = a.byLine.rows.filter((r) => r.warning);
  const unbudgeted = Number(a.unbudgeted.amount);

  return (
    <div className="stack">
      {a.illustrative ? <p className="muted small summary-note">{t('budget.illustrativeNote')}</p> : null}
      <div className="summary-metrics">
        <Metric label={t('budget.figures.budget')} value={formatMoney(a.totals.budget, locale)} hint={t('budget.figures.budgetHint')} />
        <div className="metric">
          <div className="metric-label">{t('budget.figures.spent')}</div>
          <div className="metric-value">{formatMoney(a.totals.spent, locale)}</div>
          <Progress
            value={spentPct === null ? null : Math.min(100, spentPct)}
            label={t('budget.figures.spentShare')}
            valueText={spentPct === null ? t('common.notSet') : formatPercent(spentPct, locale)}
          />
        </div>
        <Metric label={t('budget.figures.committed')} value={formatMoney(a.totals.committed, locale)} hint={t('budget.figures.committedHint')} />
        <Metric label={t('budget.figures.remaining')} value={formatMoney(a.totals.remaining, locale)} />
        <Metric
          label={t('budget.figures.forecast')}
          value={forecast ? formatMoney(forecast, locale) : t('common.notSet')}
          hint={forecast ? t('budget.figures.forecastHint') : t('budget.figures.forecastNone')}
        />
      </div>
      <div className="pace" role="group" aria-label={t('budget.pace.title')}>
        <p>
          {gap !== null && Math.abs(gap) >= PACE_MARGIN ? <span aria-hidden="true">{gap > 0 ? '⚠ ' : 'ℹ '}</span> : null}
          {gap === null
            ? t('budget.pace.noBudget', { elapsed: formatPercent(a.burnRate.elapsedPercent, locale) })
            : t(gap >= PACE_MARGIN ? 'budget.pace.ahead' : gap <= -PACE_MARGIN ? 'budget.pace.behind' : 'budget.pace.onPace', {
                elapsed: formatPercent(a.burnRate.elapsedPercent, locale),
                spent: formatPercent(spentPct ?? 0, locale),
                gap: formatNumber(Math.abs(gap), locale),
              })}
        </p>
        {forecast && forecastDiff !== null ? (
          <p>
            {forecastDiff > 0 ? <span aria-hidden="true">⚠ </span> : null}
            {t(forecastDiff > 0 ? 'budget.pace.forecastOver' : 'budget.pace.forecastUnder', {
              forecast: formatMoney(forecast, locale),
              diff: formatMoney({ amount: Math.abs(forecastDiff).toFixed(2), currency: a.currency }, locale),
            })}
          </p>
        ) : null}
        {unbudgeted !== 0 ? (
          <p className="muted small">
            {t(unbudgeted > 0 ? 'budget.unbudgetedUnder' : 'budget.unbudgetedOver', {
              record: formatMoney(a.projectBudget, locale),
              lines: formatMoney(a.totals.budget, locale),
              diff: formatMoney({ amount: a.unbudgeted.amount.replace('-', ''), currency: a.unbudgeted.currency }, locale),
            })}
          </p>
        ) : null}
      </div>
      {warnings.length > 0 ? (
        <Notice tone="warning" role="alert">
          <p className="banner-title">
            <span aria-hidden="true">⚠ </span>
            {t('budget.analysis.warningsTitle', { count: warnings.length, tolerance: formatPercent(a.settings.tolerancePercent, locale) })}
          </p>
          <ul className="plain-list">
            {warnings.map((w) => (
              <li key={w.id}>
                {t('budget.analysis.warningLine', {
                  line: w.code ? `${w.code} ${w.title}` : w.title,
                  spent: formatMoney(w.spent, locale),
                  budget: formatMoney(w.budget, locale),
                  over: formatMoney(w.overBy, locale),
                })}
              </li>
            ))}
          </ul>
        </Notice>
      ) : (
        <p className="muted small">
          <span aria-hidden="true">✓ </span>
          {t('budget.analysis.noWarnings', { tolerance: formatPercent(a.settings.tolerancePercent, locale) })}
        </p>
      )}
    </div>
  );
}

function Metric({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <div className="metric">
      <div className="metric-label">{label}</div>
      <div className="metric-value">{value}</div>
      {hint ? <p className="metric-hint">{hint}</p> : null}
    </div>
  );
}

type FigureRow = { key: string | number; label: ReactNode; figures: BudgetFigures; warning?: boolean };

/** Budget against commitments and spending, row by row, with what no row can claim. */
export function FiguresTable({
  caption,
  head,
  rows,
  unallocated,
  unallocatedLabel,
}: {
  caption: string;
  head: string;
  rows: FigureRow[];
  unallocated: BudgetFigures;
  unallocatedLabel: string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const showUnallocated = [unallocated.budget, unallocated.committed, unallocated.spent].some((m) => Number(m.amount) !== 0);
  const cells = (f: BudgetFigures, warning?: boolean) => {
    const pct = percentOf(f.spent, f.budget);
    return (
      <>
        <td className="num nowrap">{formatMoney(f.budget, locale)}</td>
        <td className="num nowrap">{formatMoney(f.committed, locale)}</td>
        <td className="num nowrap">{formatMoney(f.spent, locale)}</td>
        <td className="num nowrap">{formatMoney(f.remaining, locale)}</td>
        <td className="num nowrap">
          {pct === null ? t('common.notSet') : formatPercent(pct, locale)}
          {warning ? (
            <span className="over-flag">
              {' '}
              <span aria-hidden="true">⚠</span> {t('budget.analysis.overShort')}
            </span>
          ) : null}
        </td>
      </>
    );
  };
  return (
    <TableScroll label={caption}>
      <table className="table table-compact">
        <caption className="table-caption">{caption}</caption>
        <TableHead
          columns={[
            head,
            { label: t('budget.figures.budget'), numeric: true },
            { label: t('budget.figures.committed'), numeric: true },
            { label: t('budget.figures.spent'), numeric: true },
            { label: t('budget.figures.remaining'), numeric: true },
            { label: t('budget.figures.spentShare'), numeric: true },
          ]}
        />
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="cell-title">
                {r.label}
              </th>
              {cells(r.figures, r.warning)}
            </tr>
          ))}
          {showUnallocated ? (
            <tr className="row-muted">
              <th scope="row">{unallocatedLabel}</th>
              {cells(unallocated)}
            </tr>
          ) : null}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Every breakdown the analysis answers with, as tables. */
export function BudgetBreakdowns({ analysis: a }: { analysis: BudgetAnalysis }) {
  const { t } = useTranslation();
  const outcomeCode = new Map(a.byOutcome.rows.map((o) => [o.outcomeId, o.code]));
  return (
    <div className="stack">
      <FiguresTable
        caption={t('budget.analysis.byLine')}
        head={t('budget.lines.line')}
        rows={a.byLine.rows.map((r) => ({ key: r.id, label: r.code ? `${r.code} ${r.title}` : r.title, figures: r, warning: r.warning }))}
        unallocated={a.byLine.unallocated}
        unallocatedLabel={t('budget.analysis.noLine')}
      />
      <FiguresTable
        caption={t('budget.analysis.byOutcome')}
        head={t('budget.analysis.outcome')}
        rows={a.byOutcome.rows.map((r) => ({
          key: r.outcomeId,
          label: t('budget.analysis.outcomeLabel', { code: r.code, title: r.title }),
          figures: r,
        }))}
        unallocated={a.byOutcome.unallocated}
        unallocatedLabel={t('budget.analysis.noActivity')}
      />
      <FiguresTable
        caption={t('budget.analysis.byOutput')}
        head={t('budget.analysis.output')}
        rows={a.byOutput.rows.map((r) => ({
          key: r.outputId,
          label: t('budget.analysis.outputLabel', { code: r.code, title: r.title }),
          figures: r,
        }))}
        unallocated={a.byOutput.unallocated}
        unallocatedLabel={t('budget.analysis.noOutput')}
      />
      <FiguresTable
        caption={t('budget.analysis.byActivity')}
        head={t('budget.lines.activity')}
        rows={a.byActivity.rows.map((r) => ({
          key: r.activityId,
          label: (
            <>
              {outcomeCode.get(r.outcomeId) ? (
                <span className="muted small">{t('budget.analysis.underOutcome', { code: outcomeCode.get(r.outcomeId) })} </span>
              ) : null}
              {r.title}
            </>
          ),
          figures: r,
        }))}
        unallocated={a.byActivity.unallocated}
        unallocatedLabel={t('budget.analysis.noActivity')}
      />
      <FiguresTable
        caption={t('budget.analysis.byCategory')}
        head={t('budget.lines.category')}
        rows={a.byCategory.rows.map((r) => ({ key: r.category, label: t(`budget.category.${r.category}`), figures: r }))}
        unallocated={a.byCategory.unallocated}
        unallocatedLabel={t('budget.analysis.noLine')}
      />
    </div>
  );
}

/** How far a line may overspend before it is flagged. */
export function ToleranceForm({ projectId, settings }: { projectId: number; settings: BudgetAnalysis['settings'] }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(settings.tolerancePercent));
  const [version, setVersion] = useState(settings.version);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const mutation = useUpdateBudgetSettings({ onSuccess: () => setSaved(true) });
  const saveError = describeSaveError(t, mutation.error);
  const errors = { ...saveError.fieldErrors, ...clientErrors };
  if (settings.version !== version && !mutation.isPending && !saveError.isConflict) {
    setVersion(settings.version);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const n = Number(value.replace(',', '.'));
    const parsed = UpdateBudgetSettingsInput.safeParse({ version, tolerancePercent: value.trim() === '' ? Number.NaN : n });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(t, parsed.error.issues));
      return;
    }
    setClientErrors({});
    mutation.mutate({ projectId, input: parsed.data });
  };
  const reload = () => {
    const current = isApiError(mutation.error) ? mutation.error.current(BudgetSettingsSchema) : null;
    if (current) setVersion(current.version);
    mutation.reset();
  };
  return (
    <form className="form tolerance-form" onSubmit={submit} noValidate>
      {saveError.isConflict ? <ConflictNotice onReload={reload} /> : null}
      {saveError.banner ? <ErrorBanner error={saveError.banner} /> : null}
      <div className="inline-form">
        <Field label={t('budget.tolerance.label')} error={errors.tolerancePercent} hint={t('budget.tolerance.hint')}>
          <Input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} className="input-narrow" />
        </Field>
        <Button type="submit" busy={mutation.isPending}>
          {t('common.save')}
        </Button>
      </div>
      <p className="form-status" role="status">
        {saved ? t('budget.tolerance.saved') : ''}
      </p>
    </form>
  );
}
