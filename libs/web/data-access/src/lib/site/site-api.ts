import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import {
  AccessibilityFeedback,
  FeedbackReceipt,
  IDEMPOTENCY_KEY_HEADER,
  NewAccessibilityFeedback,
  SiteInfo,
  SiteLanguage,
  SitePage,
  SitePageEdit,
  SitePageKey,
  SitePageSource,
} from '@stadtdialog/shared/contract';
import { firstValueFrom, Observable } from 'rxjs';
import { PlannerHttp } from '../planner/planner-http';
import { writeFailure, WriteFailure } from '../participation/problem';
import { retryingWrite } from '../participation/write-retry';
import { API_BASE } from '../procedures/procedure-api';

/** The installation as the shell shows it (footer); read once per page load. */
@Injectable({ providedIn: 'root' })
export class SiteInfoStore {
  private readonly http = inject(HttpClient);
  private readonly current = signal<SiteInfo | null>(null);
  private loading: Promise<SiteInfo | null> | null = null;

  readonly info = this.current.asReadonly();

  load(): Promise<SiteInfo | null> {
    this.loading ??= firstValueFrom(this.http.get<SiteInfo>(`${API_BASE}/site`)).then(
      (info) => {
        this.current.set(info);
        return info;
      },
      () => {
        // Without it the footer simply names no operator; a later page load asks again.
        this.loading = null;
        return null;
      },
    );
    return this.loading;
  }
}

/** The public site pages and the accessibility feedback. */
@Injectable({ providedIn: 'root' })
export class SitePageApi {
  private readonly http = inject(HttpClient);

  page(key: SitePageKey, language: SiteLanguage): Observable<SitePage> {
    return this.http.get<SitePage>(`${API_BASE}/pages/${key}`, { params: { lang: language } });
  }

  /** `key` is made once per message, so a retry after a lost answer files it once. */
  async sendFeedback(feedback: NewAccessibilityFeedback, key: string): Promise<{ ok: true; value: FeedbackReceipt } | { ok: false; failure: WriteFailure }> {
    try {
      const value = await firstValueFrom(
        this.http.post<FeedbackReceipt>(`${API_BASE}/accessibility-feedback`, feedback, { headers: { [IDEMPOTENCY_KEY_HEADER]: key }, context: retryingWrite() }),
      );
      return { ok: true, value };
    } catch (error) {
      return { ok: false, failure: writeFailure(error) };
    }
  }
}

/** Admins' side: the pages' texts and the feedback received. */
@Injectable({ providedIn: 'root' })
export class SitePageAdminApi {
  private readonly http = inject(PlannerHttp);

  sources(): Observable<SitePageSource[]> {
    return this.http.get<SitePageSource[]>('/workspace/pages');
  }

  edit(key: SitePageKey, edit: SitePageEdit): Observable<SitePageSource> {
    return this.http.put<SitePageSource>(`/workspace/pages/${key}`, edit);
  }

  feedback(): Observable<AccessibilityFeedback[]> {
    return this.http.get<AccessibilityFeedback[]>('/workspace/accessibility-feedback');
  }

  deleteFeedback(id: string): Observable<void> {
    return this.http.delete(`/workspace/accessibility-feedback/${id}`);
  }
}
