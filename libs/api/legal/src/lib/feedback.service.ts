import { HttpStatus, Inject, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, PlannerWriteRequest, SignedInPlanner, plannerWrite } from '@stadtdialog/api/access';
import type { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG, StoredResponse, withIdempotency } from '@stadtdialog/api/db';
import { MailOutbox } from '@stadtdialog/api/mail';
import { FieldError, validationProblem } from '@stadtdialog/api/http';
import { IdempotentRequest, cleanText, idempotencyProblem, isBlank, unstorableTextError } from '@stadtdialog/api/participation';
import { AccessibilityFeedback, FeedbackReceipt } from '@stadtdialog/shared/contract';
import { AccessibilityFeedbackDto } from './dto/site-page.dto';

const FEEDBACK_JSON = `json_build_object('id', f.id, 'message', f.message, 'email', f.email, 'page', f.page,
  'createdAt', to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/**
 * The feedback mechanism of the accessibility statement (BITV 2.0 § 7): anyone may tell the operator
 * about a barrier; admins read it in the workspace and delete it once dealt with (the e-mail address
 * given for the answer goes with it).
 */
@Injectable()
export class FeedbackService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly outbox: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** With e-mail on and OPERATOR_EMAIL set, each feedback is also mailed to the operator. */
  onModuleInit(): void {
    this.outbox.register('accessibility-feedback', async (mail, manager) => {
      const [row] = await manager.query(`SELECT message, email, page FROM accessibility_feedback WHERE id = $1`, [mail.payload['feedbackId']]);
      if (!row || !mail.recipient) return null;
      return {
        to: mail.recipient,
        replyTo: row.email ?? undefined,
        subject: 'Rückmeldung zur Barrierefreiheit / Accessibility feedback',
        text: [
          'Über das Formular der Erklärung zur Barrierefreiheit kam eine Rückmeldung:',
          '',
          row.message,
          '',
          `Seite: ${row.page ?? '–'}`,
          `Antwort an: ${row.email ?? '– (keine Adresse angegeben)'}`,
          '',
          `Im Planungsbereich unter „Seiten & Rückmeldungen“: ${this.config.publicUrl}/planner/pages`,
        ].join('\n'),
      };
    });
  }

  async create(dto: AccessibilityFeedbackDto, request: IdempotentRequest): Promise<StoredResponse<FeedbackReceipt>> {
    const errors: FieldError[] = [];
    const unstorable = unstorableTextError('message', dto.message);
    const message = cleanText(dto.message);
    if (unstorable) errors.push(unstorable);
    else if (isBlank(message)) errors.push({ field: 'message', code: 'blank_text', message: 'message must not be empty' });
    const page = dto.page ? cleanText(dto.page) || null : null;
    if (page && !page.startsWith('/')) errors.push({ field: 'page', code: 'invalid_url', message: 'page must be an address on this site, starting with /' });
    if (errors.length) throw validationProblem(errors);
    try {
      const stored = await withIdempotency<FeedbackReceipt>(this.dataSource, { scope: request.scope, key: request.key, body: dto }, async (manager) => {
        const [row] = await manager.query(
          `INSERT INTO accessibility_feedback (message, email, page) VALUES ($1, $2, $3) RETURNING id`,
          [message, dto.email?.trim() || null, page],
        );
        const operator = this.config.operator.email;
        if (this.outbox.enabled && operator) {
          await this.outbox.enqueue(manager, { kind: 'accessibility-feedback', recipient: operator, payload: { feedbackId: row.id } });
        }
        return { status: HttpStatus.CREATED, body: { id: row.id } };
      });
      this.outbox.nudge();
      return stored;
    } catch (error) {
      throw idempotencyProblem(error);
    }
  }

  async list(): Promise<AccessibilityFeedback[]> {
    const rows: { feedback: AccessibilityFeedback }[] = await this.dataSource.query(
      `SELECT ${FEEDBACK_JSON} AS feedback FROM accessibility_feedback f ORDER BY f.created_at DESC, f.id DESC LIMIT 500`,
    );
    return rows.map((r) => r.feedback);
  }

  /** Dealt with: the message and any address are deleted; the audit log keeps only that it happened. */
  async remove(actor: SignedInPlanner, request: PlannerWriteRequest, id: string): Promise<void> {
    await plannerWrite(this.dataSource, request, async (manager) => {
      const deleted = await manager.query(`WITH d AS (DELETE FROM accessibility_feedback WHERE id = $1 RETURNING id) SELECT id FROM d`, [id]);
      if (!deleted.length) throw new NotFoundException('There is no such feedback');
      await this.audit.record(manager, {
        actorId: actor.id, action: 'accessibility-feedback.delete', entityType: 'accessibility-feedback', entityId: id, procedureId: null,
      });
      return { status: HttpStatus.NO_CONTENT, body: null };
    });
  }
}
