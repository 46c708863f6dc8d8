import { DataSource } from 'typeorm';
import { ProblemException } from '@stadtdialog/api/http';
import { EvaluationScopes } from './evaluation-scope';

const ID = '0b7e1f52-8a44-4c1e-9d0e-6f2b1c3d4e5f';

describe('EvaluationScopes.planner', () => {
  const query = jest.fn();
  const scopes = new EvaluationScopes({ query } as unknown as DataSource);

  beforeEach(() => {
    query.mockReset();
    query.mockResolvedValue([
      { procedure: { id: ID, slug: 's', title: 'S', ratings: 'on', comments: 'on' }, phase: null, from_time: null, before_time: null, category: 0, rubric: 0, workshop: 0 },
    ]);
  });

  async function problem(q: Record<string, string>): Promise<ProblemException> {
    try {
      await scopes.planner(ID, q);
    } catch (error) {
      return error as ProblemException;
    }
    throw new Error('expected a problem');
  }

  it('refuses a phase together with days, days in the wrong order and days missing from the calendar, before asking the database', async () => {
    expect((await problem({ phase: ID, from: '2026-01-01' })).errors).toEqual([{ field: 'phase', code: 'not_combinable', message: expect.any(String) }]);
    expect((await problem({ from: '2026-03-02', to: '2026-03-01' })).errors?.[0]).toMatchObject({ field: 'to', code: 'end_before_start' });
    const day = await problem({ from: '2026-02-30' });
    expect(day.getStatus()).toBe(400);
    expect(day).toMatchObject({ code: 'invalid_query', errors: [{ field: 'from', code: 'invalid_date' }] });
    expect(query).not.toHaveBeenCalled();
  });

  it('turns a phase into its time span and names an unknown one', async () => {
    expect((await problem({ phase: ID })).errors?.[0].field).toBe('phase');
    query.mockResolvedValueOnce([
      { procedure: { id: ID }, phase: ['2026-05-01T08:00:00Z', '2026-06-01T08:00:00Z'], from_time: null, before_time: null, category: 0, rubric: 0 },
    ]);
    const scope = await scopes.planner(ID, { phase: ID, source: 'workshop' });
    expect(scope.filter).toEqual({
      procedureId: ID, source: 'workshop', workshop: undefined, category: undefined, rubric: undefined,
      createdFrom: '2026-05-01T08:00:00.000Z', createdBefore: '2026-06-01T08:00:00.000Z',
    });
  });
});
