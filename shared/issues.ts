import { z } from 'zod';
import { DISAGGREGATION_DIMENSIONS, type DisaggregationDimension } from './enums';

/**
 * Every rule the API can refuse a request by, and every problem it reports against a row
 * of an imported file, as a stable code with parameters. The client translates the code
 * (`issues.<code>` in its catalogues) and fills in the parameters in the reader's
 * language. The English sentence of each code, sent along for API clients and for a
 * client that does not know the code yet, is in issue-messages.ts: the server adds it,
 * so the browser does not download English it never shows.
 */

/**
 * How a parameter is written in a sentence: `number` in the reader's number format,
 * `date` (YYYY-MM-DD) in the reader's date format, `text` as given (a cell, a header, a
 * currency code), `id` as a plain integer (a row, a line, a record id), `dimension` and
 * `dimensions` as the translated name(s) of disaggregation dimensions.
 */
type ParamTypes = {
  number: number;
  date: string;
  text: string;
  id: number;
  dimension: DisaggregationDimension;
  dimensions: DisaggregationDimension[];
};
export type ParamKind = keyof ParamTypes;
type ParamSpec = Record<string, ParamKind>;
type ParamsOf<S extends ParamSpec> = { [K in keyof S]: ParamTypes[S[K]] };

const PARAM_SCHEMAS: { [K in ParamKind]: z.ZodType<ParamTypes[K]> } = {
  number: z.number().finite(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  text: z.string(),
  id: z.number().int(),
  dimension: z.enum(DISAGGREGATION_DIMENSIONS),
  dimensions: z.array(z.enum(DISAGGREGATION_DIMENSIONS)),
};

/** Each code with the kinds of its parameters. */
export const ISSUES = {
  'field.required': {},
  'text.control_characters': {},
  'date.invalid': {},
  'date.out_of_range': { min: 'date', max: 'date' },
  'money.amount_format': {},
  'money.too_many_decimals': { max: 'number', currency: 'text' },
  'money.negative': {},
  'money.currency_unknown': {},
  'money.too_large': { max: 'number', currency: 'text' },

  // A record named in the request that is not where it must be.
  'ref.not_project_activity': {},
  'ref.not_project_outcome': {},
  'ref.not_project_output': {},
  'ref.not_outcome_output': {},
  'ref.not_project_budget_line': {},
  'ref.not_activity_event': {},
  'ref.not_registry_person': {},
  'ref.not_project_organisations': { ids: 'text' },
  'ref.unknown_projects': {},

  'project.code_taken': {},
  'project.currency_fixed': {},
  'project.end_year_before_start': {},
  'project.end_before_start': {},
  'project.start_not_in_year': {},
  'project.end_not_in_year': {},

  'activity.planned_end_before_start': {},
  'activity.actual_end_before_start': {},
  'activity.ended_without_start': {},
  'activity.counts_from_attendance': {},

  'framework.outcome_has_activities': { count: 'number' },
  'framework.output_has_activities': { count: 'number' },
  'framework.outcome_has_indicators': { count: 'number' },
  'framework.output_has_indicators': { count: 'number' },

  'dependency.self': {},
  'dependency.exists': {},
  'dependency.cycle': { cycle: 'text' },
  'event.end_before_date': {},

  'budget_line.currency': { currency: 'text' },
  'budget_line.reason_required': {},
  'budget_line.code_taken': {},
  'budget_line.code_format': {},
  'budget_line.has_entries': { count: 'number' },
  'budget_analysis.foreign_currency': { count: 'number', currency: 'text' },
  'budget_settings.tolerance_decimals': {},

  // The expenditure ledger, entry by entry (a form or a row of an imported file).
  'ledger.rate_same_currency': { currency: 'text' },
  'ledger.rate_required': { projectCurrency: 'text', currency: 'text' },
  'ledger.rate_invalid': {},
  'ledger.zero_amount': {},
  'ledger.negative_needs_correction': {},
  'ledger.amount_invalid': {},
  'ledger.converted_too_large': {},
  'ledger.to_before_from': {},

  // A ledger CSV as a whole, and its columns and cells.
  'csv.unclosed_quote': { line: 'id' },
  'csv.text_after_quote': { line: 'id' },
  'csv.unknown_column': { columns: 'text' },
  'csv.duplicate_column': {},
  'csv.column_required': {},
  'csv.no_rows': {},
  'csv.field_count': { count: 'number', expected: 'number' },
  'csv.not_positive_integer': {},
  'csv.line_code_unknown': { code: 'text' },
  'csv.line_id_mismatch': {},
  'csv.correction_invalid': {},
  'csv.type_invalid': {},

  // Uploaded files of any kind.
  'file.empty': {},
  'file.unclosed_quote': {},
  'file.unreadable_spreadsheet': {},
  'file.not_table': {},
  'file.duplicate_header': { header: 'text' },
  'file.type_not_accepted': {},
  'file.not_utf8': {},
  'file.too_large': { maxMb: 'number' },
  'file.missing': {},
  'file.one_only': {},
  'file.wrong_field': { field: 'text' },
  'file.unknown_field': { expected: 'text' },
  'file.field_too_long': {},
  'file.field_not_json': {},
  'file.too_many_parts': {},
  'file.not_multipart': {},

  // An XML file past what one document may hold, and rules of the IATI import.
  'xml.too_many_elements': { max: 'number' },
  'xml.too_deep': { max: 'number' },
  'xml.too_many_element_attributes': { max: 'number' },
  'xml.too_many_attributes': { max: 'number' },
  'xml.name_too_long': { max: 'number' },
  'xml.text_too_long': { max: 'number' },
  'iati.date_out_of_range': { identifier: 'text', element: 'text', date: 'text', min: 'date', max: 'date' },
  'iati.year_out_of_range': { identifier: 'text', element: 'text', year: 'text', min: 'id', max: 'id' },
  'iati.project_not_updatable': { identifier: 'text' },
  // Limits on reading an imported spreadsheet or CSV (server/src/core/import-limits.ts, decision 013).
  'import.too_many_rows': { max: 'number' },
  'import.too_many_columns': { max: 'number' },
  'import.too_many_cells': { max: 'number' },
  'import.inflated_too_large': { maxMb: 'number' },
  'import.too_complex': { seconds: 'number' },
  'import.busy': {},

  // The diaspora registry: survey import (mapping, cells, rows) and records.
  'organisation.link_invalid': {},
  'survey.mapping_missing': {},
  'survey.mapping_no_column': { header: 'text' },
  'survey.mapping_name_required': {},
  'survey.sex_unreadable': { value: 'text' },
  'survey.country_unknown': { value: 'text' },
  'survey.birth_year_invalid': {},
  'survey.years_abroad_invalid': {},
  'survey.group_unknown': { value: 'text' },
  'survey.consent_unreadable': { value: 'text' },
  'survey.consent_date_invalid': {},
  'survey.sector_left_out': { value: 'text' },
  'survey.language_left_out': { value: 'text' },
  'survey.organisation_left_out': { value: 'text' },
  'survey.row_has_errors': {},
  'survey.duplicate_undecided': {},
  'survey.merge_person_unknown': { personId: 'id' },
  'survey.merge_row_invalid': { target: 'id' },
  'survey.decision_row_missing': {},
  'survey.consent_terms_missing': {},
  'person.erased': {},
  'person.contact_erased': {},
  'person.has_attendance': {},
  'person.no_consent_to_withdraw': {},
  'person.withdrawn_before_given': {},

  'attendee.not_in_registry': { personId: 'id' },
  'attendee.erased': { personId: 'id' },
  'sheet.columns': {},
  'sheet.no_match': {},
  'sheet.ambiguous': { count: 'number' },
  'engagement.number_indicator_only': {},

  'indicator.breakdown_needs_number': {},
  'indicator.outcome_or_output': {},
  'indicator.values_recorded': {},
  'indicator.has_values': { count: 'number' },
  'indicator.custom_periods': {},
  'indicator.rag_thresholds': {},

  'period.overlaps': { start: 'date', end: 'date' },
  'period.dates_fixed': {},
  'period.end_before_start': {},
  'period.generate_or_custom': {},
  'period.has_value': {},
  'period.not_locked': {},

  'value.exists': {},
  'value.awaiting_review': {},
  'value.cannot_submit': {},
  'value.cannot_review': {},
  'value.numbers_not_qualitative': {},
  'value.narrative_qualitative_only': {},
  'value.ratio_percentage_only': {},
  'value.percentage_and_ratio': {},
  'value.percentage_missing': {},
  'value.numerator_required': {},
  'value.denominator_required': {},

  'disaggregation.not_configured': { dimension: 'dimension' },
  'disaggregation.total_missing': {},
  'disaggregation.exceeds_total': { sum: 'number', total: 'number' },
  'disaggregation.incomplete': { dimensions: 'dimensions' },

  'report.end_before_start': {},
  'report.quarter_start': {},
  'report.quarter_end': { end: 'date' },
  'report.not_editable': {},
  'report.cannot_submit': {},
  'report.cannot_review': {},
  'report.cannot_delete': {},

  'user.email_taken': {},
  'user.self_lockout': {},

  'mfa.already_on': {},
  'mfa.not_started': {},
  'mfa.not_on': {},
  'mfa.user_has_none': {},
  'mfa.reset_own': {},
  'mfa.unreadable': {},

  // Sign-in, its code step and reset links held back after too many failures (decision 014).
  'attempts.wait_seconds': { seconds: 'number' },
  'attempts.wait_minutes': { minutes: 'number' },
} as const satisfies Record<string, ParamSpec>;

export type IssueCode = keyof typeof ISSUES;
/** Every issue code, for the catalogues' test and the client's dynamic keys. */
export const ISSUE_CODES = Object.keys(ISSUES) as IssueCode[];
export type IssueParams<C extends IssueCode> = ParamsOf<(typeof ISSUES)[C]>;

export function isIssueCode(code: unknown): code is IssueCode {
  return typeof code === 'string' && Object.hasOwn(ISSUES, code);
}

/** The kind of each parameter of a code, to write it in the reader's language. */
export function paramKinds(code: IssueCode): Readonly<Record<string, ParamKind>> {
  return ISSUES[code];
}

/** The parameters each code carries, checked where they arrive (the client, on a version skew). */
export const ISSUE_PARAMS = Object.fromEntries(
  ISSUE_CODES.map((code) => [
    code,
    z.strictObject(Object.fromEntries(Object.entries(paramKinds(code)).map(([name, kind]) => [name, PARAM_SCHEMAS[kind]]))),
  ]),
) as unknown as { readonly [C in IssueCode]: z.ZodType<IssueParams<C>> };

/** A broken rule: its code and its parameters. */
export type Issue = { code: IssueCode; params: Record<string, unknown> };
/** A broken rule about one field of a request (`amount.currency`, `rows.12`). */
export type FieldIssue = Issue & { path: string };

type ParamsArg<C extends IssueCode> = keyof IssueParams<C> extends never ? [] : [params: IssueParams<C>];

/** Names a broken rule: `issue('budget_line.currency', { currency: 'USD' })`. */
export function issue<C extends IssueCode>(code: C, ...args: ParamsArg<C>): Issue & { code: C } {
  return { code, params: (args[0] ?? {}) as Record<string, unknown> };
}

/** The same issue about a field. */
export function fieldIssue<C extends IssueCode>(path: string, code: C, ...args: ParamsArg<C>): FieldIssue {
  return { path, ...issue(code, ...args) };
}

/**
 * An issue as zod's custom issue, for `ctx.addIssue({ code: 'custom', path, ...asZodIssue(i) })`
 * or `.refine(check, { path, ...asZodIssue(i) })`: the code and parameters ride in zod's
 * params, and the error middleware turns them back into a coded issue with its English.
 */
export function asZodIssue(i: Issue): { params: Issue } {
  return { params: { code: i.code, params: i.params } };
}

/** The rule behind a zod issue raised by a shared schema, or null for zod's own checks. */
export function ruleOfZodIssue(i: { code: string; params?: unknown }): Issue | null {
  if (i.code !== 'custom' || typeof i.params !== 'object' || i.params === null) return null;
  const { code, params } = i.params as { code?: unknown; params?: unknown };
  if (!isIssueCode(code)) return null;
  return { code, params: typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {} };
}

/** A coded issue as it travels in an answer. `code` stays a string so that an older client still reads a newer code. */
export const CodedIssueSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.unknown()),
  message: z.string(),
});
export type CodedIssue = z.infer<typeof CodedIssueSchema>;
