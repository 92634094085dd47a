import { and, asc, count, eq, inArray, isNull, max, type SQL } from 'drizzle-orm';
import type { ValueStatus } from '@shared/enums';
import type { Indicator } from '@shared/schemas/indicator';
import type { Evidence, IndicatorValue } from '@shared/schemas/indicator-value';
import { first, type Db } from '../../db/client';
import { evidenceFiles, indicatorPeriods, indicators, indicatorValues, outcomes, outputs, projects, projectSettings, users } from '../../db/schema';
import { createIndicatorsTables } from '../../repositories/indicators.repository';
import { updateVersioned } from '../../repositories/versioned';
import { GOAL_CODE, indicatorCode, outlineCodes } from '@shared/calc/outline-codes';

export type IndicatorRow = typeof indicators.$inferSelect;
export type IndicatorInsert = typeof indicators.$inferInsert;
export type PeriodRow = typeof indicatorPeriods.$inferSelect;
export type ValueRow = typeof indicatorValues.$inferSelect;
export type EvidenceRow = typeof evidenceFiles.$inferSelect;
/** An evidence row with the name of whoever uploaded it (null when that user is gone). */
export type EvidenceWithUploader = EvidenceRow & { uploaderName: string | null };

/** The parent an indicator hangs under; siblings share it. */
export type IndicatorParent = { projectId: number; outcomeId: number | null; outputId: number | null };

/**
 * Codes of the framework's outcomes (1, 2, …) and outputs (1.1, …) from their positions,
 * with their place in framework order.
 */
type FrameworkCodes = {
  outcomes: Map<number, { code: string; rank: [number, number] }>;
  outputs: Map<number, { code: string; outcomeId: number; rank: [number, number] }>;
};

const parentKey = (r: { outcomeId: number | null; outputId: number | null }) =>
  r.outputId !== null ? `p${r.outputId}` : r.outcomeId !== null ? `o${r.outcomeId}` : 'g';

function toIndicator(row: IndicatorRow, code: string, outputOutcome: number | null): Indicator {
  return {
    id: row.id,
    projectId: row.projectId,
    level: row.outputId !== null ? 'output' : row.outcomeId !== null ? 'outcome' : 'goal',
    outcomeId: row.outputId !== null ? outputOutcome : row.outcomeId,
    outputId: row.outputId,
    code,
    title: row.title,
    definition: row.definition,
    unit: row.unit,
    measure: row.measure as Indicator['measure'],
    direction: row.direction as Indicator['direction'],
    aggregation: row.aggregation as Indicator['aggregation'],
    baseline: { value: row.baselineValue, year: row.baselineYear, comment: row.baselineComment },
    target: { value: row.targetValue, comment: row.targetComment },
    frequency: row.frequency as Indicator['frequency'],
    disaggregations: row.disaggregations,
    meansOfVerification: row.meansOfVerification,
    dataSource: row.dataSource,
    responsible: row.responsible,
    position: row.position,
    illustrative: row.illustrative,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** API shape → storage columns, for the definition fields present. */
export function toIndicatorColumns(i: Partial<Pick<Indicator, 'baseline' | 'target'>> & Record<string, unknown>): Partial<IndicatorInsert> {
  const { baseline, target, version: _v, position: _p, outcomeId: _o, outputId: _x, ...rest } = i;
  const columns: Partial<IndicatorInsert> = { ...(rest as Partial<IndicatorInsert>) };
  if (baseline) {
    columns.baselineValue = baseline.value;
    columns.baselineYear = baseline.year;
    columns.baselineComment = baseline.comment;
  }
  if (target) {
    columns.targetValue = target.value;
    columns.targetComment = target.comment;
  }
  return columns;
}

export function toEvidence(row: EvidenceRow, names: Map<number, string>): Evidence {
  return {
    id: row.id,
    valueId: row.valueId,
    fileName: row.fileName,
    mediaType: row.mediaType as Evidence['mediaType'],
    size: row.size,
    uploadedBy: userRef(row.uploadedBy, names),
    uploadedAt: row.uploadedAt,
  };
}

function userRef(id: number | null, names: Map<number, string>) {
  if (id === null) return null;
  const name = names.get(id);
  return name === undefined ? null : { id, name };
}

export function toValue(row: ValueRow, names: Map<number, string>, evidence: Evidence[]): IndicatorValue {
  return {
    id: row.id,
    periodId: row.periodId,
    status: row.status as ValueStatus,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    narrative: row.narrative,
    score: row.score,
    disaggregation: row.disaggregation ?? null,
    comment: row.comment,
    complete: row.complete,
    reviewNote: row.reviewNote,
    submittedBy: userRef(row.submittedBy, names),
    submittedAt: row.submittedAt,
    reviewedBy: userRef(row.reviewedBy, names),
    reviewedAt: row.reviewedAt,
    evidence,
    illustrative: row.illustrative,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function createIndicatorsRepository(db: Db) {
  const tables = createIndicatorsTables(db);
  async function frameworkCodes(projectId: number): Promise<FrameworkCodes> {
    const outcomeRows = await db
      .select({ id: outcomes.id })
      .from(outcomes)
      .where(eq(outcomes.projectId, projectId))
      .orderBy(asc(outcomes.position), asc(outcomes.id));
    const outputRows = await db
      .select({ id: outputs.id, outcomeId: outputs.outcomeId })
      .from(outputs)
      .where(eq(outputs.projectId, projectId))
      .orderBy(asc(outputs.position), asc(outputs.id));
    const codes = outlineCodes(outcomeRows, outputRows);
    const outcomeCodes: FrameworkCodes['outcomes'] = new Map(
      outcomeRows.map((o, i) => [o.id, { code: codes.outcomes.get(o.id)!, rank: [i + 1, 0] }]),
    );
    const outputCodes: FrameworkCodes['outputs'] = new Map();
    const perOutcome = new Map<number, number>();
    for (const o of outputRows) {
      const n = (perOutcome.get(o.outcomeId) ?? 0) + 1;
      perOutcome.set(o.outcomeId, n);
      const parent = outcomeCodes.get(o.outcomeId);
      outputCodes.set(o.id, { code: codes.outputs.get(o.id)!, outcomeId: o.outcomeId, rank: [parent?.rank[0] ?? 0, n] });
    }
    return { outcomes: outcomeCodes, outputs: outputCodes };
  }

  const siblingsWhere = (p: IndicatorParent): SQL | undefined =>
    and(
      eq(indicators.projectId, p.projectId),
      p.outcomeId === null ? isNull(indicators.outcomeId) : eq(indicators.outcomeId, p.outcomeId),
      p.outputId === null ? isNull(indicators.outputId) : eq(indicators.outputId, p.outputId),
    );

  async function userNames(ids: (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    return new Map((await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))).map((u) => [u.id, u.name]));
  }

  async function evidenceRowsOf(valueIds: number[]): Promise<EvidenceRow[]> {
    if (valueIds.length === 0) return [];
    return db.select().from(evidenceFiles).where(inArray(evidenceFiles.valueId, valueIds)).orderBy(asc(evidenceFiles.id));
  }

  /** An evidence row with its uploader's name, so that it can be described without another query. */
  async function withUploader(row: EvidenceRow): Promise<EvidenceWithUploader> {
    const names = await userNames([row.uploadedBy]);
    return { ...row, uploaderName: row.uploadedBy === null ? null : (names.get(row.uploadedBy) ?? null) };
  }

  return {
    /** Every indicator of a project in framework order (goal, then outcomes with their outputs), coded. */
    async indicatorsOf(projectId: number): Promise<Indicator[]> {
      const codes = await frameworkCodes(projectId);
      const rows = await db
        .select()
        .from(indicators)
        .where(eq(indicators.projectId, projectId))
        .orderBy(asc(indicators.position), asc(indicators.id));
      const seen = new Map<string, number>();
      const coded = rows.map((row) => {
        const key = parentKey(row);
        const index = seen.get(key) ?? 0;
        seen.set(key, index + 1);
        const output = row.outputId !== null ? codes.outputs.get(row.outputId) : undefined;
        const outcome = row.outcomeId !== null ? codes.outcomes.get(row.outcomeId) : undefined;
        const parent = output ?? outcome ?? { code: GOAL_CODE, rank: [0, 0] as [number, number] };
        return {
          indicator: toIndicator(row, indicatorCode(parent.code, index), output?.outcomeId ?? null),
          rank: [...parent.rank, index],
        };
      });
      // Framework order: the goal's indicators, then each outcome's, each followed by its outputs'.
      const byRank = (a: number[], b: number[]) => a.reduce((d, x, i) => d || x - (b[i] ?? 0), 0);
      return coded.sort((a, b) => byRank(a.rank, b.rank)).map((c) => c.indicator);
    },

    findIndicatorRow: (id: number) => first(db.select().from(indicators).where(eq(indicators.id, id))),
    findPeriodRow: (id: number) => first(db.select().from(indicatorPeriods).where(eq(indicatorPeriods.id, id))),
    findValueRow: (id: number) => first(db.select().from(indicatorValues).where(eq(indicatorValues.id, id))),
    async findEvidenceRow(id: number): Promise<EvidenceWithUploader | undefined> {
      const row = await first(db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)));
      return row ? withUploader(row) : undefined;
    },
    valueOfPeriod: (periodId: number) => first(db.select().from(indicatorValues).where(eq(indicatorValues.periodId, periodId))),

    outcomeRow: (id: number) => first(db.select({ id: outcomes.id, projectId: outcomes.projectId }).from(outcomes).where(eq(outcomes.id, id))),
    outputRow: (id: number) => first(db.select({ id: outputs.id, projectId: outputs.projectId }).from(outputs).where(eq(outputs.id, id))),
    projectSpanRow: (id: number) =>
      first(
        db
          .select({ startYear: projects.startYear, endYear: projects.endYear, plannedStart: projects.plannedStart, plannedEnd: projects.plannedEnd })
          .from(projects)
          .where(eq(projects.id, id)),
      ),

    siblings: async (p: IndicatorParent) => db.select({ id: indicators.id, position: indicators.position }).from(indicators).where(siblingsWhere(p)),
    nextPosition: async (p: IndicatorParent) =>
      ((
        await first(
          db
            .select({ m: max(indicators.position) })
            .from(indicators)
            .where(siblingsWhere(p)),
        )
      )?.m ?? 0) + 1,

    insertIndicator: async (values: IndicatorInsert) => (await tables.insertIndicator(values)).id,
    updateIndicatorVersioned: tables.updateIndicatorVersioned,
    setIndicatorPosition: tables.setIndicatorPosition,
    deleteIndicator: tables.deleteIndicator,

    async valueCountOfIndicator(indicatorId: number): Promise<number> {
      const row = await first(
        db
          .select({ n: count() })
          .from(indicatorValues)
          .innerJoin(indicatorPeriods, eq(indicatorPeriods.id, indicatorValues.periodId))
          .where(eq(indicatorPeriods.indicatorId, indicatorId)),
      );
      return Number(row?.n ?? 0);
    },

    periodRowsOfProject: async (projectId: number) =>
      db
        .select()
        .from(indicatorPeriods)
        .where(eq(indicatorPeriods.projectId, projectId))
        .orderBy(asc(indicatorPeriods.start), asc(indicatorPeriods.id)),
    periodRowsOf: async (indicatorId: number) =>
      db
        .select()
        .from(indicatorPeriods)
        .where(eq(indicatorPeriods.indicatorId, indicatorId))
        .orderBy(asc(indicatorPeriods.start), asc(indicatorPeriods.id)),
    insertPeriod: async (values: typeof indicatorPeriods.$inferInsert) => (await tables.insertPeriod(values)).id,
    updatePeriodVersioned: tables.updatePeriodVersioned,
    deletePeriod: tables.deletePeriod,

    valueRowsOfProject: async (projectId: number) => db.select().from(indicatorValues).where(eq(indicatorValues.projectId, projectId)),
    async valueRowsOfPeriods(periodIds: number[]): Promise<ValueRow[]> {
      if (periodIds.length === 0) return [];
      return db.select().from(indicatorValues).where(inArray(indicatorValues.periodId, periodIds));
    },
    insertValue: async (values: typeof indicatorValues.$inferInsert) => (await tables.insertValue(values)).id,
    updateValueVersioned: tables.updateValueVersioned,
    deleteValue: tables.deleteValue,

    /** Values in API shape with their evidence and user names, in three queries whatever their number. */
    async describeValues(rows: ValueRow[]): Promise<Map<number, IndicatorValue>> {
      const evidence = await evidenceRowsOf(rows.map((r) => r.id));
      const names = await userNames([...rows.flatMap((r) => [r.submittedBy, r.reviewedBy]), ...evidence.map((e) => e.uploadedBy)]);
      const byValue = new Map<number, Evidence[]>();
      for (const e of evidence) byValue.set(e.valueId, [...(byValue.get(e.valueId) ?? []), toEvidence(e, names)]);
      return new Map(rows.map((r) => [r.id, toValue(r, names, byValue.get(r.id) ?? [])]));
    },
    /** Evidence in API shape from a row that carries its uploader's name (findEvidenceRow, insertEvidence). */
    describeEvidence(row: EvidenceWithUploader): Evidence {
      const { uploaderName, ...stored } = row;
      const names = new Map<number, string>(stored.uploadedBy !== null && uploaderName !== null ? [[stored.uploadedBy, uploaderName]] : []);
      return toEvidence(stored, names);
    },

    evidenceRowsOfValue: (valueId: number) => evidenceRowsOf([valueId]),
    insertEvidence: async (values: typeof evidenceFiles.$inferInsert): Promise<EvidenceWithUploader> =>
      withUploader((await db.insert(evidenceFiles).values(values).returning())[0]!),
    deleteEvidence: async (id: number) => {
      await db.delete(evidenceFiles).where(eq(evidenceFiles.id, id));
    },

    ragSettings: (projectId: number) => first(db.select().from(projectSettings).where(eq(projectSettings.projectId, projectId))),
    insertRagSettings: async (projectId: number, onTrack: number, atRisk: number) => {
      await db.insert(projectSettings).values({ projectId, ragOnTrack: onTrack, ragAtRisk: atRisk, version: 2 });
    },
    updateRagSettingsVersioned: (projectId: number, version: number, onTrack: number, atRisk: number): Promise<boolean> =>
      updateVersioned(db, projectSettings, projectSettings.projectId, projectId, version, { ragOnTrack: onTrack, ragAtRisk: atRisk }),
  };
}
export type IndicatorsRepository = ReturnType<typeof createIndicatorsRepository>;
