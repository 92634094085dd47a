import type { DuplicateMatch } from '../schemas/registry';

/** Tajik Cyrillic letters that are often typed as their Russian base letter. */
const TAJIK_FOLD: Record<string, string> = { ғ: 'г', қ: 'к', ҳ: 'х', ҷ: 'ч' };

/**
 * A name folded for comparison: Unicode-normalised, accents and punctuation dropped,
 * lower case, single spaces, Tajik letters folded to the Russian letters people type
 * for them (ҳ → х, ӣ → и). "  Раҳи́мов,  Farrukh " and "рахимов farrukh" fold alike.
 * Scripts are not transliterated here (search and sorting use this key); duplicate
 * detection compares names with matchKey, which is.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ғқҳҷ]/g, (c) => TAJIK_FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Russian and Tajik Cyrillic romanised letter by letter, close to the Tajik national and
 * BGN/PCGN practice: х kh, ҳ h, қ q, ғ gh, ҷ j, ӣ i, ӯ u, ж zh, ч ch, ш sh, щ shch, ц ts,
 * й y, ё yo, ю yu, я ya; hard and soft signs drop. Uzbek ў is read as u.
 */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'gh',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  ӣ: 'i',
  й: 'y',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ӯ: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  ҳ: 'h',
  ц: 'ts',
  ч: 'ch',
  ҷ: 'j',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/**
 * Spellings that the usual romanisations of the same Cyrillic name disagree on, folded to
 * one: Джураев / Djuraev / Juraev (dzh, dj → j), Rakhimov / Rahimov (kh → h), Ghafurov /
 * Gafurov (gh → g), Qodirov / Kodirov (q → k), Saidow / Saidov (w → v), Jurayev / Juraev
 * (ye → e), Yusufov / Iusufov, the Russian passport spelling (y → i). Applied in this order.
 */
const LATIN_FOLDS: readonly [RegExp, string][] = [
  [/dzh|dj/g, 'j'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/q/g, 'k'],
  [/w/g, 'v'],
  [/ye/g, 'e'],
  [/y/g, 'i'],
];

/**
 * The key duplicate detection compares names by, the same whatever the script: Cyrillic is
 * romanised (CYRILLIC_TO_LATIN), accents and apostrophes drop, case and spacing fold, and
 * LATIN_FOLDS bring the common romanisations together. "Рустам Саидов", "Rustam Saidov"
 * and "RUSTAM SAIDOW" share the key "rustam saidov"; "Раҳимова", "Рахимова", "Rahimova"
 * and "Rakhimova" share "rahimova". Deliberately lossy: a key finds candidates for a
 * person to confirm, it never merges anyone on its own. Word order is kept.
 */
export function matchKey(name: string): string {
  const latin = [...name.normalize('NFC').toLowerCase()].map((c) => CYRILLIC_TO_LATIN[c] ?? c).join('');
  let key = latin
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’ʼʻ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  for (const [from, to] of LATIN_FOLDS) key = key.replace(from, to);
  return key;
}

export function emailKey(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}

/** What duplicate detection reads of a person or a row. */
export type DuplicateCandidate = {
  name: string;
  birthYear: number | null;
  country: string | null;
  email: string | null;
};

/** The identity key (name in any script + birth year + country), only when all three are known. */
export function identityKey(p: DuplicateCandidate): string | null {
  if (p.birthYear === null || p.country === null) return null;
  const name = matchKey(p.name);
  return name ? `${name}|${p.birthYear}|${p.country}` : null;
}

/**
 * The matches listed for one row at most. A file whose rows all share one email would
 * otherwise list every earlier row under each row: work and answers growing with the
 * square of the rows. A person deciding picks from the first few anyway.
 */
export const MAX_DUPLICATES_LISTED = 10;

/**
 * Duplicates of each row of an import: people of the registry, and earlier rows of the
 * same file, with the same email, or the same name, birth year and country. Rows are
 * keyed by their spreadsheet row number. Each match is listed once, email first, people
 * before rows, earlier rows first, at most MAX_DUPLICATES_LISTED of them.
 */
export function findDuplicates(
  rows: readonly (DuplicateCandidate & { row: number })[],
  existing: readonly (DuplicateCandidate & { id: number })[],
): Map<number, DuplicateMatch[]> {
  const byEmail = new Map<string, (DuplicateCandidate & { id: number })[]>();
  const byIdentity = new Map<string, (DuplicateCandidate & { id: number })[]>();
  const push = <T>(map: Map<string, T[]>, key: string | null, value: T) => {
    if (key === null) return;
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const p of existing) {
    push(byEmail, emailKey(p.email), p);
    push(byIdentity, identityKey(p), p);
  }
  const rowsByEmail = new Map<string, (DuplicateCandidate & { row: number })[]>();
  const rowsByIdentity = new Map<string, (DuplicateCandidate & { row: number })[]>();

  const result = new Map<number, DuplicateMatch[]>();
  for (const r of rows) {
    const matches: DuplicateMatch[] = [];
    const seenPeople = new Set<number>();
    const seenRows = new Set<number>();
    const email = emailKey(r.email);
    const identity = identityKey(r);
    const keys: [string | null, DuplicateMatch['reason'], typeof byEmail, typeof rowsByEmail][] = [
      [email, 'email', byEmail, rowsByEmail],
      [identity, 'name_birth_year_country', byIdentity, rowsByIdentity],
    ];
    for (const [key, reason, people, earlier] of keys) {
      if (key === null) continue;
      for (const p of people.get(key) ?? []) {
        if (matches.length >= MAX_DUPLICATES_LISTED) break;
        if (seenPeople.has(p.id)) continue;
        seenPeople.add(p.id);
        matches.push({ personId: p.id, row: null, name: p.name, reason });
      }
      for (const e of earlier.get(key) ?? []) {
        if (matches.length >= MAX_DUPLICATES_LISTED) break;
        if (seenRows.has(e.row)) continue;
        seenRows.add(e.row);
        matches.push({ personId: null, row: e.row, name: e.name, reason });
      }
    }
    if (matches.length) result.set(r.row, matches);
    push(rowsByEmail, email, r);
    push(rowsByIdentity, identity, r);
  }
  return result;
}

/**
 * Possible duplicates of one person about to be saved (a warning, never a block): the
 * duplicates an import would report (same email; same name, birth year and country), and
 * also people with the same name in either script whose birth year and country do not
 * contradict it, because forms and quick-adds often lack one or the other. Listed once
 * each, the surer reasons first.
 */
export function possibleDuplicates(candidate: DuplicateCandidate, existing: readonly (DuplicateCandidate & { id: number })[]): DuplicateMatch[] {
  const matches = findDuplicates([{ ...candidate, row: 0 }], existing).get(0) ?? [];
  const name = matchKey(candidate.name);
  if (!name) return matches;
  const seen = new Set(matches.map((m) => m.personId));
  const agrees = <T>(a: T | null, b: T | null) => a === null || b === null || a === b;
  for (const p of existing) {
    if (seen.has(p.id) || matchKey(p.name) !== name) continue;
    if (!agrees(p.birthYear, candidate.birthYear) || !agrees(p.country, candidate.country)) continue;
    matches.push({ personId: p.id, row: null, name: p.name, reason: 'name' });
  }
  return matches;
}
