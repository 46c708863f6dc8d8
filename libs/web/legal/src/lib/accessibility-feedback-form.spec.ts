import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { writeRetryInterceptor, Translator } from '@stadtdialog/web/data-access';
import { AccessibilityFeedbackForm } from './accessibility-feedback-form';

describe('AccessibilityFeedbackForm', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([writeRetryInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    await TestBed.inject(Translator).load('legal');
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(AccessibilityFeedbackForm);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const fill = (id: string, value: string) => {
      const field = element.querySelector(`#${id}`) as HTMLInputElement | HTMLTextAreaElement;
      field.value = value;
      field.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      (element.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      await fixture.whenStable();
    };
    return { fixture, element, fill, submit };
  }

  it('refuses an empty message and a malformed address beside their fields, sending nothing', async () => {
    const { element, fill, submit } = await render();
    fill('feedback-message', '   ');
    fill('feedback-email', 'keine-adresse');
    await submit();
    expect(element.querySelector('#feedback-message-error')?.textContent).toContain('Bitte beschreiben Sie');
    expect(element.querySelector('#feedback-email-error')?.textContent).toContain('gültige E-Mail-Adresse');
    expect(element.querySelector('#feedback-message')?.getAttribute('aria-describedby')).toBe('feedback-message-error');
    expect(document.activeElement?.id).toBe('feedback-message');
    element.remove();
  });

  it('sends the feedback with one Idempotency-Key, thanks the sender and empties the form', async () => {
    const { fixture, element, fill, submit } = await render();
    fill('feedback-message', 'Der Kontrast ist zu schwach.');
    fill('feedback-email', 'leserin@example.org');
    fill('feedback-page', '/hilfe');
    await submit();
    const request = http.expectOne('/api/v1/accessibility-feedback');
    expect(request.request.body).toEqual({ message: 'Der Kontrast ist zu schwach.', email: 'leserin@example.org', page: '/hilfe' });
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    request.flush({ id: 'f1' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Danke!');
    expect((element.querySelector('#feedback-message') as HTMLTextAreaElement).value).toBe('');
    element.remove();
  });
});
