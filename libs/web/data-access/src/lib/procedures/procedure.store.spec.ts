import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ProcedureListStore } from './procedure-list.store';
import { ProcedureStore } from './procedure.store';
import { procedureFixture } from './testing-fixtures';

describe('procedure stores', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), ProcedureStore, ProcedureListStore],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('ProcedureStore loads the procedure with its categories and rubrics by id', () => {
    const store = TestBed.inject(ProcedureStore);
    store.load('gruene-mitte');
    expect(store.status()).toBe('loading');

    http.expectOne('/api/v1/procedures/gruene-mitte').flush({
      ...procedureFixture,
      rubrics: [{ id: 'r1', kind: 'idea', name: 'Idee' }],
    });
    expect(store.status()).toBe('loaded');
    expect(store.procedure()?.title).toBe('Grüne Mitte');
    expect(store.categories().map((c) => c.name)).toEqual(['Grün', 'Verkehr']);
    expect(store.categoriesById().get('c2')?.colour).toBe('#1565c0');
    expect(store.rubricsById().get('r1')?.name).toBe('Idee');
    expect(store.open()).toBe(true);

    store.load('gruene-mitte');
    http.expectNone('/api/v1/procedures/gruene-mitte');
  });

  it('ProcedureStore tells a missing procedure apart from a failure', () => {
    const store = TestBed.inject(ProcedureStore);
    store.load('gibt-es-nicht');
    http.expectOne('/api/v1/procedures/gibt-es-nicht').flush(null, { status: 404, statusText: 'Not Found' });
    expect(store.status()).toBe('not-found');

    store.load('kaputt');
    http.expectOne('/api/v1/procedures/kaputt').flush(null, { status: 500, statusText: 'Server Error' });
    expect(store.status()).toBe('error');
  });

  it('ProcedureStore drops the answer of a superseded load', () => {
    const store = TestBed.inject(ProcedureStore);
    store.load('erstes');
    const first = http.expectOne('/api/v1/procedures/erstes');
    store.load('gruene-mitte');
    expect(first.cancelled).toBe(true);
    http.expectOne('/api/v1/procedures/gruene-mitte').flush(procedureFixture);
    expect(store.slug()).toBe('gruene-mitte');
    expect(store.procedure()?.slug).toBe('gruene-mitte');
  });

  const overview = { procedures: [{ id: 'p1', contributions: 3, comments: 1 }], mostDiscussed: [], mostRecent: [], appointments: [], map: null };

  it('ProcedureListStore lists the public procedures and the overview across them', () => {
    const store = TestBed.inject(ProcedureListStore);
    store.load();
    expect(store.status()).toBe('loading');
    http.expectOne('/api/v1/procedures').flush([procedureFixture]);
    expect(store.status()).toBe('loaded');
    expect(store.procedures().map((p) => p.slug)).toEqual(['gruene-mitte']);
    expect(store.overview()).toBeNull();
    http.expectOne('/api/v1/overview').flush(overview);
    expect(store.overview()?.procedures).toEqual(overview.procedures);
  });

  it('ProcedureListStore reports a failure, and keeps the list when only the overview fails', () => {
    const store = TestBed.inject(ProcedureListStore);
    store.load();
    http.expectOne('/api/v1/procedures').error(new ProgressEvent('error'));
    http.expectOne('/api/v1/overview').flush(overview);
    expect(store.status()).toBe('error');
    expect(store.procedures()).toEqual([]);

    store.load();
    http.expectOne('/api/v1/procedures').flush([procedureFixture]);
    http.expectOne('/api/v1/overview').flush(null, { status: 503, statusText: 'Unavailable' });
    expect(store.status()).toBe('loaded');
    expect(store.overview()).toBeNull();
  });
});
