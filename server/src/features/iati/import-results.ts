import type { OutcomeRow, OutputRow } from './iati.repository';
import { assertUpdated, type ImportStep } from './import-step';

/** Outcomes by number; gaps get placeholders so numbers (and the codes made of them) keep their meaning. */
export async function importOutcomes(step: ImportStep): Promise<{ order: number[]; idOf: Map<number, number> }> {
  const { plan, record, out, write, projectId } = step;
  const results = step.repo.tables.results;
  const outcomeRows: (OutcomeRow | { id: number })[] = [...(record?.outcomes ?? [])];
  const wantedOutcomes = [...plan.outcomes.keys(), ...[...plan.outputs].map(([, x]) => x.outcome)];
  const numbered = wantedOutcomes.filter((n) => n < 1000);
  const highest = numbered.length ? Math.max(...numbered) : 0;
  const order = [...Array.from({ length: highest }, (_, i) => i + 1), ...[...plan.outcomes.keys()].filter((n) => n >= 1000).sort((x, y) => x - y)];
  const idOf = new Map<number, number>();
  for (const n of order) {
    const node = plan.outcomes.get(n);
    const at = outcomeRows.length;
    const position = n < 1000 ? n : at + 1;
    const have = n < 1000 ? (outcomeRows[n - 1] as OutcomeRow | undefined) : undefined;
    if (have && 'title' in have) {
      idOf.set(n, have.id);
      if (node && (have.title !== node.title || have.description !== node.description)) {
        out.outcomes.update += 1;
        if (write) {
          const changes = { title: node.title, description: node.description };
          assertUpdated(await results.updateOutcomeVersioned(have.id, have.version, changes), have);
          await step.audit('outcome', have.id, 'update', have, { ...have, ...changes });
        }
      } else out.outcomes.unchanged += 1;
      continue;
    }
    const title = node?.title ?? `Outcome ${n}`;
    const created = await step.create(async () => {
      const row = await results.insertOutcome({ projectId, title, description: node?.description ?? '', position });
      await step.audit('outcome', row.id, 'create', null, row);
      return row.id;
    });
    outcomeRows.push({ id: created });
    idOf.set(n, created);
    out.outcomes.create += 1;
  }
  return { order, idOf };
}

/** Outputs by their "outcome.position" key; positions below one the file names get placeholders. */
export async function importOutputs(step: ImportStep, outcomeIdOf: Map<number, number>): Promise<{ keys: string[]; idOf: Map<string, number> }> {
  const { plan, record, out, write, projectId } = step;
  const results = step.repo.tables.results;
  const insert = (values: { outcomeId: number; title: string; description?: string; position: number }) =>
    step.create(async () => {
      const row = await results.insertOutput({ projectId, ...values });
      await step.audit('output', row.id, 'create', null, row);
      return row.id;
    });
  const idOf = new Map<string, number>();
  const existingOutputs = record?.outputs ?? [];
  const keys = [...plan.outputs.keys()].sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  for (const key of keys) {
    const node = plan.outputs.get(key)!;
    const outcomeId = outcomeIdOf.get(node.outcome)!;
    const siblings = existingOutputs.filter((x) => x.outcomeId === outcomeId);
    for (let k = siblings.length + 1; k < node.position; k++) {
      if (plan.outputs.has(`${node.outcome}.${k}`) || idOf.has(`${node.outcome}.${k}`)) continue;
      idOf.set(`${node.outcome}.${k}`, await insert({ outcomeId, title: `Output ${node.outcome}.${k}`, position: k }));
      out.outputs.create += 1;
    }
    const have = siblings[node.position - 1] as OutputRow | undefined;
    if (have) {
      idOf.set(key, have.id);
      if (have.title !== node.title || have.description !== node.description) {
        out.outputs.update += 1;
        if (write) {
          const changes = { title: node.title, description: node.description };
          assertUpdated(await results.updateOutputVersioned(have.id, have.version, changes), have);
          await step.audit('output', have.id, 'update', have, { ...have, ...changes });
        }
      } else out.outputs.unchanged += 1;
      continue;
    }
    idOf.set(key, await insert({ outcomeId, title: node.title, description: node.description, position: node.position }));
    out.outputs.create += 1;
  }
  return { keys, idOf };
}
