import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BUDGET_CATEGORIES } from '@shared/calc/budget';
import { minorUnitsOf, moneyFromMinor, sumMinor, type CurrencyCode } from '@shared/money';
import { BudgetLineSchema, CreateBudgetLineInput, UpdateBudgetLineInput, type BudgetAnalysis, type BudgetLine } from '@shared/schemas/budget';
import { FormAlerts } from '@/components/form/form-alerts';
import { DeleteRecordDialog, InlineFormSlot, RowButton } from '@/components/form/record-list';
import { useSaveForm } from '@/components/form/use-save-form';
import { Badge } from '@/components/ui/badge';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input, Options, RecordOptions, Select, Textarea } from '@/components/ui/field';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { TableHead } from '@/components/ui/table-head';
import { FormActions } from '@/components/form/form-actions';
import { formatDateTime, formatMoney } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useCreateBudgetLine } from '../api/create-budget-line';
import { useDeleteBudgetLine } from '../api/delete-budget-line';
import { useLineRevisions } from '../api/list-line-revisions';
import { useUpdateBudgetLine } from '../api/update-budget-line';
import { normaliseDecimal } from './money';

type LineFigures = BudgetAnalysis['byLine']['rows'][number];
type Open = { id: number; kind: 'history' | 'revise' | 'edit' } | null;

type BudgetLinesProps = {
  projectId: number;
  currency: CurrencyCode;
  lines: BudgetLine[];
  /** Spent and remaining per line, when the analysis has loaded. */
  figures?: ReadonlyMap<number, LineFigures>;
  activities: { id: number; title: string }[];
  canEdit: boolean;
};

/** The budget by category: original and revised amounts, what is spent, and each line's revisions. */
export function BudgetLines({ projectId, currency, lines, figures, activities, canEdit }: BudgetLinesProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [open, setOpen] = useState<Open>(null);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<BudgetLine | null>(null);
  const remove = useDeleteBudgetLine({ onSuccess: () => setDeleting(null) });
  const activityOf = new Map(activities.map((a) => [a.id, a.title]));
  const money = (minor: bigint) => formatMoney(moneyFromMinor(minor, currency), locale);
  const total = (list: BudgetLine[]) => sumMinor(list.map((l) => minorUnitsOf(l.current.amount, currency) ?? 0n));
  const cols = 8;
  const toggle = (id: number, kind: 'history' | 'revise' | 'edit') => setOpen((o) => (o?.id === id && o.kind === kind ? null : { id, kind }));

  const groups = BUDGET_CATEGORIES.map((c) => ({ category: c, lines: lines.filter((l) => l.category === c) })).filter((g) => g.lines.length > 0);

  return (
    <div className="stack">
      {lines.length === 0 ? (
        <EmptyState>{t('budget.lines.empty')}</EmptyState>
      ) : (
        <TableScroll label={t('budget.lines.title')}>
          <table className="table table-compact budget-lines">
            <TableHead
              columns={[
                t('budget.lines.line'),
                t('budget.lines.activity'),
                { label: t('budget.lines.original'), numeric: true },
                { label: t('budget.lines.revised'), numeric: true },
                { label: t('budget.lines.current'), numeric: true },
                { label: t('budget.figures.spent'), numeric: true },
                { label: t('budget.figures.remaining'), numeric: true },
                t('common.actions'),
              ]}
            />
            {groups.map((g) => {
              const subtotal = total(g.lines);
              return (
                <tbody key={g.category}>
                  <tr className="group-row">
                    <th scope="rowgroup" colSpan={4}>
                      {t(`budget.category.${g.category}`)}
                    </th>
                    <td className="num">{money(subtotal)}</td>
                    <td colSpan={cols - 5} />
                  </tr>
                  {g.lines.map((l) => {
                    const f = figures?.get(l.id);
                    const isOpen = (kind: 'history' | 'revise' | 'edit') => open?.id === l.id && open.kind === kind;
                    return (
                      <Fragment key={l.id}>
                        <tr>
                          <th scope="row" className="cell-title">
                            {l.code ? <span className="mono">{l.code} </span> : null}
                            {l.title}
                            {f?.warning ? (
                              <>
                                {' '}
                                <Badge tone="danger" title={t('budget.analysis.overHint')}>
                                  <span aria-hidden="true">⚠ </span>
                                  {t('budget.analysis.over', { amount: formatMoney(f.overBy, locale) })}
                                </Badge>
                              </>
                            ) : null}
                          </th>
                          <td className="cell-activity">
                            {l.activityId === null ? (
                              <span className="muted">{t('budget.lines.noActivity')}</span>
                            ) : (
                              (activityOf.get(l.activityId) ?? `#${l.activityId}`)
                            )}
                          </td>
                          <td className="num nowrap">{formatMoney(l.original, locale)}</td>
                          <td className="num nowrap">
                            {l.revised ? formatMoney(l.revised, locale) : <span className="muted">{t('budget.lines.notRevised')}</span>}
                          </td>
                          <td className="num nowrap">
                            <strong>{formatMoney(l.current, locale)}</strong>
                          </td>
                          <td className="num nowrap">{f ? formatMoney(f.spent, locale) : '…'}</td>
                          <td className="num nowrap">{f ? formatMoney(f.remaining, locale) : '…'}</td>
                          <td>
                            <div className="row-actions">
                              <RowButton
                                label={t('budget.lines.showRevisions')}
                                name={l.title}
                                aria-expanded={isOpen('history')}
                                onClick={() => toggle(l.id, 'history')}
                              />
                              {canEdit ? (
                                <>
                                  <RowButton
                                    label={t('budget.lines.revise')}
                                    name={l.title}
                                    aria-expanded={isOpen('revise')}
                                    onClick={() => toggle(l.id, 'revise')}
                                  />
                                  <RowButton
                                    label={t('common.edit')}
                                    name={l.title}
                                    aria-expanded={isOpen('edit')}
                                    onClick={() => toggle(l.id, 'edit')}
                                  />
                                  <RowButton
                                    danger
                                    label={t('common.delete')}
                                    name={l.title}
                                    onClick={() => {
                                      remove.reset();
                                      setDeleting(l);
                                    }}
                                  />
                                </>
                              ) : null}
                            </div>
                          </td>
                        </tr>
                        {open?.id === l.id ? (
                          <tr className="detail-row">
                            <td colSpan={cols}>
                              {open.kind === 'history' ? <RevisionHistory lineId={l.id} /> : null}
                              {open.kind === 'revise' && canEdit ? <ReviseForm line={l} currency={currency} onDone={() => setOpen(null)} /> : null}
                              {open.kind === 'edit' && canEdit ? (
                                <LineForm projectId={projectId} currency={currency} line={l} activities={activities} onDone={() => setOpen(null)} />
                              ) : null}
                            </td>
                          </tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </tbody>
              );
            })}
            <tfoot>
              <tr className="row-total">
                <th scope="row" colSpan={4}>
                  {t('budget.lines.total')}
                </th>
                <td className="num nowrap">{money(total(lines))}</td>
                <td colSpan={cols - 5} />
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
      <InlineFormSlot canEdit={canEdit} open={adding} heading={t('budget.lines.add')} addLabel={t('budget.lines.add')} onAdd={() => setAdding(true)}>
        <LineForm projectId={projectId} currency={currency} activities={activities} onDone={() => setAdding(false)} />
      </InlineFormSlot>
      <DeleteRecordDialog
        record={deleting}
        title={t('budget.lines.deleteTitle')}
        message={t('budget.lines.deleteConfirm', { title: deleting?.title ?? '' })}
        remove={remove}
        refusal={(error) => (error.code === 'HAS_DEPENDENTS' ? t('budget.lines.hasEntries') : null)}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}

function RevisionHistory({ lineId }: { lineId: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const query = useLineRevisions(lineId);
  if (query.isPending) return <LoadingBlock label={t('budget.lines.loadingRevisions')} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <div className="revisions">
      <p className="muted small">{t('budget.lines.originalWas', { amount: formatMoney(query.data.original, locale) })}</p>
      {query.data.items.length === 0 ? (
        <p className="muted small">{t('budget.lines.neverRevised')}</p>
      ) : (
        <ol className="plain-list revision-list" aria-label={t('budget.lines.revisionsOf')}>
          {query.data.items.map((r) => (
            <li key={r.id}>
              <strong>{t('budget.lines.revisedFromTo', { from: formatMoney(r.from, locale), to: formatMoney(r.to, locale) })}</strong>
              <span className="muted small">
                {' '}
                · {formatDateTime(r.at, locale)}
                {r.user ? ` · ${r.user.name}` : ''}
              </span>
              <p className="prose">{r.reason}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** A new amount for a line, with the reason it changed. */
function ReviseForm({ line, currency, onDone }: { line: BudgetLine; currency: CurrencyCode; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [amount, setAmount] = useState(line.current.amount);
  const [reason, setReason] = useState('');
  const mutation = useUpdateBudgetLine({ onSuccess: onDone });
  const form = useSaveForm({ mutation, record: BudgetLineSchema, version: line.version });
  const { errors } = form;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.save(
      UpdateBudgetLineInput,
      { version: form.version, amount: { amount: normaliseDecimal(amount), currency }, reason },
      (input) => mutation.mutate({ id: line.id, input }),
      { explain: (i) => (i.path[0] === 'reason' ? { ...i, message: t('budget.lines.reasonRequired') } : i) },
    );
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('budget.lines.reviseTitle', { title: line.title })}>
      <FormAlerts form={form} />
      <p className="muted small">
        {t('budget.lines.reviseHint', { current: formatMoney(line.current, locale), original: formatMoney(line.original, locale) })}
      </p>
      <div className="form-grid">
        <Field label={t('budget.lines.newAmount', { currency })} error={errors['amount.amount'] ?? errors.amount} required>
          <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
      </div>
      <Field label={t('budget.lines.reason')} error={errors.reason} required>
        <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
      </Field>
      <FormActions onCancel={onDone} busy={form.isPending}>
        {t('budget.lines.saveRevision')}
      </FormActions>
    </form>
  );
}

type LineFormProps = {
  projectId: number;
  currency: CurrencyCode;
  line?: BudgetLine;
  activities: { id: number; title: string }[];
  onDone: () => void;
};

/** A new line (with its original amount), or a line's code, title, category and activity. */
function LineForm({ projectId, currency, line, activities, onDone }: LineFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState({
    code: line?.code ?? '',
    title: line?.title ?? '',
    category: line?.category ?? 'other',
    activityId: line?.activityId ? String(line.activityId) : '',
    amount: '',
    notes: line?.notes ?? '',
  });
  const create = useCreateBudgetLine({ onSuccess: onDone });
  const update = useUpdateBudgetLine({ onSuccess: onDone });
  const form = useSaveForm({ mutation: line ? update : create, record: BudgetLineSchema, version: line?.version });
  const { errors } = form;
  const set = (k: keyof typeof values, v: string) => setValues((prev) => ({ ...prev, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = {
      code: values.code,
      title: values.title,
      category: values.category,
      activityId: values.activityId ? Number(values.activityId) : null,
      notes: values.notes,
    };
    if (line) form.save(UpdateBudgetLineInput, { ...fields, version: form.version }, (input) => update.mutate({ id: line.id, input }));
    else
      form.save(CreateBudgetLineInput, { ...fields, amount: { amount: normaliseDecimal(values.amount), currency } }, (input) =>
        create.mutate({ projectId, input }),
      );
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={line ? t('budget.lines.editTitle', { title: line.title }) : t('budget.lines.add')}
    >
      <FormAlerts form={form} />
      <div className="form-grid">
        <Field label={t('budget.lines.code')} error={errors.code} hint={t('budget.lines.codeHint')}>
          <Input value={values.code} onChange={(e) => set('code', e.target.value)} maxLength={20} />
        </Field>
        <Field label={t('budget.lines.titleField')} error={errors.title} required>
          <Input value={values.title} onChange={(e) => set('title', e.target.value)} maxLength={300} />
        </Field>
        <Field label={t('budget.lines.category')} error={errors.category} required>
          <Select value={values.category} onChange={(e) => set('category', e.target.value)}>
            <Options values={BUDGET_CATEGORIES} label={(c) => t(`budget.category.${c}`)} />
          </Select>
        </Field>
        <Field label={t('budget.lines.activity')} error={errors.activityId} hint={t('budget.lines.activityHint')}>
          <Select value={values.activityId} onChange={(e) => set('activityId', e.target.value)}>
            <option value="">{t('budget.lines.noActivity')}</option>
            <RecordOptions records={activities} label={(a) => a.title} />
          </Select>
        </Field>
        {line ? null : (
          <Field label={t('budget.lines.amount', { currency })} error={errors['amount.amount'] ?? errors.amount} required>
            <Input inputMode="decimal" value={values.amount} onChange={(e) => set('amount', e.target.value)} />
          </Field>
        )}
      </div>
      <Field label={t('budget.lines.notes')} error={errors.notes}>
        <Textarea rows={2} value={values.notes} onChange={(e) => set('notes', e.target.value)} maxLength={2000} />
      </Field>
      <FormActions onCancel={onDone} busy={form.isPending}>
        {line ? t('common.saveChanges') : t('budget.lines.add')}
      </FormActions>
    </form>
  );
}
