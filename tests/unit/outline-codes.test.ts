import { describe, expect, it } from 'vitest';
import { GOAL_CODE, indicatorCode, indicatorLetters, outcomeCode, outlineCodes, outputCode } from '@shared/calc/outline-codes';

describe('outline codes', () => {
  it.each([
    [0, 'a'],
    [1, 'b'],
    [25, 'z'],
    [26, 'aa'],
    [27, 'ab'],
    [51, 'az'],
    [52, 'ba'],
    [701, 'zz'],
    [702, 'aaa'],
  ])('indicatorLetters(%i) is %s', (index, letters) => {
    expect(indicatorLetters(index)).toBe(letters);
  });

  it('codes count from 1 for outcomes and outputs and letter indicators within their parent', () => {
    expect(outcomeCode(0)).toBe('1');
    expect(outputCode('3', 1)).toBe('3.2');
    expect(indicatorCode(GOAL_CODE, 0)).toBe('G.a');
    expect(indicatorCode('1.2', 2)).toBe('1.2.c');
  });

  it('outlineCodes numbers outputs within their own outcome, in the order given, and codes an output of an unknown outcome under "?"', () => {
    const codes = outlineCodes(
      [{ id: 10 }, { id: 20 }],
      [
        { id: 1, outcomeId: 20 },
        { id: 2, outcomeId: 10 },
        { id: 3, outcomeId: 20 },
        { id: 4, outcomeId: 99 },
      ],
    );
    expect([...codes.outcomes]).toEqual([
      [10, '1'],
      [20, '2'],
    ]);
    expect([...codes.outputs]).toEqual([
      [1, '2.1'],
      [2, '1.1'],
      [3, '2.2'],
      [4, '?.1'],
    ]);
  });
});
