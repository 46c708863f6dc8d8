import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { SignInPage } from './sign-in-page';

/** Lets the request's promise chain finish, then renders. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await fixture.whenStable();
}

describe('SignInPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [SignInPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(returnUrl?: string) {
    const fixture = TestBed.createComponent(SignInPage);
    if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
    await fixture.whenStable();
    http.expectOne('/api/v1/auth/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    const type = (selector: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(selector) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
      await settle(fixture);
    };
    return { fixture, element, type, submit };
  }

  it('marks empty fields without asking the server', async () => {
    const { element, submit } = await render();
    await submit();
    expect(element.querySelector('#sign-in-email')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#sign-in-email')?.getAttribute('aria-describedby')).toBe('sign-in-email-error');
    expect(element.querySelector('#sign-in-email-error')?.textContent).toBe('Bitte ausfüllen.');
    http.expectNone('/api/v1/auth/sign-in');
  });

  it('says when the credentials are wrong and empties the password', async () => {
    const { fixture, element, type, submit } = await render();
    type('#sign-in-email', ' anna@example.org ');
    type('#sign-in-password', 'falsch');
    await submit();
    const request = http.expectOne('/api/v1/auth/sign-in');
    expect(request.request.body).toEqual({ email: 'anna@example.org', password: 'falsch' });
    request.flush({ type: 'about:blank', title: 'Sign-in failed', status: 401, code: 'sign_in_failed' }, { status: 401, statusText: 'Unauthorized' });
    await settle(fixture);
    expect(element.querySelector('[role=status]')?.textContent?.trim()).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    expect(element.querySelector<HTMLInputElement>('#sign-in-password')?.value).toBe('');
  });

  it('tells how long to wait after too many failures and keeps the button off until then', async () => {
    const { fixture, element, type, submit } = await render();
    type('#sign-in-email', 'anna@example.org');
    type('#sign-in-password', 'falsch');
    await submit();
    http
      .expectOne('/api/v1/auth/sign-in')
      .flush(
        { type: 'about:blank', title: 'Too many failed sign-ins', status: 429, code: 'sign_in_throttled', retryAfter: 1, detail: 'Too many failed sign-ins; try again in 1 s.' },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '1' } },
      );
    await settle(fixture);
    const button = element.querySelector<HTMLButtonElement>('button[type=submit]') as HTMLButtonElement;
    expect(element.querySelector('[role=status]')?.textContent).toContain('Ein neuer Versuch ist in 1 s möglich.');
    expect(button.disabled).toBe(true);
    expect(element.textContent).toContain('Erneut möglich in 1 s');

    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // still off half-way through the second
    await sleep(500);
    await settle(fixture);
    expect(button.disabled).toBe(true);
    // on again once the second is over (a busy machine may run the page's timer late: up to 5 s)
    for (let waited = 500; waited < 5000 && button.disabled; waited += 100) {
      await sleep(100);
      await settle(fixture);
    }
    expect(button.disabled).toBe(false);
    expect(element.textContent).not.toContain('Erneut möglich');
  });

  it('leads to the page asked for after signing in, but never out of the planner area', async () => {
    const { fixture, type, submit } = await render('https://evil.example/');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    type('#sign-in-email', 'anna@example.org');
    type('#sign-in-password', 'richtig und lang');
    await submit();
    http.expectOne('/api/v1/auth/sign-in').flush({
      id: 'p1',
      email: 'anna@example.org',
      displayName: 'Anna',
      isAdmin: false,
      csrfToken: 'csrf',
      memberships: [],
    });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith('/planner');
  });
});
