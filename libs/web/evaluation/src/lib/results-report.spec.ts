import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ProcedureReport, ProcedureStatistics } from '@stadtdialog/shared/contract';
import { Translator } from '@stadtdialog/web/data-access';
import { ResultsReport } from './results-report';

const statistics: ProcedureStatistics = {
  procedure: { id: 'p1', slug: 'gruene-mitte', title: 'Grüne Mitte' },
  scope: 'planner',
  totals: { contributions: 3, comments: 2, ratings: 2, ratingsUp: 2, ratingsDown: 0, participants: 2 },
  byStatus: [{ key: 'published', label: 'published', count: 3 }],
  commentsByStatus: [{ key: 'published', label: 'published', count: 2 }],
  byCategory: [{ key: 'c1', label: 'Grün', count: 3 }],
  byRubric: [{ key: 'idea', label: 'Idee', count: 3 }],
  byGeometry: [{ key: 'POINT', label: 'POINT', count: 3 }],
  bySource: [{ key: 'online', label: 'online', count: 3 }],
  byWorkshop: [],
  overTime: { interval: 'day', buckets: [{ start: '2026-11-30', contributions: 3, comments: 2 }] },
  topRated: [{ id: 'k1', title: 'Mehr Bäume', status: 'published', ratingsUp: 2, ratingsDown: 0, commentCount: 2 }],
  topCommented: [{ id: 'k1', title: 'Mehr Bäume', status: 'published', ratingsUp: 2, ratingsDown: 0, commentCount: 2 }],
  keyTerms: [{ term: 'Bäume', stem: 'baum', occurrences: 3, contributions: 1 }],
  variants: [
    { id: 'v1', title: 'Variante Park', published: true, ratingsUp: 5, ratingsDown: 2, comments: 3 },
    { id: 'v2', title: 'Entwurf Plaza', published: false, ratingsUp: 1, ratingsDown: 0, comments: 0 },
  ],
};

const report: ProcedureReport = {
  procedure: {
    id: 'p1', slug: 'gruene-mitte', title: 'Grüne Mitte', summary: 'Wie soll der Park aussehen?', description: 'Ein neuer Park.',
    phases: [{ kind: 'participation', title: '', startsAt: '2026-11-01T08:00:00.000Z', endsAt: '2026-12-31T08:00:00.000Z' }],
  },
  filter: { source: 'online', category: 'c1' },
  filterNames: { category: 'Grün' },
  generatedAt: '2026-12-01T10:00:00.000Z',
  statistics,
  highlights: [{
    id: 'k1', title: 'Mehr Bäume', status: 'published', ratingsUp: 2, ratingsDown: 0, commentCount: 2, text: 'Bitte pflanzt Bäume.',
    category: 'Grün', rubric: 'Idee', categoryTranslations: {}, rubricTranslations: {}, createdAt: '2026-11-30T10:00:00.000Z', officialAnswer: 'Wir prüfen das.', officialAnswerAt: '2026-12-01T09:00:00.000Z',
  }],
  workshops: [{ id: 'w1', title: 'Tisch 1', startsAt: '2026-11-20T17:00:00.000Z', endsAt: null, place: 'Stadtteilhaus', contributions: 1 }],
};

describe('ResultsReport', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
  });

  function render(value: ProcedureReport) {
    const fixture = TestBed.createComponent(ResultsReport);
    fixture.componentRef.setInput('report', value);
    fixture.componentRef.setInput('contributionLink', (c: { id: string }) => ['/planner/procedures', 'p1', 'moderation', c.id]);
    fixture.componentRef.setInput('termLink', ['/planner/procedures', 'p1', 'moderation']);
    fixture.componentRef.setInput('termQuery', { state: 'all', kind: 'contribution' });
    fixture.detectChanges();
    return Object.assign(fixture.nativeElement as HTMLElement, { fixture });
  }

  it('holds the procedure, its phases, the figures with tables, the key terms, the top contributions with answers and the workshops', () => {
    const element = render(report);
    expect(element.querySelector('h1')?.textContent).toBe('Grüne Mitte');
    expect(element.textContent).toContain('Gefiltert: Herkunft: Online, Kategorie: Grün');
    expect(element.textContent).toContain('Alle Beiträge in jedem Status');
    const phases = element.querySelector('table');
    expect(phases?.querySelector('caption')?.textContent).toBe('Phasen');
    expect(phases?.querySelector('tbody th[scope="row"]')?.textContent).toBe('Beteiligung');
    expect([...element.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'Das Verfahren', 'Überblick', 'Auswertung', 'Die 10 am besten bewerteten Beiträge', 'Die 10 meistkommentierten Beiträge',
      'Häufige Begriffe', 'Die wichtigsten Beiträge mit den Antworten der Planenden', 'Workshops',
    ]);
    expect(element.querySelectorAll('figure svg[role="img"]').length).toBeGreaterThan(3);
    const variantRatings = [...element.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent === 'Bewertungen der Planungsvarianten als Tabelle');
    expect([...(variantRatings?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => c.textContent))).toEqual([
      ['Variante Park', '5', '2'],
      ['Entwurf Plaza (unveröffentlicht)', '1', '0'],
    ]);
    expect(element.textContent).toContain('2 Varianten: zusammen 6 Zustimmungen und 2 Ablehnungen.');
    expect(element.textContent).toContain('Kommentare zu den Planungsvarianten als Tabelle');
    const highlight = element.querySelector('article.highlight');
    if (!highlight) throw new Error('no highlighted contribution');
    expect(highlight.querySelector('h3')?.textContent).toBe('Mehr Bäume');
    expect(highlight.querySelector('.answer')?.textContent).toContain('Wir prüfen das.');
    expect(highlight.textContent).toContain('2 Zustimmungen, 0 Ablehnungen, 2 Kommentare');
    const term = [...element.querySelectorAll('a')].find((a) => a.textContent === 'Bäume');
    expect(term?.getAttribute('href')).toBe('/planner/procedures/p1/moderation?state=all&kind=contribution&q=B%C3%A4ume');
    const workshops = [...element.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent === 'Workshops');
    expect(workshops?.querySelector('tbody tr')?.textContent).toContain('Stadtteilhaus');
  });

  it('says what is missing, leaves out hidden counts and speaks English after a switch', () => {
    const element = render({
      ...report, filter: {}, filterNames: {}, workshops: [],
      statistics: {
        ...statistics, scope: 'public', byStatus: null, commentsByStatus: null,
        variants: [{ id: 'v1', title: 'Variante Park', published: true, ratingsUp: null, ratingsDown: null, comments: 3 }],
      },
      highlights: [{ ...report.highlights[0], ratingsUp: null, ratingsDown: null, officialAnswer: null, officialAnswerAt: null }],
    });
    expect(element.textContent).not.toContain('Gefiltert');
    expect(element.textContent).toContain('Veröffentlichte Beiträge und Kommentare.');
    expect(element.textContent).toContain('Noch keine offizielle Antwort.');
    expect(element.querySelector('.counts')?.textContent).toContain('– Zustimmungen, – Ablehnungen, 2 Kommentare');
    expect(element.textContent).toContain('Keine Workshops.');
    // ratings the procedure hides leave their chart out, the comments' chart stays
    expect(element.textContent).not.toContain('Bewertungen der Planungsvarianten');
    expect(element.textContent).toContain('Kommentare zu den Planungsvarianten');
    TestBed.inject(Translator).use('en');
    element.fixture.detectChanges();
    expect(element.textContent).toContain('No workshops.');
    expect(element.textContent).toContain('No official answer yet.');
  });
});
