import { describe, expect, it } from 'vitest';
import { findDuplicates, identityKey, nameKey } from '@shared/calc/registry-duplicates';

describe('nameKey', () => {
  it.each([
    ['  Farrukh   NAZAROV ', 'farrukh nazarov'],
    ['Nazarov, Farrukh', 'nazarov farrukh'],
    ['Rahímova Zárina', 'rahimova zarina'],
    ['Раҳимова  Зарина', 'рахимова зарина'],
    ["O'Neil-Karimov", 'o neil karimov'],
  ])('%j → %j', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});

describe('identityKey', () => {
  it('needs name, birth year and country', () => {
    expect(identityKey({ name: 'A B', birthYear: 1980, country: 'RU', email: null })).toBe('a b|1980|RU');
    expect(identityKey({ name: 'A B', birthYear: null, country: 'RU', email: null })).toBeNull();
    expect(identityKey({ name: 'A B', birthYear: 1980, country: null, email: null })).toBeNull();
  });
});

describe('findDuplicates', () => {
  const existing = [
    { id: 1, name: 'Zarina Rahimova', birthYear: 1985, country: 'RU', email: 'zarina@example.org' },
    { id: 2, name: 'Umed Saidov', birthYear: 1990, country: 'KZ', email: null },
  ];

  it.each([
    ['same email, any case', { name: 'Z. R.', birthYear: null, country: null, email: 'ZARINA@example.org' }, [{ personId: 1, reason: 'email' }]],
    ['same name, birth year and country', { name: 'umed  SAIDOV', birthYear: 1990, country: 'KZ', email: null }, [{ personId: 2, reason: 'name_birth_year_country' }]],
    ['same name, other birth year', { name: 'Umed Saidov', birthYear: 1991, country: 'KZ', email: null }, []],
    ['same name, no birth year', { name: 'Umed Saidov', birthYear: null, country: 'KZ', email: null }, []],
    [
      'both keys matching one person: listed once, email first',
      { name: 'Zarina Rahimova', birthYear: 1985, country: 'RU', email: 'zarina@example.org' },
      [{ personId: 1, reason: 'email' }],
    ],
  ])('against the registry: %s', (_name, row, expected) => {
    const found = findDuplicates([{ row: 2, ...row }], existing).get(2) ?? [];
    expect(found.map((m) => ({ personId: m.personId, reason: m.reason }))).toEqual(expected);
  });

  it('finds a later row duplicating an earlier one in the same file, not the other way round', () => {
    const rows = [
      { row: 2, name: 'Nigina Karimova', birthYear: 1988, country: 'TR', email: 'nigina@example.org' },
      { row: 3, name: 'Someone Else', birthYear: null, country: null, email: 'NIGINA@example.org' },
      { row: 4, name: 'Nigina  Karimova', birthYear: 1988, country: 'TR', email: null },
    ];
    const found = findDuplicates(rows, []);
    expect(found.has(2)).toBe(false);
    expect(found.get(3)).toEqual([{ personId: null, row: 2, name: 'Nigina Karimova', reason: 'email' }]);
    expect(found.get(4)).toEqual([{ personId: null, row: 2, name: 'Nigina Karimova', reason: 'name_birth_year_country' }]);
  });
});
