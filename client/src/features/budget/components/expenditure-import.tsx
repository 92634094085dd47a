import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrencyCode } from '@shared/money';
import type { BudgetLine } from '@shared/schemas/budget';
import { IMPORT_COLUMNS, ImportRowErrorSchema, type ImportResult, type ImportRowError } from '@shared/schemas/budget-ledger';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { TableScroll } from '@/components/ui/layout';
import { TableHead } from '@/components/ui/table-head';
import { isApiError } from '@/lib/api-client';
import { issueText } from '@/lib/errors';
import { formatDate, formatMoney, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useCommitImport, usePreviewImport } from '../api/import-expenditures';

/** Row errors of a refused import (400 VALIDATION_FAILED carries them in details.errors). */
function rowErrorsOf(error: unknown): ImportRowError[] {
  if (!isApiError(error) || typeof error.details !== 'object' || error.details === null) return [];
  const list = (error.details as { errors?: unknown }).errors;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e) => {
    const parsed = ImportRowErrorSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
}

type ExpenditureImportProps = {
  projectId: number;
  projectCurrency: CurrencyCode;
  lines: BudgetLine[];
  onDone: (created?: number) => void;
};

/** A ledger CSV: checked first (every row, every error), then imported all at once or not at all. */
export function ExpenditureImport({ projectId, projectCurrency, lines, onDone }: ExpenditureImportProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [file, setFile] = useState<File | null>(null);
  const preview = usePreviewImport();
  const commit = useCommitImport({ onSuccess: () => undefined });
  const result: ImportResult | undefined = preview.data;
  const errors = commit.isError ? rowErrorsOf(commit.error) : (result?.errors ?? []);
  const lineOf = new Map(lines.map((l) => [l.id, l]));

  const check = () => {
    if (!file) return;
    commit.reset();
    preview.mutate({ projectId, file });
  };

  return (
    <div className="stack csv-import">
      <p className="muted small">{t('budget.import.help', { columns: IMPORT_COLUMNS.join(', '), currency: projectCurrency })}</p>
      <div className="import-pick">
        <Field label={t('budget.import.file')}>
          <Input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              preview.reset();
              commit.reset();
            }}
          />
        </Field>
        <Button onClick={check} disabled={!file} busy={preview.isPending}>
          {t('budget.import.check')}
        </Button>
      </div>
      {preview.isError ? <ErrorBanner error={preview.error} /> : null}
      {commit.isError && errors.length === 0 ? <ErrorBanner error={commit.error} /> : null}
      {result ? (
        result.valid && !commit.isError ? (
          <Notice tone="success">
            {t('budget.import.valid', {
              count: result.rowCount,
              spent: formatMoney(result.sums.spent, locale),
              committed: formatMoney(result.sums.committed, locale),
            })}
          </Notice>
        ) : (
          <Notice tone="warning" role="alert">
            <span aria-hidden="true">⚠ </span>
            {t('budget.import.invalid', { count: errors.length })}
          </Notice>
        )
      ) : null}
      {errors.length > 0 ? (
        <TableScroll label={t('budget.import.errorsTitle')}>
          <table className="table table-compact">
            <caption className="table-caption">{t('budget.import.errorsTitle')}</caption>
            <TableHead columns={[{ label: t('budget.import.row'), numeric: true }, t('budget.import.column'), t('budget.import.problem')]} />
            <tbody>
              {errors.map((e, i) => (
                <tr key={`${e.row}-${e.field}-${i}`}>
                  <td className="num">{formatNumber(e.row, locale)}</td>
                  <td className="mono">{e.field || t('common.notSet')}</td>
                  <td>{issueText(t, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {result && result.rows.length > 0 ? (
        <TableScroll label={t('budget.import.previewTitle')}>
          <table className="table table-compact">
            <caption className="table-caption">{t('budget.import.previewTitle')}</caption>
            <TableHead
              columns={[
                { label: t('budget.import.row'), numeric: true },
                t('budget.entry.fields.date'),
                t('budget.entry.fields.type'),
                { label: t('budget.ledger.asEntered'), numeric: true },
                { label: t('budget.ledger.rate'), numeric: true },
                { label: t('budget.ledger.converted', { currency: projectCurrency }), numeric: true },
                t('budget.entry.fields.budgetLineId'),
                t('budget.entry.fields.payee'),
                t('budget.entry.fields.reference'),
              ]}
            />
            <tbody>
              {result.rows.map((r) => {
                const line = r.budgetLineId === null ? undefined : lineOf.get(r.budgetLineId);
                return (
                  <tr key={r.row}>
                    <td className="num">{formatNumber(r.row, locale)}</td>
                    <td className="nowrap">{formatDate(r.date, locale)}</td>
                    <td>
                      {t(`budget.entryType.${r.type}`)}
                      {r.correction ? ` (${t('budget.entry.correctionBadge')})` : ''}
                    </td>
                    <td className="num nowrap">{formatMoney(r.amount, locale)}</td>
                    <td className="num">{r.amount.currency === projectCurrency ? t('common.notSet') : r.fxRate}</td>
                    <td className="num nowrap">{formatMoney(r.converted, locale)}</td>
                    <td>{line ? line.code || line.title : t('budget.entry.noLine')}</td>
                    <td>{r.payee || t('common.notSet')}</td>
                    <td className="mono">{r.reference || t('common.notSet')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <div className="form-actions">
        <Button onClick={() => onDone()}>{t('common.cancel')}</Button>
        <Button
          variant="primary"
          disabled={!file || !result?.valid || commit.isError}
          busy={commit.isPending}
          onClick={() => file && commit.mutate({ projectId, file }, { onSuccess: (r) => onDone(r.created) })}
        >
          {t('budget.import.commit', { count: result?.valid ? result.rowCount : 0 })}
        </Button>
      </div>
    </div>
  );
}
