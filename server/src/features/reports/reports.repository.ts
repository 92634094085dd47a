import { and, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { NARRATIVE_SECTIONS, type Narrative, type Report } from '@shared/schemas/report';
import { first, type Db } from '../../db/client';
import { reports, users } from '../../db/schema';
import { updateVersioned } from '../../repositories/versioned';

export type ReportRow = typeof reports.$inferSelect;
export type ReportInsert = typeof reports.$inferInsert;

/** Every section present, empty when not written (rows written before a section existed included). */
export function fullNarrative(n: Partial<Narrative> | null | undefined): Narrative {
  return Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, n?.[s] ?? ''])) as Narrative;
}

export function createReportsRepository(db: Db) {
  const submitter = alias(users, 'submitter');
  const reviewer = alias(users, 'reviewer');

  function select() {
    return db
      .select({ r: reports, submitterName: submitter.name, reviewerName: reviewer.name })
      .from(reports)
      .leftJoin(submitter, eq(submitter.id, reports.submittedBy))
      .leftJoin(reviewer, eq(reviewer.id, reports.reviewedBy));
  }

  function toReport(x: { r: ReportRow; submitterName: string | null; reviewerName: string | null }): Report {
    const { r } = x;
    return {
      id: r.id,
      projectId: r.projectId,
      kind: r.kind as Report['kind'],
      title: r.title,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      language: r.language as Report['language'],
      status: r.status as Report['status'],
      narrative: fullNarrative(r.narrative),
      frozenAt: r.frozenAt,
      submittedBy: r.submittedBy !== null ? { id: r.submittedBy, name: x.submitterName ?? '' } : null,
      submittedAt: r.submittedAt,
      reviewedBy: r.reviewedBy !== null ? { id: r.reviewedBy, name: x.reviewerName ?? '' } : null,
      reviewedAt: r.reviewedAt,
      reviewComment: r.reviewComment,
      illustrative: r.illustrative,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }

  return {
    /** A project's reports, latest period first; drafts only when asked for. */
    async listOf(projectId: number, withDrafts: boolean): Promise<Report[]> {
      const where = withDrafts ? eq(reports.projectId, projectId) : and(eq(reports.projectId, projectId), ne(reports.status, 'draft'));
      return (await select().where(where).orderBy(desc(reports.periodEnd), desc(reports.id))).map(toReport);
    },

    async find(id: number): Promise<{ report: Report; row: ReportRow } | undefined> {
      const x = await first(select().where(eq(reports.id, id)));
      return x ? { report: toReport(x), row: x.r } : undefined;
    },

    /** The latest report of the project submitted before this one's period ends (drafts never count). */
    previous(row: ReportRow): Promise<ReportRow | undefined> {
      return first(
        db
          .select()
          .from(reports)
          .where(and(eq(reports.projectId, row.projectId), ne(reports.id, row.id), ne(reports.status, 'draft'), lt(reports.periodEnd, row.periodEnd)))
          .orderBy(desc(reports.periodEnd), desc(reports.id)),
      );
    },

    /** Non-draft reports of some projects, latest period first. */
    async nonDraftsOf(projectIds: number[]): Promise<Report[]> {
      if (projectIds.length === 0) return [];
      return (
        await select()
          .where(and(inArray(reports.projectId, projectIds), ne(reports.status, 'draft')))
          .orderBy(desc(reports.periodEnd), desc(reports.id))
      ).map(toReport);
    },

    async insert(values: ReportInsert): Promise<number> {
      return (await db.insert(reports).values(values).returning({ id: reports.id }))[0]!.id;
    },

    async updateVersioned(id: number, version: number, values: Partial<ReportInsert>): Promise<boolean> {
      return updateVersioned(db, reports, reports.id, id, version, values);
    },

    async delete(id: number): Promise<void> {
      await db.delete(reports).where(eq(reports.id, id));
    },
  };
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>;
