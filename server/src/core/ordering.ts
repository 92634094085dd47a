/**
 * Moves one item among its ordered siblings to a 1-based position (clamped) and returns
 * the new position of every sibling whose position changes. Positions are always
 * renumbered 1..n, so gaps and duplicates heal on the next move; an id that is not among
 * the siblings (use -1 after a delete) only renumbers.
 */
export function reorder(siblings: readonly { id: number; position: number }[], id: number, position: number): { id: number; position: number }[] {
  const ordered = [...siblings].sort((a, b) => a.position - b.position || a.id - b.id);
  const from = ordered.findIndex((s) => s.id === id);
  if (from !== -1) {
    const [moved] = ordered.splice(from, 1);
    const to = Math.min(Math.max(position, 1), ordered.length + 1) - 1;
    if (moved) ordered.splice(to, 0, moved);
  }
  return ordered.flatMap((s, i) => (s.position === i + 1 ? [] : [{ id: s.id, position: i + 1 }]));
}
