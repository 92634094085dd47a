import { disaggregationIssues, type Disaggregation } from '@shared/calc/disaggregation';
import { computePercentage, type IndicatorMeasure } from '@shared/calc/indicator-progress';
import type { DisaggregationDimension, ValueStatus } from '@shared/enums';
import { issue } from '@shared/issues';
import type { Permission } from '@shared/permissions';
import type { Period } from '@shared/schemas/indicator-period';
import {
  isValueEditable,
  nextValueStatus,
  valueShapeIssues,
  type Evidence,
  type IndicatorValue,
  type RecordValueInput,
  type ReturnValueInput,
  type UnlockPeriodInput,
  type UpdateValueInput,
  type ValueAction,
  type ValueTransitionInput,
} from '@shared/schemas/indicator-value';
import { writeAudit } from '../../core/audit';
import { createEvidenceFiles } from '../../core/evidence';
import type { FileStore } from '../../core/files';
import { assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { AppError, notFound, refused, validationFailed, versionConflict } from '../../core/errors';
import type { UploadedFile } from '../../core/uploads';
import type { AuthUser } from '../../core/auth-user';
import { canSeeUnapproved, type IndicatorViews } from './indicator-views';
import type { IndicatorRow, IndicatorsRepository, PeriodRow, ValueRow } from './indicators.repository';

type Measured = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  narrative: string | null;
  score: number | null;
  disaggregation: Disaggregation | null;
  comment: string;
  complete: boolean;
};

const periodLocked = () => new AppError('PERIOD_LOCKED', 'The value of this period is approved, so the period is locked; an admin can unlock it');

/** Refuses changes to a value that is not a draft or returned: approved locks the period, submitted awaits review. */
function assertEditable(status: ValueStatus): void {
  if (status === 'approved') throw periodLocked();
  if (!isValueEditable(status)) {
    throw refused('INVALID_TRANSITION', issue('value.awaiting_review'), { status });
  }
}

export function createIndicatorValuesService(db: Db, repo: IndicatorsRepository, views: IndicatorViews, files: FileStore) {
  const describe = async (row: ValueRow): Promise<IndicatorValue> => {
    const value = (await repo.describeValues([row])).get(row.id);
    if (!value) throw notFound('Value');
    return value;
  };

  const evidence = createEvidenceFiles(db, files, {
    entity: 'evidence',
    findRow: repo.findEvidenceRow,
    describe: (row) => Promise.resolve(repo.describeEvidence(row)),
    deleteRow: repo.deleteEvidence,
  });

  async function loadPeriod(user: AuthUser, id: number, permission: Permission): Promise<{ period: PeriodRow; indicator: IndicatorRow }> {
    const period = await assertRecordAccess(db, user, await repo.findPeriodRow(id), 'Period', permission);
    const indicator = await repo.findIndicatorRow(period.indicatorId);
    if (!indicator) throw notFound('Period');
    return { period, indicator };
  }

  /**
   * Loads a value with its period and indicator. A value the user may not see (not
   * approved, for partners and donors) is answered as not found, so its existence is not revealed.
   */
  async function loadValue(user: AuthUser, id: number, permission: Permission) {
    const value = await assertRecordAccess(db, user, await repo.findValueRow(id), 'Value', permission);
    if (value.status !== 'approved' && !canSeeUnapproved(user)) throw notFound('Value');
    const { period, indicator } = await loadPeriod(user, value.periodId, permission);
    return { value, period, indicator };
  }

  /** Checks a measurement against its indicator's measure and breakdown; returns the columns to store. */
  function measured(indicator: IndicatorRow, m: Measured): Measured {
    const measure = indicator.measure as IndicatorMeasure;
    const issues = valueShapeIssues(measure, m);
    if (issues.length) throw validationFailed(issues);
    const fromRatio = m.numerator !== null && m.denominator !== null ? computePercentage(m.numerator, m.denominator) : null;
    const value = measure === 'qualitative' ? null : (fromRatio ?? m.value);
    const breakdown = disaggregationIssues({
      total: value,
      disaggregation: m.disaggregation,
      configured: indicator.disaggregations as DisaggregationDimension[],
      complete: m.complete,
    });
    if (breakdown.length) throw validationFailed(breakdown);
    return { ...m, value };
  }

  function audit(user: AuthUser, value: ValueRow, action: 'create' | 'update' | 'delete', before: unknown, after: unknown, note?: string) {
    return writeAudit(db, {
      userId: user.id,
      entity: 'indicator_value',
      entityId: value.id,
      projectId: value.projectId,
      action,
      before,
      after,
      note: note ?? null,
    });
  }

  function transition(user: AuthUser, id: number, action: ValueAction, version: number, note = ''): Promise<IndicatorValue> {
    return inTransaction(db, async () => {
      const permission: Permission = action === 'submit' ? 'indicator:edit' : 'value:approve';
      const { value } = await loadValue(user, id, permission);
      const before = await describe(value);
      if (value.version !== version) throw versionConflict(before);
      const to = nextValueStatus(value.status as ValueStatus, action);
      if (!to) {
        throw refused('INVALID_TRANSITION', issue(action === 'submit' ? 'value.cannot_submit' : 'value.cannot_review'), { status: value.status });
      }
      if (action === 'approve' && value.submittedBy === user.id) {
        throw new AppError('SELF_APPROVAL', 'You submitted this value, so someone else must approve it');
      }
      const at = new Date().toISOString();
      const changes =
        action === 'submit'
          ? { status: to, submittedBy: user.id, submittedAt: at }
          : { status: to, reviewedBy: user.id, reviewedAt: at, reviewNote: note };
      if (!(await repo.updateValueVersioned(id, version, changes))) throw versionConflict(await describe((await repo.findValueRow(id)) ?? value));
      const row = await repo.findValueRow(id);
      if (!row) throw notFound('Value');
      const after = await describe(row);
      await audit(user, row, 'update', before, after, action === 'return' ? `Returned: ${note}` : action === 'approve' ? 'Approved' : 'Submitted');
      return after;
    });
  }

  return {
    /** Records the draft value of a period (one value per period). */
    record(user: AuthUser, periodId: number, input: RecordValueInput): Promise<IndicatorValue> {
      return inTransaction(db, async () => {
        const { period, indicator } = await loadPeriod(user, periodId, 'indicator:edit');
        const existing = await repo.valueOfPeriod(periodId);
        if (existing?.status === 'approved') throw periodLocked();
        if (existing) {
          throw refused('CONFLICT', issue('value.exists'), { valueId: existing.id });
        }
        const columns = measured(indicator, {
          value: input.value ?? null,
          numerator: input.numerator ?? null,
          denominator: input.denominator ?? null,
          narrative: input.narrative ?? null,
          score: input.score ?? null,
          disaggregation: input.disaggregation ?? null,
          comment: input.comment,
          complete: input.complete,
        });
        const id = await repo.insertValue({ ...columns, projectId: period.projectId, periodId, status: 'draft', createdBy: user.id });
        const row = await repo.findValueRow(id);
        if (!row) throw notFound('Value');
        const after = await describe(row);
        await audit(user, row, 'create', null, after);
        return after;
      });
    },

    update(user: AuthUser, id: number, input: UpdateValueInput): Promise<IndicatorValue> {
      return inTransaction(db, async () => {
        const { value, indicator } = await loadValue(user, id, 'indicator:edit');
        assertEditable(value.status as ValueStatus);
        const before = await describe(value);
        if (value.version !== input.version) throw versionConflict(before);
        const { version, ...changes } = input;
        const number = ['value', 'numerator', 'denominator'].some((k) => k in changes);
        const quality = ['narrative', 'score'].some((k) => k in changes);
        const columns = measured(indicator, {
          value: number ? (changes.value ?? null) : value.value,
          numerator: number ? (changes.numerator ?? null) : value.numerator,
          denominator: number ? (changes.denominator ?? null) : value.denominator,
          narrative: quality ? (changes.narrative ?? null) : value.narrative,
          score: quality ? (changes.score ?? null) : value.score,
          disaggregation: changes.disaggregation !== undefined ? changes.disaggregation : (value.disaggregation ?? null),
          comment: changes.comment ?? value.comment,
          complete: changes.complete ?? value.complete,
        });
        if (!(await repo.updateValueVersioned(id, version, columns))) throw versionConflict(await describe((await repo.findValueRow(id)) ?? value));
        const row = await repo.findValueRow(id);
        if (!row) throw notFound('Value');
        const after = await describe(row);
        await audit(user, row, 'update', before, after);
        return after;
      });
    },

    async delete(user: AuthUser, id: number, version: number): Promise<void> {
      const stored = await inTransaction(db, async () => {
        const { value } = await loadValue(user, id, 'indicator:edit');
        assertEditable(value.status as ValueStatus);
        const before = await describe(value);
        if (value.version !== version) throw versionConflict(before);
        const evidence = await repo.evidenceRowsOfValue(id);
        await repo.deleteValue(id);
        await audit(user, value, 'delete', before, null);
        return evidence.map((e) => e.storedName);
      });
      // Files go only once the rows are gone for good.
      await Promise.all(stored.map((name) => files.remove(name)));
    },

    submit: (user: AuthUser, id: number, input: ValueTransitionInput) => transition(user, id, 'submit', input.version),
    approve: (user: AuthUser, id: number, input: ValueTransitionInput) => transition(user, id, 'approve', input.version),
    return: (user: AuthUser, id: number, input: ReturnValueInput) => transition(user, id, 'return', input.version, input.note),

    /**
     * Unlocks a period by sending its approved value back to returned, with the reason as
     * the review note: the value leaves progress until it is approved again.
     */
    unlock(user: AuthUser, periodId: number, input: UnlockPeriodInput): Promise<Period> {
      return inTransaction(db, async () => {
        const { period } = await loadPeriod(user, periodId, 'period:unlock');
        const value = await repo.valueOfPeriod(periodId);
        if (value?.status !== 'approved') {
          throw refused('INVALID_TRANSITION', issue('period.not_locked'));
        }
        const before = await describe(value);
        const at = new Date().toISOString();
        await repo.updateValueVersioned(value.id, value.version, {
          status: 'returned',
          reviewNote: input.reason,
          reviewedBy: user.id,
          reviewedAt: at,
        });
        const row = await repo.findValueRow(value.id);
        if (!row) throw notFound('Value');
        const note = `Unlocked: ${input.reason}`;
        await audit(user, row, 'update', before, await describe(row), note);
        await writeAudit(db, {
          userId: user.id,
          entity: 'indicator_period',
          entityId: periodId,
          projectId: period.projectId,
          action: 'update',
          before: { locked: true },
          after: { locked: false },
          note,
        });
        const indicator = (await repo.indicatorsOf(period.projectId)).find((i) => i.id === period.indicatorId);
        const after = indicator ? (await views.periods(user, indicator, [periodId]))[0] : undefined;
        if (!after) throw notFound('Period');
        return after;
      });
    },

    /** Checks before the upload is read that the user may attach evidence to this value now. */
    async assertCanAttach(user: AuthUser, valueId: number): Promise<void> {
      const { value } = await loadValue(user, valueId, 'indicator:edit');
      assertEditable(value.status as ValueStatus);
    },

    /** Stores an uploaded file as evidence of a draft or returned value, if its content is of an accepted type. */
    attach(user: AuthUser, valueId: number, upload: UploadedFile): Promise<Evidence> {
      return evidence.attach(user, upload, async (file) => {
        // Checked again: the value may have moved on while the file was being written.
        const { value } = await loadValue(user, valueId, 'indicator:edit');
        assertEditable(value.status as ValueStatus);
        return repo.insertEvidence({ ...file, projectId: value.projectId, valueId });
      });
    },

    /** An evidence file to download, if the user may see its value. */
    download(user: AuthUser, id: number): Promise<{ evidence: Evidence; data: Buffer }> {
      return evidence.download(id, async (row) => {
        await loadValue(user, row.valueId, 'project:read');
      });
    },

    removeEvidence(user: AuthUser, id: number): Promise<void> {
      return evidence.remove(user, id, async (row) => {
        const { value } = await loadValue(user, row.valueId, 'indicator:edit');
        assertEditable(value.status as ValueStatus);
      });
    },
  };
}
export type IndicatorValuesService = ReturnType<typeof createIndicatorValuesService>;
