import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { IDEMPOTENCY_KEY_HEADER, NewNotificationSubscription, NotificationLinkResult, NotificationSubscriptionState } from '@stadtdialog/shared/contract';
import { firstValueFrom, Observable } from 'rxjs';
import { writeFailure, WriteFailure } from '../participation/problem';
import { retryingWrite } from '../participation/write-retry';
import { API_BASE } from '../procedures/procedure-api';

export type NotificationResult<T> = { ok: true; value: T } | { ok: false; failure: WriteFailure; status: number };

async function attemptWrite<T>(request: Observable<T>): Promise<NotificationResult<T>> {
  try {
    return { ok: true, value: await firstValueFrom(request, { defaultValue: undefined as T }) };
  } catch (error) {
    const status = (error as { status?: number }).status ?? 0;
    return { ok: false, failure: writeFailure(error), status };
  }
}

/** E-mail notifications about an own contribution (the participant token says whose) and the links of the mails. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  subscribe(contributionId: string, subscription: NewNotificationSubscription, idempotencyKey: string) {
    return attemptWrite(
      this.http.post<NotificationSubscriptionState>(`${API_BASE}/me/contributions/${encodeURIComponent(contributionId)}/notifications`, subscription, {
        headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
        context: retryingWrite(),
      }),
    );
  }

  unsubscribeOwn(contributionId: string) {
    return attemptWrite(this.http.delete<void>(`${API_BASE}/me/contributions/${encodeURIComponent(contributionId)}/notifications`, { context: retryingWrite() }));
  }

  confirm(token: string) {
    return attemptWrite(this.http.post<NotificationLinkResult>(`${API_BASE}/notifications/confirm`, { token }));
  }

  unsubscribe(token: string) {
    return attemptWrite(this.http.post<NotificationLinkResult>(`${API_BASE}/notifications/unsubscribe`, { token }));
  }
}
