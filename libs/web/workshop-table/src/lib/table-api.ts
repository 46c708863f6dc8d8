import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { API_BASE } from '@stadtdialog/web/data-access';
import {
  ContributionDetail,
  ContributionFeatureCollection,
  PARTICIPANT_TOKEN_HEADER,
  ProcedureDetail,
  TABLE_KEY_HEADER,
  TableSession,
} from '@stadtdialog/shared/contract';

export type TableOpening =
  | { kind: 'open'; session: TableSession }
  | { kind: 'invalid'; reason: 'revoked' | 'expired' | 'unknown' }
  | { kind: 'unreachable' };

/**
 * The table's reads. They go through `fetch` with the table link's key, and with a seat's own
 * participant token where the answer depends on who asks (own rating, "mine"), never with the
 * browser-wide token of the resident pages. Writes go through the Outbox.
 */
@Injectable()
export class TableApi {
  private readonly window = inject(DOCUMENT).defaultView as Window;
  private key = '';

  useKey(key: string): void {
    this.key = key;
  }

  headers(): Record<string, string> {
    return { [TABLE_KEY_HEADER]: this.key };
  }

  async open(): Promise<TableOpening> {
    let response: Response;
    try {
      response = await this.fetch(`${API_BASE}/table`);
    } catch {
      return { kind: 'unreachable' };
    }
    if (response.ok) return { kind: 'open', session: (await response.json()) as TableSession };
    const problem = (await response.json().catch(() => null)) as { code?: string } | null;
    if (response.status === 410) return { kind: 'invalid', reason: problem?.code === 'table_link_expired' ? 'expired' : 'revoked' };
    if (response.status === 401 || response.status === 403 || response.status === 404) return { kind: 'invalid', reason: 'unknown' };
    return { kind: 'unreachable' };
  }

  procedure(slug: string): Promise<ProcedureDetail> {
    return this.json(`${API_BASE}/procedures/${encodeURIComponent(slug)}`);
  }

  features(slug: string): Promise<ContributionFeatureCollection> {
    return this.json(`${API_BASE}/procedures/${encodeURIComponent(slug)}/contributions/features`);
  }

  detail(slug: string, id: string, participantToken: string | null): Promise<ContributionDetail> {
    return this.json(
      `${API_BASE}/procedures/${encodeURIComponent(slug)}/contributions/${encodeURIComponent(id)}`,
      participantToken ? { [PARTICIPANT_TOKEN_HEADER]: participantToken } : {},
    );
  }

  private async json<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.fetch(url, headers);
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    return (await response.json()) as T;
  }

  private fetch(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.window.fetch(url, {
      headers: { Accept: 'application/json', ...this.headers(), ...headers },
      credentials: 'omit',
    });
  }
}
