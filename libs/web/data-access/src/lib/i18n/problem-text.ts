import { FieldError, FieldErrorCode, isFieldErrorCode, isProblemCode, Problem, ProblemCode } from '@stadtdialog/shared/contract';
import type { MessageKey } from './messages';
import type { MessageParams } from './translator';

/** A text to show, as a message key and its parameters. */
export interface LocalizedText {
  key: MessageKey;
  params?: MessageParams;
}

/** What a page knows about a failed request: its status (0 without an answer) and the problem's code and parameters. */
export interface FailureLike {
  status: number;
  code?: ProblemCode | string | null;
  retryAfter?: number | null;
  count?: number | null;
}

/**
 * The one translator of the API's errors: what a failed request means to the reader, from the
 * problem's machine code (never from its English text). No answer, or a gateway's 502/504 without a
 * problem, is "offline"; an unknown code falls back to what its status says.
 */
export function problemText(failure: FailureLike | null | undefined): LocalizedText {
  const status = failure?.status ?? 0;
  const code = failure?.code;
  if (isProblemCode(code)) {
    const params: MessageParams = {};
    if (code === 'rate_limited' || code === 'sign_in_throttled') params['seconds'] = failure?.retryAfter ?? 60;
    if (code === 'in_use') params['count'] = failure?.count ?? 1;
    return { key: `problem.${code}`, params };
  }
  if (status === 0 || status === 502 || status === 504) return { key: 'error.offline' };
  const byStatus: Record<number, ProblemCode> = {
    401: 'sign_in_required', 403: 'forbidden', 404: 'not_found', 408: 'request_timeout', 409: 'conflict',
    413: 'body_too_large', 422: 'validation_failed', 429: 'rate_limited', 503: 'service_unavailable',
  };
  const fallback = byStatus[status];
  if (fallback) return problemText({ ...failure, status, code: fallback });
  return { key: 'error.failed' };
}

/** Texts a form uses instead of the general ones for some codes, e.g. "Please enter a title." for a blank title. */
export type FieldTextOverrides = Partial<Record<FieldErrorCode, MessageKey>>;

/** One refused field's explanation in the reader's language, from its code and parameters. */
export function fieldErrorText(error: Pick<FieldError, 'code'> & Partial<FieldError>, overrides: FieldTextOverrides = {}): LocalizedText {
  const code: FieldErrorCode = isFieldErrorCode(error.code) ? error.code : 'invalid_format';
  const params: MessageParams = {};
  if (typeof error.max === 'number') params['max'] = error.max;
  if (typeof error.min === 'number') params['min'] = error.min;
  if (error.allowed) params['allowed'] = error.allowed.join(', ');
  return { key: overrides[code] ?? `fieldError.${code}`, params };
}

/** The first explanation per refused field, by field name (`phases.0.endsAt` stays as it is). */
export function fieldErrorTexts(errors: readonly FieldError[] | null | undefined, overrides: FieldTextOverrides = {}): Record<string, LocalizedText> {
  const texts: Record<string, LocalizedText> = {};
  for (const error of errors ?? []) texts[error.field] ??= fieldErrorText(error, overrides);
  return texts;
}

/** The problem in an error body, if it is one. */
export function asProblem(body: unknown): Problem | null {
  return body && typeof body === 'object' && typeof (body as { status?: unknown }).status === 'number' ? (body as Problem) : null;
}
