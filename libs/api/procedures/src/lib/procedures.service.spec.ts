import { NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PROCEDURE_SETTINGS } from '@stadtdialog/shared/contract';
import { ProceduresService } from './procedures.service';

const phases = [
  { id: 'p1', kind: 'information', title: 'Info', startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-02-01T00:00:00.000Z' },
  { id: 'p2', kind: 'participation', title: 'Online', startsAt: '2026-02-01T00:00:00.000Z', endsAt: '2026-03-01T00:00:00.000Z' },
];

function service(rows: unknown[]) {
  const query = jest.fn().mockResolvedValue(rows);
  return { service: new ProceduresService({ query } as unknown as DataSource), query };
}

describe('ProceduresService', () => {
  it('derives the state of each phase and of the procedure from the dates, not from storage', async () => {
    const { service: s } = service([{ id: 'x', slug: 'park', settings: {}, phases, categories: [], rubrics: [], appointments: [] }]);
    const detail = await s.bySlug('park', new Date('2026-02-10T00:00:00Z'));
    expect(detail.phases.map((p) => p.state)).toEqual(['closed', 'open']);
    expect(detail.state).toBe('open');
    const later = await s.bySlug('park', new Date('2026-03-02T00:00:00Z'));
    expect(later.state).toBe('closed');
  });

  it('fills settings a procedure does not set from the defaults', async () => {
    const { service: s } = service([{ id: 'x', slug: 'park', settings: { moderation: 'pre' }, phases: [] }]);
    const detail = await s.bySlug('park');
    expect(detail.settings).toEqual({ ...DEFAULT_PROCEDURE_SETTINGS, moderation: 'pre' });
  });

  it('answers 404 for a slug that is not public', async () => {
    const { service: s } = service([]);
    await expect(s.bySlug('internal-one')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('reads only the public view', async () => {
    const { service: s, query } = service([]);
    await s.list();
    await s.bySlug('x').catch(() => undefined);
    for (const [sql] of query.mock.calls) {
      expect(sql).toContain('FROM public_procedures p');
      expect(sql).not.toMatch(/FROM procedures\b/);
    }
  });

  it('lists procedures with their derived state', async () => {
    const { service: s } = service([{ id: 'x', slug: 'park', title: 'Park', summary: '', planningArea: null, phases }]);
    const [summary] = await s.list(new Date('2025-12-01T00:00:00Z'));
    expect(summary).toEqual({ id: 'x', slug: 'park', title: 'Park', summary: '', planningArea: null, state: 'upcoming' });
  });
});
