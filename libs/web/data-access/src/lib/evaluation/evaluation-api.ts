import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { EXPORT_ROWS_HEADER, EvaluationQuery, ProcedureReport, ProcedureStatistics, StatisticsInterval } from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { API_BASE } from '../procedures/procedure-api';

export type ExportFileName =
  | 'contributions.csv'
  | 'comments.csv'
  | 'variants.csv'
  | 'variant-comments.csv'
  | 'contributions.xlsx'
  | 'contributions.geojson';

export interface ExportProgress {
  /** bytes received so far */
  bytes: number;
  /** rows the file will have, from the X-Export-Rows header */
  rows: number | null;
}

export interface DownloadedExport {
  blob: Blob;
  fileName: string;
  rows: number | null;
}

function queryParams(query: EvaluationQuery): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(query)) if (value) params = params.set(name, String(value));
  return params;
}

/** The statistics (public and the planner's) and the planner's exports. */
@Injectable({ providedIn: 'root' })
export class EvaluationApi {
  private readonly http = inject(HttpClient);

  publicStatistics(slug: string, interval: StatisticsInterval = 'day'): Observable<ProcedureStatistics> {
    return this.http.get<ProcedureStatistics>(`${API_BASE}/procedures/${encodeURIComponent(slug)}/statistics`, { params: { interval } });
  }

  plannerStatistics(procedureId: string, query: EvaluationQuery): Observable<ProcedureStatistics> {
    return this.http.get<ProcedureStatistics>(`${API_BASE}/procedures/${procedureId}/evaluation/statistics`, {
      params: queryParams(query),
      withCredentials: true,
    });
  }

  publicReport(slug: string, interval: StatisticsInterval = 'day'): Observable<ProcedureReport> {
    return this.http.get<ProcedureReport>(`${API_BASE}/procedures/${encodeURIComponent(slug)}/report`, { params: { interval } });
  }

  plannerReport(procedureId: string, query: EvaluationQuery): Observable<ProcedureReport> {
    return this.http.get<ProcedureReport>(`${API_BASE}/procedures/${procedureId}/evaluation/report`, {
      params: queryParams(query),
      withCredentials: true,
    });
  }

  /**
   * Downloads an export with fetch, reading the stream so the page can show how far it is; the
   * server streams, so a long export starts arriving at once. Rejects with the HTTP status.
   */
  async download(procedureId: string, file: ExportFileName, query: EvaluationQuery, progress: (p: ExportProgress) => void, signal?: AbortSignal): Promise<DownloadedExport> {
    const search = queryParams({ ...query, interval: undefined }).toString();
    const response = await fetch(`${API_BASE}/procedures/${procedureId}/evaluation/exports/${file}${search ? `?${search}` : ''}`, {
      credentials: 'same-origin',
      signal,
    });
    if (!response.ok || !response.body) throw new Error(String(response.status));
    const rowsHeader = response.headers.get(EXPORT_ROWS_HEADER);
    const rows = rowsHeader === null ? null : Number(rowsHeader);
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    const reader = response.body.getReader();
    progress({ bytes, rows });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.length;
      progress({ bytes, rows });
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? file;
    return { blob: new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? '' }), fileName, rows };
  }
}
