import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { WorkspaceProcedure } from '@stadtdialog/shared/contract';
import { ProcedureSetupStore } from '@stadtdialog/web/data-access';
import { isoToLocalDateTime } from '../shared/slug';
import { PhasesEditor } from './phases-editor';

@Component({ imports: [PhasesEditor], providers: [ProcedureSetupStore], template: '<sd-phases-editor />' })
class Host {
  readonly store = inject(ProcedureSetupStore);
}

const procedure = (phases: WorkspaceProcedure['phases']) =>
  ({
    id: 'proc-1',
    title: 'Mitte',
    phases,
    categories: [],
    rubrics: [],
    appointments: [],
  }) as unknown as WorkspaceProcedure;

const information = {
  id: 'ph1',
  kind: 'information' as const,
  title: 'Information',
  startsAt: '2026-05-01T08:00:00.000Z',
  endsAt: '2026-05-10T08:00:00.000Z',
  state: 'open' as const,
};
const participation = { ...information, id: 'ph2', kind: 'participation' as const, title: 'Beteiligung', startsAt: information.endsAt, endsAt: '2026-06-01T08:00:00.000Z' };

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await fixture.whenStable();
}

describe('PhasesEditor', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('saves what was typed into rows that were replaced after the procedure was read again', async () => {
    const fixture = TestBed.createComponent(Host);
    const store = fixture.componentInstance.store;
    void store.load('proc-1');
    http.expectOne('/api/v1/procedures/proc-1/setup').flush(procedure([information]));
    await settle(fixture);

    // Something else changed the procedure (e.g. a category was added): it is read again.
    void store.load('proc-1');
    http.expectOne('/api/v1/procedures/proc-1/setup').flush(procedure([information, participation]));
    await settle(fixture);

    const element = fixture.nativeElement as HTMLElement;
    const start = element.querySelector<HTMLInputElement>('#phase-start-1') as HTMLInputElement;
    expect(start.value).toBe(isoToLocalDateTime(participation.startsAt));
    expect(element.querySelectorAll('fieldset.phase')).toHaveLength(2);
    start.value = '2026-04-30T10:00';
    start.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await settle(fixture);

    const put = http.expectOne('/api/v1/procedures/proc-1/setup/phases');
    expect(put.request.body.phases[1]).toEqual({
      kind: 'participation',
      title: 'Beteiligung',
      startsAt: new Date('2026-04-30T10:00').toISOString(),
      endsAt: participation.endsAt,
    });
    put.flush(procedure([information, participation]));
    await settle(fixture);
    expect(element.querySelector('[role=status]')?.textContent?.trim()).toBe('Gespeichert.');
  });

  it('refuses an end before the start where the API names the field', async () => {
    const fixture = TestBed.createComponent(Host);
    void fixture.componentInstance.store.load('proc-1');
    http.expectOne('/api/v1/procedures/proc-1/setup').flush(procedure([information]));
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    element.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await settle(fixture);
    http
      .expectOne('/api/v1/procedures/proc-1/setup/phases')
      .flush(
        {
          type: 'about:blank', title: 'Invalid', status: 422, code: 'validation_failed',
          errors: [{ field: 'phases.0.endsAt', code: 'end_before_start', message: 'endsAt must be after startsAt' }],
        },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await settle(fixture);
    const end = element.querySelector('#phase-end-0');
    expect(end?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector(`#${end?.getAttribute('aria-describedby')}`)?.textContent).toBe('Das Ende muss nach dem Beginn liegen.');
  });
});
