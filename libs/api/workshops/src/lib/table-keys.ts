import { createHmac, randomBytes } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { instanceSecret } from '@stadtdialog/api/db';

/** What a table link's secret looks like: 32 random bytes, base64url. */
export const TABLE_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Table link secrets: the table keeps the secret (in its URL), the server only a keyed hash under a
 * key generated once per database, so a copy of the database does not open any table.
 */
@Injectable()
export class TableKeys implements OnModuleInit {
  private key: Buffer | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** Loaded before the first request: inside a write transaction the one embedded connection is taken. */
  async onModuleInit(): Promise<void> {
    this.key = await instanceSecret(this.dataSource, 'table_key_key');
  }

  hash(secret: string): Buffer {
    if (!this.key) throw new Error('TableKeys used before the module was initialised');
    return createHmac('sha256', this.key).update(secret).digest();
  }

  /** A new secret and the hash to store for it. */
  issue(): { secret: string; hash: Buffer } {
    const secret = randomBytes(32).toString('base64url');
    return { secret, hash: this.hash(secret) };
  }
}
