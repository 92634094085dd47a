import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUDGET_CATEGORIES, EXPENDITURE_TYPES } from '@shared/calc/budget';
import type { CurrencyCode } from '@shared/money';
import type { BudgetLine } from '@shared/schemas/budget';
import type { Expenditure } from '@shared/schemas/budget-ledger';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input, Options, RecordOptions, Select } from '@/components/ui/field';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { formatDate, formatMoney, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useDeleteExpenditure } from '../api/delete-expenditure';
import { useDeleteExpenditureEvidence } from '../api/delete-expenditure-evidence';
import { useExpenditures, type ExpenditureListParams } from '../api/list-expenditures';
import { expenditureEvidenceUrl, useUploadExpenditureEvidence } from '../api/upload-expenditure-evidence';
import { ExpenditureForm } from './expenditure-form';
import { ExpenditureImport } from './expenditure-import';

const PAGE_SIZE = 25;
const FILTER_KEYS = ['type', 'budgetLineId', 'activityId', 'category', 'currency', 'from', 'to', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;
const EMPTY: Filters = { type: '', budgetLineId: '', activityId: '', category: '', currency: '', from: '', to: '', q: '' };

type LedgerProps = {
  projectId: number;
  projectCurrency: CurrencyCode;
  lines: BudgetLine[];
  activities: { id: number; title: string }[];
  canEdit: boolean;
};

/** The ledger of commitments and expenditures: filters, pages, sums of every match. */
export function ExpenditureLedger({ projectId, projectCurrency, lines, activities, canEdit }: LedgerProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [mode, setMode] = useState<'list' | 'add' | 'import' | Expenditure>('list');
  const [deleting, setDeleting] = useState<Expenditure | null>(null);
  const [announce, setAnnounce] = useState('');
  const remove = useDeleteExpenditure({ onSuccess: () => setDeleting(null) });

  const params: ExpenditureListParams = { page: String(page), pageSize: String(PAGE_SIZE) };
  for (const k of FILTER_KEYS) {
    const v = filters[k].trim();
    if (!v) continue;
    // "No budget line" is its own query parameter, not a line id.
    if (k === 'budgetLineId' && v === 'none') params.noBudgetLine = 'true';
    else (params as Record<string, string>)[k] = v;
  }
  const query = useExpenditures(projectId, params);
  const lineOf = new Map(lines.map((l) => [l.id, l]));
  const activityOf = new Map(activities.map((a) => [a.id, a.title]));
  const setFilter = (k: FilterKey, v: string) => {
    setFilters((f) => ({ ...f, [k]: v }));
    setPage(1);
  };
  const hasFilters = FILTER_KEYS.some((k) => filters[k] !== '');
  const usedCurrencies = [...new Set([projectCurrency, 'TJS', 'RUB', 'EUR', 'USD'])];

  const data = query.data;
  const total = data?.total ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const deleteMessage = remove.error
    ? isApiError(remove.error) && remove.error.isVersionConflict
      ? t('budget.ledger.deleteConflict')
      : errorMessage(t, remove.error)
    : null;

  return (
    <div className="stack ledger">
      {canEdit && mode === 'list' ? (
        <div className="button-row">
          <Button variant="primary" onClick={() => setMode('add')}>
            {t('budget.entry.add')}
          </Button>
          <Button onClick={() => setMode('import')}>{t('budget.import.open')}</Button>
        </div>
      ) : null}
      {canEdit && (mode === 'add' || typeof mode === 'object') ? (
        <div className="inline-panel">
          <h3 className="subheading">{mode === 'add' ? t('budget.entry.addTitle') : t('budget.entry.editTitle')}</h3>
          <ExpenditureForm
            key={mode === 'add' ? 'new' : mode.id}
            projectId={projectId}
            projectCurrency={projectCurrency}
            lines={lines}
            activities={activities}
            entry={mode === 'add' ? undefined : mode}
            onDone={(saved) => {
              setMode('list');
              if (saved) setAnnounce(t('budget.entry.saved', { amount: formatMoney(saved.converted, locale) }));
            }}
          />
        </div>
      ) : null}
      {canEdit && mode === 'import' ? (
        <div className="inline-panel">
          <h3 className="subheading">{t('budget.import.title')}</h3>
          <ExpenditureImport
            projectId={projectId}
            projectCurrency={projectCurrency}
            lines={lines}
            onDone={(created) => {
              setMode('list');
              if (created) setAnnounce(t('budget.import.done', { count: created }));
            }}
          />
        </div>
      ) : null}
      <p className="form-status" role="status">
        {announce}
      </p>

      <details className="ledger-filters" open={hasFilters || undefined}>
        <summary>{t('budget.ledger.filters')}</summary>
        <div className="filters-grid">
          <Field label={t('budget.entry.fields.type')}>
            <Select value={filters.type} onChange={(e) => setFilter('type', e.target.value)}>
              <option value="">{t('budget.ledger.all')}</option>
              <Options values={EXPENDITURE_TYPES} label={(k) => t(`budget.entryType.${k}`)} />
            </Select>
          </Field>
          <Field label={t('budget.entry.fields.budgetLineId')}>
            <Select value={filters.budgetLineId} onChange={(e) => setFilter('budgetLineId', e.target.value)}>
              <option value="">{t('budget.ledger.all')}</option>
              <option value="none">{t('budget.entry.noLine')}</option>
              {lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.code ? `${l.code} — ${l.title}` : l.title}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('budget.lines.category')}>
            <Select value={filters.category} onChange={(e) => setFilter('category', e.target.value)}>
              <option value="">{t('budget.ledger.all')}</option>
              <Options values={BUDGET_CATEGORIES} label={(c) => t(`budget.category.${c}`)} />
            </Select>
          </Field>
          <Field label={t('budget.entry.fields.activityId')}>
            <Select value={filters.activityId} onChange={(e) => setFilter('activityId', e.target.value)}>
              <option value="">{t('budget.ledger.all')}</option>
              <RecordOptions records={activities} label={(a) => a.title} />
            </Select>
          </Field>
          <Field label={t('budget.entry.fields.currency')}>
            <Select value={filters.currency} onChange={(e) => setFilter('currency', e.target.value)}>
              <option value="">{t('budget.ledger.all')}</option>
              <Options values={usedCurrencies} label={(c) => c} />
            </Select>
          </Field>
          <Field label={t('budget.ledger.from')}>
            <Input type="date" value={filters.from} onChange={(e) => setFilter('from', e.target.value)} />
          </Field>
          <Field label={t('budget.ledger.to')}>
            <Input type="date" value={filters.to} onChange={(e) => setFilter('to', e.target.value)} />
          </Field>
          <Field label={t('budget.ledger.search')}>
            <Input
              type="search"
              value={filters.q}
              onChange={(e) => setFilter('q', e.target.value)}
              placeholder={t('budget.ledger.searchPlaceholder')}
            />
          </Field>
        </div>
        {hasFilters ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setFilters(EMPTY);
              setPage(1);
            }}
          >
            {t('budget.ledger.clearFilters')}
          </Button>
        ) : null}
      </details>

      {query.isPending ? <LoadingBlock label={t('budget.ledger.loading')} /> : null}
      {query.isError ? <ErrorBanner error={query.error} onRetry={() => void query.refetch()} /> : null}
      {data ? (
        <>
          <p className="result-count" role="status" aria-live="polite">
            {t('budget.ledger.count', {
              count: total,
              formatted: formatNumber(total, locale),
              spent: formatMoney(data.sums.spent, locale),
              committed: formatMoney(data.sums.committed, locale),
            })}
          </p>
          {data.items.length === 0 ? (
            <EmptyState>{t('budget.ledger.empty')}</EmptyState>
          ) : (
            <TableScroll label={t('budget.ledger.title')}>
              <table className="table table-compact ledger-table">
                <thead>
                  <tr>
                    <th scope="col">{t('budget.entry.fields.date')}</th>
                    <th scope="col">{t('budget.entry.fields.type')}</th>
                    <th scope="col" className="num">
                      {t('budget.ledger.asEntered')}
                    </th>
                    <th scope="col" className="num">
                      {t('budget.ledger.rate')}
                    </th>
                    <th scope="col" className="num">
                      {t('budget.ledger.converted', { currency: projectCurrency })}
                    </th>
                    <th scope="col">{t('budget.entry.fields.budgetLineId')}</th>
                    <th scope="col">{t('budget.entry.fields.activityId')}</th>
                    <th scope="col">{t('budget.entry.fields.payee')}</th>
                    <th scope="col">{t('budget.entry.fields.reference')}</th>
                    <th scope="col">{t('budget.entry.fields.evidence')}</th>
                    {canEdit ? <th scope="col">{t('common.actions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((e) => {
                    const line = e.budgetLineId === null ? null : lineOf.get(e.budgetLineId);
                    return (
                      <tr key={e.id}>
                        <td className="nowrap">{formatDate(e.date, locale)}</td>
                        <td>
                          {t(`budget.entryType.${e.type}`)}
                          {e.correction ? (
                            <>
                              {' '}
                              <Badge tone="warning">{t('budget.entry.correctionBadge')}</Badge>
                            </>
                          ) : null}
                        </td>
                        <td className="num nowrap">{formatMoney(e.amount, locale)}</td>
                        <td className="num">{e.amount.currency === projectCurrency ? t('common.notSet') : e.fxRate}</td>
                        <td className="num nowrap">
                          <strong>{formatMoney(e.converted, locale)}</strong>
                        </td>
                        <td>
                          {line ? line.code ? `${line.code} — ${line.title}` : line.title : <span className="muted">{t('budget.entry.noLine')}</span>}
                        </td>
                        <td>{e.activityId === null ? t('common.notSet') : (activityOf.get(e.activityId) ?? `#${e.activityId}`)}</td>
                        <td>{e.payee || t('common.notSet')}</td>
                        <td className="mono">{e.reference || t('common.notSet')}</td>
                        <td>
                          <EvidenceCell entry={e} canEdit={canEdit} />
                        </td>
                        {canEdit ? (
                          <td>
                            <div className="row-actions">
                              <Button size="sm" variant="ghost" onClick={() => setMode(e)}>
                                {t('common.edit')}
                                <span className="visually-hidden"> {e.reference || formatDate(e.date, locale)}</span>
                              </Button>
                              <Button
                                size="sm"
                                variant="ghost"
                                className="btn-danger-text"
                                onClick={() => {
                                  remove.reset();
                                  setDeleting(e);
                                }}
                              >
                                {t('common.delete')}
                                <span className="visually-hidden"> {e.reference || formatDate(e.date, locale)}</span>
                              </Button>
                            </div>
                          </td>
                        ) : null}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          )}
          {lastPage > 1 ? (
            <nav className="pagination" aria-label={t('common.pagination')}>
              {page > 1 ? (
                <Button size="sm" variant="ghost" onClick={() => setPage(page - 1)}>
                  {t('common.previous')}
                </Button>
              ) : (
                <span />
              )}
              <span>{t('common.pageRange', { from: (page - 1) * PAGE_SIZE + 1, to: Math.min(total, page * PAGE_SIZE), total })}</span>
              {page < lastPage ? (
                <Button size="sm" variant="ghost" onClick={() => setPage(page + 1)}>
                  {t('common.next')}
                </Button>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        danger
        title={t('budget.ledger.deleteTitle')}
        message={
          <p>
            {t('budget.ledger.deleteConfirm', {
              amount: deleting ? formatMoney(deleting.amount, locale) : '',
              date: deleting ? formatDate(deleting.date, locale) : '',
            })}
          </p>
        }
        confirmLabel={t('common.delete')}
        busy={remove.isPending}
        error={deleteMessage ? <p role="alert">{deleteMessage}</p> : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id, version: deleting.version })}
      />
    </div>
  );
}

/** Invoices and receipts of one entry: download links, and attach or remove for managers. */
function EvidenceCell({ entry, canEdit }: { entry: Expenditure; canEdit: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadExpenditureEvidence();
  const remove = useDeleteExpenditureEvidence();
  return (
    <div className="evidence-cell">
      {entry.evidence.length === 0 && !canEdit ? <span className="muted">{t('common.notSet')}</span> : null}
      <ul className="plain-list">
        {entry.evidence.map((f) => (
          <li key={f.id}>
            <a href={expenditureEvidenceUrl(f.id)} download>
              {f.fileName}
            </a>
            {canEdit ? (
              <Button
                size="sm"
                variant="ghost"
                className="btn-danger-text"
                onClick={() => remove.mutate({ fileId: f.id })}
                aria-label={t('budget.entry.removeEvidence', { name: f.fileName })}
              >
                <span aria-hidden="true">×</span>
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <>
          <input
            ref={input}
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate({ expenditureId: entry.id, file });
              e.target.value = '';
            }}
          />
          <Button size="sm" variant="ghost" busy={upload.isPending} onClick={() => input.current?.click()}>
            {t('budget.entry.attach')}
          </Button>
        </>
      ) : null}
      {upload.isError ? <p className="field-error">{errorMessage(t, upload.error)}</p> : null}
      {remove.isError ? <p className="field-error">{errorMessage(t, remove.error)}</p> : null}
    </div>
  );
}
