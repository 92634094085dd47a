import type { DisaggregationDimension } from './enums';
import type { Issue, IssueCode, IssueParams } from './issues';

/**
 * The English sentence of every issue code (shared/issues.ts): the `message` the API sends
 * beside each code, for API clients and for a client that does not know the code. Only
 * the server imports this; the browser says each code in the reader's language instead.
 */

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** Parts are often decimals; six places are enough to tell them apart and short enough to read. */
const decimal = (n: number) => String(Math.round(n * 1e6) / 1e6);
const DIMENSION_WORDS: Record<DisaggregationDimension, string> = { sex: 'sex', participantGroup: 'participant group' };

const MESSAGES: { [C in IssueCode]: (p: IssueParams<C>) => string } = {
  'field.required': () => 'Required',
  'text.control_characters': () => 'Must not contain control characters',
  'date.invalid': () => 'Must be a real date written YYYY-MM-DD',
  'date.out_of_range': (p) => `Must be a date from ${p.min} to ${p.max}`,
  'money.amount_format': () => 'Amount must be a decimal number such as 1234.50',
  'money.too_many_decimals': (p) => `At most ${p.max} decimals for ${p.currency}`,
  'money.negative': () => 'Amount must not be negative',
  'money.currency_unknown': () => 'Unknown currency code (ISO 4217)',
  'money.too_large': (p) => `No amount may exceed ${p.max} ${p.currency}`,

  // A record named in the request that is not where it must be.
  'ref.not_project_activity': () => 'Not an activity of this project',
  'ref.not_project_outcome': () => 'Not an outcome of this project',
  'ref.not_project_output': () => 'Not an output of this project',
  'ref.not_outcome_output': () => 'Not an output of this outcome',
  'ref.not_project_budget_line': () => 'Not a budget line of this project',
  'ref.not_activity_event': () => 'Not an event of this activity',
  'ref.not_registry_person': () => "Not a person of this project's registry",
  'ref.not_project_organisations': (p) => `Not organisations of this project: ${p.ids}`,
  'ref.unknown_projects': () => 'Unknown project in the list',

  'project.code_taken': () => 'Another project already has this ID',
  'project.currency_fixed': () => 'The currency cannot change once the project has budget lines or expenditures',
  'project.end_year_before_start': () => 'End year is before start year',
  'project.end_before_start': () => 'End date is before start date',
  'project.start_not_in_year': () => 'Start date is not in the start year',
  'project.end_not_in_year': () => 'End date is not in the end year',

  'activity.planned_end_before_start': () => 'Planned end is before planned start',
  'activity.actual_end_before_start': () => 'Actual end is before actual start',
  'activity.ended_without_start': () => 'An activity that ended must have started',
  'activity.counts_from_attendance': () => 'Participant counts come from the attendance records; change the attendance instead',

  'framework.outcome_has_activities': (p) => `This outcome still has ${plural(p.count, 'activity', 'activities')}; move or delete them first`,
  'framework.output_has_activities': (p) => `This output still has ${plural(p.count, 'activity', 'activities')}; move or delete them first`,
  'framework.outcome_has_indicators': (p) => `This outcome still has ${plural(p.count, 'indicator', 'indicators')}; delete them first`,
  'framework.output_has_indicators': (p) => `This output still has ${plural(p.count, 'indicator', 'indicators')}; delete them first`,

  'dependency.self': () => 'An activity cannot depend on itself',
  'dependency.exists': () => 'This dependency already exists',
  'dependency.cycle': (p) => `Would close the cycle ${p.cycle}`,
  'event.end_before_date': () => 'End date is before the date of the event',

  'budget_line.currency': (p) => `Budget lines are in the project currency (${p.currency})`,
  'budget_line.reason_required': () => 'Say why the amount is revised',
  'budget_line.code_taken': () => 'Another budget line of this project already has this code',
  'budget_line.code_format': () => 'No spaces, commas, semicolons or quotes',
  'budget_line.has_entries': (p) => `This line still has ${plural(p.count, 'ledger entry', 'ledger entries')}; move or delete them first`,
  'budget_analysis.foreign_currency': (p) => `${p.count} budget line(s) or entries are not in the project currency (${p.currency})`,
  'budget_settings.tolerance_decimals': () => 'At most 2 decimals',

  // The expenditure ledger, entry by entry (a form or a row of an imported file).
  'ledger.rate_same_currency': (p) => `The entry is in the project currency (${p.currency}); leave the rate out or give 1`,
  'ledger.rate_required': (p) => `Give the rate: ${p.projectCurrency} per one ${p.currency}`,
  'ledger.rate_invalid': () => 'Rate must be a positive decimal such as 0.0917 (at most 10 decimals)',
  'ledger.zero_amount': () => 'Amount must not be zero',
  'ledger.negative_needs_correction': () => 'A negative amount is allowed only on a correction',
  'ledger.amount_invalid': () => 'Not a valid amount',
  'ledger.converted_too_large': () => 'The amount is too large once converted',
  'ledger.to_before_from': () => 'to is before from',

  // A ledger CSV as a whole, and its columns and cells.
  'csv.unclosed_quote': (p) => `A quoted field is not closed (line ${p.line})`,
  'csv.text_after_quote': (p) => `Unexpected text after a closing quote (line ${p.line})`,
  'csv.unknown_column': (p) => `Unknown column; use ${p.columns}`,
  'csv.duplicate_column': () => 'This column appears twice',
  'csv.column_required': () => 'This column is required',
  'csv.no_rows': () => 'The file has no rows under its header',
  'csv.field_count': (p) => `Has ${p.count} fields; the header has ${p.expected}`,
  'csv.not_positive_integer': () => 'Must be a positive whole number',
  'csv.line_code_unknown': (p) => `No budget line of this project has the code ${p.code}`,
  'csv.line_id_mismatch': () => 'Does not match budgetLineCode',
  'csv.correction_invalid': () => 'Must be true or false',
  'csv.type_invalid': () => 'Must be commitment or expenditure (or IATI 2 or 4)',

  // Uploaded files of any kind.
  'file.empty': () => 'The file is empty',
  'file.unclosed_quote': () => 'The CSV file has a quote that is never closed',
  'file.unreadable_spreadsheet': () => 'The spreadsheet could not be read; save it as .xlsx or .csv and try again',
  'file.not_table': () => 'The file is neither CSV text nor an XLSX spreadsheet',
  'file.duplicate_header': (p) => `Two columns are headed "${p.header}"; give each column its own header`,
  'file.type_not_accepted': () => 'This file type is not accepted',
  'file.not_utf8': () => 'The file is not UTF-8 text; save it as "CSV UTF-8" and try again',
  'file.too_large': (p) => `The file is larger than ${p.maxMb} MB`,
  'file.missing': () => 'Attach a file',
  'file.one_only': () => 'Send one file at a time',
  'file.wrong_field': (p) => `Send the file in the field "${p.field}"`,
  'file.unknown_field': (p) => `Unknown field; expected ${p.expected}`,
  'file.field_too_long': () => 'Too long',
  'file.field_not_json': () => 'Not valid JSON',
  'file.too_many_parts': () => 'Send one file and the expected fields only',
  'file.not_multipart': () => 'The upload is not a valid multipart/form-data body',

  // An XML file past what one document may hold, and rules of the IATI import.
  'xml.too_many_elements': (p) => `The file has more than ${p.max} elements`,
  'xml.too_deep': (p) => `The file nests elements more than ${p.max} levels deep`,
  'xml.too_many_element_attributes': (p) => `An element of the file has more than ${p.max} attributes`,
  'xml.too_many_attributes': (p) => `The file has more than ${p.max} attributes`,
  'xml.name_too_long': (p) => `An element or attribute name in the file is longer than ${p.max} characters`,
  'xml.text_too_long': (p) => `A text or attribute value in the file is longer than ${p.max} characters`,
  'iati.date_out_of_range': (p) => `${p.identifier}: the date ${p.date} (${p.element}) is outside the dates Hamkori accepts, ${p.min} to ${p.max}`,
  'iati.year_out_of_range': (p) => `${p.identifier}: the year ${p.year} (${p.element}) is outside the years Hamkori accepts, ${p.min} to ${p.max}`,
  'iati.project_not_updatable': (p) =>
    `${p.identifier}: its project ID belongs to a project you may not update; remove the activity from the file or ask an administrator`,
  // Limits on reading an imported spreadsheet or CSV.
  'import.too_many_rows': (p) => `The sheet has more than ${p.max} rows; split it into files of at most that many rows`,
  'import.too_many_columns': (p) => `More than ${p.max} columns of the sheet hold values; keep only the columns to import and try again`,
  'import.too_many_cells': (p) => `The sheet holds more than ${p.max} filled cells; split it into smaller files`,
  'import.inflated_too_large': (p) =>
    `Unpacked, the spreadsheet is larger than ${p.maxMb} MB; remove other sheets and formatting, or split it into smaller files`,
  'import.too_complex': (p) =>
    `The file could not be read within ${p.seconds} seconds and the memory allowed; split it into smaller files or save it as .csv`,
  'import.busy': () => 'Other files are being read right now; try again in a minute',

  // The diaspora registry: survey import (mapping, cells, rows) and records.
  'organisation.link_invalid': () => 'An http(s) address',
  'survey.mapping_missing': () => 'Send the column mapping',
  'survey.mapping_no_column': (p) => `No column headed "${p.header}"`,
  'survey.mapping_name_required': () => 'Map a column to name',
  'survey.sex_unreadable': (p) => `"${p.value}" is not a sex we can read (female, male, other)`,
  'survey.country_unknown': (p) => `"${p.value}" is not a country code or name we know`,
  'survey.birth_year_invalid': () => 'Not a year',
  'survey.years_abroad_invalid': () => 'Not a whole number of years',
  'survey.group_unknown': (p) => `"${p.value}" is not a participant group (government, diaspora, civil society, international)`,
  'survey.consent_unreadable': (p) => `"${p.value}" is not yes or no`,
  'survey.consent_date_invalid': () => 'Not a date (YYYY-MM-DD or DD.MM.YYYY)',
  'survey.sector_left_out': (p) => `Sector "${p.value}" is not in the list and was left out`,
  'survey.language_left_out': (p) => `Language "${p.value}" is not recognised and was left out`,
  'survey.organisation_left_out': (p) => `Organisation "${p.value}" is not in the registry and was left out`,
  'survey.row_has_errors': () => 'The row has errors: fix it in the file or skip it',
  'survey.duplicate_undecided': () => 'Possible duplicate: choose merge, create or skip',
  'survey.merge_person_unknown': (p) => `Person ${p.personId} is not in this project's registry`,
  'survey.merge_row_invalid': (p) => `Row ${p.target} is not an earlier row that is imported`,
  'survey.decision_row_missing': () => 'No such row in the file',
  'survey.consent_terms_missing': () => 'Rows record consent: send the consent purpose and notice version',
  'person.erased': () => 'This person was erased; the record can no longer change',
  'person.contact_erased': () => 'This person was erased',
  'person.has_attendance': () => 'This person has attendance records; erase the personal data instead of deleting',
  'person.no_consent_to_withdraw': () => 'This person has no current consent to withdraw',
  'person.withdrawn_before_given': () => 'Before the day consent was given',

  'attendee.not_in_registry': (p) => `${p.personId} is not a person of this project's registry`,
  'attendee.erased': (p) => `${p.personId} was erased`,
  'sheet.columns': () => 'The sheet needs a "name" or an "email" column',
  'sheet.no_match': () => 'No one in the registry with this email or name',
  'sheet.ambiguous': (p) => `${p.count} people match; add them by hand`,
  'engagement.number_indicator_only': () => 'Only a number indicator can take a count of people engaged',

  'indicator.breakdown_needs_number': () => 'Only an indicator measured as a number can be broken down into parts',
  'indicator.outcome_or_output': () => 'Give an outcome or an output, not both',
  'indicator.values_recorded': () => 'Values are recorded against this indicator, so its measure and breakdown cannot change',
  'indicator.has_values': (p) => `This indicator has ${plural(p.count, 'recorded value', 'recorded values')}; delete them first`,
  'indicator.custom_periods': () => 'This indicator reports on custom periods; add them one by one',
  'indicator.rag_thresholds': () => 'Must not be above the on-track threshold',

  'period.overlaps': (p) => `Overlaps the period ${p.start} – ${p.end}`,
  'period.dates_fixed': () => 'This period has a value, so its dates cannot change',
  'period.end_before_start': () => 'End is before start',
  'period.generate_or_custom': () => 'Either generate periods or give one period, not both',
  'period.has_value': () => 'This period has a value; delete the value first',
  'period.not_locked': () => 'This period is not locked: it has no approved value',

  'value.exists': () => 'This period already has a value; edit that one instead',
  'value.awaiting_review': () => 'A submitted value cannot be changed; it can only be approved or returned',
  'value.cannot_submit': () => 'Only a draft or returned value can be submitted',
  'value.cannot_review': () => 'Only a submitted value can be approved or returned',
  'value.numbers_not_qualitative': () => 'A qualitative indicator takes a narrative and a score, not numbers',
  'value.narrative_qualitative_only': () => 'Only a qualitative indicator takes a narrative and a score',
  'value.ratio_percentage_only': () => 'Only a percentage can be given as numerator and denominator',
  'value.percentage_and_ratio': () => 'Give either the percentage or its numerator and denominator',
  'value.percentage_missing': () => 'Give the percentage or its numerator and denominator',
  'value.numerator_required': () => 'Required with a denominator',
  'value.denominator_required': () => 'Required with a numerator',

  'disaggregation.not_configured': (p) => `This indicator is not broken down by ${DIMENSION_WORDS[p.dimension]}`,
  'disaggregation.total_missing': () => 'Give the total before its parts',
  'disaggregation.exceeds_total': (p) => `The parts add up to ${decimal(p.sum)}, more than the total ${decimal(p.total)}`,
  'disaggregation.incomplete': (p) =>
    `Only a value whose parts add up to its total can be marked complete (check the parts by ${p.dimensions.map((d) => DIMENSION_WORDS[d]).join(' and ')})`,

  'report.end_before_start': () => 'End date is before start date',
  'report.quarter_start': () => 'A quarter starts on 1 January, April, July or October',
  'report.quarter_end': (p) => `The quarter ends on ${p.end}`,
  'report.not_editable': () => 'Only a draft or returned report can be edited',
  'report.cannot_submit': () => 'Only a draft or returned report can be submitted',
  'report.cannot_review': () => 'Only a submitted report can be accepted or returned',
  'report.cannot_delete': () => 'Only a draft report can be deleted',

  'user.email_taken': () => 'A user with this e-mail already exists',
  'user.self_lockout': () => 'You cannot disable yourself or remove your own admin role',

  'mfa.already_on': () => 'Two-factor sign-in is already on; turn it off first to set up another app',
  'mfa.not_started': () => 'Start the two-factor set-up first',
  'mfa.not_on': () => 'Two-factor sign-in is not on',
  'mfa.user_has_none': () => 'This user has no two-factor sign-in',
  'mfa.reset_own': () => 'Turn off your own two-factor sign-in on your Security page',
  'mfa.unreadable': () => 'This two-factor set-up can no longer be checked; ask an administrator to reset it',

  'attempts.wait_seconds': (p) => `Too many attempts; try again in ${plural(p.seconds, 'second', 'seconds')}`,
  'attempts.wait_minutes': (p) => `Too many attempts; try again in about ${plural(p.minutes, 'minute', 'minutes')}`,
};

/** The English sentence of a broken rule. */
export function messageOf(i: Issue): string {
  return (MESSAGES[i.code] as (p: Record<string, unknown>) => string)(i.params);
}

/** A broken rule with its English sentence, as it travels in an answer. */
export function explain<I extends Issue>(i: I): I & { message: string } {
  return { ...i, message: messageOf(i) };
}
