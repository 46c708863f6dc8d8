import { HttpRequest, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter, Router } from '@angular/router';
import {
  Category,
  Contribution,
  ContributionClusterCollection,
  ContributionFeatureCollection,
  ContributionGeometry,
  MapConfiguration,
  MultiPolygon,
} from '@stadtdialog/shared/contract';
import { Translator } from '@stadtdialog/web/data-access';
import { LayerSettings, MapViewport, ProcedureMap, ProcedureMapLabels } from '@stadtdialog/web/map';
import { contributionsFixture, listFixture, procedureFixture } from '../testing-fixtures';
import { ProcedurePage } from './procedure-page';

/** Stands in for the OpenLayers map, which needs a real browser; records what the page passes in. */
@Component({ selector: 'sd-procedure-map', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class ProcedureMapStub {
  readonly configuration = input.required<MapConfiguration>();
  readonly planningArea = input<MultiPolygon | null>(null);
  readonly contributions = input<ContributionFeatureCollection | ContributionClusterCollection | null>(null);
  readonly categories = input<Category[]>([]);
  readonly labels = input<ProcedureMapLabels>();
  readonly layerSettings = input<LayerSettings>({});
  readonly highlightedId = input<string | null>(null);
  readonly selectedId = input<string | null>(null);
  readonly selectable = input(true);
  readonly fitTo = input<ContributionGeometry | null>(null);
  readonly describedBy = input<string | null>(null);
  readonly contributionSelect = output<string | null>();
  readonly viewportChange = output<MapViewport>();
}

function totalsOf(items: Contribution[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const item of items) totals[item.categoryId] = (totals[item.categoryId] ?? 0) + 1;
  return totals;
}

const VIEW: MapViewport = { bbox: [9.92, 53.55, 9.94, 53.56], zoom: 16 };

const base = '/api/v1/procedures/gruene-mitte';
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

function narrowScreen(matches: boolean): void {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({ matches, media: query, addEventListener: jest.fn(), removeEventListener: jest.fn() }),
  });
}

describe('ProcedurePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    narrowScreen(false);
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).overrideComponent(ProcedurePage, {
      remove: { imports: [ProcedureMap] },
      add: { imports: [ProcedureMapStub] },
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(inputs: Record<string, string> = {}, slug = 'gruene-mitte') {
    const fixture = TestBed.createComponent(ProcedurePage);
    fixture.componentRef.setInput('slug', slug);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  async function renderLoaded(inputs: Record<string, string> = {}) {
    const rendered = await render(inputs);
    http.expectOne(base).flush(procedureFixture);
    await rendered.fixture.whenStable();
    const map = () => rendered.fixture.debugElement.query(By.directive(ProcedureMapStub)).componentInstance as ProcedureMapStub;
    // The map reports its view once laid out; then the page loads that view's layer, and, where the
    // map is shown, the list once the layer is in.
    const isList = (r: HttpRequest<unknown>) => r.url === `${base}/contributions` && r.params.get('limit') === '20';
    const early = http.match(isList);
    map().viewportChange.emit(VIEW);
    http.expectOne((r) => r.url === `${base}/contributions/features`).flush(contributionsFixture);
    const [list] = early.length ? early : [http.expectOne(isList)];
    list.flush({ items: listFixture, total: 3, totalsByCategory: totalsOf(listFixture), nextCursor: null });
    await rendered.fixture.whenStable();
    return { ...rendered, map, listAskedBeforeMap: early.length > 0 };
  }

  it('shows the phases as a timeline with the current one marked, and the appointments in the locale', async () => {
    const { element } = await renderLoaded();
    expect(element.querySelector('h1')?.textContent).toBe('Grüne Mitte Altona');
    const phases = Array.from(element.querySelectorAll('.phase'));
    expect(phases.map((p) => p.querySelector('h4')?.textContent?.trim())).toEqual([
      'Information: Auftakt',
      'Beteiligung: Online-Beteiligung',
      'Auswertung',
    ]);
    expect(phases[1].textContent).toContain('15.03.2026 bis 30.04.2026');
    expect(phases[1].getAttribute('aria-current')).toBe('step');
    expect(phases[1].textContent).toContain('Aktuelle Phase');
    expect(phases[0].querySelector('sd-state-badge')?.textContent).toContain('Abgeschlossen');
    expect(text(element.querySelector('.appointment .when'))).toMatch(/^Freitag, 10\. April 2026, \d\d:00 – \d\d:00$/);
    expect(element.querySelector('a.button.primary')?.getAttribute('href')).toBe('/procedures/gruene-mitte/contribute');
  });

  it('links to the procedure\'s statistics and its results report', async () => {
    const { element } = await renderLoaded();
    const links = Array.from(element.querySelectorAll('.evaluation-links a')).map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    expect(links).toEqual([
      ['Statistik ansehen', '/procedures/gruene-mitte/statistics'],
      ['Ergebnisbericht (druckfertig)', '/procedures/gruene-mitte/report'],
    ]);
  });

  it('gives the map the configuration, the planning area and the contributions of its view; a legend with counts', async () => {
    const { element, map, listAskedBeforeMap } = await renderLoaded();
    // beside the map the list waits for the map's first answer
    expect(listAskedBeforeMap).toBe(false);
    expect(map().configuration()).toEqual(procedureFixture.map);
    expect(map().planningArea()).toEqual(procedureFixture.planningArea);
    expect(map().contributions()?.features).toHaveLength(3);
    expect(map().labels()?.map).toBe('Karte des Plangebiets mit den Beiträgen');
    const legend = Array.from(element.querySelectorAll('.legend li')).map(text);
    expect(legend.slice(0, 2)).toEqual(['Grün und Freiraum (2)', 'Verkehr (1)']);
    expect(text(element.querySelector('.count'))).toBe('3 Beiträge');
  });

  it('lists the contributions with category, rubric and counts, each linking to its own page', async () => {
    const { fixture, element, map } = await renderLoaded();
    const items = Array.from(element.querySelectorAll('.contribution'));
    expect(items.map((li) => text(li.querySelector('h4')))).toEqual(['Mehr Bänke', 'Obstbäume', 'Radweg']);
    expect(text(items[0].querySelector('.meta'))).toBe('Grün und Freiraum · Idee · 16.03.2026');
    expect(text(items[0].querySelector('.counts'))).toBe('1 Zustimmung · 0 Ablehnungen · 0 Kommentare');
    expect(items[2].querySelector('h4 a')?.getAttribute('href')).toBe('/procedures/gruene-mitte/contributions/k3');

    (items[1].querySelector('.show-on-map') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(map().selectedId()).toBe('k2');
    expect(text(element.querySelector('.selection a'))).toBe('Obstbäume');

    items[0].dispatchEvent(new Event('mouseenter'));
    await fixture.whenStable();
    expect(map().highlightedId()).toBe('k1');
  });

  it('filters map and list from the URL query and counts "n von m"', async () => {
    const { fixture, element } = await render({ category: 'c2', q: 'rad', sort: 'commented' });
    http.expectOne(base).flush(procedureFixture);
    http.expectOne((r) => r.url === `${base}/contributions` && r.params.get('limit') === '1').flush({ items: [], total: 1212, totalsByCategory: {}, nextCursor: null });
    await fixture.whenStable();
    (fixture.debugElement.query(By.directive(ProcedureMapStub)).componentInstance as ProcedureMapStub).viewportChange.emit({
      bbox: [9.8, 53.5, 10, 53.6],
      zoom: 12,
    });
    const clusters = http.expectOne((r) => r.url === `${base}/contributions/clusters`);
    expect(clusters.request.params.get('category')).toBe('c2');
    expect(clusters.request.params.get('q')).toBe('rad');
    expect(clusters.request.params.get('zoom')).toBe('12');
    clusters.flush({ type: 'FeatureCollection', zoom: 12, features: contributionsFixture.features.slice(2) });
    const list = http.expectOne((r) => r.url === `${base}/contributions` && r.params.get('limit') === '20');
    expect(list.request.params.get('category')).toBe('c2');
    expect(list.request.params.get('q')).toBe('rad');
    expect(list.request.params.get('sort')).toBe('commented');
    list.flush({ items: listFixture.slice(2), total: 1, totalsByCategory: totalsOf(listFixture.slice(2)), nextCursor: null });
    await fixture.whenStable();

    expect(text(element.querySelector('.count'))).toBe('1 von 1.212 Beiträgen');
    expect((element.querySelector('#filter-category') as HTMLSelectElement).value).toBe('c2');
    expect((element.querySelector('#filter-q') as HTMLInputElement).value).toBe('rad');
    expect((element.querySelector('#filter-sort') as HTMLSelectElement).value).toBe('commented');

    TestBed.inject(Translator).use('en');
    await fixture.whenStable();
    expect(text(element.querySelector('.count'))).toBe('1 of 1,212 contributions');
  });

  it('puts a chosen filter into the URL query', async () => {
    const { fixture, element } = await renderLoaded();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const select = element.querySelector('#filter-rubric') as HTMLSelectElement;
    select.value = 'r1';
    select.dispatchEvent(new Event('change'));
    expect(navigate).toHaveBeenLastCalledWith([], {
      queryParams: { category: null, rubric: 'r1', q: null, sort: null },
      queryParamsHandling: 'merge',
    });

    const search = element.querySelector('#filter-q') as HTMLInputElement;
    search.value = 'bank';
    search.dispatchEvent(new Event('input'));
    (element.querySelector('form[role="search"]') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(navigate).toHaveBeenLastCalledWith([], {
      queryParams: { category: null, rubric: 'r1', q: 'bank', sort: null },
      queryParamsHandling: 'merge',
    });
  });

  it('on a wide screen keeps the map and shows the list beside it, the information as the other tab', async () => {
    const { fixture, element } = await renderLoaded();
    const tabs = () => Array.from(element.querySelectorAll('[role="tab"]')).map((t) => [text(t), t.getAttribute('aria-selected')]);
    expect(tabs()).toEqual([
      ['Liste', 'true'],
      ['Infos', 'false'],
    ]);
    const panel = (id: string) => element.querySelector(`#panel-${id}`) as HTMLElement;
    expect(panel('map').hidden).toBe(false);
    expect(panel('map').getAttribute('role')).toBeNull();
    expect(panel('list').hidden).toBe(false);
    expect(panel('info').hidden).toBe(true);
    expect(panel('info').getAttribute('role')).toBe('tabpanel');

    fixture.componentRef.setInput('view', 'info');
    await fixture.whenStable();
    expect(tabs()).toEqual([
      ['Liste', 'false'],
      ['Infos', 'true'],
    ]);
    expect(panel('map').hidden).toBe(false);
    expect(panel('list').hidden).toBe(true);
    expect(panel('info').hidden).toBe(false);
    expect(text(panel('info').querySelector('h2'))).toBe('Über das Verfahren');
    expect(panel('info').querySelector('#phases-heading')).not.toBeNull();
  });

  it('on a narrow screen shows map, list and information as tabs, the list from the URL', async () => {
    narrowScreen(true);
    const { element, listAskedBeforeMap } = await renderLoaded({ view: 'list' });
    // the list is what is shown: it does not wait for the map
    expect(listAskedBeforeMap).toBe(true);
    const tabs = Array.from(element.querySelectorAll('[role="tab"]'));
    expect(tabs.map((t) => [text(t), t.getAttribute('aria-selected')])).toEqual([
      ['Karte', 'false'],
      ['Liste', 'true'],
      ['Infos', 'false'],
    ]);
    expect(tabs.map((t) => t.getAttribute('aria-controls'))).toEqual(['panel-map', 'panel-list', 'panel-info']);
    expect((element.querySelector('#panel-map') as HTMLElement).hidden).toBe(true);
    expect((element.querySelector('#panel-list') as HTMLElement).hidden).toBe(false);
    expect((element.querySelector('#panel-info') as HTMLElement).hidden).toBe(true);
    expect(element.querySelector('#panel-list')?.getAttribute('role')).toBe('tabpanel');
    expect(element.querySelector('#panel-map')?.getAttribute('role')).toBe('tabpanel');
  });

  it('moves between the tabs with the arrow keys, Home and End', async () => {
    narrowScreen(true);
    const { element } = await renderLoaded();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const mapTab = element.querySelector('#tab-map') as HTMLElement;
    const press = (key: string) => mapTab.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('ArrowRight');
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { view: 'list' }, queryParamsHandling: 'merge' });
    press('ArrowLeft');
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { view: 'info' }, queryParamsHandling: 'merge' });
    press('End');
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { view: 'info' }, queryParamsHandling: 'merge' });
    press('Home');
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { view: null }, queryParamsHandling: 'merge' });
  });

  it('speaks of tapping on a touch-only device, of the keyboard elsewhere', async () => {
    const { element } = await renderLoaded();
    expect(text(element.querySelector('#map-help'))).toContain('Pfeiltasten');
    expect(element.querySelector('.touch-hint')).toBeNull();
    expect(text(element.querySelector('.legend'))).toContain('anklicken zum Vergrößern');
  });

  it('on a touch-only device hints how to pan and zoom, and says "tap"', async () => {
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string) => ({
        matches: query.includes('any-hover: none'),
        media: query,
        addEventListener: jest.fn(),
        removeEventListener: jest.fn(),
      }),
    });
    const { fixture, element } = await renderLoaded();
    expect(text(element.querySelector('.touch-hint'))).toContain('Mit einem Finger verschieben, mit zwei Fingern');
    expect(text(element.querySelector('#map-help'))).not.toContain('Pfeiltasten');
    expect(text(element.querySelector('.legend'))).toContain('antippen zum Vergrößern');
    expect(text(element.querySelector('.legend'))).not.toContain('anklicken');
    (element.querySelector('.touch-hint button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelector('.touch-hint')).toBeNull();
  });

  it('switches texts and date formats to English', async () => {
    const { fixture, element, map } = await renderLoaded();
    TestBed.inject(Translator).use('en');
    await fixture.whenStable();
    expect(element.querySelector('#phases-heading')?.textContent).toBe('Schedule');
    expect(text(element.querySelector('#tab-info'))).toBe('About');
    expect(element.querySelectorAll('.phase')[1].textContent).toContain('15 Mar 2026 to 30 Apr 2026');
    expect(text(element.querySelector('.appointment .when'))).toMatch(/^Friday,? 10 April 2026, \d\d:00 – \d\d:00$/);
    expect(map().labels()?.zoomIn).toBe('Zoom in');
    expect(text(element.querySelector('.count'))).toBe('3 contributions');
  });

  it('tells a missing procedure apart from a failed load', async () => {
    const { fixture, element } = await render({}, 'gibt-es-nicht');
    http.expectOne('/api/v1/procedures/gibt-es-nicht').flush(null, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toContain('gibt es nicht');
  });

  it('still shows the procedure when the contributions fail to load', async () => {
    const { fixture, element } = await render();
    http.expectOne(base).flush(procedureFixture);
    await fixture.whenStable();
    (fixture.debugElement.query(By.directive(ProcedureMapStub)).componentInstance as ProcedureMapStub).viewportChange.emit(VIEW);
    http.expectOne((r) => r.url === `${base}/contributions/features`).flush(null, { status: 500, statusText: 'Error' });
    http.expectOne((r) => r.url === `${base}/contributions`).flush(null, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(element.querySelector('.map-note')?.textContent).toContain('Kartenausschnitt');
    expect(element.querySelector('h1')?.textContent).toBe('Grüne Mitte Altona');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Beiträge konnten nicht geladen werden');
  });
});
