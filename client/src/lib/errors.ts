import type { TFunction } from 'i18next';
import type { DisaggregationDimension } from '@shared/enums';
import { ERROR_CODES, type ErrorCode, type ErrorIssue } from '@shared/errors';
import { ISSUE_PARAMS, isIssueCode, paramKinds, ruleOfZodIssue, type IssueCode } from '@shared/issues';
import { isApiError } from './api-client';
import { formatDate, formatNumber } from './format';
import { currentLocale, i18n } from './i18n';

/** Codes the client itself produces, besides the API's own. */
const CLIENT_CODES = ['NETWORK', 'INVALID_RESPONSE', 'UNKNOWN'] as const;
type MessageCode = ErrorCode | (typeof CLIENT_CODES)[number];

function isMessageCode(code: string): code is MessageCode {
  return (ERROR_CODES as readonly string[]).includes(code) || (CLIENT_CODES as readonly string[]).includes(code);
}

/**
 * The translated sentence for any error: the rule the server named (`details.rule`) when
 * this client knows it, else the API code's `errors.<CODE>`.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.UNKNOWN');
  const rule = error.rule;
  if (rule && hasIssueText(rule.code)) return issueText(t, { ...rule, message: error.message });
  const code: MessageCode = isMessageCode(error.code) ? error.code : 'UNKNOWN';
  if (code === 'RATE_LIMITED') {
    const retryAfter = retryAfterSeconds(error.details);
    if (retryAfter !== null) return t('errors.RATE_LIMITED_RETRY', { count: Math.ceil(retryAfter / 60) });
  }
  return t(`errors.${code}`);
}

function retryAfterSeconds(details: unknown): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as Record<string, unknown>).retryAfter;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * Messages of zod's own checks in the shared schemas (lengths, formats), which carry no
 * rule code: known ones are translated here; anything else is shown as written.
 */
const MESSAGE_PATTERNS: { re: RegExp; render: (t: TFunction, m: RegExpExecArray) => string }[] = [
  { re: /^Required$/, render: (t) => t('validation.required') },
  { re: /^At most (\d+) characters$/, render: (t, m) => t('validation.maxLength', { max: Number(m[1]) }) },
  { re: /^At least (\d+) characters$/, render: (t, m) => t('validation.minLength', { min: Number(m[1]) }) },
  { re: /^Must be a real date/, render: (t) => t('validation.date') },
  { re: /^Must be a positive whole number$/, render: (t) => t('validation.positiveInteger') },
  { re: /^Letters, digits, dot, dash, slash/, render: (t) => t('validation.projectCode') },
  { re: /^At least one member state$/, render: (t) => t('validation.memberStates') },
  { re: /^Must be an e-mail address$/, render: (t) => t('validation.email') },
  { re: /too common/, render: (t) => t('validation.commonPassword') },
  { re: /^Unknown country code/, render: (t) => t('validation.country') },
];

/**
 * An issue, a row problem or a refusal: a rule code with its params, and the English the
 * server sent with it (none when a shared rule was checked in the browser).
 */
export type Explainable = { code?: string | null | undefined; params?: unknown; message?: string | undefined };

const dimensionName = (t: TFunction, d: DisaggregationDimension) => t(`validation.dimension.${d}`);

/** A rule's params written for the reader: numbers and dates in the interface language's format, names translated. */
function readableParams(t: TFunction, code: IssueCode, params: Record<string, unknown>): Record<string, string> {
  const locale = currentLocale();
  const kinds = paramKinds(code);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const kind = kinds[name];
    if (kind === 'number') out[name] = formatNumber(value as number, locale, 6);
    else if (kind === 'date') out[name] = formatDate(value as string, locale);
    else if (kind === 'dimension') out[name] = dimensionName(t, value as DisaggregationDimension);
    else if (kind === 'dimensions') out[name] = (value as DisaggregationDimension[]).map((d) => dimensionName(t, d)).join(', ');
    else out[name] = String(value);
  }
  return out;
}

/**
 * A code this client knows, whose text has arrived: rule texts come with the rest of the
 * catalogue (LATER_SECTIONS in scripts/vite-locale-sections.ts), which every page but the
 * first screens waits for.
 */
function hasIssueText(code: unknown): code is IssueCode {
  return isIssueCode(code) && i18n.exists(`issues.${code}`);
}

/**
 * The one way a problem the server (or a shared schema) reports reaches the reader: its
 * rule code translated with its params in the interface language. The English message
 * is shown only for a code this client does not know (or params it cannot read), after
 * trying the translations of zod's own messages.
 */
export function issueText(t: TFunction, issue: Explainable): string {
  const { code } = issue;
  if (hasIssueText(code)) {
    const params = ISSUE_PARAMS[code].safeParse(issue.params ?? {});
    if (params.success) return t(`issues.${code}`, { replace: readableParams(t, code, params.data as Record<string, unknown>) });
  }
  // A shared rule checked in the browser has no English with it; its text is the one missing.
  return issue.message ? issueMessage(t, issue.message) : t('validation.invalid');
}

export function issueMessage(t: TFunction, message: string): string {
  for (const { re, render } of MESSAGE_PATTERNS) {
    const m = re.exec(message);
    if (m) return render(t, m);
  }
  if (/^Too (big|small)|^Invalid input/.test(message)) return t('validation.invalid');
  return message;
}

export type FieldErrors = Record<string, string>;

/** Issues keyed by dotted path (`budget.amount`); the first message per field wins. */
export function toFieldErrors(t: TFunction, issues: readonly (Explainable & Pick<ErrorIssue, 'path'>)[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path || '_';
    if (!(key in out)) out[key] = issueText(t, issue);
  }
  return out;
}

/** Zod issues (client-side check with the shared schema) as field errors, rules of the shared schemas by their code. */
export function zodFieldErrors(
  t: TFunction,
  issues: readonly { path: readonly PropertyKey[]; message: string; code: string; params?: unknown }[],
): FieldErrors {
  return toFieldErrors(
    t,
    issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, ...ruleOfZodIssue(i) })),
  );
}
