import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DIMENSION_PARTS, disaggregationIssues, isDisaggregationComplete, sumParts, type Disaggregation } from '@shared/calc/disaggregation';
import type { DisaggregationDimension } from '@shared/enums';
import { formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { parseDecimal } from './indicator-form';

/** What the user typed in each part, per dimension. */
export type PartsDraft = { [D in DisaggregationDimension]?: Record<string, string> };

export type DimensionCheck =
  | { kind: 'empty' }
  | { kind: 'invalid' }
  | { kind: 'needsTotal'; sum: number }
  | { kind: 'exceeds'; sum: number; total: number }
  | { kind: 'partial'; sum: number; total: number; missing: number }
  | { kind: 'short'; sum: number; total: number }
  | { kind: 'complete'; sum: number; total: number };

/** The typed parts as the API's breakdown (null for an empty part), or null when a part is not a number. */
export function partsOf(draft: Record<string, string> | undefined, dimension: DisaggregationDimension): Record<string, number | null> | null {
  const out: Record<string, number | null> = {};
  for (const name of DIMENSION_PARTS[dimension]) {
    const n = parseDecimal(draft?.[name] ?? '');
    if (n !== null && (Number.isNaN(n) || n < 0)) return null;
    out[name] = n;
  }
  return out;
}

/** The breakdown to send: only configured dimensions with at least one part; null when nothing was typed. */
export function toDisaggregation(draft: PartsDraft, configured: readonly DisaggregationDimension[]): Disaggregation | null {
  const out: Disaggregation = {};
  for (const d of configured) {
    const parts = partsOf(draft[d], d);
    if (!parts || Object.values(parts).every((v) => v === null)) continue;
    (out as Record<string, unknown>)[d] = parts;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The live sum check of one dimension, with the shared rules (shared/calc/disaggregation.ts):
 * parts may not add up to more than the total, and only parts that add up exactly are complete.
 */
export function checkDimension(total: number | null, draft: Record<string, string> | undefined, dimension: DisaggregationDimension): DimensionCheck {
  const parts = partsOf(draft, dimension);
  if (!parts) return { kind: 'invalid' };
  const names = DIMENSION_PARTS[dimension];
  const { sum, missing } = sumParts(parts, names);
  if (missing === names.length) return { kind: 'empty' };
  if (total === null || Number.isNaN(total)) return { kind: 'needsTotal', sum };
  const breakdown = { [dimension]: parts } as Disaggregation;
  if (isDisaggregationComplete(total, breakdown, [dimension])) return { kind: 'complete', sum, total };
  // The only rule left to break once a total is given: parts adding up to more than it.
  if (disaggregationIssues({ total, disaggregation: breakdown, configured: [dimension] }).length > 0) return { kind: 'exceeds', sum, total };
  if (missing > 0) return { kind: 'partial', sum, total, missing };
  return { kind: 'short', sum, total };
}

type DisaggregationGridProps = {
  configured: readonly DisaggregationDimension[];
  /** The value the parts must add up to; null while none is entered. */
  total: number | null;
  draft: PartsDraft;
  onChange: (dimension: DisaggregationDimension, part: string, text: string) => void;
  /** Server issues by dimension (e.g. "disaggregation.sex"). */
  errors?: Partial<Record<DisaggregationDimension, string>>;
  disabled?: boolean;
};

/** Inputs for the parts of a total by sex and/or participant group, with a live sum check per dimension. */
export function DisaggregationGrid({ configured, total, draft, onChange, errors, disabled = false }: DisaggregationGridProps) {
  const { t } = useTranslation();
  const id = useId();
  const locale = currentLocale();
  const n = (x: number) => formatNumber(x, locale, 2);
  return (
    <div className="disagg">
      {configured.map((dimension) => {
        const check = checkDimension(total, draft[dimension], dimension);
        const bad = check.kind === 'exceeds' || check.kind === 'invalid' || check.kind === 'needsTotal';
        const statusId = `${id}-${dimension}-status`;
        const serverError = errors?.[dimension];
        let message: string;
        switch (check.kind) {
          case 'empty':
            message = t('dataEntry.grid.empty');
            break;
          case 'invalid':
            message = t('dataEntry.grid.invalid');
            break;
          case 'needsTotal':
            message = t('dataEntry.grid.needsTotal');
            break;
          case 'exceeds':
            message = t('dataEntry.grid.exceeds', { sum: n(check.sum), total: n(check.total), over: n(check.sum - check.total) });
            break;
          case 'partial':
            message = t('dataEntry.grid.partial', { sum: n(check.sum), total: n(check.total), count: check.missing });
            break;
          case 'short':
            message = t('dataEntry.grid.short', { sum: n(check.sum), total: n(check.total), left: n(check.total - check.sum) });
            break;
          case 'complete':
            message = t('dataEntry.grid.complete', { total: n(check.total) });
            break;
        }
        const tone = bad ? 'error' : check.kind === 'complete' ? 'ok' : check.kind === 'empty' ? 'muted' : 'warn';
        return (
          <fieldset key={dimension} className={`fieldset disagg-dimension${bad || serverError ? ' field-invalid' : ''}`} aria-describedby={statusId}>
            <legend className="field-label">{t(`dataEntry.grid.by.${dimension}`)}</legend>
            <div className="disagg-parts">
              {DIMENSION_PARTS[dimension].map((part) => {
                const inputId = `${id}-${dimension}-${part}`;
                return (
                  <div className="disagg-part" key={part}>
                    <label className="field-label" htmlFor={inputId}>
                      {t(`dataEntry.parts.${part}`)}
                    </label>
                    <input
                      id={inputId}
                      className="input"
                      inputMode="decimal"
                      disabled={disabled}
                      value={draft[dimension]?.[part] ?? ''}
                      aria-invalid={bad || undefined}
                      aria-describedby={statusId}
                      onChange={(e) => onChange(dimension, part, e.target.value)}
                    />
                  </div>
                );
              })}
            </div>
            <p className={`disagg-status disagg-status-${tone}`} id={statusId} aria-live="polite">
              <span aria-hidden="true" className="disagg-icon">
                {tone === 'ok' ? '✓' : tone === 'error' ? '✕' : tone === 'warn' ? '!' : '·'}
              </span>{' '}
              {message}
            </p>
            {serverError ? <p className="field-error">{serverError}</p> : null}
          </fieldset>
        );
      })}
    </div>
  );
}
