import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { appRoutes } from './app.routes';

describe('appRoutes', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter(appRoutes, withComponentInputBinding()), provideHttpClient(), provideHttpClientTesting()] });
  });

  it.each([
    ['/', 'sd-start-page'],
    ['/procedures/gruene-mitte', 'sd-procedure-page'],
    ['/procedures/gruene-mitte/statistics', 'sd-public-statistics-page'],
    ['/procedures/gruene-mitte/report', 'sd-public-report-page'],
    ['/procedures/gruene-mitte/variants', 'sd-variants-page'],
    ['/gibt-es-nicht', 'app-not-found-page'],
  ])('%s shows %s', async (url, selector) => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    expect((harness.fixture.nativeElement as HTMLElement).querySelector(selector)).not.toBeNull();
  });
});
