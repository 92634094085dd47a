import { describe, expect, it } from 'vitest';
import { toCsv } from '../../server/src/core/tabular';

describe('toCsv', () => {
  it('writes numbers as numbers, negative ones included', () => {
    expect(toCsv(['slippage', 'amount'], [[-5, -1234.5]])).toBe('slippage,amount\r\n-5,-1234.5\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [['=SUM(A1)', '+1', '-2', '@x']])).toBe("a,b,c,d\r\n'=SUM(A1),'+1,'-2,'@x\r\n");
  });

  it('quotes fields holding commas, quotes and line breaks', () => {
    expect(toCsv(['x'], [['a, "b"\nc']])).toBe('x\r\n"a, ""b""\nc"\r\n');
  });
});
