import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { retryingWrite, WriteRetries, writeRetryInterceptor } from './write-retry';

describe('writeRetryInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let retries: WriteRetries;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([writeRetryInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    retries = TestBed.inject(WriteRetries);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  const send = () =>
    firstValueFrom(client.post('/api/v1/x', { a: 1 }, { headers: { 'Idempotency-Key': 'k-1' }, context: retryingWrite() }));

  it('sends a write again with the same key after a network error and a 503, waiting as the server asks', async () => {
    const result = send();
    http.expectOne('/api/v1/x').error(new ProgressEvent('error'), { status: 0 });
    expect(retries.retrying()).toBe(true);
    await jest.advanceTimersByTimeAsync(999);
    http.expectNone('/api/v1/x');
    await jest.advanceTimersByTimeAsync(1);
    const second = http.expectOne('/api/v1/x');
    expect(second.request.headers.get('Idempotency-Key')).toBe('k-1');
    expect(second.request.body).toEqual({ a: 1 });
    second.flush({ title: 'Service unavailable' }, { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '5' } });
    await jest.advanceTimersByTimeAsync(4999);
    http.expectNone('/api/v1/x');
    await jest.advanceTimersByTimeAsync(1);
    const third = http.expectOne('/api/v1/x');
    expect(third.request.headers.get('Idempotency-Key')).toBe('k-1');
    third.flush({ id: 'c1' }, { status: 201, statusText: 'Created' });
    expect(await result).toEqual({ id: 'c1' });
    expect(retries.retrying()).toBe(false);
  });

  it('gives up after its attempts and hands the last failure to the form', async () => {
    const result = send().catch((error) => error.status);
    for (const wait of [1000, 2000, 4000]) {
      http.expectOne('/api/v1/x').error(new ProgressEvent('error'), { status: 0 });
      await jest.advanceTimersByTimeAsync(wait);
    }
    http.expectOne('/api/v1/x').flush(null, { status: 503, statusText: 'Service Unavailable' });
    expect(await result).toBe(503);
    expect(retries.retrying()).toBe(false);
  });

  it('does not retry what the server refused, a long Retry-After, or an unmarked request', async () => {
    const refused = send().catch((error) => error.status);
    http.expectOne('/api/v1/x').flush({ title: 'invalid' }, { status: 422, statusText: 'Unprocessable Entity' });
    expect(await refused).toBe(422);

    const later = send().catch((error) => error.status);
    http.expectOne('/api/v1/x').flush(null, { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '120' } });
    expect(await later).toBe(503);

    const plain = firstValueFrom(client.post('/api/v1/x', {})).catch((error) => error.status);
    http.expectOne('/api/v1/x').error(new ProgressEvent('error'), { status: 0 });
    expect(await plain).toBe(0);
    expect(retries.retrying()).toBe(false);
  });
});
