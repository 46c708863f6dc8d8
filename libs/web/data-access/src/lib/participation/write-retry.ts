import { HttpContext, HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { finalize, Observable, retry, throwError, timer } from 'rxjs';
import { retryAfterMs } from '../outbox/outbox';

/**
 * Marks a request as safe to send again unchanged: a POST with its Idempotency-Key, or an
 * idempotent PUT/DELETE. The interceptor then retries it on a network error or a 503.
 */
export const RETRY_WRITE = new HttpContextToken<boolean>(() => false);

export function retryingWrite(): HttpContext {
  return new HttpContext().set(RETRY_WRITE, true);
}

/**
 * Waits between attempts when the server names none (Retry-After): about 7 s in all, longer than the
 * API takes to come back after a database restart; after that the form offers "send again".
 */
export const WRITE_RETRY_DELAYS_MS = [1000, 2000, 4000];
/** A Retry-After beyond this is not waited for here: the form offers "send again" instead. */
const MAX_RETRY_AFTER_MS = 30_000;

/** How many writes are waiting to be sent again, for the forms' "retrying" state. */
@Injectable({ providedIn: 'root' })
export class WriteRetries {
  private readonly waiting = signal(0);
  readonly retrying = computed(() => this.waiting() > 0);

  begin(): void {
    this.waiting.update((n) => n + 1);
  }

  end(): void {
    this.waiting.update((n) => Math.max(0, n - 1));
  }
}

function retriable(error: unknown): error is HttpErrorResponse {
  return error instanceof HttpErrorResponse && (error.status === 0 || error.status === 503);
}

/**
 * Sends a marked write again, with the same headers and so the same Idempotency-Key, when the
 * server could not be reached or answered 503 (e.g. its database restarted): the server stores it
 * once however often it arrives. Other answers go to the form as they are.
 */
export const writeRetryInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.context.get(RETRY_WRITE)) return next(request);
  const retries = inject(WriteRetries);
  let waiting = false;
  return next(request).pipe(
    retry({
      count: WRITE_RETRY_DELAYS_MS.length,
      delay: (error: unknown, attempt: number): Observable<number> => {
        if (!retriable(error)) return throwError(() => error);
        const named = retryAfterMs(error.headers?.get('Retry-After') ?? null);
        if (named !== null && named > MAX_RETRY_AFTER_MS) return throwError(() => error);
        if (!waiting) {
          waiting = true;
          retries.begin();
        }
        return timer(named ?? WRITE_RETRY_DELAYS_MS[attempt - 1]);
      },
    }),
    finalize(() => {
      if (waiting) retries.end();
    }),
  );
};
