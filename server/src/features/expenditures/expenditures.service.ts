import { convertMinor, parseRate } from '@shared/calc/fx';
import { explain } from '@shared/issue-messages';
import { fieldIssue, issue, ruleOfZodIssue, type CodedIssue, type FieldIssue } from '@shared/issues';
import { amountTooLarge, isAmountInRange, moneyFromMinor, sumMinor, toMinorUnits, type CurrencyCode, type Money } from '@shared/money';
import {
  CreateExpenditureInput,
  expenditureAmountIssues,
  fxRateIssues,
  IMPORT_COLUMNS,
  type Expenditure,
  type ExpenditureEvidence,
  type ExpenditureList,
  type ImportColumn,
  type ImportPreviewRow,
  type ImportResult,
  type ImportRowError,
  type ListExpendituresQuery,
  type UpdateExpenditureInput,
} from '@shared/schemas/budget-ledger';
import { writeAudit } from '../../core/audit';
import { createEvidenceFiles } from '../../core/evidence';
import type { FileStore } from '../../core/files';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { isBlankRecord, type CsvParse } from '../../core/tabular';
import { inTransaction, type Db } from '../../db/client';
import { AppError, notFound, validationFailed, versionConflict } from '../../core/errors';
import type { UploadedFile } from '../../core/uploads';
import type { AuthUser } from '../../core/auth-user';
import type { EntryInsert, ExpendituresRepository } from './expenditures.repository';

type Permission = 'project:read' | 'budget:edit';
type References = Awaited<ReturnType<ExpendituresRepository['references']>>;

/** An entry as the rules see it, whether posted, patched (merged) or read from a CSV row. */
type Draft = {
  type: 'commitment' | 'expenditure';
  date: string;
  amount: Money;
  fxRate?: string | null | undefined;
  budgetLineId: number | null;
  activityId: number | null;
  payee: string;
  reference: string;
  description: string;
  correction: boolean;
};

/**
 * Checks a draft against the project (rate rule, sign rule, lines and activities of this
 * project) and converts it once, half-even, into the project currency.
 */
function prepare(
  draft: Draft,
  projectCurrency: CurrencyCode,
  refs: References,
): { values: Omit<EntryInsert, 'projectId'> } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [...expenditureAmountIssues(draft), ...fxRateIssues(draft.amount.currency, draft.fxRate, projectCurrency)];
  if (draft.budgetLineId !== null && !refs.lineIds.has(draft.budgetLineId)) {
    issues.push(fieldIssue('budgetLineId', 'ref.not_project_budget_line'));
  }
  if (draft.activityId !== null && !refs.activityIds.has(draft.activityId)) {
    issues.push(fieldIssue('activityId', 'ref.not_project_activity'));
  }
  if (issues.length > 0) return { issues };
  const currency = draft.amount.currency as CurrencyCode;
  const amountMinor = toMinorUnits(draft.amount.amount, currency);
  const same = currency === projectCurrency;
  const rate = same ? { num: 1n, den: 1n } : parseRate(draft.fxRate ?? '');
  if (amountMinor === null || rate === null) return { issues: [fieldIssue('amount.amount', 'ledger.amount_invalid')] };
  // Checked here too for an update that keeps an amount stored before amounts were bounded.
  if (!isAmountInRange(amountMinor, currency)) return { issues: [{ path: 'amount.amount', ...amountTooLarge(currency) }] };
  let convertedMinor: number;
  try {
    convertedMinor = convertMinor(amountMinor, currency, projectCurrency, rate);
  } catch {
    return { issues: [fieldIssue('amount.amount', 'ledger.converted_too_large')] };
  }
  // What every sum counts is bounded like the amount as entered.
  if (!isAmountInRange(convertedMinor, projectCurrency)) return { issues: [fieldIssue('amount.amount', 'ledger.converted_too_large')] };
  return {
    values: {
      type: draft.type,
      date: draft.date,
      amountMinor,
      currency,
      fxRate: same ? '1' : (draft.fxRate as string),
      convertedMinor,
      convertedCurrency: projectCurrency,
      budgetLineId: draft.budgetLineId,
      activityId: draft.activityId,
      payee: draft.payee,
      reference: draft.reference,
      description: draft.description,
      correction: draft.correction,
    },
  };
}

const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
const HEADERS = new Map<string, ImportColumn>([
  ...IMPORT_COLUMNS.map((c) => [normaliseHeader(c), c] as const),
  ['rate', 'fxRate'],
  ['exchangerate', 'fxRate'],
  ['budgetline', 'budgetLineCode'],
  ['line', 'budgetLineCode'],
  ['activity', 'activityId'],
  ['ref', 'reference'],
]);
/** A ledger is comma- or semicolon-separated, and a stray character after a quoted field is an error, with its line. */
export const LEDGER_CSV = { delimiters: [',', ';'], strictQuotes: true } as const;
const REQUIRED_COLUMNS: ImportColumn[] = ['date', 'amount', 'currency'];
const TYPE_VALUES: Record<string, string> = { '2': 'commitment', '4': 'expenditure' };
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);

/** Issue paths of the shared schema → the CSV column the user typed. */
function columnOf(path: string, usedCode: boolean): string {
  if (path === 'amount.amount' || path === 'amount') return 'amount';
  if (path === 'amount.currency') return 'currency';
  if (path === 'budgetLineId' && usedCode) return 'budgetLineCode';
  return path;
}

type CheckedCsv = { rowCount: number; rows: (ImportPreviewRow & { values: Omit<EntryInsert, 'projectId'> })[]; errors: ImportRowError[] };

/** Checks every row of a ledger CSV, read with LEDGER_CSV; writes nothing. */
function checkCsv(parsed: CsvParse, projectCurrency: CurrencyCode, refs: References): CheckedCsv {
  const errors: ImportRowError[] = [];
  if (parsed.error) {
    const { line, reason } = parsed.error;
    const problem = explain(reason === 'unclosed_quote' ? issue('csv.unclosed_quote', { line }) : issue('csv.text_after_quote', { line }));
    return { rowCount: 0, rows: [], errors: [{ row: line, field: '', ...problem }] };
  }
  const [header, ...data] = parsed.records;
  if (!header || isBlankRecord(header)) return { rowCount: 0, rows: [], errors: [{ row: 1, field: '', ...explain(issue('file.empty')) }] };

  const index = new Map<ImportColumn, number>();
  header.fields.forEach((h, i) => {
    const column = HEADERS.get(normaliseHeader(h));
    if (!column) errors.push({ row: 1, field: h, ...explain(issue('csv.unknown_column', { columns: IMPORT_COLUMNS.join(', ') })) });
    else if (index.has(column)) errors.push({ row: 1, field: h, ...explain(issue('csv.duplicate_column')) });
    else index.set(column, i);
  });
  for (const c of REQUIRED_COLUMNS) {
    if (!index.has(c)) errors.push({ row: 1, field: c, ...explain(issue('csv.column_required')) });
  }
  const rowsWithData = data.map((r, i) => ({ r, row: i + 2 })).filter(({ r }) => !isBlankRecord(r));
  if (rowsWithData.length === 0) errors.push({ row: 1, field: '', ...explain(issue('csv.no_rows')) });
  if (errors.length > 0) return { rowCount: rowsWithData.length, rows: [], errors };

  const rows: CheckedCsv['rows'] = [];
  for (const { r, row } of rowsWithData) {
    if (r.fields.length !== header.fields.length) {
      errors.push({ row, field: '', ...explain(issue('csv.field_count', { count: r.fields.length, expected: header.fields.length })) });
      continue;
    }
    const get = (c: ImportColumn) => {
      const i = index.get(c);
      return i === undefined ? '' : (r.fields[i] ?? '').trim();
    };
    const rowErrors: ImportRowError[] = [];
    const fail = (field: string, problem: CodedIssue) => rowErrors.push({ row, field, ...problem });

    const idOf = (c: ImportColumn): number | undefined => {
      const v = get(c);
      if (v === '') return undefined;
      if (!/^[1-9]\d{0,14}$/.test(v)) {
        fail(c, explain(issue('csv.not_positive_integer')));
        return undefined;
      }
      return Number(v);
    };
    const code = get('budgetLineCode');
    let budgetLineId = idOf('budgetLineId');
    if (code !== '') {
      const byCode = refs.lineByCode.get(code);
      if (byCode === undefined) fail('budgetLineCode', explain(issue('csv.line_code_unknown', { code })));
      else if (budgetLineId !== undefined && budgetLineId !== byCode) fail('budgetLineId', explain(issue('csv.line_id_mismatch')));
      else budgetLineId = byCode;
    }
    const correctionText = get('correction').toLowerCase();
    if (!TRUE.has(correctionText) && !FALSE.has(correctionText)) fail('correction', explain(issue('csv.correction_invalid')));
    const typeText = get('type').toLowerCase();

    const input = CreateExpenditureInput.safeParse({
      type: typeText === '' ? undefined : (TYPE_VALUES[typeText] ?? typeText),
      date: get('date'),
      amount: { amount: get('amount'), currency: get('currency').toUpperCase() },
      fxRate: get('fxRate') === '' ? undefined : get('fxRate'),
      budgetLineId: budgetLineId ?? null,
      activityId: idOf('activityId') ?? null,
      payee: get('payee'),
      reference: get('reference'),
      description: get('description'),
      correction: TRUE.has(correctionText),
    });
    if (!input.success) {
      for (const i of input.error.issues) {
        const rule = ruleOfZodIssue(i);
        // A rule of the shared schema keeps its code; zod's own checks keep theirs, with zod's English.
        const problem: CodedIssue = rule
          ? explain(rule)
          : i.code === 'invalid_value' && i.path[0] === 'type'
            ? explain(issue('csv.type_invalid'))
            : { code: i.code, params: {}, message: i.message };
        fail(columnOf(i.path.map(String).join('.'), code !== ''), problem);
      }
    }
    // Every problem of a row is reported at once, not the first only.
    const prepared = input.success ? prepare(input.data, projectCurrency, refs) : null;
    if (prepared && 'issues' in prepared) {
      for (const { path, ...problem } of prepared.issues) {
        const field = columnOf(path, code !== '');
        if (!rowErrors.some((e) => e.field === field)) fail(field, explain(problem));
      }
    }
    if (rowErrors.length > 0 || !prepared || 'issues' in prepared) {
      errors.push(...rowErrors);
      continue;
    }
    const v = prepared.values;
    rows.push({
      row,
      type: v.type,
      date: v.date,
      amount: moneyFromMinor(v.amountMinor, v.currency as CurrencyCode),
      fxRate: v.fxRate,
      converted: moneyFromMinor(v.convertedMinor, projectCurrency),
      budgetLineId: v.budgetLineId ?? null,
      activityId: v.activityId ?? null,
      payee: v.payee ?? '',
      reference: v.reference ?? '',
      correction: v.correction ?? false,
      values: v,
    });
  }
  return { rowCount: rowsWithData.length, rows, errors };
}

export function createExpendituresService(db: Db, repo: ExpendituresRepository, files: FileStore) {
  async function projectFor(user: AuthUser, projectId: number, permission: Permission) {
    await assertProjectAccess(db, user, projectId, permission);
    const project = await repo.project(projectId);
    if (!project) throw notFound('Project');
    return { id: project.id, currency: project.currency as CurrencyCode };
  }

  async function load(user: AuthUser, id: number, permission: Permission) {
    const entry = await assertRecordAccess(db, user, await repo.find(id), 'Expenditure', permission);
    return { entry, project: await projectFor(user, entry.projectId, permission) };
  }

  const evidence = createEvidenceFiles(db, files, {
    entity: 'expenditure_evidence',
    findRow: repo.findEvidenceRow,
    describe: (row) => repo.describeEvidence(row),
    deleteRow: repo.deleteEvidence,
  });

  async function valuesOrThrow(draft: Draft, project: { id: number; currency: CurrencyCode }) {
    const prepared = prepare(draft, project.currency, await repo.references(project.id));
    if ('issues' in prepared) throw validationFailed(prepared.issues);
    return prepared.values;
  }

  return {
    async list(user: AuthUser, projectId: number, query: ListExpendituresQuery): Promise<ExpenditureList> {
      const project = await projectFor(user, projectId, 'project:read');
      const page = await repo.list(projectId, query);
      return {
        items: page.items,
        total: page.total,
        page: page.page,
        pageSize: page.pageSize,
        sums: { committed: moneyFromMinor(page.committedMinor, project.currency), spent: moneyFromMinor(page.spentMinor, project.currency) },
      };
    },

    async create(user: AuthUser, projectId: number, input: CreateExpenditureInput): Promise<Expenditure> {
      return await inTransaction(db, async () => {
        const project = await projectFor(user, projectId, 'budget:edit');
        const id = await repo.insert({ ...(await valuesOrThrow(input, project)), projectId });
        const entry = await repo.find(id);
        if (!entry) throw notFound('Expenditure');
        await writeAudit(db, { userId: user.id, entity: 'expenditure', entityId: id, projectId, action: 'create', after: entry });
        return entry;
      });
    },

    async update(user: AuthUser, id: number, input: UpdateExpenditureInput): Promise<Expenditure> {
      return await inTransaction(db, async () => {
        const { entry: before, project } = await load(user, id, 'budget:edit');
        if (before.version !== input.version) throw versionConflict(before);
        const { version, ...changes } = input;
        // A new currency drops the old rate: a rate belongs to its currency pair.
        const currencyChanged = changes.amount !== undefined && changes.amount.currency !== before.amount.currency;
        const fxRate = changes.fxRate !== undefined ? changes.fxRate : currencyChanged ? null : before.fxRate;
        const values = await valuesOrThrow({ ...before, ...changes, fxRate }, project);
        if (!(await repo.updateVersioned(id, version, values))) throw versionConflict(await repo.find(id));
        const after = await repo.find(id);
        if (!after) throw notFound('Expenditure');
        await writeAudit(db, { userId: user.id, entity: 'expenditure', entityId: id, projectId: project.id, action: 'update', before, after });
        return after;
      });
    },

    /** Deletes the entry with its evidence rows, then its stored files. */
    async delete(user: AuthUser, id: number, version: number): Promise<void> {
      const storedNames = await inTransaction(db, async () => {
        const { entry: before, project } = await load(user, id, 'budget:edit');
        if (before.version !== version) throw versionConflict(before);
        const names = await repo.storedNamesOf(id);
        await repo.delete(id);
        await writeAudit(db, { userId: user.id, entity: 'expenditure', entityId: id, projectId: project.id, action: 'delete', before });
        return names;
      });
      await Promise.all(storedNames.map((n) => files.remove(n)));
    },

    /** Checked before the upload is read, so that nobody without access gets to send a file. */
    async assertCanAttach(user: AuthUser, id: number): Promise<void> {
      await load(user, id, 'budget:edit');
    },

    /** Stores an invoice or receipt of an entry, if its content is of an accepted type. */
    attach(user: AuthUser, id: number, upload: UploadedFile): Promise<ExpenditureEvidence> {
      return evidence.attach(user, upload, async (file) => {
        // Checked again: the entry may have been deleted while the file was written.
        const { entry, project } = await load(user, id, 'budget:edit');
        return await repo.insertEvidence({ ...file, projectId: project.id, expenditureId: entry.id });
      });
    },

    /** An evidence file to download, if the user may see its entry; 404 otherwise. */
    download(user: AuthUser, fileId: number): Promise<{ evidence: ExpenditureEvidence; data: Buffer }> {
      return evidence.download(fileId, async (row) => {
        await load(user, row.expenditureId, 'project:read');
      });
    },

    removeEvidence(user: AuthUser, fileId: number): Promise<void> {
      return evidence.remove(user, fileId, async (row) => {
        await load(user, row.expenditureId, 'budget:edit');
      });
    },

    /** Checked before the upload is read, so that nobody without access gets to send a file. */
    async assertCanImport(user: AuthUser, projectId: number): Promise<void> {
      await projectFor(user, projectId, 'budget:edit');
    },

    /**
     * Imports a ledger CSV. A dry run only checks and previews. Otherwise every row is
     * written in one transaction, or none: any row error answers 400 with all of them.
     */
    async importCsv(user: AuthUser, projectId: number, parsed: CsvParse, dryRun: boolean): Promise<ImportResult> {
      const run = async (): Promise<ImportResult> => {
        const project = await projectFor(user, projectId, 'budget:edit');
        const checked = checkCsv(parsed, project.currency, await repo.references(projectId));
        const sum = (type: 'commitment' | 'expenditure') =>
          moneyFromMinor(sumMinor(checked.rows.filter((r) => r.type === type).map((r) => r.values.convertedMinor as number)), project.currency);
        const result: ImportResult = {
          dryRun,
          valid: checked.errors.length === 0,
          rowCount: checked.rowCount,
          created: 0,
          rows: checked.rows.map(({ values: _values, ...preview }) => preview),
          errors: checked.errors,
          sums: { committed: sum('commitment'), spent: sum('expenditure') },
        };
        if (dryRun) return result;
        if (!result.valid) {
          throw new AppError('VALIDATION_FAILED', `${checked.errors.length} problem(s) in the file; nothing was imported`, {
            errors: checked.errors,
            issues: checked.errors.map(({ row, field, ...problem }) => ({ path: `row ${row}${field ? `.${field}` : ''}`, ...problem })),
          });
        }
        for (const r of checked.rows) {
          const id = await repo.insert({ ...r.values, projectId });
          await writeAudit(db, {
            userId: user.id,
            entity: 'expenditure',
            entityId: id,
            projectId,
            action: 'create',
            after: await repo.find(id),
            note: `CSV import, row ${r.row}`,
          });
        }
        return { ...result, created: checked.rows.length };
      };
      return dryRun ? await run() : await inTransaction(db, run);
    },
  };
}
export type ExpendituresService = ReturnType<typeof createExpendituresService>;
