import { HttpErrorResponse } from '@angular/common/http';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'not-found' | 'error';

export function failureStatus(error: unknown): LoadStatus {
  return error instanceof HttpErrorResponse && error.status === 404 ? 'not-found' : 'error';
}
