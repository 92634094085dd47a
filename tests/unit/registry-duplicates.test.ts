import { describe, expect, it } from 'vitest';
import { findDuplicates, identityKey, matchKey, MAX_DUPLICATES_LISTED, nameKey, possibleDuplicates } from '@shared/calc/registry-duplicates';

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

describe('matchKey: one key for a name in Cyrillic or Latin script', () => {
  it.each([
    // The same person in Cyrillic and in Latin letters, in any case and spacing.
    ['Рустам Саидов', 'rustam saidov'],
    ['Rustam Saidov', 'rustam saidov'],
    ['  RUSTAM   saidov ', 'rustam saidov'],
    ['Saidow Rustam', 'saidov rustam'],
    // Tajik letters (ҳ ғ қ ҷ ӣ ӯ), their Russian spellings and their romanisations.
    ['Раҳимова Зарина', 'rahimova zarina'],
    ['Рахимова Зарина', 'rahimova zarina'],
    ['Rakhimova Zarina', 'rahimova zarina'],
    ['Rahímova Zarína', 'rahimova zarina'],
    ['Ғафуров', 'gafurov'],
    ['Гафуров', 'gafurov'],
    ['Ghafurov', 'gafurov'],
    ['Қодиров', 'kodirov'],
    ['Qodirov', 'kodirov'],
    ['Кодиров', 'kodirov'],
    ['Ҷӯраев', 'juraev'],
    ['Джураев', 'juraev'],
    ['Jurayev', 'juraev'],
    ['Jūrayev', 'juraev'],
    ['Djuraev', 'juraev'],
    ['Раҳимӣ', 'rahimi'],
    ['Нӣъматов', 'nimatov'],
    ["Ni'matov", 'nimatov'],
    ['Юсуфов Шавкат', 'iusufov shavkat'],
    ['Yusufov Shavkat', 'iusufov shavkat'],
    ['Iusufov Shavkat', 'iusufov shavkat'],
    ['Ёров', 'iorov'],
    ['Щукин-Хайдаров', 'shchukin haidarov'],
    ["O'Neil-Karimov", 'oneil karimov'],
    ['', ''],
  ])('%j → %j', (name, key) => {
    expect(matchKey(name)).toBe(key);
  });

  it.each([
    ['Рустам Саидов', 'Rustam Sadikov'],
    ['Зарина Раҳимова', 'Zarina Rashidova'],
    ['Saidov Rustam', 'Rustam Saidov'],
  ])('keeps different names apart: %j and %j', (a, b) => {
    expect(matchKey(a)).not.toBe(matchKey(b));
  });
});

describe('identityKey', () => {
  it('needs name, birth year and country', () => {
    expect(identityKey({ name: 'A B', birthYear: 1980, country: 'RU', email: null })).toBe('a b|1980|RU');
    expect(identityKey({ name: 'A B', birthYear: null, country: 'RU', email: null })).toBeNull();
    expect(identityKey({ name: 'A B', birthYear: 1980, country: null, email: null })).toBeNull();
  });

  it('is the same for a name in Cyrillic and in Latin script', () => {
    expect(identityKey({ name: 'Рустам Саидов', birthYear: 1985, country: 'RU', email: null })).toBe(
      identityKey({ name: 'Rustam Saidov', birthYear: 1985, country: 'RU', email: null }),
    );
  });
});

describe('findDuplicates', () => {
  const existing = [
    { id: 1, name: 'Zarina Rahimova', birthYear: 1985, country: 'RU', email: 'zarina@example.org' },
    { id: 2, name: 'Umed Saidov', birthYear: 1990, country: 'KZ', email: null },
  ];

  it.each([
    ['same email, any case', { name: 'Z. R.', birthYear: null, country: null, email: 'ZARINA@example.org' }, [{ personId: 1, reason: 'email' }]],
    [
      'same name, birth year and country',
      { name: 'umed  SAIDOV', birthYear: 1990, country: 'KZ', email: null },
      [{ personId: 2, reason: 'name_birth_year_country' }],
    ],
    ['same name, other birth year', { name: 'Umed Saidov', birthYear: 1991, country: 'KZ', email: null }, []],
    ['same name, no birth year', { name: 'Umed Saidov', birthYear: null, country: 'KZ', email: null }, []],
    [
      'same name in Cyrillic, birth year and country',
      { name: 'Умед Саидов', birthYear: 1990, country: 'KZ', email: null },
      [{ personId: 2, reason: 'name_birth_year_country' }],
    ],
    ['same name in Cyrillic, other country', { name: 'Умед Саидов', birthYear: 1990, country: 'RU', email: null }, []],
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

  // The cap is what keeps rows sharing one email linear rather than quadratic; speed itself is measured by npm run bench:import.
  it('lists at most ten matches per row, the earliest, however many rows share one email', () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => ({
      row: i + 2,
      name: `Person ${i}`,
      birthYear: 1990,
      country: 'RU',
      email: 'same@example.org',
    }));
    const found = findDuplicates(rows, []);
    expect(found.get(5)?.map((m) => m.row)).toEqual([2, 3, 4]);
    expect(found.get(2_001)?.map((m) => m.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect([...found.values()].every((m) => m.length <= MAX_DUPLICATES_LISTED)).toBe(true);
  });

  it('finds a row in Cyrillic duplicating an earlier row in Latin script', () => {
    const rows = [
      { row: 2, name: 'Nigina Qodirova', birthYear: 1988, country: 'TR', email: null },
      { row: 3, name: 'Нигина Қодирова', birthYear: 1988, country: 'TR', email: null },
    ];
    expect(findDuplicates(rows, []).get(3)).toEqual([{ personId: null, row: 2, name: 'Nigina Qodirova', reason: 'name_birth_year_country' }]);
  });
});

describe('possibleDuplicates (the warning before saving one person)', () => {
  const existing = [
    { id: 1, name: 'Рустам Саидов', birthYear: 1984, country: 'RU', email: 'rustam@example.org' },
    { id: 2, name: 'Rustam Saidov', birthYear: null, country: null, email: null },
    { id: 3, name: 'Rustam Saidov', birthYear: 1990, country: 'RU', email: null },
    { id: 4, name: 'Rustam Saidov', birthYear: 1984, country: 'KZ', email: null },
  ];
  const found = (candidate: { name: string; birthYear?: number | null; country?: string | null; email?: string | null }) =>
    possibleDuplicates({ birthYear: null, country: null, email: null, ...candidate }, existing).map((m) => [m.personId, m.reason]);

  it.each([
    [
      'name only: everyone of that name, in either script',
      { name: 'Рустам Саидов' },
      [
        [1, 'name'],
        [2, 'name'],
        [3, 'name'],
        [4, 'name'],
      ],
    ],
    [
      'name, birth year and country: the sure match first, contradicted ones left out',
      { name: 'Rustam Saidov', birthYear: 1984, country: 'RU' },
      [
        [1, 'name_birth_year_country'],
        [2, 'name'],
      ],
    ],
    ['email, whatever the name', { name: 'R. S.', email: 'Rustam@Example.org' }, [[1, 'email']]],
    ['another name', { name: 'Umed Saidov' }, []],
  ] as const)('%s', (_name, candidate, expected) => {
    expect(found(candidate)).toEqual(expected);
  });
});
