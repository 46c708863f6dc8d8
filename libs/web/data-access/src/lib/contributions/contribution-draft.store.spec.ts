import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { participantTokenInterceptor } from '../participation/participant-token';
import { ContributionDraftStore } from './contribution-draft.store';
import { contributionFixture } from './testing-fixtures';

const url = '/api/v1/procedures/gruene-mitte/contributions';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ContributionDraftStore', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([participantTokenInterceptor])),
        provideHttpClientTesting(),
        ContributionDraftStore,
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function openFilled(): ContributionDraftStore {
    const store = TestBed.inject(ContributionDraftStore);
    store.open('gruene-mitte');
    store.update({ title: ' Bank ', text: 'Am Teich', categoryId: 'c1', rubricId: 'r1', geometry: { type: 'Point', coordinates: [9.93, 53.556] } });
    return store;
  }

  it('keeps the draft in localStorage per procedure and restores it', () => {
    openFilled().update({ step: 'location' });
    const stored = JSON.parse(localStorage.getItem('stadtdialog.draft.gruene-mitte') ?? '{}');
    expect(stored).toMatchObject({ title: ' Bank ', categoryId: 'c1', step: 'location' });

    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), ContributionDraftStore] });
    const again = TestBed.inject(ContributionDraftStore);
    again.open('gruene-mitte');
    expect(again.draft().text).toBe('Am Teich');
    expect(again.step()).toBe('location');
    again.open('anderes-verfahren');
    expect(again.draft().text).toBe('');
  });

  it('sends the trimmed draft with an Idempotency-Key, keeps the issued participant token and drops the draft', async () => {
    const store = openFilled();
    const sending = store.submit();
    await Promise.resolve();
    const call = http.expectOne(url);
    expect(call.request.body).toEqual({
      title: 'Bank',
      text: 'Am Teich',
      categoryId: 'c1',
      rubricId: 'r1',
      geometry: { type: 'Point', coordinates: [9.93, 53.556] },
    });
    expect(call.request.headers.get('Idempotency-Key')).toMatch(UUID);
    expect(call.request.headers.has('X-Participant-Token')).toBe(false);
    call.flush(contributionFixture(), { status: 201, statusText: 'Created', headers: { 'X-Participant-Token': 'tok-1' } });
    const result = await sending;
    expect(result.kind).toBe('created');
    expect(localStorage.getItem('stadtdialog.participantToken')).toBe('tok-1');
    expect(localStorage.getItem('stadtdialog.draft.gruene-mitte')).toBeNull();
    expect(store.draft().title).toBe('');
  });

  it('keeps the draft after a network failure and retries with the same Idempotency-Key', async () => {
    const store = openFilled();
    const first = store.submit();
    await Promise.resolve();
    const failed = http.expectOne(url);
    const key = failed.request.headers.get('Idempotency-Key');
    expect(key).toMatch(UUID);
    failed.error(new ProgressEvent('error'));
    expect(await first).toEqual({ kind: 'offline' });
    expect(JSON.parse(localStorage.getItem('stadtdialog.draft.gruene-mitte') ?? '{}').idempotencyKey).toBe(key);

    const second = store.submit();
    await Promise.resolve();
    const retry = http.expectOne(url);
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    retry.flush(contributionFixture({ status: 'pending' }), { status: 201, statusText: 'Created' });
    const result = await second;
    expect(result.kind === 'created' && result.contribution.status).toBe('pending');
  });

  it('reports refused fields and a closed procedure, keeping the draft', async () => {
    const store = openFilled();
    const invalid = store.submit();
    await Promise.resolve();
    http.expectOne(url).flush(
      {
        type: 'about:blank', title: 'Invalid', status: 422, code: 'validation_failed',
        errors: [{ field: 'geometry', code: 'outside_planning_area', max: 250, message: 'outside the planning area' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    expect(await invalid).toEqual({
      kind: 'invalid', code: 'validation_failed',
      errors: [{ field: 'geometry', code: 'outside_planning_area', max: 250, message: 'outside the planning area' }],
    });

    const closed = store.submit();
    await Promise.resolve();
    http.expectOne(url).flush({ type: 'about:blank', title: 'Closed', status: 409, code: 'participation_closed' }, { status: 409, statusText: 'Conflict' });
    expect(await closed).toEqual({ kind: 'conflict', code: 'participation_closed' });
    expect(store.draft().title).toBe(' Bank ');
  });

  it('uses a new key when the old one went with a different text', async () => {
    const store = openFilled();
    store.update({ idempotencyKey: '11111111-1111-4111-8111-111111111111' });
    const sending = store.submit();
    await Promise.resolve();
    http.expectOne(url).flush(
      { type: 'about:blank', title: 'Idempotency-Key reused', status: 422, errors: [{ field: 'Idempotency-Key', message: 'reused' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await Promise.resolve();
    await Promise.resolve();
    const retry = http.expectOne(url);
    expect(retry.request.headers.get('Idempotency-Key')).not.toBe('11111111-1111-4111-8111-111111111111');
    retry.flush(contributionFixture(), { status: 201, statusText: 'Created' });
    expect((await sending).kind).toBe('created');
  });

  it('sends the workshop of a phone hand-off, and sends it as an ordinary contribution once that workshop has ended', async () => {
    const store = openFilled();
    const workshopId = '22222222-2222-4222-8222-222222222222';
    store.update({ workshopId });
    const sending = store.submit();
    await Promise.resolve();
    const first = http.expectOne(url);
    expect(first.request.body).toMatchObject({ title: 'Bank', workshopId });
    first.flush(
      { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ field: 'workshopId', message: 'not an active workshop' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await Promise.resolve();
    await Promise.resolve();
    const again = http.expectOne(url);
    expect(again.request.body.workshopId).toBeUndefined();
    expect(again.request.body.title).toBe('Bank');
    again.flush(contributionFixture(), { status: 201, statusText: 'Created' });
    expect((await sending).kind).toBe('created');
  });
});
