import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';

/** A mail as a renderer writes it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  replyTo?: string;
  headers?: Record<string, string>;
}

/** A mail waiting in the outbox. */
export interface QueuedMail {
  id: string;
  kind: string;
  subscriptionId: string | null;
  recipient: string | null;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Writes a queued mail when it is sent; null drops it (what caused it is gone). */
export type MailRenderer = (mail: QueuedMail, manager: EntityManager) => Promise<OutgoingMail | null>;

/** Seconds to wait after the n-th failed attempt; then hourly. */
export const RETRY_DELAYS_S = [5, 30, 120, 600, 1800];
const RETRY_CAP_S = 3600;
/** A mail being sent is leased this long; an instance that dies meanwhile leaves it to the next one. */
const LEASE_S = 600;
const BATCH = 10;
const POLL_MS = 2000;
const HOUSEKEEPING_MS = 60_000;

export function retryDelaySeconds(attempts: number): number {
  return RETRY_DELAYS_S[attempts - 1] ?? RETRY_CAP_S;
}

/**
 * The one outbox of e-mail. `enqueue` takes the manager of the caller's transaction, so a mail is
 * stored with what causes it or not at all; the worker sends it later and retries until the SMTP
 * server has it. Without SMTP_URL nothing is sent (and features offer no mail).
 */
@Injectable()
export class MailOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Mail');
  private readonly renderers = new Map<string, MailRenderer>();
  private readonly housekeeping: ((manager: EntityManager) => Promise<void>)[] = [];
  private transport: Transporter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private lastHousekeeping = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** SMTP_URL is set: mail is sent, and features may offer it. */
  get enabled(): boolean {
    return this.config.mail !== null;
  }

  register(kind: string, renderer: MailRenderer): void {
    this.renderers.set(kind, renderer);
  }

  /** Work done about once a minute by the worker, e.g. deleting addresses whose confirmation expired. */
  addHousekeeping(work: (manager: EntityManager) => Promise<void>): void {
    this.housekeeping.push(work);
  }

  async enqueue(manager: EntityManager, mail: { kind: string; subscriptionId?: string; recipient?: string; payload?: Record<string, unknown> }): Promise<void> {
    await manager.query(`INSERT INTO mail_outbox (kind, subscription_id, recipient, payload) VALUES ($1, $2, $3, $4)`, [
      mail.kind, mail.subscriptionId ?? null, mail.recipient ?? null, JSON.stringify(mail.payload ?? {}),
    ]);
  }

  /** Sends what is due soon instead of at the next poll (after a write that queued a mail). */
  nudge(): void {
    if (!this.transport || this.stopped) return;
    this.schedule(50);
  }

  onApplicationBootstrap(): void {
    if (!this.config.mail) return;
    this.transport = createTransport({ url: this.config.mail.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
    this.log.log(`e-mail on: SMTP ${new URL(this.config.mail.smtpUrl).host}`);
    this.schedule(POLL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport?.close();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) return this.schedule(POLL_MS);
      this.running = this.tick().finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(POLL_MS);
      });
    }, ms);
    this.timer.unref();
  }

  /** One round: lease the due mails, send each, then delete it or set its next attempt. */
  async tick(): Promise<void> {
    try {
      if (Date.now() - this.lastHousekeeping > HOUSEKEEPING_MS) {
        this.lastHousekeeping = Date.now();
        for (const work of this.housekeeping) await work(this.dataSource.manager);
      }
      const due: QueuedMail[] = await this.dataSource.query(
        `WITH due AS (
           SELECT id FROM mail_outbox WHERE next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         , leased AS (
           UPDATE mail_outbox m SET attempts = m.attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_S})
           FROM due WHERE m.id = due.id
           RETURNING m.id::text AS id, m.kind, m.subscription_id AS "subscriptionId", m.recipient, m.payload, m.attempts)
         SELECT * FROM leased ORDER BY id::bigint`,
      );
      for (const mail of due) {
        if (this.stopped) break;
        await this.deliver(mail);
      }
    } catch (error) {
      this.log.warn(`mail outbox: ${(error as Error).message}`);
    }
  }

  private async deliver(mail: QueuedMail): Promise<void> {
    const renderer = this.renderers.get(mail.kind);
    if (!renderer) {
      this.log.warn(`mail ${mail.id}: no renderer for kind ${mail.kind}; kept for an instance that has one`);
      return;
    }
    let outgoing: OutgoingMail | null;
    try {
      outgoing = await renderer(mail, this.dataSource.manager);
    } catch (error) {
      return this.failed(mail, error);
    }
    if (!outgoing) {
      await this.dataSource.query(`DELETE FROM mail_outbox WHERE id = $1`, [mail.id]);
      return;
    }
    try {
      await this.transport?.sendMail({
        from: this.config.mail?.from,
        to: outgoing.to,
        replyTo: outgoing.replyTo,
        subject: outgoing.subject,
        text: outgoing.text,
        headers: { 'Auto-Submitted': 'auto-generated', ...outgoing.headers },
      });
    } catch (error) {
      return this.failed(mail, error);
    }
    // Sent: the mail and the address in it leave the outbox.
    await this.dataSource.query(`DELETE FROM mail_outbox WHERE id = $1`, [mail.id]);
  }

  private async failed(mail: QueuedMail, error: unknown): Promise<void> {
    const message = (error as Error).message?.slice(0, 500) ?? String(error);
    const delay = retryDelaySeconds(mail.attempts);
    this.log.warn(`mail ${mail.id} (${mail.kind}) attempt ${mail.attempts} failed, next in ${delay} s: ${message}`);
    await this.dataSource.query(`UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1`, [
      mail.id, delay, message,
    ]);
  }
}
