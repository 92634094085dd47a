import { IMPORT_FIELDS, type ImportDecision, type ImportField, type ImportMapping } from '@shared/schemas/registry-import';

export type MappingValues = Record<ImportField, string>;

export const emptyMapping = () => Object.fromEntries(IMPORT_FIELDS.map((f) => [f, ''])) as MappingValues;

export function toMapping(values: MappingValues): ImportMapping {
  return Object.fromEntries(Object.entries(values).filter(([, header]) => header !== '')) as ImportMapping;
}

/** A decision as a select value: create, skip, person:<id> or row:<n>. */
export function decisionValue(d: ImportDecision | undefined): string {
  if (!d) return '';
  if (d.action !== 'merge') return d.action;
  return 'personId' in d ? `person:${d.personId}` : `row:${d.row}`;
}

export function parseDecision(value: string): ImportDecision | null {
  if (value === 'create' || value === 'skip') return { action: value };
  const [kind, n] = value.split(':');
  if (kind === 'person') return { action: 'merge', personId: Number(n) };
  if (kind === 'row') return { action: 'merge', row: Number(n) };
  return null;
}
