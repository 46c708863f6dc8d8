import { HttpErrorResponse } from '@angular/common/http';
import { FieldError, Problem, ProblemCode } from '@stadtdialog/shared/contract';
import { asProblem } from '../i18n/problem-text';

export type FieldProblem = FieldError;

/** How a write failed, as the form that sent it needs to know; `problemText` and `fieldErrorText` say it in words. */
export type WriteFailure =
  /** the server refused fields; nothing was stored */
  | { kind: 'invalid'; errors: FieldError[]; code: ProblemCode | null }
  /** the procedure does not take this now, or it was done already (409: participation_closed, comments_off, already_reported, …) */
  | { kind: 'conflict'; code: ProblemCode | null }
  /** no answer, or the server could not answer: the outcome is unknown, retry with the same key */
  | { kind: 'offline' }
  /** any other refusal, with its code (429 rate_limited with retryAfter, 404 not_found, …) */
  | { kind: 'failed'; status: number; code: ProblemCode | null; retryAfter?: number | null };

export function problemOf(error: unknown): Problem | null {
  return error instanceof HttpErrorResponse ? asProblem(error.error) : null;
}

export function writeFailure(error: unknown): WriteFailure {
  if (!(error instanceof HttpErrorResponse)) return { kind: 'failed', status: 0, code: null };
  if (error.status === 0 || error.status >= 502) return { kind: 'offline' };
  const problem = problemOf(error);
  const code = problem?.code ?? null;
  if (error.status === 409) return { kind: 'conflict', code };
  const errors = problem?.errors ?? [];
  if ((error.status === 400 || error.status === 422) && errors.length) return { kind: 'invalid', errors, code };
  const header = Number(error.headers?.get('Retry-After'));
  const retryAfter = Number.isFinite(header) && header > 0 ? header : problem?.retryAfter ?? null;
  return { kind: 'failed', status: error.status, code, retryAfter };
}
