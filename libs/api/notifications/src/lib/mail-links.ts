import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { instanceSecret } from '@stadtdialog/api/db';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The tokens in the links of the mails: `<subscription id>.<HMAC>`, so nothing secret is stored per
 * subscription. A confirmation token also binds the address and its deadline: a link mailed to one
 * address cannot confirm another entered later for the same contribution.
 */
@Injectable()
export class MailLinks implements OnModuleInit {
  private key: Buffer | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    this.key = await instanceSecret(this.dataSource, 'mail_link_key');
  }

  private mac(message: string): Buffer {
    if (!this.key) throw new Error('MailLinks used before the module was initialised');
    return createHmac('sha256', this.key).update(message).digest();
  }

  token(id: string, ...bound: string[]): string {
    return `${id}.${this.mac([id, ...bound].join('\n')).toString('base64url')}`;
  }

  /** The subscription id a token names, before its HMAC is checked (which needs the row's values). */
  static idOf(token: unknown): string | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const id = token.split('.')[0];
    return UUID.test(id) ? id : null;
  }

  verify(token: string, id: string, ...bound: string[]): boolean {
    const given = Buffer.from(token.slice(id.length + 1), 'base64url');
    const wanted = this.mac([id, ...bound].join('\n'));
    return token.startsWith(`${id}.`) && given.length === wanted.length && timingSafeEqual(given, wanted);
  }
}
