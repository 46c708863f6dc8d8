import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { OwnContributions } from '@stadtdialog/shared/contract';
import { participantTokenInterceptor, Translator } from '@stadtdialog/web/data-access';
import { MyContributionsPage } from './my-contributions-page';

const TOKEN = 'a'.repeat(43);
const OTHER = 'b'.repeat(43);

const OWN: OwnContributions = {
  contributions: [
    {
      id: 'c1', procedure: { slug: 'altona', title: 'Grüne Mitte', translations: {} }, title: 'Mehr Bänke', text: 'Am Spielplatz', category: 'Grün', rubric: 'Idee',
      categoryTranslations: { en: { name: 'Green' } }, rubricTranslations: {},
      geometry: null, status: 'pending', moderationReason: null, edit: null, notification: null, commentCount: 0,
      createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
    },
    {
      id: 'c2', procedure: { slug: 'altona', title: 'Grüne Mitte', translations: {} }, title: 'Radweg', text: 'Radweg (Name entfernt)', category: 'Verkehr', rubric: 'Idee',
      categoryTranslations: {}, rubricTranslations: {},
      geometry: { type: 'Point', coordinates: [9.95, 53.55] }, status: 'published', moderationReason: null,
      edit: {
        original: { title: 'Radweg', text: 'Radweg von Herrn M.', category: 'Grün', rubric: 'Idee', geometry: { type: 'Point', coordinates: [9.9, 53.5] } },
        reason: 'Personenbezogene Daten entfernt.',
      },
      notification: 'confirmed',
      commentCount: 2, createdAt: '2026-11-30T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
    },
    {
      id: 'c3', procedure: { slug: 'altona', title: 'Grüne Mitte', translations: {} }, title: 'Parkplatz', text: 'Statt Wiese', category: 'Grün', rubric: 'Idee',
      categoryTranslations: { en: { name: 'Green' } }, rubricTranslations: {},
      geometry: null, status: 'rejected', moderationReason: 'Bitte nur ein Anliegen.', edit: null, notification: null, commentCount: 0,
      createdAt: '2026-11-29T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
    },
  ],
  comments: [
    {
      id: 'm1', procedure: { slug: 'altona', title: 'Grüne Mitte', translations: {} }, contributionId: 'x', contributionTitle: null, reply: true,
      text: 'Dem stimme ich zu.', status: 'pending', moderationReason: null, createdAt: '2026-12-01T11:00:00.000Z',
    },
  ],
};

describe('MyContributionsPage', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'meine-beitraege', component: MyContributionsPage }]), provideHttpClient(withInterceptors([participantTokenInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    await TestBed.inject(Translator).load('mine', 'notify');
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(MyContributionsPage);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('asks nothing of the API on a device that never took part', async () => {
    const { element } = await render();
    expect(element.textContent).toContain('Auf diesem Gerät haben Sie noch nichts geschrieben.');
    http.expectNone('/api/v1/me/contributions');
  });

  it('lists own contributions with their state, the moderators\' reason and an edit beside the original', async () => {
    localStorage.setItem('stadtdialog.participantToken', TOKEN);
    const { fixture, element } = await render();
    const request = http.expectOne('/api/v1/me/contributions');
    expect(request.request.headers.get('X-Participant-Token')).toBe(TOKEN);
    request.flush(OWN);
    await fixture.whenStable();
    const items = Array.from(element.querySelectorAll('li.own-contribution'));
    expect(items.map((li) => li.querySelector('.state')?.textContent?.trim())).toEqual([
      'Status: Wird geprüft', 'Status: Veröffentlicht', 'Status: Abgelehnt',
    ]);
    expect(items[0].textContent).toContain('Die Moderation prüft ihn');
    expect(items[1].textContent).toContain('Von der Moderation bearbeitet');
    expect(items[1].textContent).toContain('Grund der Änderung: Personenbezogene Daten entfernt.');
    expect(items[1].querySelector('details')?.textContent).toContain('Radweg von Herrn M.');
    expect(items[1].querySelector('details')?.textContent).toContain('Grün');
    expect(items[1].textContent).toContain('Auch der Ort wurde verändert.');
    expect(items[2].textContent).toContain('Begründung der Moderation: Bitte nur ein Anliegen.');
    // a rejected contribution has no public page to link
    expect(items[2].querySelector('a')).toBeNull();
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/procedures/altona/contributions/c1');
    const comment = element.querySelector('li.own-comment');
    expect(comment?.textContent).toContain('zu einem Beitrag, der nicht mehr öffentlich ist');
    expect(comment?.textContent).toContain('Wird geprüft');
    expect(element.querySelector('#own-comments-heading')?.textContent).toBe('Kommentare (1)');
  });

  it('names categories and rubrics in English where the planners gave a version, else in German marked as German', async () => {
    localStorage.setItem('stadtdialog.participantToken', TOKEN);
    await TestBed.inject(Translator).load('mine', 'notify');
    TestBed.inject(Translator).use('en');
    const { fixture, element } = await render();
    http.expectOne('/api/v1/me/contributions').flush(OWN);
    await fixture.whenStable();
    const meta = element.querySelector('li.own-contribution .meta');
    expect(meta?.textContent).toContain('Green, Idee');
    const rubric = Array.from(meta?.querySelectorAll('span[lang]') ?? []).map((span) => [span.textContent?.trim(), span.getAttribute('lang')]);
    expect(rubric).toEqual([['Idee', 'de']]);
  });

  it('shows the personal link on request, with the token after #', async () => {
    localStorage.setItem('stadtdialog.participantToken', TOKEN);
    const { fixture, element } = await render();
    http.expectOne('/api/v1/me/contributions').flush({ contributions: [], comments: [] });
    await fixture.whenStable();
    (Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Persönlichen Link anzeigen')) as HTMLButtonElement).click();
    await fixture.whenStable();
    expect((element.querySelector('#mine-link') as HTMLInputElement).value).toBe(`${location.origin}/meine-beitraege#teilnahme=${TOKEN}`);
  });

  it('takes over the participant of a personal link only when asked, and warns when it replaces another', async () => {
    localStorage.setItem('stadtdialog.participantToken', OTHER);
    await TestBed.inject(Router).navigateByUrl(`/meine-beitraege#teilnahme=${TOKEN}`);
    const fixture = TestBed.createComponent(MyContributionsPage);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    http.expectOne((r) => r.url === '/api/v1/me/contributions' && r.headers.get('X-Participant-Token') === OTHER).flush(OWN);
    await fixture.whenStable();
    expect(element.querySelector('#adopt-heading')?.textContent).toBe('Persönlichen Link verwenden?');
    expect(element.textContent).toContain('schon unter einer anderen Kennung geschrieben');
    expect(localStorage.getItem('stadtdialog.participantToken')).toBe(OTHER);

    (Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Ja, dieses Gerät verwenden')) as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(localStorage.getItem('stadtdialog.participantToken')).toBe(TOKEN);
    http.expectOne((r) => r.url === '/api/v1/me/contributions' && r.headers.get('X-Participant-Token') === TOKEN).flush({ contributions: [], comments: [] });
    await fixture.whenStable();
    expect(element.textContent).toContain('Dieses Gerät zeigt jetzt die Beiträge Ihres persönlichen Links.');
    expect(element.querySelector('#adopt-heading')).toBeNull();
  });
});
