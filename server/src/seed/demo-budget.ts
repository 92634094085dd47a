import { and, eq } from 'drizzle-orm';
import { convertMinor, parseRate } from '@shared/calc/fx';
import type { ActivityKind } from '@shared/enums';
import { toMinorUnits, type CurrencyCode } from '@shared/money';
import { first, type Db } from '../db/client';
import { activities, activityDependencies, budgetLineRevisions, milestones, projects, subEvents, users } from '../db/schema';
import { createMoneyTables } from '../repositories/money.repository';
import { followUpPlan } from './demo-budget-follow-up';
import { ce0219Plan, type BudgetPlan, type SubEvent } from './demo-budget-plans';

/**
 * Budgets, ledgers, milestones, sub-events and dependencies of the demo projects. The
 * record of CE.0219 gives only its total (USD 150,000.00): every line, entry, date and
 * count here is illustrative and flagged so.
 */

const ILLUSTRATIVE_NOTE = 'Illustrative demo value, not from the published record.';

function minor(amount: string, currency: CurrencyCode): number {
  const value = toMinorUnits(amount, currency);
  if (value === null) throw new Error(`Seed amount ${amount} ${currency} is not valid`);
  return value;
}

async function seedProjectData(db: Db, code: string, plan: BudgetPlan, managerId: number | null) {
  const project = await first(db.select({ id: projects.id, currency: projects.currency }).from(projects).where(eq(projects.code, code)));
  if (!project) throw new Error(`Seed project ${code} is missing`);
  const projectId = project.id;
  const money = createMoneyTables(db);
  const currency = project.currency as CurrencyCode;
  const activityOf = new Map(
    (await db.select({ id: activities.id, kind: activities.kind }).from(activities).where(eq(activities.projectId, projectId))).map((a) => [
      a.kind as ActivityKind,
      a.id,
    ]),
  );
  const activityId = (kind: ActivityKind | null) => {
    if (kind === null) return null;
    const id = activityOf.get(kind);
    if (id === undefined) throw new Error(`Seed project ${code} has no ${kind} activity`);
    return id;
  };

  const lineIds = new Map<string, number>();
  for (const l of plan.lines) {
    const current = minor(l.amount, currency);
    const original = l.revision ? minor(l.revision.from, currency) : current;
    const id = (
      await money.insertLine({
        projectId,
        activityId: activityId(l.activity),
        code: l.code,
        title: l.title,
        category: l.category,
        originalMinor: original,
        revisedMinor: l.revision ? current : null,
        currency,
        notes: ILLUSTRATIVE_NOTE,
        illustrative: true,
      })
    ).id;
    lineIds.set(l.code, id);
    if (l.revision) {
      await db.insert(budgetLineRevisions).values({
        budgetLineId: id,
        projectId,
        fromMinor: original,
        toMinor: current,
        currency,
        reason: l.revision.reason,
        userId: managerId,
        at: `${l.revision.at}T09:00:00.000Z`,
      });
    }
  }

  for (const e of plan.entries) {
    const entryCurrency = e.currency ?? currency;
    const amountMinor = minor(e.amount, entryCurrency);
    const rateText = entryCurrency === currency ? '1' : (e.fxRate ?? '');
    const rate = parseRate(rateText);
    if (!rate) throw new Error(`Seed rate ${rateText} is not valid`);
    const line = e.line === null ? null : (lineIds.get(e.line) ?? null);
    await money.insertEntry({
      projectId,
      budgetLineId: line,
      activityId: null,
      type: e.type ?? 'expenditure',
      date: e.date,
      amountMinor,
      currency: entryCurrency,
      fxRate: rateText,
      convertedMinor: convertMinor(amountMinor, entryCurrency, currency, rate),
      convertedCurrency: currency,
      payee: e.payee,
      reference: e.reference ?? '',
      description: e.description ?? ILLUSTRATIVE_NOTE,
      correction: e.correction ?? false,
      illustrative: true,
    });
  }

  for (const m of plan.milestones) {
    await db.insert(milestones).values({ projectId, activityId: activityId(m.activity), ...m, illustrative: true });
  }

  for (const [kind, events] of Object.entries(plan.subEvents) as [ActivityKind, SubEvent[]][]) {
    const id = activityId(kind) as number;
    for (const s of events) {
      const p = s.participants;
      await db.insert(subEvents).values({
        projectId,
        activityId: id,
        title: s.title,
        date: s.date,
        endDate: s.endDate ?? null,
        place: s.place,
        participantsWomen: p.women,
        participantsMen: p.men,
        participantsGovernment: p.government,
        participantsDiaspora: p.diaspora,
        participantsCivilSociety: p.civilSociety,
        participantsInternational: p.international,
        notes: ILLUSTRATIVE_NOTE,
        illustrative: true,
      });
    }
  }

  for (const [from, to] of plan.dependencies) {
    await db.insert(activityDependencies).values({ projectId, predecessorId: activityId(from) as number, successorId: activityId(to) as number });
  }
}

/** Seeds budgets, ledgers, milestones, sub-events and dependencies of both demo projects. */
export async function seedBudgetAndTimeline(db: Db, today: string): Promise<void> {
  const manager = await first(
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, 'manager@example.org'), eq(users.role, 'manager'))),
  );
  await seedProjectData(db, 'CE.0219', ce0219Plan(), manager?.id ?? null);
  await seedProjectData(db, 'DEMO-TJ-02', followUpPlan(today), manager?.id ?? null);
}
