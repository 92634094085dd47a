import { describe, expect, it } from 'vitest';
import { OTHER_KEY, summariseRegistry, suppressCells, yearsAbroadBand, type SummaryPerson } from '@shared/calc/registry-summary';
import type { SummaryCell } from '@shared/schemas/registry-summary';

const cells = (counts: Record<string, number>) => Object.entries(counts).map(([key, count]) => ({ key, count }));
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
/** A cell list as `key=count` / `key=*` (suppressed), for compact expectations. */
const show = (out: SummaryCell[]) => out.map((c) => `${c.key}=${c.suppressed ? '*' : c.count}`).join(' ');

describe('suppressCells', () => {
  it.each([
    ['nothing small: all published', { a: 10, b: 7, c: 5 }, 'a=10 b=7 c=5'],
    ['zero cells are published as 0 and trigger nothing', { a: 10, b: 0, c: 6 }, 'a=10 b=0 c=6'],
    ['one small cell takes the smallest other cell with it', { a: 10, b: 3, c: 6 }, 'a=10 b=* c=*'],
    ['two small cells summing under 5 take a third', { a: 20, b: 1, c: 2, d: 9 }, 'a=20 b=* c=* d=*'],
    ['two small cells summing to 5 or more suffice', { a: 20, b: 3, c: 4, d: 9 }, 'a=20 d=9 b=* c=*'],
    ['a tie for the complement goes to the first listed', { a: 6, b: 2, c: 6 }, 'c=6 a=* b=*'],
    ['a total under 5 suppresses every non-zero cell', { a: 3, b: 1, c: 0 }, 'c=0 a=* b=*'],
    ['the threshold itself is published', { a: 5, b: 5 }, 'a=5 b=5'],
  ])('%s', (_name, counts, expected) => {
    expect(show(suppressCells(cells(counts), total(counts)))).toBe(expected);
  });

  it('no published cell subtracted from the total gives back a suppressed cell or a small group', () => {
    const cases: Record<string, number>[] = [
      { a: 10, b: 3, c: 6 },
      { a: 20, b: 1, c: 2, d: 9 },
      { a: 1, b: 1, c: 1, d: 50 },
      { a: 4, b: 40, c: 40 },
      { a: 1, b: 5, c: 5, d: 5 },
    ];
    for (const counts of cases) {
      const out = suppressCells(cells(counts), total(counts));
      const published = out.filter((c) => !c.suppressed).reduce((s, c) => s + (c.count ?? 0), 0);
      const hidden = out.filter((c) => c.suppressed);
      const remainder = total(counts) - published;
      // Either nothing hidden, or at least two hidden cells holding at least 5 people.
      expect(hidden.length === 0 || (hidden.length >= 2 && remainder >= 5), JSON.stringify(counts)).toBe(true);
    }
  });

  it('lists suppressed cells after published ones, in key order, whatever their size', () => {
    const out = suppressCells(cells({ zz: 1, aa: 4, mm: 30 }), 35);
    expect(out.map((c) => c.key)).toEqual(['mm', 'aa', 'zz']);
    expect(out.filter((c) => c.suppressed).every((c) => c.count === null)).toBe(true);
  });

  it('suppresses a forced cell even when it is large, and complements it', () => {
    expect(show(suppressCells(cells({ a: 10, b: 12, c: 30 }), 52, 5, new Set(['b'])))).toBe('c=30 a=* b=*');
  });
});

describe('yearsAbroadBand', () => {
  it.each([
    [null, 'unknown'],
    [0, 'lt_1'],
    [1, '1_4'],
    [4, '1_4'],
    [5, '5_9'],
    [19, '10_19'],
    [20, '20_plus'],
  ] as const)('%s years → %s', (years, band) => {
    expect(yearsAbroadBand(years)).toBe(band);
  });
});

const person = (p: Partial<SummaryPerson> = {}): SummaryPerson => ({
  sex: 'female',
  group: 'diaspora',
  country: 'RU',
  yearsAbroad: 6,
  occupation: 'engineer',
  sectors: ['engineering'],
  skills: [],
  languages: ['ru'],
  ...p,
});
const many = (n: number, p: Partial<SummaryPerson> = {}) => Array.from({ length: n }, () => person(p));
const cell = (out: SummaryCell[], key: string) => out.find((c) => c.key === key);

describe('summariseRegistry', () => {
  it('counts by country with a small country suppressed and complemented', () => {
    const people = [...many(20, { country: 'RU' }), ...many(8, { country: 'KZ' }), ...many(2, { country: 'DE' })];
    const { total, dimensions } = summariseRegistry(people);
    expect(total).toEqual({ key: 'total', count: 30, suppressed: false });
    expect(show(dimensions.country)).toBe('RU=20 DE=* KZ=*');
  });

  it('lists every sex and group, zeros included', () => {
    const { dimensions } = summariseRegistry(many(10));
    expect(show(dimensions.sex)).toBe('female=10 male=0 other=0 not_stated=0');
    expect(show(dimensions.group)).toBe('government=0 diaspora=10 civil_society=0 international=0 unknown=0');
  });

  it('folds rare occupations into one "other" cell, so a rare occupation is never named', () => {
    const people = [...many(9, { occupation: 'Engineer' }), person({ occupation: 'Nuclear physicist' }), ...many(5, { occupation: 'teacher' })];
    const { dimensions } = summariseRegistry(people);
    expect(dimensions.occupation.map((c) => c.key)).not.toContain('nuclear physicist');
    expect(cell(dimensions.occupation, OTHER_KEY)?.suppressed).toBe(true);
    expect(cell(dimensions.occupation, 'engineer')).toEqual({ key: 'engineer', count: 9, suppressed: false });
  });

  it('suppresses everything when the filtered group is smaller than 5', () => {
    const people = [...many(20, { country: 'RU' }), ...many(3, { country: 'TR' })];
    const out = summariseRegistry(people, { country: 'TR' });
    expect(out.total).toEqual({ key: 'total', count: null, suppressed: true });
    expect(cell(out.dimensions.sex, 'female')?.suppressed).toBe(true);
  });

  it('suppresses a filtered answer that differs from the unfiltered one by fewer than 5 people', () => {
    // All 30 are women but two: filtering on women would let 30 − 28 reveal the two.
    const people = [...many(28, { sex: 'female' }), ...many(2, { sex: 'male' })];
    const out = summariseRegistry(people, { sex: 'female' });
    expect(out.total.suppressed).toBe(true);
  });

  it('suppresses a filtered cell whose broader counterpart differs by fewer than 5', () => {
    // RU has 12 women and 3 men; women-only by country would reveal the 3 RU men by subtraction.
    const people = [
      ...many(12, { country: 'RU', sex: 'female' }),
      ...many(3, { country: 'RU', sex: 'male' }),
      ...many(10, { country: 'KZ', sex: 'female' }),
      ...many(10, { country: 'KZ', sex: 'male' }),
      ...many(10, { country: 'DE', sex: 'female' }),
      ...many(10, { country: 'DE', sex: 'male' }),
    ];
    const unfiltered = summariseRegistry(people);
    expect(cell(unfiltered.dimensions.country, 'RU')?.count).toBe(15);
    const women = summariseRegistry(people, { sex: 'female' });
    expect(women.total.count).toBe(32);
    expect(cell(women.dimensions.country, 'RU')?.suppressed).toBe(true);
    // …and its complement goes too, so 32 − KZ − DE does not give RU back.
    expect(women.dimensions.country.filter((c) => c.suppressed).length).toBeGreaterThanOrEqual(2);
  });

  it('applies several filters together', () => {
    const people = [
      ...many(10, { country: 'RU', sectors: ['health'] }),
      ...many(10, { country: 'RU', sectors: ['education'] }),
      ...many(10, { country: 'KZ', sectors: ['health'] }),
    ];
    expect(summariseRegistry(people, { country: 'RU', sector: 'health' }).total.count).toBe(10);
  });
});
