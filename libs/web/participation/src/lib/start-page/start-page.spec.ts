import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import type { ParticipationOverview } from '@stadtdialog/shared/contract';
import { Translator } from '@stadtdialog/web/data-access';
import { procedureFixture, summaryFixture } from '../testing-fixtures';
import { StartPage } from './start-page';

const overviewFixture: ParticipationOverview = {
  procedures: [
    { id: summaryFixture.id, contributions: 12, comments: 4 },
    { id: 'p0', contributions: 3, comments: null },
  ],
  mostDiscussed: [{ id: 'c1', title: 'Mehr Bäume', procedure: { slug: 'gruene-mitte', title: 'Grüne Mitte Altona' }, createdAt: '2026-11-29T10:00:00.000Z', commentCount: 4 }],
  mostRecent: [
    { id: 'c2', title: 'Radweg', procedure: { slug: 'gruene-mitte', title: 'Grüne Mitte Altona' }, createdAt: '2026-11-30T10:00:00.000Z', commentCount: 0 },
    { id: 'c1', title: 'Mehr Bäume', procedure: { slug: 'gruene-mitte', title: 'Grüne Mitte Altona' }, createdAt: '2026-11-29T10:00:00.000Z', commentCount: 4 },
  ],
  appointments: [{
    id: 'a1', title: 'Spaziergang', description: '', startsAt: '2026-12-05T14:00:00.000Z', endsAt: null, place: 'Marktplatz',
    procedure: { slug: 'gruene-mitte', title: 'Grüne Mitte Altona' },
  }],
  map: null,
};

describe('StartPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
      // the map (OpenLayers) is a deferred block: its placeholder stands in; the browser tests draw it
      deferBlockBehavior: DeferBlockBehavior.Manual,
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(StartPage);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('lists the procedures by state with title, state, summary and planning area, each linking to its page', async () => {
    const { fixture, element } = await render();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Wird geladen');

    http.expectOne('/api/v1/procedures').flush([
      { ...summaryFixture, id: 'p0', slug: 'alt', title: 'Alter Hafen', state: 'closed' },
      { ...summaryFixture, planningArea: procedureFixture.planningArea },
      { ...summaryFixture, id: 'p2', slug: 'hafenkante', title: 'Hafenkante', state: 'upcoming' },
    ]);
    http.expectOne('/api/v1/overview').flush(overviewFixture);
    await fixture.whenStable();

    expect(Array.from(element.querySelectorAll('.lists h2')).map((h) => h.textContent)).toEqual([
      'Laufende Verfahren',
      'Demnächst',
      'Abgeschlossene Verfahren',
    ]);
    const items = Array.from(element.querySelectorAll('li.procedure'));
    expect(items).toHaveLength(3);
    const link = items[0].querySelector('h3 a');
    expect(link?.textContent?.trim()).toBe('Grüne Mitte Altona');
    expect(link?.getAttribute('href')).toBe('/procedures/gruene-mitte');
    expect(items[0].querySelector('sd-state-badge')?.textContent).toContain('Offen');
    expect(items[0].textContent).toContain('Wie soll der neue Park aussehen?');
    expect(items[0].querySelector('.counts')?.textContent).toBe('12 Beiträge, 4 Kommentare');
    expect(items[2].querySelector('.counts')?.textContent).toBe('3 Beiträge');
    expect(items[1].querySelector('sd-state-badge')?.textContent).toContain('Demnächst');
    expect(items[2].textContent).toContain('Alter Hafen');
    const outline = items[0].querySelector('sd-area-outline svg');
    expect(outline?.getAttribute('aria-label')).toBe('Plangebiet von Grüne Mitte Altona');
    expect(outline?.querySelector('path')?.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+L.*Z$/);
    expect(TestBed.inject(Title).getTitle()).toBe('Beteiligungsverfahren – Stadtdialog');
  });

  it('shows one map of the planning areas with state and counts, the most discussed and newest contributions and the appointments', async () => {
    const { fixture, element } = await render();
    http.expectOne('/api/v1/procedures').flush([
      { ...summaryFixture, planningArea: procedureFixture.planningArea },
      { ...summaryFixture, id: 'p2', slug: 'hafenkante', title: 'Hafenkante', state: 'upcoming', planningArea: procedureFixture.planningArea },
      { ...summaryFixture, id: 'p3', slug: 'ohne', title: 'Ohne Gebiet', planningArea: null },
    ]);
    http.expectOne('/api/v1/overview').flush(overviewFixture);
    await fixture.whenStable();
    const map = element.querySelector('.map-section');
    expect(map?.querySelector('h2')?.textContent).toBe('Karte aller Verfahren');
    expect(map?.querySelector('#start-map-hint')?.textContent).toContain('dieselben Verfahren stehen in der Liste');
    const [block] = await fixture.getDeferBlocks();
    expect(block).toBeDefined();
    await block.render(DeferBlockState.Placeholder);
    expect(map?.querySelector('.map-placeholder')).not.toBeNull();
    const page = fixture.componentInstance as unknown as { areas: () => { slug: string; state: string; label: string }[] };
    expect(page.areas().map((a) => [a.slug, a.state, a.label])).toEqual([
      ['gruene-mitte', 'open', 'Grüne Mitte Altona (Offen): 12 Beiträge'],
      ['hafenkante', 'upcoming', 'Hafenkante (Demnächst): 0 Beiträge'],
    ]);

    const discussed = element.querySelector('section[aria-labelledby="start-discussed"] ol');
    expect(discussed?.querySelector('a')?.getAttribute('href')).toBe('/procedures/gruene-mitte/contributions/c1');
    expect(discussed?.textContent).toContain('4 Kommentare · in Grüne Mitte Altona');
    const recent = element.querySelector('section[aria-labelledby="start-recent"] ol');
    expect(recent?.querySelectorAll('li')).toHaveLength(2);
    expect(recent?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-30T10:00:00.000Z');
    const appointments = element.querySelector('section[aria-labelledby="start-appointments"]');
    expect(appointments?.textContent).toContain('Spaziergang');
    expect(appointments?.textContent).toContain('Marktplatz');
    expect(appointments?.querySelector('a')?.getAttribute('href')).toBe('/procedures/gruene-mitte');
  });

  it('shows its texts in English after a language switch', async () => {
    const { fixture, element } = await render();
    http.expectOne('/api/v1/procedures').flush([summaryFixture]);
    http.expectOne('/api/v1/overview').flush(overviewFixture);
    TestBed.inject(Translator).use('en');
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Participation procedures');
    expect(element.querySelector('sd-state-badge')?.textContent).toContain('Open');
    expect(TestBed.inject(Title).getTitle()).toBe('Participation procedures – Stadtdialog');
  });

  it('says so when there is no procedure, and when loading fails', async () => {
    const empty = await render();
    http.expectOne('/api/v1/procedures').flush([]);
    http.expectOne('/api/v1/overview').flush({ ...overviewFixture, procedures: [], mostDiscussed: [], mostRecent: [], appointments: [] });
    await empty.fixture.whenStable();
    expect(empty.element.textContent).toContain('Derzeit gibt es keine öffentlichen Verfahren.');

    const failed = await render();
    http.expectOne('/api/v1/procedures').flush(null, { status: 503, statusText: 'Unavailable' });
    http.expectOne('/api/v1/overview').flush(null, { status: 503, statusText: 'Unavailable' });
    await failed.fixture.whenStable();
    expect(failed.element.querySelector('[role="alert"]')?.textContent).toContain('nicht geladen werden');
  });
});
