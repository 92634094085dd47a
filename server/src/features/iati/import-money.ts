import { type ImportStep } from './import-step';

/** The original budget sits on the project record; a revision becomes one line, unless the project has lines already. */
export async function importBudget(step: ImportStep): Promise<void> {
  const { plan, record, out, write, projectId } = step;
  const p = plan.project;
  const existing = record?.project;
  if (existing && existing.budgetMinor === p.budgetMinor) out.budgets.unchanged += 1;
  else if (existing) out.budgets.update += 1;
  else out.budgets.create += 1;
  if (plan.revisedBudgetMinor === null) return;
  if ((record?.lines.length ?? 0) > 0) {
    const current = record!.lines.reduce((s, l) => s + (l.revisedMinor ?? l.originalMinor), 0);
    if (current === plan.revisedBudgetMinor) out.budgets.unchanged += 1;
    else out.warnings.push("The revised budget differs from the project's budget lines; the lines were kept");
    return;
  }
  out.budgets.create += 1;
  if (!write) return;
  const line = await step.repo.tables.money.insertLine({
    projectId,
    code: 'IATI',
    title: 'Budget (imported from IATI)',
    category: 'other',
    originalMinor: p.budgetMinor,
    revisedMinor: plan.revisedBudgetMinor,
    currency: p.currency,
    illustrative: plan.illustrativeParts,
  });
  await step.audit('budget_line', line.id, 'create', null, line);
}

/** Transactions become ledger entries; an entry with the same type, date, amount and reference is already there. */
export async function importTransactions(step: ImportStep): Promise<void> {
  const { plan, record, out, write, projectId } = step;
  const currency = plan.project.currency;
  const entries = record?.entries ?? [];
  for (const t of plan.transactions) {
    const dup = entries.find((e) => e.type === t.type && e.date === t.date && e.convertedMinor === t.minor && e.reference === t.reference);
    if (dup) {
      out.transactions.unchanged += 1;
      continue;
    }
    out.transactions.create += 1;
    if (!write) continue;
    const entry = await step.repo.tables.money.insertEntry({
      projectId,
      type: t.type,
      date: t.date,
      amountMinor: t.minor,
      currency,
      fxRate: '1',
      convertedMinor: t.minor,
      convertedCurrency: currency,
      payee: t.payee,
      reference: t.reference,
      description: t.description,
      correction: t.minor < 0,
      illustrative: plan.illustrativeParts,
    });
    await step.audit('expenditure', entry.id, 'create', null, entry);
  }
}
