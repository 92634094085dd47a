import { summariseParticipants } from '@shared/calc/participants';
import { compareReports } from '@shared/calc/report-diff';
import { issue } from '@shared/issues';
import { hasPermission } from '@shared/permissions';
import {
  isReportEditable,
  NARRATIVE_SECTIONS,
  REPORT_TRANSITIONS,
  type AcceptReportInput,
  type CreateReportInput,
  type Dashboard,
  type Narrative,
  type Report,
  type ReportComparisonView,
  type ReportData,
  type ReportDetail,
  type ReportList,
  type ReturnReportInput,
  type UpdateReportInput,
  reportPeriodIssues,
} from '@shared/schemas/report';
import { EMPTY_PARTICIPANTS } from '@shared/schemas/activity';
import type { ListProjectsQuery, Project } from '@shared/schemas/project';
import { writeAudit } from '../../core/audit';
import { sanitizeNarrative } from '../../core/narrative-html';
import { assertProjectAccess, isProjectVisible } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { notFound, refused, validationFailed, versionConflict } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import { compileReportData, type ReportSources } from './compile';
import { fullNarrative, type ReportRow, type ReportsRepository } from './reports.repository';

const canEdit = (user: AuthUser) => hasPermission(user.role, 'report:edit');

function cleanNarrative(input: Partial<Narrative> | undefined, base: Narrative): Narrative {
  const out = { ...base };
  for (const s of NARRATIVE_SECTIONS) {
    const v = input?.[s];
    if (v !== undefined) out[s] = sanitizeNarrative(v);
  }
  return out;
}

/** What each step needs of the report's state, as the rule a refusal names. */
const STEP_RULE = { submit: 'report.cannot_submit', accept: 'report.cannot_review', return: 'report.cannot_review' } as const;

const invalidTransition = (status: string, rule: 'report.cannot_submit' | 'report.cannot_review' | 'report.not_editable' | 'report.cannot_delete') =>
  refused('INVALID_TRANSITION', issue(rule), { status });

export type ReportsServiceDeps = ReportSources & {
  /** The caller's visible projects (the portfolio list), for the dashboard. */
  listProjects(user: AuthUser, query: ListProjectsQuery): Promise<{ items: Project[]; total: number }>;
  now?: () => Date;
};

export function createReportsService(db: Db, repo: ReportsRepository, deps: ReportsServiceDeps) {
  const now = deps.now ?? (() => new Date());

  /** A report the user may see: 404 for non-members and, for those who cannot edit reports, for drafts. */
  async function reportFor(user: AuthUser, id: number, permission: 'project:read' | 'report:edit' | 'report:review') {
    const found = await repo.find(id);
    if (!found || !(await isProjectVisible(db, user, found.row.projectId))) throw notFound('Report');
    if (found.row.status === 'draft' && !canEdit(user)) throw notFound('Report');
    await assertProjectAccess(db, user, found.row.projectId, permission);
    return found;
  }

  /** Frozen data once submitted; live data while the report is with its manager and was never frozen. */
  async function dataOf(user: AuthUser, row: ReportRow): Promise<ReportData> {
    if (row.snapshot) return row.snapshot;
    return compileReportData(deps, user, row.projectId, { start: row.periodStart, end: row.periodEnd }, now());
  }

  function audit(user: AuthUser, row: ReportRow, action: 'create' | 'update' | 'delete', before: unknown, after: unknown, note?: string | null) {
    return writeAudit(db, {
      userId: user.id,
      entity: 'report',
      entityId: row.id,
      projectId: row.projectId,
      action,
      before,
      after,
      note: note ?? null,
    });
  }

  function transition(
    user: AuthUser,
    id: number,
    version: number,
    action: keyof typeof REPORT_TRANSITIONS,
    permission: 'report:edit' | 'report:review',
    values: (row: ReportRow) => Promise<Parameters<ReportsRepository['updateVersioned']>[2]>,
    note?: string,
  ): Promise<Report> {
    return inTransaction(db, async () => {
      const { report, row } = await reportFor(user, id, permission);
      if (row.version !== version) throw versionConflict(report);
      const rule = REPORT_TRANSITIONS[action];
      if (!(rule.from as readonly string[]).includes(row.status)) throw invalidTransition(row.status, STEP_RULE[action]);
      if (!(await repo.updateVersioned(id, version, { ...(await values(row)), status: rule.to })))
        throw versionConflict((await repo.find(id))?.report);
      const after = await repo.find(id);
      if (!after) throw notFound('Report');
      await audit(user, row, 'update', { status: report.status }, { status: after.report.status }, note);
      return after.report;
    });
  }

  return {
    async list(user: AuthUser, projectId: number): Promise<ReportList> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      const items = await repo.listOf(projectId, canEdit(user));
      return { items, total: items.length };
    },

    async get(user: AuthUser, id: number): Promise<ReportDetail> {
      const { report, row } = await reportFor(user, id, 'project:read');
      return { ...report, data: await dataOf(user, row) };
    },

    /** The report and its data, for downloads. */
    async forExport(user: AuthUser, id: number): Promise<{ report: Report; data: ReportData }> {
      const { report, row } = await reportFor(user, id, 'project:read');
      return { report, data: await dataOf(user, row) };
    },

    /** The live project view (no report), for downloads. */
    async liveData(user: AuthUser, projectId: number): Promise<ReportData> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      return compileReportData(deps, user, projectId, null, now());
    },

    create(user: AuthUser, projectId: number, input: CreateReportInput): Promise<Report> {
      return inTransaction(db, async () => {
        await assertProjectAccess(db, user, projectId, 'report:edit');
        const id = await repo.insert({
          projectId,
          kind: input.kind,
          title: input.title,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          language: input.language,
          narrative: cleanNarrative(input.narrative, fullNarrative(null)),
          createdBy: user.id,
        });
        const created = await repo.find(id);
        if (!created) throw notFound('Report');
        await audit(user, created.row, 'create', null, created.report);
        return created.report;
      });
    },

    update(user: AuthUser, id: number, input: UpdateReportInput): Promise<Report> {
      return inTransaction(db, async () => {
        const { report, row } = await reportFor(user, id, 'report:edit');
        if (row.version !== input.version) throw versionConflict(report);
        if (!isReportEditable(report.status)) throw invalidTransition(row.status, 'report.not_editable');
        const { version, narrative, ...fields } = input;
        const merged = { ...report, ...fields };
        const issues = reportPeriodIssues(merged);
        if (issues.length) throw validationFailed(issues);
        const values = { ...fields, ...(narrative ? { narrative: cleanNarrative(narrative, report.narrative) } : {}) };
        if (!(await repo.updateVersioned(id, version, values))) throw versionConflict((await repo.find(id))?.report);
        const after = await repo.find(id);
        if (!after) throw notFound('Report');
        await audit(user, row, 'update', report, after.report);
        return after.report;
      });
    },

    async delete(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const { report, row } = await reportFor(user, id, 'report:edit');
        if (row.version !== version) throw versionConflict(report);
        if (row.status !== 'draft') throw invalidTransition(row.status, 'report.cannot_delete');
        await repo.delete(id);
        await audit(user, row, 'delete', report, null);
      });
    },

    /** Freezes the compiled data into the report: later edits to the project do not change it. */
    submit(user: AuthUser, id: number, version: number): Promise<Report> {
      return transition(user, id, version, 'submit', 'report:edit', async (row) => {
        const at = now();
        return {
          snapshot: await compileReportData(deps, user, row.projectId, { start: row.periodStart, end: row.periodEnd }, at),
          frozenAt: at.toISOString(),
          submittedBy: user.id,
          submittedAt: at.toISOString(),
          reviewedBy: null,
          reviewedAt: null,
        };
      });
    },

    accept(user: AuthUser, id: number, input: AcceptReportInput): Promise<Report> {
      return transition(
        user,
        id,
        input.version,
        'accept',
        'report:review',
        async () => ({ reviewedBy: user.id, reviewedAt: now().toISOString(), reviewComment: input.comment ?? '' }),
        input.comment,
      );
    },

    return(user: AuthUser, id: number, input: ReturnReportInput): Promise<Report> {
      return transition(
        user,
        id,
        input.version,
        'return',
        'report:review',
        async () => ({ reviewedBy: user.id, reviewedAt: now().toISOString(), reviewComment: input.comment }),
        input.comment,
      );
    },

    async compare(user: AuthUser, id: number): Promise<ReportComparisonView> {
      const { report, row } = await reportFor(user, id, 'project:read');
      const prevRow = await repo.previous(row);
      const previous = prevRow ? ((await repo.find(prevRow.id))?.report ?? null) : null;
      const data = await dataOf(user, row);
      const before = prevRow ? await dataOf(user, prevRow) : null;
      const pick = (r: Report) => ({ id: r.id, title: r.title, periodStart: r.periodStart, periodEnd: r.periodEnd, frozenAt: r.frozenAt });
      return {
        report: pick(report),
        previous: previous ? pick(previous) : null,
        ...compareReports(before, data),
        currency: data.budget?.currency ?? null,
      };
    },

    /** The caller's projects at a glance: latest report, outcome progress, budget use. */
    async dashboard(user: AuthUser): Promise<Dashboard> {
      const projects = (await deps.listProjects(user, { pageSize: 200 })).items;
      const reports = await repo.nonDraftsOf(projects.map((p) => p.id));
      const asOf = now().toISOString().slice(0, 10);
      const summaries: Dashboard['projects'] = [];
      for (const p of projects) {
        const own = reports.filter((r) => r.projectId === p.id);
        const latest = own[0] ?? null;
        const data = await compileReportData(deps, user, p.id, null, now());
        summaries.push({
          id: p.id,
          code: p.code,
          title: p.title,
          status: p.status,
          illustrative: p.illustrative,
          latestReport: latest
            ? {
                id: latest.id,
                title: latest.title,
                kind: latest.kind,
                status: latest.status,
                periodStart: latest.periodStart,
                periodEnd: latest.periodEnd,
                submittedAt: latest.submittedAt,
              }
            : null,
          awaitingReview: own.filter((r) => r.status === 'submitted').length,
          outcomes: data.outcomes.map((o) => {
            const mine = data.indicators.filter((i) => i.outcomeCode === o.code && i.percent !== null);
            const percent = mine.length ? Math.round((mine.reduce((s, i) => s + (i.percent ?? 0), 0) / mine.length) * 10) / 10 : null;
            return { ...o, indicators: data.indicators.filter((i) => i.outcomeCode === o.code).length, percent };
          }),
          participants: summariseParticipants(
            data.activities.map((a) => ({
              participants: a.participants ?? EMPTY_PARTICIPANTS,
              participantsSource: a.participantsSource ?? 'entered',
              attendeeCount: a.attendeeCount ?? 0,
            })),
          ),
          budget: data.budget
            ? {
                budget: data.budget.totals.budget,
                spent: data.budget.totals.spent,
                spentPercent: data.budget.spentPercent,
                timeElapsedPercent: data.budget.timeElapsedPercent,
              }
            : null,
        });
      }
      return { asOf, projects: summaries };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
