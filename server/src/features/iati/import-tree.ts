import { createTurns } from './turns';
import { clip, type XmlNode } from './xml';

const byName = new WeakMap<XmlNode, Map<string, XmlNode[]>>();
/**
 * The children of an element with a name (a list not to be changed). An activity is asked
 * for a score of names; one with a great many children is indexed once instead of
 * scanned for each.
 */
export function kids(n: XmlNode | undefined, name: string): XmlNode[] {
  if (!n) return [];
  if (n.children.length < 64) return n.children.filter((c) => c.name === name);
  let index = byName.get(n);
  if (!index) {
    index = new Map();
    for (const c of n.children) {
      const list = index.get(c.name);
      if (list) list.push(c);
      else index.set(c.name, [c]);
    }
    byName.set(n, index);
  }
  return index.get(name) ?? [];
}
export const kid = (n: XmlNode | undefined, name: string) => kids(n, name)[0];
/** The first narrative of an element (the one without xml:lang, or in English, preferred). */
export function narrativeOf(n: XmlNode | undefined): string {
  const all = kids(n, 'narrative');
  const pick = all.find((x) => !x.attrs['xml:lang'] || x.attrs['xml:lang'] === 'en') ?? all[0];
  return pick?.text.trim() ?? '';
}
export function number(s: string | undefined): number | null {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s.trim());
  return Number.isFinite(n) ? n : null;
}

/** Paths (below iati-activity) that the import reads; every other element is listed as ignored. */
const READ = new Set(
  [
    'iati-identifier',
    'reporting-org',
    'reporting-org/narrative',
    'title',
    'title/narrative',
    'description',
    'description/narrative',
    'participating-org',
    'participating-org/narrative',
    'activity-status',
    'activity-date',
    'activity-date/narrative',
    'activity-scope',
    'recipient-country',
    'recipient-country/narrative',
    'sector',
    'sector/narrative',
    'tag',
    'budget',
    'budget/period-start',
    'budget/period-end',
    'budget/value',
    'transaction',
    'transaction/transaction-type',
    'transaction/transaction-date',
    'transaction/value',
    'transaction/description',
    'transaction/description/narrative',
    'transaction/receiver-org',
    'transaction/receiver-org/narrative',
    'result',
    'result/title',
    'result/title/narrative',
    'result/description',
    'result/description/narrative',
    'result/reference',
    'result/indicator',
    'result/indicator/title',
    'result/indicator/title/narrative',
    'result/indicator/description',
    'result/indicator/description/narrative',
    'result/indicator/baseline',
    'result/indicator/baseline/comment',
    'result/indicator/baseline/comment/narrative',
    'result/indicator/period',
    'result/indicator/period/period-start',
    'result/indicator/period/period-end',
    'result/indicator/period/target',
    'result/indicator/period/target/dimension',
    'result/indicator/period/target/comment',
    'result/indicator/period/target/comment/narrative',
    'result/indicator/period/actual',
    'result/indicator/period/actual/dimension',
    'result/indicator/period/actual/comment',
    'result/indicator/period/actual/comment/narrative',
  ].map((p) => `iati-activities/iati-activity/${p}`),
);

/** The preview lists this many paths not read at most, the most frequent first: enough for any real file. */
const MAX_IGNORED_PATHS = 100;
/** Paths counted at most: a file of a million different names is counted by its first ones. */
const MAX_COUNTED_PATHS = 10_000;

/**
 * Counts the elements not read, by path. Paths are made only down to the first element not
 * read, so a deep or wide file costs one short string per element; the walk lets the
 * event loop turn now and then.
 */
async function collectIgnored(root: XmlNode): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const turn = createTurns();
  const pending: [XmlNode, string][] = [[root, root.name]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    await turn();
    const [node, path] = next;
    for (const c of node.children) {
      const at = `${path}/${c.name}`;
      if (at === 'iati-activities/iati-activity' || READ.has(at)) pending.push([c, at]);
      else if (counts.has(at) || counts.size < MAX_COUNTED_PATHS) counts.set(at, (counts.get(at) ?? 0) + 1);
    }
  }
  return counts;
}

/** The paths not read, the most frequent first, cut to the list's length, then listed in path order. */
export async function ignoredPaths(root: XmlNode): Promise<{ path: string; count: number }[]> {
  const counts = await collectIgnored(root);
  return [...counts.entries()]
    .sort(([p, m], [q, n]) => n - m || (p < q ? -1 : p > q ? 1 : 0))
    .slice(0, MAX_IGNORED_PATHS)
    .map(([path, count]) => ({ path: clip(path, 300), count }))
    .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
