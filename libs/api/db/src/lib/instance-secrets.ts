import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * A 32-byte key generated once per database and kept in `instance_secrets` under `name`: every API
 * instance on the same database reads the same key, and the first to start creates it (a second
 * one starting at the same time keeps the first one's, through ON CONFLICT DO NOTHING).
 */
export async function instanceSecret(dataSource: DataSource, name: string): Promise<Buffer> {
  await dataSource.query(`INSERT INTO instance_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
    name,
    randomBytes(32),
  ]);
  const [row] = await dataSource.query(`SELECT value FROM instance_secrets WHERE name = $1`, [name]);
  return row.value as Buffer;
}
