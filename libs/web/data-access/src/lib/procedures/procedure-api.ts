import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ParticipationOverview, ProcedureDetail, ProcedureSummary } from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';

/** Base path of the public API; the web app is served from the same origin. */
export const API_BASE = '/api/v1';

@Injectable({ providedIn: 'root' })
export class ProcedureApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ProcedureSummary[]> {
    return this.http.get<ProcedureSummary[]>(`${API_BASE}/procedures`);
  }

  /** the start page across procedures: counts, most discussed and newest contributions, appointments */
  overview(): Observable<ParticipationOverview> {
    return this.http.get<ParticipationOverview>(`${API_BASE}/overview`);
  }

  get(slug: string): Observable<ProcedureDetail> {
    return this.http.get<ProcedureDetail>(`${API_BASE}/procedures/${encodeURIComponent(slug)}`);
  }
}
