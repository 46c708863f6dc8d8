import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SitePage } from '@stadtdialog/shared/contract';
import { Translator } from '@stadtdialog/web/data-access';
import { SitePageView } from './site-page';

const page = (over: Partial<SitePage> = {}): SitePage => ({
  key: 'imprint', language: 'de', title: 'Impressum', markdown: '## Anbieter', html: '<h2>Anbieter</h2><p><a href="/regeln">Regeln</a></p>',
  edited: false, updatedAt: null, ...over,
});

describe('SitePageView', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    await TestBed.inject(Translator).load('legal');
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(SitePageView);
    fixture.componentRef.setInput('key', 'imprint');
    await fixture.whenStable();
    return fixture;
  }

  it('shows the page in the current language and reads it again when the language changes', async () => {
    const fixture = await render();
    http.expectOne('/api/v1/pages/imprint?lang=de').flush(page());
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent).toBe('Impressum');
    expect(element.querySelector('.page-text h2')?.textContent).toBe('Anbieter');
    expect(element.querySelector('article')?.getAttribute('lang')).toBe('de');

    TestBed.inject(Translator).use('en');
    await fixture.whenStable();
    http.expectOne('/api/v1/pages/imprint?lang=en').flush(page({ title: 'Imprint', language: 'en', html: '<h2>Provider</h2>' }));
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Imprint');
    expect(element.querySelector('article')?.getAttribute('lang')).toBe('en');
    expect(element.textContent).not.toContain('German only');
  });

  it('says when a page exists in German only, and marks its text as German', async () => {
    TestBed.inject(Translator).use('en');
    const fixture = await render();
    http.expectOne('/api/v1/pages/imprint?lang=en').flush(page({ edited: true, updatedAt: '2026-12-01T10:00:00.000Z' }));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('This page is available in German only.');
    expect(element.querySelector('article')?.getAttribute('lang')).toBe('de');
    expect(element.textContent).toContain('Last updated: 1 December 2026');
  });

  it('says so when the page cannot be loaded', async () => {
    const fixture = await render();
    http.expectOne('/api/v1/pages/imprint?lang=de').flush({}, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toContain('nicht geladen');
  });
});
