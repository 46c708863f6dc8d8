import { createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@stadtdialog/api/config';
import { instanceSecret } from './instance-secrets';
import { APP_CONFIG } from './tokens';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface Participant {
  id: string;
  /** set when the server issued a new token with this request */
  issuedToken: string | null;
}

/**
 * Anonymous participants: the client keeps a random token, the server keeps only an HMAC of it
 * under a key from PARTICIPANT_TOKEN_SECRET or, when unset, one generated once per database.
 */
@Injectable()
export class ParticipantTokens implements OnModuleInit {
  private key: Buffer | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Loaded before the first request: inside a write transaction the one embedded connection is taken. */
  async onModuleInit(): Promise<void> {
    this.key = await this.loadKey();
  }

  private async loadKey(): Promise<Buffer> {
    if (this.config.participantTokenSecret) return Buffer.from(this.config.participantTokenSecret, 'utf8');
    return instanceSecret(this.dataSource, 'participant_token_key');
  }

  hash(token: string): Buffer {
    if (!this.key) throw new Error('ParticipantTokens used before the module was initialised');
    return createHmac('sha256', this.key).update(token).digest();
  }

  /** The participant a request speaks for, without creating one. */
  async find(token: string | undefined): Promise<string | null> {
    if (!token || !TOKEN_PATTERN.test(token)) return null;
    const rows = await this.dataSource.query(`SELECT id FROM participants WHERE token_hash = $1`, [this.hash(token)]);
    return rows[0]?.id ?? null;
  }

  /**
   * The participant for a write: the token's owner, or a new participant with a new token when
   * the request has none (or one this database never issued, e.g. after a reset).
   */
  async resolve(manager: EntityManager, token: string | undefined): Promise<Participant> {
    if (token && TOKEN_PATTERN.test(token)) {
      const rows = await manager.query(`SELECT id FROM participants WHERE token_hash = $1`, [this.hash(token)]);
      if (rows[0]) return { id: rows[0].id, issuedToken: null };
    }
    const issued = randomBytes(32).toString('base64url');
    const [row] = await manager.query(`INSERT INTO participants (token_hash) VALUES ($1) RETURNING id`, [
      this.hash(issued),
    ]);
    return { id: row.id, issuedToken: issued };
  }
}
