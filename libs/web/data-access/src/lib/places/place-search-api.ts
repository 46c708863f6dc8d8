import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { PlaceSearchResult, SiteLanguage } from '@stadtdialog/shared/contract';
import { Observable } from 'rxjs';
import { API_BASE } from '../procedures/procedure-api';

/** The address search of a procedure's maps (the API asks the configured geocoder). */
@Injectable({ providedIn: 'root' })
export class PlaceSearchApi {
  private readonly http = inject(HttpClient);

  search(slug: string, q: string, language: SiteLanguage): Observable<PlaceSearchResult> {
    return this.http.get<PlaceSearchResult>(`${API_BASE}/procedures/${encodeURIComponent(slug)}/places`, { params: { q, lang: language } });
  }
}
