import type { z } from 'zod';
import { ErrorBodySchema, type ErrorIssue, ErrorIssueSchema, type ErrorRule, ErrorRuleSchema } from '@shared/errors';
import { reportNetworkFailure, reportNetworkSuccess } from './connection';

/** A failed API call, carrying the shared error body. status 0 means the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field issues of a 400 VALIDATION_FAILED, as `[{path, message, code?, params?}]`. */
  get issues(): ErrorIssue[] {
    if (typeof this.details !== 'object' || this.details === null || !('issues' in this.details)) return [];
    const { issues } = this.details as { issues: unknown };
    if (!Array.isArray(issues)) return [];
    return issues.flatMap((i) => {
      const parsed = ErrorIssueSchema.safeParse(i);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** The rule the server refused by, when it is not about one field (`details.rule`). */
  get rule(): ErrorRule | null {
    if (typeof this.details !== 'object' || this.details === null || !('rule' in this.details)) return null;
    const parsed = ErrorRuleSchema.safeParse((this.details as { rule: unknown }).rule);
    return parsed.success ? parsed.data : null;
  }

  /** The record as it is now on the server, sent with 409 VERSION_CONFLICT. */
  current<T>(schema: z.ZodType<T>): T | null {
    if (typeof this.details !== 'object' || this.details === null || !('current' in this.details)) return null;
    const parsed = schema.safeParse((this.details as { current: unknown }).current);
    return parsed.success ? parsed.data : null;
  }

  get isVersionConflict(): boolean {
    return this.status === 409 && this.code === 'VERSION_CONFLICT';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Kept in memory only: it comes with every login and every `GET /api/auth/me`. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => undefined;

/** The app decides where a 401 leads (the login page, remembering the path). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

let onMfaEnrolmentRequired: () => void = () => undefined;

/** The app decides where a 403 MFA_ENROLMENT_REQUIRED leads (the page that sets up two-factor sign-in). */
export function setMfaEnrolmentRequiredHandler(handler: () => void): void {
  onMfaEnrolmentRequired = handler;
}

/** 401 answers that are a wrong password or code (sign-in, password change, two-factor), not a lost session. */
const WRONG_SECRET_CODES = new Set(['INVALID_CREDENTIALS', 'INVALID_MFA_CODE', 'MFA_CHALLENGE_EXPIRED']);

export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** The login call answers 401 for a wrong password; that must not bounce to the login page. */
  skipUnauthenticatedRedirect?: boolean;
};

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    const retryAfter = response.headers.get('Retry-After');
    const extra = retryAfter !== null && details === undefined ? { retryAfter: Number(retryAfter) } : details;
    return new ApiError(response.status, code, message, extra);
  }
  return new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'UNKNOWN', response.statusText);
}

/**
 * The one place that talks to the server. Answers are checked against the shared
 * schema so that a contract drift shows up as a clear error, not as a broken screen.
 */
export async function apiRequest<T>(path: string, schema: z.ZodType<T> | null, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A FormData body (a file upload) sets its own multipart Content-Type with the boundary.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (UNSAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    reportNetworkFailure();
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  reportNetworkSuccess();

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.skipUnauthenticatedRedirect && !WRONG_SECRET_CODES.has(error.code)) {
      csrfToken = null;
      onUnauthenticated();
    }
    if (response.status === 403 && error.code === 'MFA_ENROLMENT_REQUIRED') onMfaEnrolmentRequired();
    throw error;
  }

  if (schema === null || response.status === 204) return undefined as T;
  const data: unknown = await response.json();
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(response.status, 'INVALID_RESPONSE', `Unexpected answer from ${method} ${path}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

export const api = {
  get: <T>(path: string, schema: z.ZodType<T>, options?: Pick<RequestOptions, 'query' | 'signal'>) =>
    apiRequest(path, schema, { ...options, method: 'GET' }),
  post: <T>(path: string, body: unknown, schema: z.ZodType<T> | null, options?: Pick<RequestOptions, 'skipUnauthenticatedRedirect'>) =>
    apiRequest(path, schema, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body: unknown, schema: z.ZodType<T>) => apiRequest(path, schema, { method: 'PATCH', body }),
  /** multipart/form-data, e.g. one file in the field the route expects. */
  upload: <T>(path: string, form: FormData, schema: z.ZodType<T>) => apiRequest(path, schema, { method: 'POST', body: form }),
  delete: (path: string, query?: Record<string, QueryValue>) => apiRequest<void>(path, null, { method: 'DELETE', query }),
};

export type UploadOptions = {
  query?: Record<string, QueryValue>;
  /** Bytes sent so far and in all; fetch cannot report upload progress, XMLHttpRequest can. */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
};

/**
 * A multipart POST that reports upload progress (large survey files). Same CSRF header,
 * error parsing and 401 handling as `apiRequest`.
 */
export function uploadWithProgress<T>(path: string, form: FormData, schema: z.ZodType<T>, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded, e.total);
    };
    const abort = () => xhr.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onerror = () => {
      reportNetworkFailure();
      reject(new ApiError(0, 'NETWORK', 'The server could not be reached'));
    };
    xhr.onload = () => {
      options.signal?.removeEventListener('abort', abort);
      reportNetworkSuccess();
      const text = xhr.responseText;
      if (xhr.status < 200 || xhr.status >= 300) {
        const headers = new Headers({ 'Content-Type': 'application/json' });
        const retryAfter = xhr.getResponseHeader('Retry-After');
        if (retryAfter !== null) headers.set('Retry-After', retryAfter);
        void toApiError(new Response(text, { status: xhr.status, statusText: xhr.statusText, headers })).then((error) => {
          if (xhr.status === 401 && error.code !== 'INVALID_CREDENTIALS') {
            csrfToken = null;
            onUnauthenticated();
          }
          reject(error);
        });
        return;
      }
      let data: unknown = null;
      try {
        data = JSON.parse(text) as unknown;
      } catch {
        data = null;
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        reject(
          new ApiError(xhr.status, 'INVALID_RESPONSE', `Unexpected answer from POST ${path}`, {
            issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          }),
        );
        return;
      }
      resolve(parsed.data);
    };
    xhr.send(form);
  });
}
