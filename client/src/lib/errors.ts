import type { TFunction } from 'i18next';
import { ERROR_CODES, type ErrorCode, type ErrorIssue } from '@shared/errors';
import { isApiError } from './api-client';

/** Codes the client itself produces, besides the API's own. */
const CLIENT_CODES = ['NETWORK', 'INVALID_RESPONSE', 'UNKNOWN'] as const;
type MessageCode = ErrorCode | (typeof CLIENT_CODES)[number];

function isMessageCode(code: string): code is MessageCode {
  return (ERROR_CODES as readonly string[]).includes(code) || (CLIENT_CODES as readonly string[]).includes(code);
}

/** The translated sentence for any error: API codes map to `errors.<CODE>`. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.UNKNOWN');
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
 * Validation messages come from the shared schemas in English. Known ones are
 * translated here; anything else is shown as written.
 */
const MESSAGE_PATTERNS: { re: RegExp; render: (t: TFunction, m: RegExpExecArray) => string }[] = [
  { re: /^Required$/, render: (t) => t('validation.required') },
  { re: /^At most (\d+) characters$/, render: (t, m) => t('validation.maxLength', { max: Number(m[1]) }) },
  { re: /^At least (\d+) characters$/, render: (t, m) => t('validation.minLength', { min: Number(m[1]) }) },
  { re: /^At most (\d+) decimals for (\w+)$/, render: (t, m) => t('validation.maxDecimals', { max: Number(m[1]), currency: m[2] }) },
  { re: /^Must be a real date/, render: (t) => t('validation.date') },
  { re: /^Must be a positive whole number$/, render: (t) => t('validation.positiveInteger') },
  { re: /^Letters, digits, dot, dash, slash/, render: (t) => t('validation.projectCode') },
  { re: /^At least one member state$/, render: (t) => t('validation.memberStates') },
  { re: /^End year is before start year$/, render: (t) => t('validation.endYearBeforeStart') },
  { re: /^End date is before start date$/, render: (t) => t('validation.endBeforeStart') },
  { re: /^Start date is not in the start year$/, render: (t) => t('validation.startNotInYear') },
  { re: /^End date is not in the end year$/, render: (t) => t('validation.endNotInYear') },
  { re: /^Amount must be a decimal number/, render: (t) => t('validation.amount') },
  { re: /^Amount must not be negative$/, render: (t) => t('validation.amountNegative') },
  { re: /^Planned end is before planned start$/, render: (t) => t('validation.plannedEndBeforeStart') },
  { re: /^Actual end is before actual start$/, render: (t) => t('validation.actualEndBeforeStart') },
  { re: /^An activity that ended must have started$/, render: (t) => t('validation.endedWithoutStart') },
  { re: /^Must be an e-mail address$/, render: (t) => t('validation.email') },
  { re: /too common/, render: (t) => t('validation.commonPassword') },
  { re: /^Unknown country code/, render: (t) => t('validation.country') },
  { re: /^Unknown currency code/, render: (t) => t('validation.currency') },
];

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
export function toFieldErrors(t: TFunction, issues: readonly Pick<ErrorIssue, 'path' | 'message'>[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path || '_';
    if (!(key in out)) out[key] = issueMessage(t, issue.message);
  }
  return out;
}

/** Zod issues (client-side check with the shared schema) as field errors. */
export function zodFieldErrors(t: TFunction, issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  return toFieldErrors(
    t,
    issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}
