import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import {
  Category,
  ContributionFeatureCollection,
  MapConfiguration,
  MultiPolygon,
} from '@stadtdialog/shared/contract';
import { Translator } from '@stadtdialog/web/data-access';
import { ProcedureMap, ProcedureMapLabels } from '@stadtdialog/web/map';
import { contributionsFixture, procedureFixture } from '../testing-fixtures';
import { ProcedurePage } from './procedure-page';

/** Stands in for the OpenLayers map, which needs a real browser; records what the page passes in. */
@Component({ selector: 'sd-procedure-map', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class ProcedureMapStub {
  readonly configuration = input.required<MapConfiguration>();
  readonly planningArea = input<MultiPolygon | null>(null);
  readonly contributions = input<ContributionFeatureCollection | null>(null);
  readonly categories = input<Category[]>([]);
  readonly labels = input<ProcedureMapLabels>();
}

describe('ProcedurePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).overrideComponent(ProcedurePage, {
      remove: { imports: [ProcedureMap] },
      add: { imports: [ProcedureMapStub] },
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(slug = 'gruene-mitte') {
    const fixture = TestBed.createComponent(ProcedurePage);
    fixture.componentRef.setInput('slug', slug);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  async function renderLoaded() {
    const rendered = await render();
    http.expectOne('/api/v1/procedures/gruene-mitte').flush(procedureFixture);
    http.expectOne('/api/v1/procedures/gruene-mitte/contributions/features').flush(contributionsFixture);
    await rendered.fixture.whenStable();
    return rendered;
  }

  it('shows title, summary and the phases with kind, dates and state', async () => {
    const { element } = await renderLoaded();
    expect(element.querySelector('h1')?.textContent).toBe('Grüne Mitte Altona');
    expect(element.querySelector('.summary')?.textContent).toBe('Wie soll der neue Park aussehen?');
    const phases = Array.from(element.querySelectorAll('.phase'));
    expect(phases.map((p) => p.querySelector('h3')?.textContent?.trim())).toEqual([
      'Information: Auftakt',
      'Beteiligung: Online-Beteiligung',
      'Auswertung',
    ]);
    expect(phases[1].textContent).toContain('15.03.2026 bis 30.04.2026');
    expect(phases[1].querySelector('sd-state-badge')?.textContent).toContain('Offen');
    expect(phases[0].querySelector('sd-state-badge')?.textContent).toContain('Abgeschlossen');
    expect(phases[1].classList).toContain('current');
  });

  it('hands map configuration, planning area, contributions and categories to the map', async () => {
    const { fixture } = await renderLoaded();
    const map = fixture.debugElement.query(By.directive(ProcedureMapStub)).componentInstance as ProcedureMapStub;
    expect(map.configuration()).toEqual(procedureFixture.map);
    expect(map.planningArea()).toEqual(procedureFixture.planningArea);
    expect(map.contributions()?.features).toHaveLength(3);
    expect(map.categories().map((c) => c.colour)).toEqual(['#2e7d32', '#1565c0']);
    expect(map.labels()?.map).toBe('Karte des Plangebiets mit den Beiträgen');
  });

  it('has a legend of the categories with their colours and counts, and a list alternative', async () => {
    const { element } = await renderLoaded();
    const legend = Array.from(element.querySelectorAll('.legend li'));
    expect(legend[0].textContent?.replace(/\s+/g, ' ').trim()).toBe('Grün und Freiraum (2)');
    expect((legend[0].querySelector('.swatch') as HTMLElement).style.backgroundColor).toBe('rgb(46, 125, 50)');
    expect(legend[1].textContent?.replace(/\s+/g, ' ').trim()).toBe('Verkehr (1)');
    expect(element.textContent).toContain('3 Beiträge auf der Karte');
    const listed = Array.from(element.querySelectorAll('.contribution-list li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(listed).toEqual(['Mehr Bänke – Grün und Freiraum', 'Obstbäume – Grün und Freiraum', 'Radweg – Verkehr']);
  });

  it('switches texts and date formats to English', async () => {
    const { fixture, element } = await renderLoaded();
    TestBed.inject(Translator).use('en');
    await fixture.whenStable();
    expect(element.querySelector('#phases-heading')?.textContent).toBe('Schedule');
    expect(element.querySelectorAll('.phase')[1].textContent).toContain('Mar 15, 2026 to Apr 30, 2026');
    const map = fixture.debugElement.query(By.directive(ProcedureMapStub)).componentInstance as ProcedureMapStub;
    expect(map.labels()?.zoomIn).toBe('Zoom in');
  });

  it('tells a missing procedure apart from a failed load', async () => {
    const { fixture, element } = await render('gibt-es-nicht');
    http.expectOne('/api/v1/procedures/gibt-es-nicht').flush(null, { status: 404, statusText: 'Not Found' });
    http.expectOne('/api/v1/procedures/gibt-es-nicht/contributions/features').flush(null, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toContain('gibt es nicht');
  });

  it('still shows the procedure when the contributions fail to load', async () => {
    const { fixture, element } = await render();
    http.expectOne('/api/v1/procedures/gruene-mitte').flush(procedureFixture);
    http.expectOne('/api/v1/procedures/gruene-mitte/contributions/features').flush(null, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Grüne Mitte Altona');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Beiträge konnten nicht geladen werden');
  });
});
