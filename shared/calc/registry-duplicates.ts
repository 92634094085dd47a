import type { DuplicateMatch } from '../schemas/registry';

/** Tajik Cyrillic letters that are often typed as their Russian base letter. */
const TAJIK_FOLD: Record<string, string> = { ғ: 'г', қ: 'к', ҳ: 'х', ҷ: 'ч' };

/**
 * A name folded for comparison: Unicode-normalised, accents and punctuation dropped,
 * lower case, single spaces, Tajik letters folded to the Russian letters people type
 * for them (ҳ → х, ӣ → и). "  Раҳи́мов,  Farrukh " and "рахимов farrukh" fold alike.
 * Scripts are not transliterated: a Cyrillic and a Latin spelling stay different.
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

/** The identity key (name + birth year + country), only when all three are known. */
export function identityKey(p: DuplicateCandidate): string | null {
  if (p.birthYear === null || p.country === null) return null;
  const name = nameKey(p.name);
  return name ? `${name}|${p.birthYear}|${p.country}` : null;
}

/**
 * Duplicates of each row of an import: people of the registry, and earlier rows of the
 * same file, with the same email, or the same name, birth year and country. Rows are
 * keyed by their spreadsheet row number. Each match is listed once, email first.
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
        if (seenPeople.has(p.id)) continue;
        seenPeople.add(p.id);
        matches.push({ personId: p.id, row: null, name: p.name, reason });
      }
      for (const e of earlier.get(key) ?? []) {
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
