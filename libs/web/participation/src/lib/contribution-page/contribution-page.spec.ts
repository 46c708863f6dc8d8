import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import {
  Category,
  ContributionDetail,
  ContributionFeatureCollection,
  ContributionGeometry,
  MapConfiguration,
  MultiPolygon,
} from '@stadtdialog/shared/contract';
import { Translator } from '@stadtdialog/web/data-access';
import { LayerSettings, ProcedureMap, ProcedureMapLabels } from '@stadtdialog/web/map';
import { listFixture, procedureFixture } from '../testing-fixtures';
import { ContributionPage } from './contribution-page';

@Component({ selector: 'sd-procedure-map', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class ProcedureMapStub {
  readonly configuration = input.required<MapConfiguration>();
  readonly planningArea = input<MultiPolygon | null>(null);
  readonly contributions = input<ContributionFeatureCollection | null>(null);
  readonly categories = input<Category[]>([]);
  readonly labels = input<ProcedureMapLabels>();
  readonly layerSettings = input<LayerSettings>({});
  readonly highlightedId = input<string | null>(null);
  readonly selectedId = input<string | null>(null);
  readonly selectable = input(true);
  readonly fitTo = input<ContributionGeometry | null>(null);
  readonly describedBy = input<string | null>(null);
  readonly contributionSelect = output<string | null>();
}

const base = '/api/v1/procedures/gruene-mitte';
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

const detail: ContributionDetail = {
  ...listFixture[0],
  text: 'Am Teich fehlen Bänke.',
  ratingsUp: 4,
  ratingsDown: 1,
  rating: { up: 4, down: 1, own: null },
  comments: [
    {
      id: 'm1',
      contributionId: 'k1',
      parentId: null,
      text: 'Gute Idee',
      official: false,
      createdAt: '2026-03-17T10:00:00Z',
      replies: [{ id: 'm2', contributionId: 'k1', parentId: 'm1', text: 'Wir prüfen das.', official: true, createdAt: '2026-03-18T10:00:00Z' }],
    },
  ],
  mine: true,
};

describe('ContributionPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).overrideComponent(ContributionPage, {
      remove: { imports: [ProcedureMap] },
      add: { imports: [ProcedureMapStub] },
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(contribution = detail, procedure = procedureFixture) {
    const fixture = TestBed.createComponent(ContributionPage);
    fixture.componentRef.setInput('slug', 'gruene-mitte');
    fixture.componentRef.setInput('id', 'k1');
    await fixture.whenStable();
    http.expectOne(base).flush(procedure);
    http.expectOne(`${base}/contributions/k1`).flush(contribution);
    const stable = async () => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    await stable();
    const element = fixture.nativeElement as HTMLElement;
    const button = (name: RegExp) => Array.from(element.querySelectorAll('button')).find((b) => name.test(text(b) ?? '')) as HTMLButtonElement;
    return { fixture, element, stable, button };
  }

  it('shows text, category, rubric, time and the location on a small map', async () => {
    const { fixture, element } = await render();
    expect(text(element.querySelector('h1'))).toBe('Mehr Bänke');
    expect(text(element.querySelector('.meta'))).toMatch(/^Grün und Freiraum Idee 16\.03\.2026, \d\d:\d\d Ihr Beitrag$/);
    expect(text(element.querySelector('.text'))).toBe('Am Teich fehlen Bänke.');
    const map = fixture.debugElement.query(By.directive(ProcedureMapStub)).componentInstance as ProcedureMapStub;
    expect(map.fitTo()).toEqual(detail.geometry);
    expect(map.contributions()?.features[0].properties.colour).toBe('#2e7d32');
    expect(map.selectable()).toBe(false);
  });

  it('rates with buttons that show the own rating, and changes it', async () => {
    const { element, stable, button } = await render();
    expect(button(/^Stimme zu/).getAttribute('aria-pressed')).toBe('false');
    expect(text(button(/^Stimme zu/))).toBe('Stimme zu 4');

    button(/^Stimme zu/).click();
    http.expectOne(`${base}/contributions/k1/rating`).flush({ up: 5, down: 1, own: 1 });
    await stable();
    expect(button(/^Stimme zu/).getAttribute('aria-pressed')).toBe('true');
    expect(text(button(/^Stimme zu/))).toBe('Stimme zu 5');
    expect(text(element.querySelector('.own-rating'))).toContain('Ihre Bewertung: Zustimmung');

    button(/^Stimme nicht zu/).click();
    const change = http.expectOne(`${base}/contributions/k1/rating`);
    expect(change.request.method).toBe('PUT');
    expect(change.request.body).toEqual({ value: -1 });
    change.flush({ up: 4, down: 2, own: -1 });
    await stable();
    expect(button(/^Stimme nicht zu/).getAttribute('aria-pressed')).toBe('true');
    expect(button(/^Stimme zu/).getAttribute('aria-pressed')).toBe('false');
  });

  it('lists comments with their replies, an official answer marked, and sends a reply', async () => {
    const { element, stable, button } = await render();
    // the heading counts the thread as shown, replies included: the same number the list shows
    expect(text(element.querySelector('#comments-heading'))).toBe('Kommentare (2)');
    const reply = element.querySelector('.replies .comment');
    expect(text(reply?.querySelector('.comment-text'))).toBe('Wir prüfen das.');
    expect(text(reply?.querySelector('.official-badge'))).toBe('Antwort der Planung');

    button(/^Antworten$/).click();
    await stable();
    const field = element.querySelector('.comment-list sd-comment-form textarea') as HTMLTextAreaElement;
    expect(element.querySelector(`label[for="${field.id}"]`)?.textContent?.trim()).toBe('Ihre Antwort');
    field.value = 'Danke!';
    field.dispatchEvent(new Event('input'));
    button(/^Antwort senden$/).click();
    await stable();
    const call = http.expectOne(`${base}/contributions/k1/comments`);
    expect(call.request.body).toEqual({ text: 'Danke!', parentId: 'm1' });
    expect(call.request.headers.get('Idempotency-Key')).toBeTruthy();
    call.flush({ id: 'm3', contributionId: 'k1', parentId: 'm1', text: 'Danke!', official: false, createdAt: '2026-03-19T10:00:00Z' });
    await stable();
    expect(Array.from(element.querySelectorAll('.replies .comment-text')).map(text)).toEqual(['Wir prüfen das.', 'Danke!']);
  });

  it('keeps the comment and its key when sending fails, and says when it awaits moderation', async () => {
    const { element, stable, button } = await render();
    const field = element.querySelector('.comments > sd-comment-form textarea') as HTMLTextAreaElement;
    field.value = 'Zweiter Gedanke';
    field.dispatchEvent(new Event('input'));
    button(/^Kommentar senden$/).click();
    await stable();
    const failed = http.expectOne(`${base}/contributions/k1/comments`);
    const key = failed.request.headers.get('Idempotency-Key');
    failed.error(new ProgressEvent('error'));
    await stable();
    expect(text(element.querySelector('.comments > sd-comment-form .field-error'))).toBe('Keine Verbindung zum Server. Bitte versuchen Sie es erneut.');
    expect(field.value).toBe('Zweiter Gedanke');

    button(/^Kommentar senden$/).click();
    await stable();
    const retry = http.expectOne(`${base}/contributions/k1/comments`);
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    retry.flush({ id: 'm9', contributionId: 'k1', parentId: null, text: 'Zweiter Gedanke', official: false, createdAt: '', status: 'pending' });
    await stable();
    expect(text(element.querySelector('.comments > sd-comment-form .note'))).toContain('vor der Veröffentlichung geprüft');
    expect(element.querySelectorAll('.comment-list > li')).toHaveLength(1);
  });

  it('reports with a reason from a dialog', async () => {
    const { element, stable, button } = await render();
    button(/^Beitrag melden$/).click();
    await stable();
    const dialog = element.querySelector('sd-report-dialog dialog') as HTMLDialogElement;
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(text(element.querySelector(`#${dialog.getAttribute('aria-labelledby')}`))).toBe('Inhalt melden');
    const reason = dialog.querySelector('textarea') as HTMLTextAreaElement;
    reason.value = 'Werbung';
    reason.dispatchEvent(new Event('input'));
    button(/^Meldung senden$/).click();
    await stable();
    const call = http.expectOne(`${base}/reports`);
    expect(call.request.body).toEqual({ contributionId: 'k1', reason: 'Werbung' });
    call.flush({ id: 'r1' }, { status: 201, statusText: 'Created' });
    await stable();
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(text(element.querySelector('.note[role="status"]'))).toBe('Danke, Ihre Meldung ist eingegangen.');
  });

  it('hides rating and comments where the procedure hides them, and writes in English', async () => {
    const hidden = { ...procedureFixture, settings: { ...procedureFixture.settings, ratings: 'off' as const, comments: 'hidden' as const } };
    const { fixture, element } = await render(detail, hidden);
    expect(element.querySelector('.rating')).toBeNull();
    expect(element.querySelector('.comments')).toBeNull();
    TestBed.inject(Translator).use('en');
    await fixture.whenStable();
    expect(text(element.querySelector('.meta'))).toContain('Your contribution');
    expect(text(element.querySelector('.report-row'))).toBe('Report contribution');
  });
});
