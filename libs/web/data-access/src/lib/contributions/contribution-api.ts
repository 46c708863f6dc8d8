import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  Comment,
  Contribution,
  ContributionClusterCollection,
  ContributionDetail,
  ContributionFeatureCollection,
  ContributionGeometry,
  ContributionPage,
  ContributionQuery,
  IDEMPOTENCY_KEY_HEADER,
  NewComment,
  NewContribution,
  NewReport,
  RatingSummary,
} from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { retryingWrite } from '../participation/write-retry';
import { API_BASE } from '../procedures/procedure-api';

function queryParams(query: ContributionQuery & { zoom?: number }): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params = params.set(name, String(value));
  }
  return params;
}

/** The public contribution endpoints of one procedure: list, map layer, detail and the writes. */
@Injectable({ providedIn: 'root' })
export class ContributionApi {
  private readonly http = inject(HttpClient);

  private base(slug: string): string {
    return `${API_BASE}/procedures/${encodeURIComponent(slug)}`;
  }

  list(slug: string, query: ContributionQuery): Observable<ContributionPage> {
    return this.http.get<ContributionPage>(`${this.base(slug)}/contributions`, { params: queryParams(query) });
  }

  /** The map layer; takes the list's filters (category, rubric, q, bbox), not its sort or paging. */
  features(slug: string, query: Pick<ContributionQuery, 'category' | 'rubric' | 'q' | 'bbox'> = {}): Observable<ContributionFeatureCollection> {
    return this.http.get<ContributionFeatureCollection>(`${this.base(slug)}/contributions/features`, {
      params: queryParams(query),
      headers: { Accept: 'application/geo+json, application/json' },
    });
  }

  /** The aggregated map layer of a view at a zoom, for the same filters as `features`. */
  clusters(
    slug: string,
    query: Pick<ContributionQuery, 'category' | 'rubric' | 'q' | 'bbox'> & { zoom: number },
  ): Observable<ContributionClusterCollection> {
    return this.http.get<ContributionClusterCollection>(`${this.base(slug)}/contributions/clusters`, {
      params: queryParams(query),
      headers: { Accept: 'application/geo+json, application/json' },
    });
  }

  get(slug: string, id: string): Observable<ContributionDetail> {
    return this.http.get<ContributionDetail>(`${this.base(slug)}/contributions/${encodeURIComponent(id)}`);
  }

  /**
   * The location step's verdict by the API's own geometry rules: `{ valid: true }`, or a 422 problem
   * whose field error names what is wrong (outside_planning_area, self_crossing, …). Stores nothing.
   */
  checkLocation(slug: string, geometry: ContributionGeometry): Observable<{ valid: true }> {
    return this.http.post<{ valid: true }>(`${this.base(slug)}/contributions/validate-location`, { geometry });
  }

  create(slug: string, contribution: NewContribution, idempotencyKey: string): Observable<Contribution> {
    return this.http.post<Contribution>(`${this.base(slug)}/contributions`, contribution, {
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      context: retryingWrite(),
    });
  }

  comment(slug: string, contributionId: string, comment: NewComment, idempotencyKey: string): Observable<Comment> {
    return this.http.post<Comment>(
      `${this.base(slug)}/contributions/${encodeURIComponent(contributionId)}/comments`,
      comment,
      { headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey }, context: retryingWrite() },
    );
  }

  rate(slug: string, contributionId: string, value: 1 | -1): Observable<RatingSummary> {
    return this.http.put<RatingSummary>(
      `${this.base(slug)}/contributions/${encodeURIComponent(contributionId)}/rating`,
      { value },
      { context: retryingWrite() },
    );
  }

  withdrawRating(slug: string, contributionId: string): Observable<RatingSummary> {
    return this.http.delete<RatingSummary>(`${this.base(slug)}/contributions/${encodeURIComponent(contributionId)}/rating`, {
      context: retryingWrite(),
    });
  }

  report(slug: string, report: NewReport, idempotencyKey: string): Observable<unknown> {
    return this.http.post<unknown>(`${this.base(slug)}/reports`, report, {
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      context: retryingWrite(),
    });
  }
}
