/**
 * The framework's outline codes, made in one place: outcomes 1, 2, …; outputs 1.1, 1.2, …
 * (numbered within their outcome); indicators G.a, 1.b, 1.2.c (lettered within their
 * parent, the goal being G). Indexes count from 0 in framework order (position, then id).
 */
export const GOAL_CODE = 'G';

export const outcomeCode = (index: number): string => String(index + 1);

export const outputCode = (parentCode: string, index: number): string => `${parentCode}.${index + 1}`;

/** a, b, …, z, aa, ab, …: the letter part of an indicator code. */
export function indicatorLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(97 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export const indicatorCode = (parentCode: string, index: number): string => `${parentCode}.${indicatorLetters(index)}`;

/**
 * Codes of a project's outcomes and outputs, each list in framework order. An output whose
 * outcome is not in the list is coded under "?" rather than left out.
 */
export function outlineCodes(
  outcomes: readonly { id: number }[],
  outputs: readonly { id: number; outcomeId: number }[],
): { outcomes: Map<number, string>; outputs: Map<number, string> } {
  const outcomeCodes = new Map(outcomes.map((o, i) => [o.id, outcomeCode(i)]));
  const outputCodes = new Map<number, string>();
  const seen = new Map<number, number>();
  for (const x of outputs) {
    const index = seen.get(x.outcomeId) ?? 0;
    seen.set(x.outcomeId, index + 1);
    outputCodes.set(x.id, outputCode(outcomeCodes.get(x.outcomeId) ?? '?', index));
  }
  return { outcomes: outcomeCodes, outputs: outputCodes };
}
