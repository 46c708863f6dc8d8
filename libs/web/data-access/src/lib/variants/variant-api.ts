import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  IDEMPOTENCY_KEY_HEADER,
  PlanningInformation,
  PublicVariant,
  PublicVariantDetail,
  RatingSummary,
  VariantComment,
} from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { retryingWrite } from '../participation/write-retry';
import { API_BASE } from '../procedures/procedure-api';

/** The public variant endpoints of one procedure, and its planning information (documents, FAQ, contacts). */
@Injectable({ providedIn: 'root' })
export class VariantApi {
  private readonly http = inject(HttpClient);

  private base(slug: string): string {
    return `${API_BASE}/procedures/${encodeURIComponent(slug)}`;
  }

  private variant(slug: string, id: string): string {
    return `${this.base(slug)}/variants/${encodeURIComponent(id)}`;
  }

  list(slug: string): Observable<PublicVariant[]> {
    return this.http.get<PublicVariant[]>(`${this.base(slug)}/variants`);
  }

  get(slug: string, id: string): Observable<PublicVariantDetail> {
    return this.http.get<PublicVariantDetail>(this.variant(slug, id));
  }

  information(slug: string): Observable<PlanningInformation> {
    return this.http.get<PlanningInformation>(`${this.base(slug)}/information`);
  }

  rate(slug: string, id: string, value: 1 | -1): Observable<RatingSummary> {
    return this.http.put<RatingSummary>(`${this.variant(slug, id)}/rating`, { value }, { context: retryingWrite() });
  }

  withdrawRating(slug: string, id: string): Observable<RatingSummary> {
    return this.http.delete<RatingSummary>(`${this.variant(slug, id)}/rating`, { context: retryingWrite() });
  }

  comment(slug: string, id: string, text: string, idempotencyKey: string): Observable<VariantComment> {
    return this.http.post<VariantComment>(`${this.variant(slug, id)}/comments`, { text }, {
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      context: retryingWrite(),
    });
  }
}
