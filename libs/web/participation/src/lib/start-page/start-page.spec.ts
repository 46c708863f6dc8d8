import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { Translator } from '@stadtdialog/web/data-access';
import { procedureFixture, summaryFixture } from '../testing-fixtures';
import { StartPage } from './start-page';

describe('StartPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
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
    await fixture.whenStable();

    expect(Array.from(element.querySelectorAll('h2')).map((h) => h.textContent)).toEqual([
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
    expect(items[1].querySelector('sd-state-badge')?.textContent).toContain('Demnächst');
    expect(items[2].textContent).toContain('Alter Hafen');
    const outline = items[0].querySelector('sd-area-outline svg');
    expect(outline?.getAttribute('aria-label')).toBe('Plangebiet von Grüne Mitte Altona');
    expect(outline?.querySelector('path')?.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+L.*Z$/);
    expect(TestBed.inject(Title).getTitle()).toBe('Beteiligungsverfahren – Stadtdialog');
  });

  it('shows its texts in English after a language switch', async () => {
    const { fixture, element } = await render();
    http.expectOne('/api/v1/procedures').flush([summaryFixture]);
    TestBed.inject(Translator).use('en');
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Participation procedures');
    expect(element.querySelector('sd-state-badge')?.textContent).toContain('Open');
    expect(TestBed.inject(Title).getTitle()).toBe('Participation procedures – Stadtdialog');
  });

  it('says so when there is no procedure, and when loading fails', async () => {
    const empty = await render();
    http.expectOne('/api/v1/procedures').flush([]);
    await empty.fixture.whenStable();
    expect(empty.element.textContent).toContain('Derzeit gibt es keine öffentlichen Verfahren.');

    const failed = await render();
    http.expectOne('/api/v1/procedures').flush(null, { status: 503, statusText: 'Unavailable' });
    await failed.fixture.whenStable();
    expect(failed.element.querySelector('[role="alert"]')?.textContent).toContain('nicht geladen werden');
  });
});
