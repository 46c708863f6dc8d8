import { DataSource } from 'typeorm';
import { MailLinks } from './mail-links';

async function links(): Promise<MailLinks> {
  const key = Buffer.alloc(32, 7);
  const query = jest.fn(async (sql: string) => (sql.startsWith('SELECT') ? [{ value: key }] : []));
  const made = new MailLinks({ query } as unknown as DataSource);
  await made.onModuleInit();
  return made;
}

const ID = '0b6f3d1e-8c1a-4a4e-9b9a-2f6c1d0e5a77';

describe('MailLinks', () => {
  it('verifies its own token, bound to what it was made for', async () => {
    const l = await links();
    const token = l.token(ID, 'confirm', 'a@example.org', '2026-12-03T10:00:00.000000Z');
    expect(MailLinks.idOf(token)).toBe(ID);
    expect(l.verify(token, ID, 'confirm', 'a@example.org', '2026-12-03T10:00:00.000000Z')).toBe(true);
    // another address entered later for the same subscription is not confirmed by the old link
    expect(l.verify(token, ID, 'confirm', 'b@example.org', '2026-12-03T10:00:00.000000Z')).toBe(false);
    expect(l.verify(token, ID, 'unsubscribe')).toBe(false);
  });

  it('refuses a changed token and one that is no token at all', async () => {
    const l = await links();
    const token = l.token(ID, 'unsubscribe');
    const at = token.indexOf('.') + 3;
    const changed = `${token.slice(0, at)}${token[at] === 'x' ? 'y' : 'x'}${token.slice(at + 1)}`;
    expect(l.verify(changed, ID, 'unsubscribe')).toBe(false);
    expect(l.verify(`${ID}.`, ID, 'unsubscribe')).toBe(false);
    expect(MailLinks.idOf('kein-token')).toBeNull();
    expect(MailLinks.idOf(42)).toBeNull();
    expect(MailLinks.idOf(`${'a'.repeat(300)}`)).toBeNull();
  });
});
