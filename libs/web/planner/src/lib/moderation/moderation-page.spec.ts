import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ModerationItem, WorkspaceProcedure } from '@stadtdialog/shared/contract';
import { LIVE_PLATFORM, LiveEventSource, ProcedureSetupStore } from '@stadtdialog/web/data-access';
import { ModerationPage } from './moderation-page';

@Component({ imports: [ModerationPage], providers: [ProcedureSetupStore], template: '<sd-moderation-page />' })
class Host {
  readonly setup = inject(ProcedureSetupStore);
}

class FakeEventSource implements LiveEventSource {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readyState = 1;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.readyState = 2;
  }
  emit(type: string, data: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

const item = (id: string, title: string): ModerationItem => ({
  kind: 'contribution',
  id,
  contributionId: id,
  title,
  text: 'Text',
  status: 'pending',
  flaggedAt: null,
  openReports: [],
  categoryId: 'c1',
  rubricId: 'r1',
  geometry: null,
  official: false,
  edited: false,
  moderationReason: null,
  source: 'online',
  workshopId: null,
  createdAt: '2026-05-01T10:00:00.000Z',
});

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await fixture.whenStable();
}

const QUEUE = '/api/v1/procedures/proc-1/moderation/queue';

describe('ModerationPage', () => {
  let http: HttpTestingController;
  let source: FakeEventSource;

  beforeEach(() => {
    localStorage.clear();
    source = new FakeEventSource();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: LIVE_PLATFORM, useValue: { openEventSource: () => source, locks: null, openChannel: () => null } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(Host);
    void fixture.componentInstance.setup.load('proc-1');
    http.expectOne('/api/v1/procedures/proc-1/setup').flush({
      id: 'proc-1',
      title: 'Mitte',
      categories: [{ id: 'c1', name: 'Grün', colour: '#2e7d32', icon: 'tree', position: 0 }],
      rubrics: [],
      phases: [],
      appointments: [],
    } as unknown as WorkspaceProcedure);
    await settle(fixture);
    http.expectOne((r) => r.url === QUEUE).flush({ items: [item('a', 'Bank am Teich')], nextCursor: null });
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows the queue and announces items that arrive over the event stream', async () => {
    const { fixture, element } = await render();
    expect(element.querySelector('h2')?.textContent).toContain('Einträge (1)');
    expect(element.textContent).toContain('Grün');
    source.onopen?.(new Event('open'));
    await settle(fixture);
    expect(element.textContent).toContain('Live: Neue Einträge erscheinen von selbst.');
    await new Promise((resolve) => setTimeout(resolve, 250));
    http.expectOne((r) => r.url === QUEUE).flush({ items: [item('a', 'Bank am Teich')], nextCursor: null });
    await settle(fixture);

    source.emit('queue', { kind: 'contribution', id: 'b', contributionId: 'b', status: 'pending', flagged: false });
    await new Promise((resolve) => setTimeout(resolve, 250));
    http.expectOne((r) => r.url === QUEUE).flush({ items: [item('b', 'Mehr Bäume'), item('a', 'Bank am Teich')], nextCursor: null });
    await settle(fixture);
    expect([...element.querySelectorAll('.item h3')].map((h) => h.textContent?.trim())).toEqual(['Mehr Bäume', 'Bank am Teich']);
    expect(element.querySelector('[aria-live=polite]')?.textContent).toContain('1 neuer Eintrag in der Warteschlange.');
  });

  it('asks for a reason before it rejects, with the focus in the reason field', async () => {
    const { fixture, element } = await render();
    element.querySelector<HTMLButtonElement>('[data-action=reject]')?.click();
    await settle(fixture);
    const reason = element.querySelector<HTMLTextAreaElement>('textarea[id^="reason-"]') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(reason);
    const confirm = [...element.querySelectorAll<HTMLButtonElement>('.reject button')].find((b) => b.textContent?.trim() === 'Ablehnen');
    confirm?.click();
    await settle(fixture);
    http.expectNone((r) => r.url.endsWith('/reject'));
    expect(element.textContent).toContain('Eine Ablehnung braucht eine Begründung.');

    reason.value = 'Beleidigend';
    reason.dispatchEvent(new Event('input'));
    confirm?.click();
    await settle(fixture);
    const request = http.expectOne('/api/v1/procedures/proc-1/moderation/contributions/a/reject');
    expect(request.request.body).toEqual({ reason: 'Beleidigend' });
    request.flush({ ...item('a', 'Bank am Teich'), status: 'rejected', moderationReason: 'Beleidigend' });
    await settle(fixture);
    expect(element.querySelectorAll('.item')).toHaveLength(0);
    expect(element.textContent).toContain('„Bank am Teich“ abgelehnt.');
  });
});
