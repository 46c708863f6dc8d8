import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ProcedureListStore } from './procedure-list.store';
import { ProcedureStore } from './procedure.store';
import { contributionsFixture, procedureFixture } from './testing-fixtures';

describe('procedure stores', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), ProcedureStore, ProcedureListStore],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('ProcedureStore loads the procedure and its map contributions independently', () => {
    const store = TestBed.inject(ProcedureStore);
    store.load('gruene-mitte');
    expect(store.status()).toBe('loading');
    expect(store.contributionsStatus()).toBe('loading');

    http.expectOne('/api/v1/procedures/gruene-mitte').flush(procedureFixture);
    expect(store.status()).toBe('loaded');
    expect(store.procedure()?.title).toBe('Grüne Mitte');
    expect(store.categories().map((c) => c.name)).toEqual(['Grün', 'Verkehr']);
    expect(store.contributionsStatus()).toBe('loading');

    const features = http.expectOne('/api/v1/procedures/gruene-mitte/contributions/features');
    expect(features.request.headers.get('Accept')).toContain('application/geo+json');
    features.flush(contributionsFixture);
    expect(store.contributionCount()).toBe(3);
    expect(store.contributionsByCategory().get('c1')?.map((f) => f.properties.title)).toEqual(['Bank', 'Baum']);
    expect(store.contributionsByCategory().get('c2')).toHaveLength(1);
  });

  it('ProcedureStore tells a missing procedure apart from a failure', () => {
    const store = TestBed.inject(ProcedureStore);
    store.load('gibt-es-nicht');
    http.expectOne('/api/v1/procedures/gibt-es-nicht').flush(null, { status: 404, statusText: 'Not Found' });
    http
      .expectOne('/api/v1/procedures/gibt-es-nicht/contributions/features')
      .flush(null, { status: 500, statusText: 'Server Error' });
    expect(store.status()).toBe('not-found');
    expect(store.contributionsStatus()).toBe('error');
  });

  it('ProcedureStore drops the answer of a superseded load', () => {
    const store = TestBed.inject(ProcedureStore);
    store.load('erstes');
    const first = http.expectOne('/api/v1/procedures/erstes');
    http.expectOne('/api/v1/procedures/erstes/contributions/features');
    store.load('gruene-mitte');
    expect(first.cancelled).toBe(true);
    http.expectOne('/api/v1/procedures/gruene-mitte').flush(procedureFixture);
    http.expectOne('/api/v1/procedures/gruene-mitte/contributions/features').flush(contributionsFixture);
    expect(store.slug()).toBe('gruene-mitte');
    expect(store.procedure()?.slug).toBe('gruene-mitte');
  });

  it('ProcedureListStore lists the public procedures', () => {
    const store = TestBed.inject(ProcedureListStore);
    store.load();
    expect(store.status()).toBe('loading');
    http.expectOne('/api/v1/procedures').flush([procedureFixture]);
    expect(store.status()).toBe('loaded');
    expect(store.procedures().map((p) => p.slug)).toEqual(['gruene-mitte']);
  });

  it('ProcedureListStore reports a failure', () => {
    const store = TestBed.inject(ProcedureListStore);
    store.load();
    http.expectOne('/api/v1/procedures').error(new ProgressEvent('error'));
    expect(store.status()).toBe('error');
    expect(store.procedures()).toEqual([]);
  });
});
