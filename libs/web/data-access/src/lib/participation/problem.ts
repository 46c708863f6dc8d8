import { HttpErrorResponse } from '@angular/common/http';
import { Problem } from '@stadtdialog/shared/contract';

export type FieldProblem = NonNullable<Problem['errors']>[number];

/** How a write failed, as the form that sent it needs to know. */
export type WriteFailure =
  /** the server refused fields; nothing was stored */
  | { kind: 'invalid'; errors: FieldProblem[] }
  /** the procedure does not take this now (409) */
  | { kind: 'conflict' }
  /** no answer, or the server could not answer: the outcome is unknown, retry with the same key */
  | { kind: 'offline' }
  /** any other refusal */
  | { kind: 'failed'; status: number };

export function problemOf(error: unknown): Problem | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body = error.error;
  return body && typeof body === 'object' && typeof body.status === 'number' ? (body as Problem) : null;
}

export function writeFailure(error: unknown): WriteFailure {
  if (!(error instanceof HttpErrorResponse)) return { kind: 'failed', status: 0 };
  if (error.status === 0 || error.status >= 502) return { kind: 'offline' };
  if (error.status === 409) return { kind: 'conflict' };
  const errors = problemOf(error)?.errors ?? [];
  if ((error.status === 400 || error.status === 422) && errors.length) return { kind: 'invalid', errors };
  return { kind: 'failed', status: error.status };
}
