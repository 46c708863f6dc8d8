import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ContributionFeatureCollection } from '@stadtdialog/shared/contract';
import { DEFAULT_FILTER, filterFromQueryParams, filterToQueryParams } from './contribution-filter';
import { LiveEvents } from '../live/live-events';
import { FakeLiveEvents } from '../live/testing-live-events';
import { ContributionListStore, LIST_AFTER_MAP_MS, LIVE_BATCH_MS } from './contribution-list.store';
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
  let live: FakeLiveEvents;

  beforeEach(() => {
    live = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), ContributionListStore, { provide: LiveEvents, useValue: live }],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(ContributionListStore);
  });

  afterEach(() => http.verify());

  it('loads the list and the map layer of the view for the same filter, and the unfiltered total for the count', () => {
    store.load('gruene-mitte', { category: 'c1', rubric: null, q: 'bank', sort: 'rated' });
    store.showMapView({ bbox: [9.92, 53.55, 9.94, 53.56], zoom: 16 });

    const list = http.expectOne((r) => r.url === base && r.params.get('limit') === '20');
    expect(list.request.params.get('category')).toBe('c1');
    expect(list.request.params.get('q')).toBe('bank');
    expect(list.request.params.get('sort')).toBe('rated');
    expect(list.request.params.has('rubric')).toBe(false);
    const layer = http.expectOne((r) => r.url === `${base}/features`);
    // the view grown by half its size on each side
    expect(layer.request.params.get('bbox')).toBe('9.91,53.545,9.95,53.565');
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
    expect(store.featuresById().get('k1')?.properties.title).toBe('Bank');
    expect(store.mapMode()).toBe('features');
  });

  it('asks for clusters while zoomed out, and for nothing new while the view stays inside what was loaded', () => {
    store.load('gruene-mitte', { ...DEFAULT_FILTER, rubric: 'r1' });
    http.expectOne((r) => r.url === base && r.params.get('limit') === '20').flush(pageFixture([contributionFixture()], 2));
    http.expectOne((r) => r.url === base && r.params.get('limit') === '1').flush(pageFixture([], 9));
    http.expectNone(`${base}/features`);

    store.showMapView({ bbox: [9.8, 53.5, 10, 53.6], zoom: 11.6 });
    const clusters = http.expectOne((r) => r.url === `${base}/clusters`);
    expect(clusters.request.params.get('zoom')).toBe('12');
    expect(clusters.request.params.get('rubric')).toBe('r1');
    expect(clusters.request.params.get('bbox')).toBe('9.7,53.45,10.1,53.65');
    clusters.flush({
      type: 'FeatureCollection',
      zoom: 12,
      features: [{ type: 'Feature', id: 'cluster/12/1/2', geometry: { type: 'Point', coordinates: [9.9, 53.55] }, properties: { count: 40 } }],
    });
    expect(store.mapMode()).toBe('clusters');
    expect(store.featuresById().size).toBe(0);

    // a small pan at the same zoom: still covered
    store.showMapView({ bbox: [9.85, 53.52, 10.05, 53.62], zoom: 11.8 });
    http.expectNone((r) => r.url.startsWith(`${base}/`));
    // another zoom: new clusters
    store.showMapView({ bbox: [9.85, 53.52, 9.95, 53.57], zoom: 13 });
    http.expectOne((r) => r.url === `${base}/clusters` && r.params.get('zoom') === '13');
    // zoomed in past the threshold: the features of the view
    store.showMapView({ bbox: [9.9, 53.54, 9.91, 53.545], zoom: 16 });
    http.expectOne((r) => r.url === `${base}/features`).flush({ ...features, truncated: true });
    expect(store.mapTruncated()).toBe(true);
    // cut off: zooming in further asks again, for fewer and so all
    store.showMapView({ bbox: [9.902, 53.541, 9.904, 53.542], zoom: 18 });
    http.expectOne((r) => r.url === `${base}/features`).flush(features);
    expect(store.mapTruncated()).toBe(false);
  });

  it('asks once for a view the request under way already covers (the map reports its first view twice)', () => {
    store.load('gruene-mitte', DEFAULT_FILTER);
    http.expectOne((r) => r.url === base && r.params.get('limit') === '20').flush(pageFixture([contributionFixture()], 2));
    store.showMapView({ bbox: [9.8, 53.5, 10, 53.6], zoom: 11.6 });
    const first = http.expectOne((r) => r.url === `${base}/clusters`);
    store.showMapView({ bbox: [9.8, 53.5, 10, 53.6], zoom: 11.6 });
    http.expectNone((r) => r.url.startsWith(`${base}/`));
    expect(first.cancelled).toBe(false);
    first.flush({ type: 'FeatureCollection', zoom: 12, features: [] });
    // once answered, a view outside it asks again
    store.showMapView({ bbox: [10.2, 53.5, 10.4, 53.6], zoom: 11.6 });
    http.expectOne((r) => r.url === `${base}/clusters`);
  });

  it('where the map is shown, asks for the list once the map has its first answer, so the list does not hold the map back', () => {
    store.load('gruene-mitte', DEFAULT_FILTER, { listAfterMap: true });
    http.expectNone((r) => r.url === base);
    expect(store.status()).toBe('loading');
    store.showMapView({ bbox: [9.8, 53.5, 10, 53.6], zoom: 11.6 });
    http.expectNone((r) => r.url === base);
    http.expectOne((r) => r.url === `${base}/clusters`).flush({ type: 'FeatureCollection', zoom: 12, features: [] });
    http.expectOne((r) => r.url === base && r.params.get('limit') === '20').flush(pageFixture([contributionFixture()], 2));
    expect(store.status()).toBe('loaded');
    expect(store.total()).toBe(2);
    // a later filter on the same procedure asks for both at once
    store.load('gruene-mitte', { ...DEFAULT_FILTER, rubric: 'r1' }, { listAfterMap: true });
    http.expectOne((r) => r.url === base && r.params.get('limit') === '20');
    http.expectOne((r) => r.url === `${base}/clusters`);
  });

  it('asks for a held list after a while when the map gives no view, and after a failed map answer', () => {
    jest.useFakeTimers();
    try {
      store.load('gruene-mitte', DEFAULT_FILTER, { listAfterMap: true });
      jest.advanceTimersByTime(LIST_AFTER_MAP_MS - 1);
      http.expectNone((r) => r.url === base);
      jest.advanceTimersByTime(1);
      http.expectOne((r) => r.url === base && r.params.get('limit') === '20').flush(pageFixture([contributionFixture()], 2));
      expect(store.status()).toBe('loaded');
    } finally {
      jest.useRealTimers();
    }
    store.load('wilhelmsburg', DEFAULT_FILTER, { listAfterMap: true });
    store.showMapView({ bbox: [9.8, 53.5, 10, 53.6], zoom: 11.6 });
    http
      .expectOne((r) => r.url === '/api/v1/procedures/wilhelmsburg/contributions/clusters')
      .flush({ code: 'unavailable' }, { status: 503, statusText: 'Service Unavailable' });
    http.expectOne((r) => r.url === '/api/v1/procedures/wilhelmsburg/contributions' && r.params.get('limit') === '20');
  });

  it('lets the list follow the map: its page and count are those of the view', () => {
    store.load('gruene-mitte', DEFAULT_FILTER);
    http.expectOne((r) => r.url === base).flush(pageFixture([contributionFixture()], 50));
    store.showMapView({ bbox: [9.92, 53.55, 9.94, 53.56], zoom: 16 });
    http.expectOne(`${base}/features?bbox=9.91,53.545,9.95,53.565`).flush(features);

    store.setFollowMap(true);
    const inView = http.expectOne((r) => r.url === base);
    expect(inView.request.params.get('bbox')).toBe('9.92,53.55,9.94,53.56');
    inView.flush(pageFixture([contributionFixture()], 3));
    expect(store.total()).toBe(3);
    expect(store.overallTotal()).toBe(50);
    expect(store.narrowed()).toBe(true);

    store.showMapView({ bbox: [9.93, 53.55, 9.945, 53.56], zoom: 16 });
    http.expectOne((r) => r.url === base && r.params.get('bbox') === '9.93,53.55,9.945,53.56').flush(pageFixture([], 0));
    expect(store.total()).toBe(0);
  });

  it('takes the total of an unfiltered list as the overall total', () => {
    store.load('gruene-mitte', DEFAULT_FILTER);
    http.expectOne((r) => r.url === base).flush(pageFixture([contributionFixture()], 50));
    expect(store.overallTotal()).toBe(50);
    expect(store.narrowed()).toBe(false);
  });

  it('appends the next page with the cursor and the same filter', () => {
    store.load('gruene-mitte', { ...DEFAULT_FILTER, rubric: 'r1' });
    http.expectOne((r) => r.url === base && r.params.get('limit') === '20').flush(pageFixture([contributionFixture()], 2, 'abc'));
    http.expectOne((r) => r.url === base && r.params.get('limit') === '1').flush(pageFixture([], 9));

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

  describe('live', () => {
    const fresh = () => new Date().toISOString();
    const posted = (id: string) => ({
      type: 'contribution' as const,
      data: {
        contribution: contributionFixture({ id, title: `Neu ${id}`, createdAt: fresh() }),
        feature: { ...features.features[0], id, properties: { ...features.features[0].properties, title: `Neu ${id}` } },
      },
    });

    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    function loaded(): void {
      store.load('gruene-mitte', DEFAULT_FILTER);
      http.expectOne((r) => r.url === base).flush(pageFixture([contributionFixture()], 1));
      store.showMapView({ bbox: [9.92, 53.55, 9.94, 53.56], zoom: 16 });
      http.expectOne((r) => r.url === `${base}/features`).flush(features);
    }

    it('follows the procedure and applies a burst of events in one step', () => {
      loaded();
      expect(live.listening('gruene-mitte')).toBe(1);
      live.emit('gruene-mitte', posted('k2'));
      live.emit('gruene-mitte', posted('k3'));
      expect(store.total()).toBe(1);
      jest.advanceTimersByTime(LIVE_BATCH_MS);
      expect(store.total()).toBe(3);
      expect(store.features()?.features.map((f) => f.id)).toEqual(['k3', 'k2', 'k1']);
      expect(store.items().map((c) => c.id)).toEqual(['k1']);
      expect(store.arrived().map((c) => c.id)).toEqual(['k3', 'k2']);
      // the legend counts them in their category
      expect(store.totalsByCategory()).toEqual({ [contributionFixture().categoryId]: 3 });

      store.showArrived();
      expect(store.items().map((c) => c.id)).toEqual(['k3', 'k2', 'k1']);
      expect(store.arrived()).toEqual([]);
    });

    it('takes a hidden contribution away', () => {
      loaded();
      live.emit('gruene-mitte', { type: 'contribution-removed', data: { id: 'k1', contributionId: 'k1' } });
      jest.advanceTimersByTime(LIVE_BATCH_MS);
      expect(store.items()).toEqual([]);
      expect(store.features()?.features).toEqual([]);
      expect(store.total()).toBe(0);
      expect(store.totalsByCategory()).toEqual({});
    });

    it('reads the counts again for a change it cannot place, and everything again on reset', () => {
      loaded();
      live.emit('gruene-mitte', { type: 'contribution-removed', data: { id: 'k9', contributionId: 'k9' } });
      jest.advanceTimersByTime(LIVE_BATCH_MS);
      http.expectOne((r) => r.url === base && r.params.get('limit') === '1').flush(pageFixture([], 40));
      expect(store.total()).toBe(40);
      expect(store.overallTotal()).toBe(40);

      live.emit('gruene-mitte', { type: 'reset' });
      jest.advanceTimersByTime(LIVE_BATCH_MS);
      http.expectOne((r) => r.url === base && r.params.get('limit') === '20').flush(pageFixture([contributionFixture()], 41));
      http.expectOne((r) => r.url === `${base}/features`).flush(features);
      expect(store.total()).toBe(41);
    });

    it('stops following when the page goes away', () => {
      loaded();
      TestBed.resetTestingModule();
      expect(live.listening('gruene-mitte')).toBe(0);
    });
  });
});
