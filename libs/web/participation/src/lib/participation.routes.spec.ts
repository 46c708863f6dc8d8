import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { participationRoutes } from './participation.routes';
import { ContributePage } from './contribute-page/contribute-page';
import { ContributionPage } from './contribution-page/contribution-page';
import { ProcedurePage } from './procedure-page/procedure-page';
import { StartPage } from './start-page/start-page';

describe('participationRoutes', () => {
  beforeEach(() => {
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
      observe = jest.fn();
      unobserve = jest.fn();
      disconnect = jest.fn();
    };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(participationRoutes, withComponentInputBinding()),
      ],
    });
  });

  it('shows the start page at the root', async () => {
    const harness = await RouterTestingHarness.create();
    expect(await harness.navigateByUrl('/')).toBeInstanceOf(StartPage);
  });

  it('loads the procedure page lazily and binds the slug from the URL', async () => {
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl('/procedures/gruene-mitte', ProcedurePage);
    expect(page.slug()).toBe('gruene-mitte');
    TestBed.inject(HttpTestingController).expectOne('/api/v1/procedures/gruene-mitte');
  });

  it('binds the filter of the URL query to the procedure page', async () => {
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl('/procedures/gruene-mitte?category=c1&q=bank&view=list', ProcedurePage);
    expect(page.category()).toBe('c1');
    expect(page.q()).toBe('bank');
    expect(page.view()).toBe('list');
    TestBed.inject(HttpTestingController).expectOne('/api/v1/procedures/gruene-mitte');
  });

  it('has a page for writing a contribution and one per contribution', async () => {
    const harness = await RouterTestingHarness.create();
    const contribute = await harness.navigateByUrl('/procedures/gruene-mitte/contribute', ContributePage);
    expect(contribute.slug()).toBe('gruene-mitte');
    const contribution = await harness.navigateByUrl('/procedures/gruene-mitte/contributions/k1', ContributionPage);
    expect(contribution.id()).toBe('k1');
    expect(contribution.slug()).toBe('gruene-mitte');
  });
});
