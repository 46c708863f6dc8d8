import { DataSource } from 'typeorm';
import { ParticipantTokens } from '@stadtdialog/api/db';
import { MyContributionsService } from './my-contributions.service';

function service(participantId: string | null) {
  const query = jest.fn(async (sql: string) => (sql.includes('FROM comments m') ? [{ item: { id: 'm1' } }] : [{ item: { id: 'c1' } }]));
  const tokens = { find: jest.fn(async () => participantId) } as unknown as ParticipantTokens;
  return { mine: new MyContributionsService({ query } as unknown as DataSource, tokens), query };
}

describe('MyContributionsService', () => {
  it('reads nothing for a token the server does not know', async () => {
    const { mine, query } = service(null);
    expect(await mine.list('unknown')).toEqual({ contributions: [], comments: [] });
    expect(query).not.toHaveBeenCalled();
  });

  it('reads the participant\'s own contributions and comments by their id, from public procedures only', async () => {
    const { mine, query } = service('p1');
    expect(await mine.list('token')).toEqual({ contributions: [{ id: 'c1' }], comments: [{ id: 'm1' }] });
    expect(query).toHaveBeenCalledTimes(2);
    for (const [sql, params] of query.mock.calls as unknown as [string, unknown[]][]) {
      expect(params[0]).toBe('p1');
      expect(sql).toContain('JOIN public_procedures p');
      expect(sql).toMatch(/WHERE (c|m)\.participant_id = \$1/);
    }
  });
});
