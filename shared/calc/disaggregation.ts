import { PARTICIPANT_GROUPS, SEX_CATEGORIES, type DisaggregationDimension, type ParticipantGroup, type SexCategory } from '../enums';
import { fieldIssue, type FieldIssue } from '../issues';

/** Parts of a total by one dimension; null means that part was not recorded. */
export type SexParts = Record<SexCategory, number | null>;
export type GroupParts = Record<ParticipantGroup, number | null>;

/** A value (or target) broken down by the dimensions its indicator is configured for. */
export type Disaggregation = { sex?: SexParts; participantGroup?: GroupParts };

export type DisaggregationIssue = FieldIssue;

/** The part names of each dimension, in display order. */
export const DIMENSION_PARTS = {
  sex: SEX_CATEGORIES,
  participantGroup: PARTICIPANT_GROUPS,
} as const satisfies Record<DisaggregationDimension, readonly string[]>;

/** Sum of the recorded parts and how many parts are missing. */
export function sumParts(parts: Partial<Record<string, number | null>>, names: readonly string[]): { sum: number; missing: number } {
  let sum = 0;
  let missing = 0;
  for (const name of names) {
    const part = parts[name];
    if (typeof part === 'number' && Number.isFinite(part)) sum += part;
    else missing += 1;
  }
  return { sum, missing };
}

// Parts are often decimals for some units; a relative tolerance keeps 0.1 + 0.2 equal to 0.3.
function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function exceeds(sum: number, total: number): boolean {
  return sum > total && !sameAmount(sum, total);
}

/**
 * True when every configured dimension has all its parts and they add up to the total.
 * An indicator with no dimension configured is always complete.
 */
export function isDisaggregationComplete(
  total: number | null,
  disaggregation: Disaggregation | null,
  configured: readonly DisaggregationDimension[],
): boolean {
  if (configured.length === 0) return true;
  if (total === null || !disaggregation) return false;
  return configured.every((dimension) => {
    const parts = disaggregation[dimension];
    if (!parts) return false;
    const { sum, missing } = sumParts(parts, DIMENSION_PARTS[dimension]);
    return missing === 0 && sameAmount(sum, total);
  });
}

/**
 * The rules of a breakdown, as issues with paths under `path`:
 * - only dimensions the indicator is configured for may be given;
 * - parts need a total to belong to;
 * - the recorded parts of a dimension may not add up to more than the total;
 * - `complete` (values only) needs every configured dimension recorded in full and
 *   adding up exactly to the total.
 */
export function disaggregationIssues(args: {
  total: number | null;
  disaggregation: Disaggregation | null;
  configured: readonly DisaggregationDimension[];
  complete?: boolean;
  path?: string;
}): DisaggregationIssue[] {
  const { total, disaggregation, configured, complete = false, path = 'disaggregation' } = args;
  const issues: DisaggregationIssue[] = [];
  for (const dimension of Object.keys(DIMENSION_PARTS) as DisaggregationDimension[]) {
    const parts = disaggregation?.[dimension];
    if (!parts) continue;
    const at = `${path}.${dimension}`;
    if (!configured.includes(dimension)) {
      issues.push(fieldIssue(at, 'disaggregation.not_configured', { dimension }));
      continue;
    }
    const { sum, missing } = sumParts(parts, DIMENSION_PARTS[dimension]);
    const recorded = DIMENSION_PARTS[dimension].length - missing;
    if (recorded > 0 && total === null) {
      issues.push(fieldIssue(at, 'disaggregation.total_missing'));
    } else if (total !== null && exceeds(sum, total)) {
      issues.push(fieldIssue(at, 'disaggregation.exceeds_total', { sum, total }));
    }
  }
  if (complete && issues.length === 0 && !isDisaggregationComplete(total, disaggregation, configured)) {
    const incomplete = configured.filter((d) => !isDisaggregationComplete(total, disaggregation, [d]));
    issues.push(fieldIssue('complete', 'disaggregation.incomplete', { dimensions: incomplete }));
  }
  return issues;
}
