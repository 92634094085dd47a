import { DIMENSION_PARTS, type Disaggregation } from '@shared/calc/disaggregation';
import {
  PROJECT_STATUS_IATI_CODE,
  INDICATOR_MEASURE_IATI_CODE,
  type Coverage,
  type DisaggregationDimension,
  type ProjectStatus,
} from '@shared/enums';
import { fromMinorUnits, isCurrencyCode } from '@shared/money';
import {
  COVERAGE_IATI_SCOPE,
  DEFAULT_SECTOR,
  DIMENSION_IATI_NAME,
  HAMKORI_TAG_VOCABULARY,
  IATI_VERSION,
  REPORTING_ORG,
  SEX_IATI_VALUE,
} from '@shared/schemas/iati';
import type { ActivityRecord, IndicatorRow } from './iati.repository';
import { escapeAttr, XmlWriter } from './xml';
import { outlineCodes } from '@shared/calc/outline-codes';

/** Narrative attached to a date that the record gives by year only, so an import does not take it for a known day. */
export const YEAR_ONLY_NOTE = 'Year only: the record gives no exact date';
/** Description type 4 ("other") marking demo data, so an import keeps the mark: the whole project, or some figures. */
export const ILLUSTRATIVE_NOTE = 'The whole activity is illustrative demo data, not a published record.';
export const ILLUSTRATIVE_PARTS_NOTE =
  'Some figures (indicators, values, budget, transactions) are illustrative demo data, not from the published record.';

const KNOWN_ORGS: Record<string, { ref: string; type: string }> = {
  [REPORTING_ORG.name]: { ref: REPORTING_ORG.ref, type: REPORTING_ORG.type },
};

const amount = (minor: number, currency: string) => (isCurrencyCode(currency) ? fromMinorUnits(minor, currency) : String(minor / 100));
/** Numbers as IATI writes them: plain decimals, no exponent, no trailing zeros. */
const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))));

export function identifierOf(code: string) {
  return `${REPORTING_ORG.ref}-${code}`;
}

/** Planned span of a project: exact dates when known, else the start and end of its years (marked as such). */
export function spanOf(p: ActivityRecord['project']) {
  return {
    start: p.plannedStart ?? `${p.startYear}-01-01`,
    startExact: p.plannedStart !== null,
    end: p.plannedEnd ?? `${p.endYear}-12-31`,
    endExact: p.plannedEnd !== null,
  };
}

function dimensions(
  w: XmlWriter,
  element: 'target' | 'actual',
  parts: Disaggregation | null | undefined,
  attrs: Record<string, string>,
  comment?: string,
) {
  if (!parts) return;
  for (const dim of Object.keys(DIMENSION_PARTS) as DisaggregationDimension[]) {
    const values = parts[dim] as Record<string, number | null> | undefined;
    if (!values) continue;
    for (const part of DIMENSION_PARTS[dim]) {
      const v = values[part];
      if (typeof v !== 'number') continue;
      const value = dim === 'sex' ? SEX_IATI_VALUE[part as keyof typeof SEX_IATI_VALUE] : part;
      w.el(element, { ...attrs, value: num(v) }, () => {
        w.el('dimension', { name: DIMENSION_IATI_NAME[dim], value });
        if (comment) w.narrative('comment', comment);
      });
    }
  }
}

function writeIndicator(w: XmlWriter, r: ActivityRecord, i: IndicatorRow) {
  const measure = INDICATOR_MEASURE_IATI_CODE[i.measure as keyof typeof INDICATOR_MEASURE_IATI_CODE] ?? '1';
  w.el('indicator', { measure, ascending: i.direction === 'higher_is_better' ? '1' : '0' }, () => {
    w.narrative('title', i.title);
    if (i.definition) w.narrative('description', i.definition);
    if (i.baselineValue !== null || i.baselineYear !== null || i.baselineComment) {
      w.el('baseline', { year: i.baselineYear ?? r.project.startYear, value: i.baselineValue === null ? null : num(i.baselineValue) }, () => {
        if (i.baselineComment) w.narrative('comment', i.baselineComment);
      });
    }
    for (const p of r.periods.filter((x) => x.indicatorId === i.id)) {
      const v = r.approved.get(p.id);
      w.el('period', {}, () => {
        w.el('period-start', { 'iso-date': p.start });
        w.el('period-end', { 'iso-date': p.end });
        if (p.target !== null) w.el('target', { value: num(p.target) });
        dimensions(w, 'target', p.targetDisaggregation, {});
        if (v) {
          const qualitative = i.measure === 'qualitative';
          const total = qualitative ? v.score : v.value;
          const narrative = qualitative ? (v.narrative ?? '') : '';
          w.el('actual', { value: total === null ? null : num(total) }, narrative ? () => w.narrative('comment', narrative) : undefined);
          dimensions(w, 'actual', v.disaggregation, {});
        }
      });
    }
  });
}

function hasIllustrativeParts(r: ActivityRecord): boolean {
  return (
    r.indicators.some((i) => i.illustrative) ||
    [...r.approved].some(([, v]) => v.illustrative) ||
    r.lines.some((l) => l.illustrative) ||
    r.entries.some((e) => e.illustrative)
  );
}

/** One project as an iati-activity element (IATI 2.03), every text and attribute escaped. */
export function activityXml(r: ActivityRecord, depth = 1): string {
  const p = r.project;
  const w = new XmlWriter().setDepth(depth);
  const span = spanOf(p);
  const lastUpdated = [p.updatedAt, ...r.lines.map((l) => l.updatedAt), ...r.entries.map((e) => e.updatedAt)].sort().at(-1) ?? p.updatedAt;
  w.el(
    'iati-activity',
    { 'last-updated-datetime': lastUpdated.replace(/(\.\d+)?Z?$/, 'Z'), 'xml:lang': 'en', 'default-currency': p.currency, hierarchy: '1' },
    () => {
      w.el('iati-identifier', {}, identifierOf(p.code));
      w.narrative('reporting-org', REPORTING_ORG.name, { ref: REPORTING_ORG.ref, type: REPORTING_ORG.type });
      w.narrative('title', p.title);
      w.narrative('description', p.description || p.title, { type: '1' });
      if (p.goal) w.narrative('description', p.goal, { type: '2' });
      if (p.illustrative) w.narrative('description', ILLUSTRATIVE_NOTE, { type: '4' });
      else if (hasIllustrativeParts(r)) w.narrative('description', ILLUSTRATIVE_PARTS_NOTE, { type: '4' });
      if (p.funder) w.narrative('participating-org', p.funder, { role: '1', ...(KNOWN_ORGS[p.funder] ?? {}) });
      const implementer = p.implementingOrg || REPORTING_ORG.name;
      w.narrative('participating-org', implementer, { role: '4', ...(KNOWN_ORGS[implementer] ?? {}) });
      w.el('activity-status', { code: PROJECT_STATUS_IATI_CODE[p.status as ProjectStatus] ?? '2' });
      const date = (type: string, iso: string, exact: boolean) =>
        w.el('activity-date', { type, 'iso-date': iso }, exact ? undefined : () => w.el('narrative', {}, YEAR_ONLY_NOTE));
      date('1', span.start, span.startExact);
      if (p.status === 'ongoing' || p.status === 'completed' || p.status === 'suspended') date('2', span.start, span.startExact);
      date('3', span.end, span.endExact);
      if (p.status === 'completed') date('4', span.end, span.endExact);
      w.el('activity-scope', { code: COVERAGE_IATI_SCOPE[p.coverage as Coverage] ?? '4' });
      for (const c of r.countries) w.el('recipient-country', { code: c });
      w.el('sector', { vocabulary: '1', code: DEFAULT_SECTOR, percentage: '100' });
      w.el('tag', { vocabulary: HAMKORI_TAG_VOCABULARY, code: `region:${p.region}` });
      w.el('tag', { vocabulary: HAMKORI_TAG_VOCABULARY, code: `type:${p.type}` });

      // Budgets: the record's budget as the original (type 1) and, once a line was revised, the lines' current total (type 2).
      const budget = (type: string, minor: number) =>
        w.el('budget', { type, status: '2' }, () => {
          w.el('period-start', { 'iso-date': span.start });
          w.el('period-end', { 'iso-date': span.end });
          w.el('value', { currency: p.currency, 'value-date': span.start }, amount(minor, p.currency));
        });
      budget('1', p.budgetMinor);
      if (r.lines.some((l) => l.revisedMinor !== null))
        budget(
          '2',
          r.lines.reduce((s, l) => s + (l.revisedMinor ?? l.originalMinor), 0),
        );

      for (const e of r.entries) {
        w.el('transaction', { ref: e.reference || null }, () => {
          w.el('transaction-type', { code: e.type === 'commitment' ? '2' : '4' });
          w.el('transaction-date', { 'iso-date': e.date });
          w.el('value', { currency: e.convertedCurrency, 'value-date': e.date }, amount(e.convertedMinor, e.convertedCurrency));
          if (e.description) w.narrative('description', e.description);
          if (e.payee) w.narrative('receiver-org', e.payee);
        });
      }

      const codes = outlineCodes(r.outcomes, r.outputs);
      const outcomeCode = codes.outcomes;
      const outputCode = codes.outputs;
      const goalIndicators = r.indicators.filter((i) => i.outcomeId === null && i.outputId === null);
      if (goalIndicators.length) {
        w.el('result', { type: '3' }, () => {
          w.narrative('title', p.goal || p.title);
          for (const i of goalIndicators) writeIndicator(w, r, i);
        });
      }
      const result = (type: string, code: string, title: string, description: string, own: IndicatorRow[]) => {
        if (own.length === 0) return;
        w.el('result', { type }, () => {
          w.narrative('title', title);
          if (description) w.narrative('description', description);
          w.el('reference', { vocabulary: HAMKORI_TAG_VOCABULARY, code });
          for (const i of own) writeIndicator(w, r, i);
        });
      };
      for (const o of r.outcomes) {
        result(
          '2',
          outcomeCode.get(o.id) ?? '',
          o.title,
          o.description,
          r.indicators.filter((i) => i.outcomeId === o.id && i.outputId === null),
        );
      }
      const outputs = [...r.outputs].sort((a, b) => (outputCode.get(a.id) ?? '').localeCompare(outputCode.get(b.id) ?? '', 'en', { numeric: true }));
      for (const x of outputs)
        result(
          '1',
          outputCode.get(x.id) ?? '',
          x.title,
          x.description,
          r.indicators.filter((i) => i.outputId === x.id),
        );
    },
  );
  return w.toString();
}

/** The opening of an iati-activities document; activities follow, then DOCUMENT_END. */
export function documentStart(now: Date): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="${IATI_VERSION}" generated-datetime="${escapeAttr(now.toISOString().replace(/\.\d+Z$/, 'Z'))}">\n`;
}
export const DOCUMENT_END = '</iati-activities>\n';
