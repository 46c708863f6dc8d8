import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ContributionFeatureCollection } from '@stadtdialog/shared/contract';
import { DEFAULT_FILTER, filterFromQueryParams, filterToQueryParams } from './contribution-filter';
import { ContributionListStore } from './contribution-list.store';
import { contributionFixture, pageFixture } from './testing-fixtures';

const base = '/api/v1/procedures/gruene-mitte/contributions';
const features: ContributionFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'k1',
      geometry: { type: 'Point', coordinates: [9.93, 53.556] },
      properties: { title: 'Bank', categoryId: 'c1', rubricId: 'r1', colour: '#2e7d32', createdAt: '', ratingsUp: 0, ratingsDown: 0, commentCount: 0 },
    },
  ],
};

describe('ContributionListStore', () => {
  let http: HttpTestingController;
  let store: ContributionListStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), ContributionListStore] });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(ContributionListStore);
  });

  afterEach(() => http.verify());

  it('loads the list and the map layer for the same filter, and the unfiltered total for the count', () => {
    store.load('gruene-mitte', { category: 'c1', rubric: null, q: 'bank', sort: 'rated' });

    const list = http.expectOne((r) => r.url === base && r.params.get('limit') === '20');
    expect(list.request.params.get('category')).toBe('c1');
    expect(list.request.params.get('q')).toBe('bank');
    expect(list.request.params.get('sort')).toBe('rated');
    expect(list.request.params.has('rubric')).toBe(false);
    const layer = http.expectOne((r) => r.url === `${base}/features`);
    expect(layer.request.params.get('category')).toBe('c1');
    expect(layer.request.params.get('q')).toBe('bank');
    expect(layer.request.params.has('sort')).toBe(false);
    const overall = http.expectOne((r) => r.url === base && r.params.get('limit') === '1');
    expect(overall.request.params.has('category')).toBe(false);

    list.flush(pageFixture([contributionFixture()], 37, 'next'));
    layer.flush(features);
    overall.flush(pageFixture([contributionFixture()], 212));

    expect(store.status()).toBe('loaded');
    expect(store.total()).toBe(37);
    expect(store.overallTotal()).toBe(212);
    expect(store.narrowed()).toBe(true);
    expect(store.hasMore()).toBe(true);
    expect(store.featuresByCategory().get('c1')).toHaveLength(1);
  });

  it('takes the total of an unfiltered list as the overall total', () => {
    store.load('gruene-mitte', DEFAULT_FILTER);
    http.expectOne((r) => r.url === base).flush(pageFixture([contributionFixture()], 50));
    http.expectOne(`${base}/features`).flush(features);
    expect(store.overallTotal()).toBe(50);
    expect(store.narrowed()).toBe(false);
  });

  it('appends the next page with the cursor and the same filter', () => {
    store.load('gruene-mitte', { ...DEFAULT_FILTER, rubric: 'r1' });
    http.expectOne((r) => r.url === base && r.params.get('limit') === '20').flush(pageFixture([contributionFixture()], 2, 'abc'));
    http.expectOne((r) => r.url === base && r.params.get('limit') === '1').flush(pageFixture([], 9));
    http.expectOne((r) => r.url === `${base}/features`).flush(features);

    store.loadMore();
    const next = http.expectOne((r) => r.url === base && r.params.get('cursor') === 'abc');
    expect(next.request.params.get('rubric')).toBe('r1');
    next.flush(pageFixture([contributionFixture({ id: 'k2', title: 'Zweiter' })], 2, null));
    expect(store.items().map((i) => i.id)).toEqual(['k1', 'k2']);
    expect(store.hasMore()).toBe(false);
  });

  it('reads and writes the filter in URL query parameters, leaving defaults out', () => {
    const params = new URLSearchParams('category=c1&q=%20baum%20&sort=commented&rubric=');
    const filter = filterFromQueryParams(params);
    expect(filter).toEqual({ category: 'c1', rubric: null, q: 'baum', sort: 'commented' });
    expect(filterFromQueryParams(new URLSearchParams('sort=gibtsnicht')).sort).toBe('newest');
    expect(filterToQueryParams({ ...filter, sort: 'newest' })).toEqual({ category: 'c1', rubric: null, q: 'baum', sort: null });
  });
});
