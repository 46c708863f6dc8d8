import { DOCUMENT } from '@angular/common';
import { HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { PARTICIPANT_TOKEN_HEADER } from '@stadtdialog/shared/contract';
import { tap } from 'rxjs';
import { API_BASE } from '../procedures/procedure-api';

const STORAGE_KEY = 'stadtdialog.participantToken';

/**
 * The anonymous participant token: issued by the API on the first write, kept in localStorage and
 * sent with every API request, so the server recognises own ratings and own contributions.
 */
@Injectable({ providedIn: 'root' })
export class ParticipantToken {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  private memory: string | null = null;

  get(): string | null {
    try {
      return this.storage?.getItem(STORAGE_KEY) ?? this.memory;
    } catch {
      return this.memory;
    }
  }

  set(token: string): void {
    this.memory = token;
    try {
      this.storage?.setItem(STORAGE_KEY, token);
    } catch {
      // Without storage the token lasts for this page only; the person simply gets a new one later.
    }
  }
}

/** Sends the participant token to the API and keeps a newly issued one. */
export const participantTokenInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith(API_BASE)) return next(request);
  const tokens = inject(ParticipantToken);
  const token = tokens.get();
  const sent = token ? request.clone({ setHeaders: { [PARTICIPANT_TOKEN_HEADER]: token } }) : request;
  return next(sent).pipe(
    tap((event) => {
      if (!(event instanceof HttpResponse)) return;
      const issued = event.headers.get(PARTICIPANT_TOKEN_HEADER);
      if (issued && issued !== token) tokens.set(issued);
    }),
  );
};
