import { HttpStatus, Inject, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG, ParticipantTokens, StoredResponse, withIdempotency } from '@stadtdialog/api/db';
import { ProblemException } from '@stadtdialog/api/http';
import { MailOutbox, OutgoingMail, QueuedMail } from '@stadtdialog/api/mail';
import { IdempotentRequest, idempotencyProblem } from '@stadtdialog/api/participation';
import {
  NOTIFICATION_CONFIRM_HOURS,
  NotificationLinkResult,
  NotificationSubscriptionState,
  SiteLanguage,
} from '@stadtdialog/shared/contract';
import { SubscribeDto } from './dto/notifications.dto';
import { MailLinks } from './mail-links';
import { MailEvent, notificationMail } from './mail-texts';

/** The web pages the links of the mails open. */
export const CONFIRM_PAGE = '/benachrichtigung/bestaetigen';
export const UNSUBSCRIBE_PAGE = '/benachrichtigung/abbestellen';
export const ONE_CLICK_PATH = '/api/v1/notifications/unsubscribe';
/** A second request for the same address within this time sends no second confirmation mail. */
const RESEND_AFTER_MINUTES = 5;

interface SubscriptionRow {
  id: string;
  email: string;
  language: SiteLanguage;
  expires: string;
  confirmed: boolean;
  contributionId: string;
  contributionTitle: string;
  moderationReason: string | null;
  slug: string;
  procedureTitle: string;
  /** the procedure is public: mails and link answers name it only then */
  public: boolean;
}

const SUBSCRIPTION = `
  SELECT s.id, s.email, s.language, to_char(s.confirm_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS expires,
         s.confirmed_at IS NOT NULL AS confirmed, c.id AS "contributionId", c.title AS "contributionTitle",
         c.moderation_reason AS "moderationReason", p.slug, p.title AS "procedureTitle",
         EXISTS (SELECT 1 FROM public_procedures pp WHERE pp.id = p.id) AS public
  FROM email_subscriptions s
  JOIN contributions c ON c.id = s.contribution_id
  JOIN procedures p ON p.id = c.procedure_id
  WHERE s.id = $1`;

/**
 * Opt-in e-mail about an own contribution: the subscription (double opt-in), its links, and the
 * mails the outbox sends for it.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
    private readonly outbox: MailOutbox,
    private readonly links: MailLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const render = (mail: QueuedMail, manager: EntityManager) => this.render(mail, manager);
    for (const kind of ['confirm', 'comment', 'official-answer', 'moderation']) this.outbox.register(kind, render);
    // Addresses whose confirmation did not come are deleted, with any mail still waiting for them.
    this.outbox.addHousekeeping(async (manager) => {
      await manager.query(`DELETE FROM email_subscriptions WHERE confirmed_at IS NULL AND confirm_expires_at < now()`);
    });
  }

  private requireEnabled(): void {
    if (!this.outbox.enabled) {
      throw new ProblemException('notifications_off', 'This installation sends no e-mail (SMTP_URL is not set).');
    }
  }

  /** The participant's own contribution in a public procedure, else 404: no one subscribes to others'. */
  private async ownContribution(manager: EntityManager, participantId: string | null, contributionId: string): Promise<void> {
    const [row] = participantId
      ? await manager.query(
          `SELECT 1 FROM contributions c JOIN public_procedures p ON p.id = c.procedure_id WHERE c.id = $1 AND c.participant_id = $2`,
          [contributionId, participantId],
        )
      : [];
    if (!row) throw new NotFoundException('You have no such contribution');
  }

  async subscribe(contributionId: string, dto: SubscribeDto, request: IdempotentRequest & { participantToken?: string }): Promise<StoredResponse<NotificationSubscriptionState>> {
    this.requireEnabled();
    const email = dto.email.trim();
    // Looked up before the transaction: on the embedded engine it holds the one connection.
    const participantId = await this.participants.find(request.participantToken);
    try {
      const stored = await withIdempotency<NotificationSubscriptionState>(this.dataSource, { scope: request.scope, key: request.key, body: dto }, async (manager) => {
        await this.ownContribution(manager, participantId, contributionId);
        const [before] = await manager.query(
          `SELECT id, lower(email) = lower($3) AS same, confirmed_at IS NOT NULL AS confirmed,
                  created_at > now() - make_interval(mins => ${RESEND_AFTER_MINUTES}) AS recent
           FROM email_subscriptions WHERE participant_id = $1 AND contribution_id = $2 FOR UPDATE`,
          [participantId, contributionId, email],
        );
        if (before?.same && before.confirmed) {
          await manager.query(`UPDATE email_subscriptions SET language = $2 WHERE id = $1`, [before.id, dto.language]);
          return { status: HttpStatus.OK, body: { state: 'confirmed' } };
        }
        if (before?.same && before.recent) return { status: HttpStatus.ACCEPTED, body: { state: 'pending' } };
        const [row] = await manager.query(
          `INSERT INTO email_subscriptions (participant_id, contribution_id, email, language, confirm_expires_at)
           VALUES ($1, $2, $3, $4, now() + make_interval(hours => ${NOTIFICATION_CONFIRM_HOURS}))
           ON CONFLICT (participant_id, contribution_id) DO UPDATE SET email = EXCLUDED.email, language = EXCLUDED.language,
             confirm_expires_at = EXCLUDED.confirm_expires_at, confirmed_at = NULL, created_at = now()
           RETURNING id`,
          [participantId, contributionId, email, dto.language],
        );
        // Mail still waiting for the address this one replaces is not sent to the new one.
        await manager.query(`DELETE FROM mail_outbox WHERE subscription_id = $1`, [row.id]);
        await this.outbox.enqueue(manager, { kind: 'confirm', subscriptionId: row.id });
        return { status: HttpStatus.ACCEPTED, body: { state: 'pending' } };
      });
      this.outbox.nudge();
      return stored;
    } catch (error) {
      throw idempotencyProblem(error);
    }
  }

  /** The participant stops the mails about a contribution: the address is deleted. */
  async unsubscribeOwn(contributionId: string, participantToken: string | undefined): Promise<void> {
    const participantId = await this.participants.find(participantToken);
    await this.ownContribution(this.dataSource.manager, participantId, contributionId);
    await this.dataSource.query(`DELETE FROM email_subscriptions WHERE participant_id = $1 AND contribution_id = $2`, [participantId, contributionId]);
  }

  private async subscriptionOf(token: unknown): Promise<SubscriptionRow | null> {
    const id = MailLinks.idOf(token);
    if (!id) return null;
    const [row]: SubscriptionRow[] = await this.dataSource.query(SUBSCRIPTION, [id]);
    return row ?? null;
  }

  private result(row: SubscriptionRow): NotificationLinkResult {
    if (!row.public) return { contribution: null };
    return { contribution: { id: row.contributionId, title: row.contributionTitle, procedure: { slug: row.slug, title: row.procedureTitle } } };
  }

  /** The confirmation link of the first mail; an expired one deletes the address (410). */
  async confirm(token: string): Promise<NotificationLinkResult> {
    const row = await this.subscriptionOf(token);
    if (!row || !this.links.verify(token, row.id, 'confirm', row.email, row.expires)) {
      throw new NotFoundException('This confirmation link is unknown: the address may have been unsubscribed, or replaced by a newer one');
    }
    if (!row.confirmed) {
      const [updated] = await this.dataSource.query(
        `WITH u AS (UPDATE email_subscriptions SET confirmed_at = now() WHERE id = $1 AND confirm_expires_at > now() RETURNING id) SELECT id FROM u`,
        [row.id],
      );
      if (!updated) {
        await this.dataSource.query(`DELETE FROM email_subscriptions WHERE id = $1`, [row.id]);
        throw new ProblemException('confirmation_expired', `This confirmation link has expired (after ${NOTIFICATION_CONFIRM_HOURS} hours); the address was deleted`);
      }
    }
    return this.result(row);
  }

  /** Any mail's unsubscribe link: the address and its waiting mails are deleted. Unknown links change nothing. */
  async unsubscribe(token: string): Promise<NotificationLinkResult> {
    const row = await this.subscriptionOf(token);
    if (!row || !this.links.verify(token, row.id, 'unsubscribe')) return { contribution: null };
    await this.dataSource.query(`DELETE FROM email_subscriptions WHERE id = $1`, [row.id]);
    return this.result(row);
  }

  private async render(mail: QueuedMail, manager: EntityManager): Promise<OutgoingMail | null> {
    const [row]: SubscriptionRow[] = mail.subscriptionId ? await manager.query(SUBSCRIPTION, [mail.subscriptionId]) : [];
    if (!row?.public) return null;
    const base = this.config.publicUrl;
    const unsubscribeToken = this.links.token(row.id, 'unsubscribe');
    const context = {
      language: row.language,
      contributionTitle: row.contributionTitle,
      procedureTitle: row.procedureTitle,
      contributionUrl: `${base}/procedures/${row.slug}/contributions/${row.contributionId}`,
      unsubscribeUrl: `${base}${UNSUBSCRIBE_PAGE}?token=${unsubscribeToken}`,
      mineUrl: `${base}/meine-beitraege`,
    };
    const event = await this.event(mail, row, manager);
    if (!event) return null;
    const { subject, text } = notificationMail(event, context);
    return {
      to: row.email,
      subject,
      text,
      headers: {
        'List-Unsubscribe': `<${base}${ONE_CLICK_PATH}?token=${unsubscribeToken}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }

  private async event(mail: QueuedMail, row: SubscriptionRow, manager: EntityManager): Promise<MailEvent | null> {
    switch (mail.kind) {
      case 'confirm': {
        if (row.confirmed) return null;
        const token = this.links.token(row.id, 'confirm', row.email, row.expires);
        return { kind: 'confirm', confirmUrl: `${this.config.publicUrl}${CONFIRM_PAGE}?token=${token}`, hours: NOTIFICATION_CONFIRM_HOURS };
      }
      case 'comment':
      case 'official-answer': {
        // Only what is still public is mailed: a comment hidden meanwhile is not.
        const [comment] = await manager.query(`SELECT body FROM public_comments WHERE id = $1`, [mail.payload['commentId']]);
        if (!row.confirmed || !comment) return null;
        return { kind: mail.kind, text: comment.body };
      }
      case 'moderation':
        if (!row.confirmed) return null;
        return {
          kind: 'moderation',
          status: String(mail.payload['status']),
          statusChanged: mail.payload['statusChanged'] === true,
          edited: mail.payload['edited'] === true,
          reason: row.moderationReason,
        };
      default:
        return null;
    }
  }
}
