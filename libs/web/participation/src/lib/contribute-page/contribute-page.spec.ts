import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import {
  Category,
  ContributionClusterCollection,
  ContributionFeatureCollection,
  ContributionGeometry,
  ContributionGeometryType,
  MapConfiguration,
  MultiPolygon,
} from '@stadtdialog/shared/contract';
import { LocationPicker, LocationSketch, MapViewport, ProcedureMapLabels } from '@stadtdialog/web/map';
import { contributionsFixture, procedureFixture } from '../testing-fixtures';
import { ContributePage } from './contribute-page';

/** Stands in for the OpenLayers location picker; the test places locations through it. */
@Component({ selector: 'sd-location-picker', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class LocationPickerStub {
  readonly configuration = input.required<MapConfiguration>();
  readonly planningArea = input<MultiPolygon | null>(null);
  readonly contributions = input<ContributionFeatureCollection | ContributionClusterCollection | null>(null);
  readonly categories = input<Category[]>([]);
  readonly labels = input.required<ProcedureMapLabels>();
  readonly describedBy = input<string | null>(null);
  readonly type = input<ContributionGeometryType>('Point');
  readonly geometry = input<ContributionGeometry | null>(null);
  readonly sketchChange = output<LocationSketch>();
  readonly duplicate = output<void>();
  readonly viewportChange = output<MapViewport>();
  canUndo = () => false;
  canFinish = () => false;
}

const url = '/api/v1/procedures/gruene-mitte';
const point: ContributionGeometry = { type: 'Point', coordinates: [9.93, 53.556] };
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

describe('ContributePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).overrideComponent(ContributePage, {
      remove: { imports: [LocationPicker] },
      add: { imports: [LocationPickerStub] },
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    // The location step reads the procedure's contributions for its map; most tests are about the form.
    for (const list of http.match((r) => r.method === 'GET' && r.url === `${url}/contributions`)) {
      if (!list.cancelled) list.flush({ items: [], total: 0, totalsByCategory: {}, nextCursor: null });
    }
    http.verify();
  });

  async function render(procedure = procedureFixture, query: Record<string, string> = {}) {
    const fixture = TestBed.createComponent(ContributePage);
    fixture.componentRef.setInput('slug', 'gruene-mitte');
    for (const [name, value] of Object.entries(query)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    http.expectOne(url).flush(procedure);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const stable = async () => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    const heading = () => text(element.querySelector('#step-heading'));
    const button = (name: string) =>
      Array.from(element.querySelectorAll('button')).find((b) => text(b) === name) as HTMLButtonElement;
    const type = async (selector: string, value: string) => {
      const field = element.querySelector(selector) as HTMLInputElement;
      field.value = value;
      field.dispatchEvent(new Event('input'));
      await stable();
    };
    const choose = async (label: string) => {
      const radio = Array.from(element.querySelectorAll('label.choice')).find((l) => text(l) === label)?.querySelector('input');
      (radio as HTMLInputElement).click();
      await stable();
    };
    const picker = () => fixture.debugElement.query(By.directive(LocationPickerStub))?.componentInstance as LocationPickerStub;
    return { fixture, element, stable, heading, button, type, choose, picker };
  }

  async function fillToReview(page: Awaited<ReturnType<typeof render>>) {
    await page.type('#title', 'Mehr Bänke');
    await page.type('#text', 'Am Teich fehlen Bänke.');
    page.button('Weiter').click();
    await page.stable();
    await page.choose('Verkehr');
    page.button('Weiter').click();
    await page.stable();
    await page.choose('Idee');
    page.button('Weiter').click();
    await page.stable();
    page.picker().sketchChange.emit({ geometry: point, vertexCount: 1, complete: true });
    await page.stable();
    page.button('Weiter').click();
    await page.stable();
  }

  it('shows the existing contributions of the view on the location map, and hides them on request', async () => {
    const page = await render();
    await page.type('#title', 'Mehr Bänke');
    await page.type('#text', 'Am Teich fehlen Bänke.');
    page.button('Weiter').click();
    await page.stable();
    http.expectNone((r) => r.url.startsWith(`${url}/contributions`));
    await page.choose('Verkehr');
    page.button('Weiter').click();
    await page.stable();
    await page.choose('Idee');
    page.button('Weiter').click();
    await page.stable();
    expect(page.heading()).toBe('Schritt 4 von 5: Ort');

    page.picker().viewportChange.emit({ bbox: [9.92, 53.55, 9.94, 53.56], zoom: 16 });
    const features = http.expectOne((r) => r.url === `${url}/contributions/features`);
    expect(features.request.params.get('bbox')).toBeTruthy();
    features.flush(contributionsFixture);
    await page.stable();
    expect(page.picker().contributions()?.features).toHaveLength(3);

    const toggle = Array.from(page.element.querySelectorAll('label.choice')).find((l) => text(l) === 'Vorhandene Beiträge auf der Karte zeigen')
      ?.querySelector('input') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    toggle.click();
    await page.stable();
    expect(page.picker().contributions()).toBeNull();
    toggle.click();
    await page.stable();
    expect(page.picker().contributions()?.features).toHaveLength(3);
  });

  it('says so when a corner is refused on a spot already taken, until the next change', async () => {
    const page = await render();
    await page.type('#title', 'Weg');
    await page.type('#text', 'Ein Weg.');
    page.button('Weiter').click();
    await page.stable();
    await page.choose('Verkehr');
    page.button('Weiter').click();
    await page.stable();
    await page.choose('Idee');
    page.button('Weiter').click();
    await page.stable();
    page.picker().duplicate.emit();
    await page.stable();
    expect(text(page.element.querySelector('.location-status'))).toBe(
      'An dieser Stelle liegt schon ein Eckpunkt; setzen Sie den nächsten an einer anderen Stelle.',
    );
    page.picker().sketchChange.emit({ geometry: null, vertexCount: 1, complete: false });
    await page.stable();
    expect(text(page.element.querySelector('.location-status'))).toBe('1 Eckpunkte gesetzt – noch nicht abgeschlossen.');
  });

  it('offers the keyboard help, except on a touch-only device where it speaks of tapping', async () => {
    const toLocation = async () => {
      const page = await render();
      await page.type('#title', 'Ort');
      await page.type('#text', 'Ein Ort.');
      page.button('Weiter').click();
      await page.stable();
      await page.choose('Verkehr');
      page.button('Weiter').click();
      await page.stable();
      await page.choose('Idee');
      page.button('Weiter').click();
      await page.stable();
      return page;
    };
    let page = await toLocation();
    expect(text(page.element.querySelector('#location-help'))).toContain('Pfeiltasten');
    expect(text(page.element.querySelector('#location-help'))).toContain('Klicken oder tippen');
    page.fixture.destroy();
    localStorage.clear();

    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string) => ({ matches: query.includes('any-hover: none'), media: query, addEventListener: jest.fn(), removeEventListener: jest.fn() }),
    });
    try {
      page = await toLocation();
      expect(text(page.element.querySelector('#location-help'))).not.toContain('Pfeiltasten');
      expect(text(page.element.querySelector('#location-help'))).toContain('Tippen Sie auf die Karte');
    } finally {
      delete (window as { matchMedia?: unknown }).matchMedia;
    }
  });

  it('goes step by step and says beside each field what is missing', async () => {
    const page = await render();
    expect(page.heading()).toBe('Schritt 1 von 5: Text');
    page.button('Weiter').click();
    await page.stable();
    expect(page.heading()).toBe('Schritt 1 von 5: Text');
    const title = page.element.querySelector('#title') as HTMLInputElement;
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(title.getAttribute('aria-describedby')).toContain('title-error');
    expect(text(page.element.querySelector('#title-error'))).toBe('Bitte geben Sie einen Titel ein.');
    expect(text(page.element.querySelector('#text-error'))).toBe('Bitte beschreiben Sie Ihren Beitrag.');

    await page.type('#title', 'x'.repeat(101));
    expect(text(page.element.querySelector('#title-error'))).toBe('Bitte kürzen Sie den Text auf höchstens 100 Zeichen.');
    expect(text(page.element.querySelector('#title-count'))).toBe('101 von 100 Zeichen');
  });

  it('keeps the draft in localStorage on every change', async () => {
    const page = await render();
    await page.type('#title', 'Bank');
    expect(JSON.parse(localStorage.getItem('stadtdialog.draft.gruene-mitte') ?? '{}').title).toBe('Bank');
  });

  it('reviews the draft and sends it; in pre-moderation the author learns it awaits moderation', async () => {
    const page = await render({ ...procedureFixture, settings: { ...procedureFixture.settings, moderation: 'pre' } });
    await fillToReview(page);
    expect(page.heading()).toBe('Schritt 5 von 5: Prüfen und senden');
    expect(text(page.element.querySelector('.review'))).toContain('Mehr Bänke');
    expect(text(page.element.querySelector('.review'))).toContain('Verkehr');
    expect(text(page.element.querySelector('.review'))).toContain('Punkt gesetzt.');
    expect(text(page.element.querySelector('.note'))).toContain('vor der Veröffentlichung von der Moderation geprüft');

    page.button('Beitrag senden').click();
    await page.stable();
    const call = http.expectOne(`${url}/contributions`);
    expect(call.request.body).toEqual({ title: 'Mehr Bänke', text: 'Am Teich fehlen Bänke.', categoryId: 'c2', rubricId: 'r1', geometry: point });
    call.flush({ id: 'neu', status: 'pending' }, { status: 201, statusText: 'Created' });
    await page.stable();
    await page.stable();
    expect(text(page.element.querySelector('#done-heading'))).toBe('Danke für Ihren Beitrag!');
    expect(text(page.element.querySelector('.pending'))).toContain('wartet auf die Freigabe durch die Moderation');
    expect(localStorage.getItem('stadtdialog.draft.gruene-mitte')).toBeNull();
  });

  it('takes the place and the workshop of a table\'s QR code and sends them with the contribution', async () => {
    const workshop = '33333333-3333-4333-8333-333333333333';
    const page = await render(procedureFixture, { lon: '9.9351', lat: '53.5512', workshop });
    await page.type('#title', 'Mehr Bänke');
    await page.type('#text', 'Am Teich fehlen Bänke.');
    page.button('Weiter').click();
    await page.stable();
    await page.choose('Verkehr');
    page.button('Weiter').click();
    await page.stable();
    await page.choose('Idee');
    page.button('Weiter').click();
    await page.stable();
    expect(page.picker().geometry()).toEqual({ type: 'Point', coordinates: [9.9351, 53.5512] });
    page.button('Weiter').click();
    await page.stable();
    expect(page.heading()).toBe('Schritt 5 von 5: Prüfen und senden');
    page.button('Beitrag senden').click();
    await page.stable();
    const call = http.expectOne(`${url}/contributions`);
    expect(call.request.body).toMatchObject({ geometry: { type: 'Point', coordinates: [9.9351, 53.5512] }, workshopId: workshop });
    call.flush({ id: 'neu', status: 'published' }, { status: 201, statusText: 'Created' });
    await page.stable();
  });

  it('ignores a hand-off place outside the globe and a workshop that is no id', async () => {
    const page = await render(procedureFixture, { lon: '200', lat: 'x', workshop: 'tisch-1' });
    await fillToReview(page);
    page.button('Beitrag senden').click();
    await page.stable();
    const call = http.expectOne(`${url}/contributions`);
    expect(call.request.body).toEqual({ title: 'Mehr Bänke', text: 'Am Teich fehlen Bänke.', categoryId: 'c2', rubricId: 'r1', geometry: point });
    call.flush({ id: 'neu', status: 'published' }, { status: 201, statusText: 'Created' });
    await page.stable();
  });

  it('shows refused fields beside them, in the step they belong to', async () => {
    const page = await render();
    await fillToReview(page);
    page.button('Beitrag senden').click();
    await page.stable();
    http.expectOne(`${url}/contributions`).flush(
      {
        type: 'about:blank',
        title: 'The request has invalid fields',
        status: 422,
        code: 'validation_failed',
        errors: [
          { field: 'geometry', code: 'outside_planning_area', max: 250, message: 'anything: the client reads the code, not this' },
          { field: 'title', code: 'too_long', max: 100, message: 'anything' },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await page.stable();
    await page.stable();
    expect(page.heading()).toBe('Schritt 1 von 5: Text');
    expect(text(page.element.querySelector('#title-error'))).toBe('Bitte kürzen Sie den Text auf höchstens 100 Zeichen.');

    await page.type('#title', 'Bänke');
    page.button('Weiter').click();
    await page.stable();
    page.button('Weiter').click();
    await page.stable();
    page.button('Weiter').click();
    await page.stable();
    expect(page.heading()).toBe('Schritt 4 von 5: Ort');
    expect(text(page.element.querySelector('#location-error'))).toContain('außerhalb des Plangebiets');
  });

  it('keeps the draft when the procedure is closed or the connection is lost, and offers to send again', async () => {
    const page = await render();
    await fillToReview(page);
    page.button('Beitrag senden').click();
    await page.stable();
    http.expectOne(`${url}/contributions`).flush({ type: 'about:blank', title: 'Closed', status: 409, code: 'participation_closed' }, { status: 409, statusText: 'Conflict' });
    await page.stable();
    await page.stable();
    expect(text(page.element.querySelector('[role="alert"]'))).toContain('nimmt gerade keine Beiträge an');
    expect(JSON.parse(localStorage.getItem('stadtdialog.draft.gruene-mitte') ?? '{}').title).toBe('Mehr Bänke');

    page.button('Erneut senden').click();
    await page.stable();
    http.expectOne(`${url}/contributions`).error(new ProgressEvent('error'));
    await page.stable();
    await page.stable();
    expect(text(page.element.querySelector('[role="alert"]'))).toContain('Keine Verbindung zum Server');
    expect(page.button('Erneut senden')).toBeTruthy();
  });

  it('needs a location where the procedure requires one, and offers "without" only where it does not', async () => {
    const required = await render({ ...procedureFixture, settings: { ...procedureFixture.settings, locationRequired: true } });
    await required.type('#title', 'Bank');
    await required.type('#text', 'Text');
    for (const choice of [null, 'Verkehr', 'Idee']) {
      if (choice) await required.choose(choice);
      required.button('Weiter').click();
      await required.stable();
    }
    expect(required.heading()).toBe('Schritt 4 von 5: Ort');
    expect(required.element.textContent).not.toContain('Ohne Ort einreichen');
    required.button('Weiter').click();
    await required.stable();
    expect(text(required.element.querySelector('#location-error'))).toBe('Dieses Verfahren braucht einen Ort: Bitte setzen Sie ihn auf der Karte.');
  });
});
