import { eq } from 'drizzle-orm';
import { emailKey, matchKey, nameKey } from '@shared/calc/registry-duplicates';
import { computeEngagement, type EngagementFilter } from '@shared/calc/registry-engagement';
import { explain } from '@shared/issue-messages';
import { fieldIssue, issue } from '@shared/issues';
import { hasPermission } from '@shared/permissions';
import type {
  AddAttendanceInput,
  AddAttendanceResult,
  AttendanceImportResult,
  AttendanceList,
  EngagementQuery,
  ProjectEngagement,
  ProposeFromAttendanceInput,
} from '@shared/schemas/attendance';
import { isoDateIssue } from '@shared/schemas/common';
import { RecordValueInput } from '@shared/schemas/indicator-value';
import type { NewPersonFields, Person } from '@shared/schemas/registry';
import { writeAudit } from '../../core/audit';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { first, inTransaction, type Db } from '../../db/client';
import { indicatorPeriods, indicators } from '../../db/schema';
import { notFound, refused, validationFailed } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import type { AttendanceRepository } from './attendance.repository';

/**
 * What attendance needs from other features, wired in app.ts so that no feature
 * imports another: creating a registry person inline, and recording a draft indicator
 * value (which then goes through approval like any other).
 */
export type AttendancePorts = {
  createPerson(user: AuthUser, projectId: number, fields: NewPersonFields): Promise<Person>;
  recordValue(user: AuthUser, periodId: number, input: RecordValueInput): Promise<unknown>;
};

const today = () => new Date().toISOString().slice(0, 10);

/** A sheet row that was added (or was there already) has nothing to explain. */
const NO_ISSUE = { code: null, params: {}, message: null };

export function createAttendanceService(db: Db, repo: AttendanceRepository, ports: AttendancePorts) {
  async function loadActivity(user: AuthUser, id: number, permission: 'project:read' | 'registry:edit') {
    return assertRecordAccess(db, user, await repo.activity(id), 'Activity', permission);
  }

  async function checkSubEvent(activityId: number, subEventId: number | null | undefined) {
    if (subEventId === null || subEventId === undefined) return null;
    const sub = await repo.subEvent(subEventId);
    if (!sub || sub.activityId !== activityId) {
      throw validationFailed([fieldIssue('subEventId', 'ref.not_activity_event')]);
    }
    return sub;
  }

  async function countsFor(projectId: number, filter: EngagementFilter) {
    return computeEngagement(await repo.facts(projectId), await repo.engagedPeople(projectId), filter);
  }

  /** Adds people in the caller's transaction; people already there are reported, not added twice. */
  async function addPeople(
    user: AuthUser,
    activity: { id: number; projectId: number },
    subEventId: number | null,
    date: string,
    personIds: number[],
  ) {
    const found = new Map((await repo.peopleIn(activity.projectId, personIds)).map((p) => [p.id, p]));
    const problems = personIds.flatMap((personId) => {
      const p = found.get(personId);
      if (!p) return [fieldIssue('personIds', 'attendee.not_in_registry', { personId })];
      if (p.erasedAt) return [fieldIssue('personIds', 'attendee.erased', { personId })];
      return [];
    });
    if (problems.length) throw validationFailed(problems);
    const present = await repo.presentAt(activity.id, subEventId);
    const addedIds: number[] = [];
    const alreadyPresent: number[] = [];
    for (const personId of new Set(personIds)) {
      if (present.has(personId)) {
        alreadyPresent.push(personId);
        continue;
      }
      const id = await repo.insert({ projectId: activity.projectId, activityId: activity.id, subEventId, personId, date, createdBy: user.id });
      // Ids only: an attendance audit row holds nothing that describes the person.
      await writeAudit(db, {
        userId: user.id,
        entity: 'attendance',
        entityId: id,
        projectId: activity.projectId,
        action: 'create',
        after: { activityId: activity.id, subEventId, personId, date },
      });
      addedIds.push(id);
    }
    return { addedIds, alreadyPresent };
  }

  return {
    async list(user: AuthUser, activityId: number, subEventId?: number): Promise<AttendanceList> {
      const activity = await loadActivity(user, activityId, 'project:read');
      await checkSubEvent(activityId, subEventId);
      const counts = await countsFor(activity.projectId, { activityId, subEventId });
      if (!hasPermission(user.role, 'registry:read-personal')) return { items: [], total: counts.attendances, counts, redacted: true };
      const items = await repo.list(activityId, subEventId);
      await repo.logAccess(
        user.id,
        activity.projectId,
        items.map((i) => i.personId),
        'list',
      );
      return { items, total: items.length, counts, redacted: false };
    },

    add(user: AuthUser, activityId: number, input: AddAttendanceInput): Promise<AddAttendanceResult> {
      return inTransaction(db, async () => {
        const activity = await loadActivity(user, activityId, 'registry:edit');
        const sub = await checkSubEvent(activityId, input.subEventId);
        const date = input.date ?? sub?.date ?? activity.actualStart ?? activity.plannedStart ?? today();
        const personIds = input.person ? [(await ports.createPerson(user, activity.projectId, input.person)).id] : (input.personIds ?? []);
        const { addedIds, alreadyPresent } = await addPeople(user, activity, input.subEventId, date, personIds);
        return {
          added: await repo.byIds(addedIds),
          alreadyPresent,
          counts: await countsFor(activity.projectId, { activityId }),
        };
      });
    },

    async delete(user: AuthUser, id: number): Promise<void> {
      await inTransaction(db, async () => {
        const row = await assertRecordAccess(db, user, await repo.find(id), 'Attendance', 'registry:edit');
        await repo.delete(id);
        await writeAudit(db, {
          userId: user.id,
          entity: 'attendance',
          entityId: id,
          projectId: row.projectId,
          action: 'delete',
          before: { activityId: row.activityId, subEventId: row.subEventId, personId: row.personId, date: row.date },
        });
      });
    },

    /**
     * An attendance sheet (CSV or XLSX with a name and/or email column, optionally a
     * date): each row is matched to the registry by email, else by name (in either
     * script, by matchKey) when exactly one person has it. Unmatched and ambiguous rows are reported and
     * left out; matched ones are added in one transaction.
     */
    async importSheet(
      user: AuthUser,
      activityId: number,
      subEventId: number | undefined,
      dryRun: boolean,
      readSheet: () => Promise<{ headers: string[]; rows: string[][] }>,
    ): Promise<AttendanceImportResult> {
      const activity = await loadActivity(user, activityId, 'registry:edit');
      const sub = await checkSubEvent(activityId, subEventId);
      const table = await readSheet();
      const find = (words: string[]) => table.headers.find((h) => words.includes(nameKey(h))) ?? null;
      const columns = {
        name: find(['name', 'full name', 'фио', 'имя', 'participant']),
        email: find(['email', 'e mail', 'mail', 'почта', 'эл почта']),
        date: find(['date', 'дата']),
      };
      if (!columns.name && !columns.email) {
        throw validationFailed([fieldIssue('file', 'sheet.columns')]);
      }
      const at = (h: string | null) => (h === null ? -1 : table.headers.indexOf(h));
      const [nameAt, emailAt, dateAt] = [at(columns.name), at(columns.email), at(columns.date)];
      const defaultDate = sub?.date ?? activity.actualStart ?? activity.plannedStart ?? today();

      return inTransaction(db, async () => {
        const keys = await repo.matchKeys(activity.projectId);
        const present = await repo.presentAt(activityId, subEventId ?? null);
        const rows: AttendanceImportResult['rows'] = [];
        const toAdd = new Map<string, number[]>();
        const claimed = new Set<number>();
        table.rows.forEach((cells, i) => {
          const row = i + 2;
          const email = emailAt >= 0 ? emailKey(cells[emailAt]) : null;
          const name = nameAt >= 0 ? matchKey(cells[nameAt] ?? '') : '';
          const dateCell = dateAt >= 0 ? (cells[dateAt] ?? '').trim() : '';
          const date = dateCell === '' ? defaultDate : dateCell;
          const dateProblem = dateCell === '' ? null : isoDateIssue(dateCell);
          if (dateProblem) {
            rows.push({ row, status: 'invalid_date', personId: null, matchedBy: null, ...explain(dateProblem) });
            return;
          }
          const byEmail = email ? (keys.byEmail.get(email) ?? []) : [];
          const byName = name ? (keys.byName.get(name) ?? []) : [];
          const [ids, matchedBy] = byEmail.length ? [byEmail, 'email' as const] : [byName, 'name' as const];
          if (ids.length === 0) {
            rows.push({ row, status: 'unmatched', personId: null, matchedBy: null, ...explain(issue('sheet.no_match')) });
          } else if (ids.length > 1) {
            rows.push({ row, status: 'ambiguous', personId: null, matchedBy, ...explain(issue('sheet.ambiguous', { count: ids.length })) });
          } else {
            const personId = ids[0] as number;
            if (present.has(personId) || claimed.has(personId)) {
              rows.push({ row, status: 'already_present', personId, matchedBy, ...NO_ISSUE });
            } else {
              claimed.add(personId);
              toAdd.set(date, [...(toAdd.get(date) ?? []), personId]);
              rows.push({ row, status: 'matched', personId, matchedBy, ...NO_ISSUE });
            }
          }
        });
        let added = 0;
        if (!dryRun) {
          for (const [date, ids] of toAdd) added += (await addPeople(user, activity, subEventId ?? null, date, ids)).addedIds.length;
          await writeAudit(db, {
            userId: user.id,
            entity: 'attendance_import',
            entityId: activityId,
            projectId: activity.projectId,
            action: 'create',
            after: { activityId, subEventId: subEventId ?? null, added, rows: rows.length },
          });
        }
        return { dryRun, columns, rows, added };
      });
    },

    async engagement(user: AuthUser, projectId: number, query: EngagementQuery): Promise<ProjectEngagement> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      return {
        projectId,
        filters: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string | number>,
        counts: await countsFor(projectId, query),
      };
    },

    /**
     * A draft indicator value from attendance over the period's dates: unique people
     * engaged, with the breakdowns the indicator declares. An outcome indicator counts
     * its outcome's activities unless the request narrows or widens it.
     */
    async proposeFromAttendance(user: AuthUser, indicatorId: number, periodId: number, input: ProposeFromAttendanceInput): Promise<unknown> {
      const period = await first(db.select().from(indicatorPeriods).where(eq(indicatorPeriods.id, periodId)));
      const indicator = await assertRecordAccess(
        db,
        user,
        await first(db.select().from(indicators).where(eq(indicators.id, indicatorId))),
        'Indicator',
        'indicator:edit',
      );
      if (!period || period.indicatorId !== indicatorId) throw notFound('Period');
      if (indicator.measure !== 'number') {
        throw refused('CONFLICT', issue('engagement.number_indicator_only'));
      }
      // The scope must be of the indicator's project, like every other reference: a count over
      // another project's activity would be a value of nothing, and would confirm the id exists.
      if (input.activityId !== undefined && (await repo.activity(input.activityId))?.projectId !== indicator.projectId) {
        throw validationFailed([fieldIssue('activityId', 'ref.not_project_activity')]);
      }
      if (input.outcomeId !== undefined && (await repo.outcome(input.outcomeId))?.projectId !== indicator.projectId) {
        throw validationFailed([fieldIssue('outcomeId', 'ref.not_project_outcome')]);
      }
      const filter: EngagementFilter = {
        from: period.start,
        to: period.end,
        activityId: input.activityId,
        outcomeId: input.outcomeId ?? (input.activityId === undefined ? (indicator.outcomeId ?? undefined) : undefined),
      };
      const counts = await countsFor(indicator.projectId, filter);
      const dims = new Set(indicator.disaggregations);
      const disaggregation = {
        ...(dims.has('sex')
          ? { sex: { women: counts.bySex.female, men: counts.bySex.male, other: counts.bySex.other + counts.bySex.not_stated } }
          : {}),
        ...(dims.has('participantGroup')
          ? {
              participantGroup: {
                government: counts.byGroup.government,
                diaspora: counts.byGroup.diaspora,
                civil_society: counts.byGroup.civil_society,
                international: counts.byGroup.international,
              },
            }
          : {}),
      };
      const scope = [
        `${period.start} to ${period.end}`,
        filter.activityId !== undefined ? `activity ${filter.activityId}` : null,
        filter.outcomeId !== undefined ? `outcome ${filter.outcomeId}` : null,
      ]
        .filter(Boolean)
        .join(', ');
      const note = `Proposed from attendance: ${counts.uniquePeople} unique people engaged (${scope}).`;
      return ports.recordValue(
        user,
        periodId,
        RecordValueInput.parse({
          value: counts.uniquePeople,
          ...(Object.keys(disaggregation).length ? { disaggregation } : {}),
          comment: input.comment ? `${note} ${input.comment}` : note,
        }),
      );
    },
  };
}
export type AttendanceService = ReturnType<typeof createAttendanceService>;
