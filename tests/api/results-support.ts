export type Tree = { id: number; code: string; position: number; version: number; outputs: { id: number; code: string; position: number }[] }[];

/** [outcome id, code, position] in order, and the same for outputs under each. */
export const shape = (t: Tree) => t.map((o) => [o.id, o.code, o.position, o.outputs.map((x) => [x.id, x.code, x.position])]);
