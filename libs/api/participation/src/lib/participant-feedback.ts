import { HttpStatus } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PhaseKind, RatingSummary } from '@stadtdialog/shared/contract';
import { ParticipantTokens, StoredResponse, withIdempotency } from '@stadtdialog/api/db';
import { FieldError, ProblemException, validationProblem } from '@stadtdialog/api/http';
import { IdempotentRequest } from './participation-headers';
import { ProcedureForWrite, idempotencyProblem, procedureForWrite, requireOpen } from './participation';
import { cleanText, isBlank, unstorableTextError } from './text';

/**
 * What residents rate and comment on (contributions, variants): where its ratings live, the public
 * view that holds its counters, and which phases take part. Table and column names come from here,
 * never from a request.
 */
export interface FeedbackTarget {
  ratings: { table: string; column: string };
  /** the public view with `ratings_up` and `ratings_down`, by `id` */
  view: string;
  /** phases in which the procedure takes ratings and comments on it */
  phases: readonly PhaseKind[];
  /** 404 unless the item is public in this procedure */
  requirePublic(manager: EntityManager, procedureId: string, id: string): Promise<void>;
}

/** A participant's rating and comment on one kind of item, by one set of rules (phase, settings, token, key). */
export class ParticipantFeedback {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantTokens,
    private readonly target: FeedbackTarget,
  ) {}

  /** Sets the caller's rating (+1/−1); a new participant token is issued when the caller has none. */
  rate(slug: string, id: string, value: 1 | -1, participantToken: string | undefined): Promise<{ summary: RatingSummary; issuedToken: string | null }> {
    const { table, column } = this.target.ratings;
    return this.dataSource.transaction(async (manager) => {
      const procedure = await this.procedureForRating(manager, slug, id);
      const participant = await this.participants.resolve(manager, participantToken);
      // A repeated identical rating changes nothing, so the counting trigger does not fire for it.
      await manager.query(
        `INSERT INTO ${table} (${column}, participant_id, value) VALUES ($1, $2, $3)
         ON CONFLICT (${column}, participant_id)
         DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE ${table}.value <> EXCLUDED.value`,
        [id, participant.id, value],
      );
      return { summary: await this.summary(manager, procedure, id, value), issuedToken: participant.issuedToken };
    });
  }

  /** Withdraws the caller's rating; without one (or without a token) it changes nothing. */
  async withdraw(slug: string, id: string, participantToken: string | undefined): Promise<RatingSummary> {
    const { table, column } = this.target.ratings;
    // Outside the transaction: the embedded engine has one connection, which the transaction holds.
    const participantId = await this.participants.find(participantToken);
    return this.dataSource.transaction(async (manager) => {
      const procedure = await this.procedureForRating(manager, slug, id);
      if (participantId) await manager.query(`DELETE FROM ${table} WHERE ${column} = $1 AND participant_id = $2`, [id, participantId]);
      return this.summary(manager, procedure, id, null);
    });
  }

  /**
   * A comment on a public item, under its Idempotency-Key: the procedure takes comments now, the text
   * passes (with `moreErrors`, e.g. a reply's parent), and `insert` stores it with the status the
   * moderation mode gives it (pending in pre-moderation, else published).
   */
  async comment<T>(
    slug: string,
    id: string,
    request: IdempotentRequest & { participantToken: string | undefined; body: { text: string } },
    insert: (manager: EntityManager, values: { text: string; participantId: string; status: 'pending' | 'published' }) => Promise<T>,
    moreErrors: (manager: EntityManager, procedure: ProcedureForWrite) => Promise<FieldError[]> = async () => [],
  ): Promise<StoredResponse<T> & { issuedToken: string | null }> {
    let issuedToken: string | null = null;
    try {
      const stored = await withIdempotency<T>(this.dataSource, { scope: request.scope, key: request.key, body: request.body }, async (manager) => {
        const procedure = await procedureForWrite(manager, slug, this.target.phases);
        await this.target.requirePublic(manager, procedure.id, id);
        if (procedure.settings.comments === 'off') {
          throw new ProblemException('comments_off', 'This procedure does not take comments.');
        }
        requireOpen(procedure, 'comments');
        const errors = commentTextErrors(procedure, request.body.text);
        errors.push(...(await moreErrors(manager, procedure)));
        if (errors.length) throw validationProblem(errors);
        const participant = await this.participants.resolve(manager, request.participantToken);
        issuedToken = participant.issuedToken;
        const status = procedure.settings.moderation === 'pre' ? 'pending' : 'published';
        const body = await insert(manager, { text: cleanText(request.body.text), participantId: participant.id, status });
        return { status: HttpStatus.CREATED, body };
      });
      return { ...stored, issuedToken };
    } catch (error) {
      throw idempotencyProblem(error);
    }
  }

  private async procedureForRating(manager: EntityManager, slug: string, id: string): Promise<ProcedureForWrite> {
    const procedure = await procedureForWrite(manager, slug, this.target.phases);
    await this.target.requirePublic(manager, procedure.id, id);
    if (procedure.settings.ratings === 'off') {
      throw new ProblemException('ratings_off', 'This procedure does not take ratings.');
    }
    requireOpen(procedure, 'ratings');
    return procedure;
  }

  /** The counters as this transaction leaves them, unless the procedure hides them. */
  private async summary(manager: EntityManager, procedure: ProcedureForWrite, id: string, own: 1 | -1 | null): Promise<RatingSummary> {
    if (procedure.settings.ratings === 'hidden') return { up: null, down: null, own };
    const [row] = await manager.query(`SELECT ratings_up, ratings_down FROM ${this.target.view} WHERE id = $1`, [id]);
    return { up: row.ratings_up, down: row.ratings_down, own };
  }
}

/** A comment's text as the procedure takes it: storable, not empty, within `commentMaxLength`. */
export function commentTextErrors(procedure: ProcedureForWrite, raw: string): FieldError[] {
  const unstorable = unstorableTextError('text', raw);
  if (unstorable) return [unstorable];
  const text = cleanText(raw);
  const max = procedure.settings.commentMaxLength;
  if (isBlank(text)) return [{ field: 'text', code: 'blank_text', message: 'text must not be empty (invisible characters do not count)' }];
  if ([...text].length > max) return [{ field: 'text', code: 'too_long', max, message: `text must be at most ${max} characters` }];
  return [];
}
