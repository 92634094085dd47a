import { issue } from '@shared/issues';
import type { IatiImportActivity } from '@shared/schemas/iati';
import type { AuthUser } from '../../core/auth-user';
import { AppError, refused } from '../../core/errors';
import type { Db } from '../../db/client';
import type { IatiRepository } from './iati.repository';
import { importIndicators } from './import-indicators';
import { importBudget, importTransactions } from './import-money';
import type { ActivityPlan } from './import-plan';
import { importOutcomes, importOutputs } from './import-results';
import { assertUpdated, importStep, type ImportStep } from './import-step';
import { clip } from './xml';

type Counts = { create: number; update: number; unchanged: number };
const zero = (): Counts => ({ create: 0, update: 0, unchanged: 0 });

/**
 * Applies (or, with write false, only counts) one activity's plan. The caller runs it
 * in a transaction; on a dry run nothing is written and ids of new records are made up.
 * Every table is written through its owner, and every record created or changed gets its
 * audit row.
 */
export async function applyPlan(
  db: Db,
  repo: IatiRepository,
  user: AuthUser,
  plan: ActivityPlan,
  write: boolean,
  canUpdate: (projectId: number) => Promise<boolean>,
): Promise<IatiImportActivity> {
  const out: IatiImportActivity = {
    identifier: plan.identifier,
    code: plan.code,
    title: plan.project.title,
    action: 'create',
    projectId: null,
    outcomes: zero(),
    outputs: zero(),
    indicators: zero(),
    periods: zero(),
    values: zero(),
    budgets: zero(),
    transactions: zero(),
    warnings: [...plan.warnings],
  };
  const existing = await repo.projectByCode(plan.code);
  const record = existing ? await repo.record(existing.id) : undefined;
  if (existing) {
    // The same answer whether the caller cannot see the project or may not change it, and it names only the file's own identifier.
    if (!(await canUpdate(existing.id))) throw refused('CONFLICT', issue('iati.project_not_updatable', { identifier: clip(plan.identifier) }));
    if (existing.currency !== plan.project.currency) {
      throw new AppError('CONFLICT', `Project ${plan.code} keeps its money in ${existing.currency}; the file gives ${plan.project.currency}`, {
        code: plan.code,
      });
    }
    out.action = 'update';
  }
  const step = importStep(db, { repo, user, plan, write, out, record });
  await importProject(step);
  out.projectId = write || existing ? step.projectId : null;

  const outcomes = await importOutcomes(step);
  const outputs = await importOutputs(step, outcomes.idOf);
  const indicators = importIndicators(step);
  await indicators(plan.goalIndicators, { outcomeId: null, outputId: null });
  for (const n of outcomes.order) {
    const node = plan.outcomes.get(n);
    if (node) await indicators(node.indicators, { outcomeId: outcomes.idOf.get(n)!, outputId: null });
  }
  for (const key of outputs.keys) await indicators(plan.outputs.get(key)!.indicators, { outcomeId: null, outputId: outputs.idOf.get(key)! });

  await importBudget(step);
  await importTransactions(step);
  return out;
}

/** The project record: created with its member states (and its importer as member), or brought up to the file. */
async function importProject(step: ImportStep): Promise<void> {
  const { plan, record, user, write } = step;
  const projects = step.repo.tables.projects;
  const p = plan.project;
  const fields = {
    title: p.title,
    description: p.description,
    goal: p.goal,
    status: p.status,
    coverage: p.coverage,
    startYear: p.startYear,
    endYear: p.endYear,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    budgetMinor: p.budgetMinor,
    implementingOrg: p.implementingOrg,
    funder: p.funder,
    illustrative: p.illustrative,
    ...(p.type ? { type: p.type } : {}),
    ...(p.region ? { region: p.region } : {}),
  };
  const existing = record?.project;
  if (existing) {
    step.projectId = existing.id;
    const changed =
      Object.entries(fields).some(([k, v]) => (existing as Record<string, unknown>)[k] !== v) || record.countries.join() !== plan.countries.join();
    if (changed && write) {
      assertUpdated(await projects.updateVersioned(existing.id, existing.version, fields), existing);
      await projects.setCountries(existing.id, plan.countries);
      await step.audit('project', existing.id, 'update', existing, fields);
    }
    return;
  }
  step.projectId = await step.create(async () => {
    const created = await projects.insert(
      { code: plan.code, currency: p.currency, type: p.type ?? 'other', region: p.region ?? 'global', ...fields },
      plan.countries,
    );
    step.projectId = created.id;
    if (user.role !== 'admin') await projects.addMember(created.id, user.id);
    await step.audit('project', created.id, 'create', null, { code: plan.code, ...fields });
    return created.id;
  });
}
