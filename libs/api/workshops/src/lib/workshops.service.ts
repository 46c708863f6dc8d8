import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, PlannerWriteRequest, SignedInPlanner, plannerWrite } from '@stadtdialog/api/access';
import { FieldError, ProblemException, TableWorkshop, validationProblem } from '@stadtdialog/api/http';
import type { TableSession, Workshop, WorkshopList, WorkshopSeat, WorkshopWithLink } from '@stadtdialog/shared/contract';
import { NewWorkshopDto, WorkshopChangeDto } from './dto/workshop.dto';
import { TableKeys } from './table-keys';

export interface WriteContext {
  actor: SignedInPlanner;
  request: PlannerWriteRequest;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const APPOINTMENT_JSON = `json_build_object('id', a.id, 'title', a.title, 'startsAt', ${ISO('a.starts_at')}, 'endsAt', ${ISO('a.ends_at')})`;

/** A workshop row `w` with its appointment `a` and creator `p` as the Workshop interface. */
const WORKSHOP_JSON = `json_build_object(
  'id', w.id, 'procedureId', w.procedure_id, 'title', w.title, 'seats', w.seats, 'idleSeconds', w.idle_seconds,
  'appointment', ${APPOINTMENT_JSON},
  'linkExpiresAt', ${ISO('w.link_expires_at')}, 'revokedAt', ${ISO('w.revoked_at')},
  'state', CASE WHEN w.revoked_at IS NOT NULL THEN 'revoked' WHEN now() >= w.link_expires_at THEN 'expired' ELSE 'active' END,
  'createdAt', ${ISO('w.created_at')},
  'createdBy', CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id, 'displayName', p.display_name) END,
  'contributionCount', (SELECT count(*) FROM contributions c WHERE c.workshop_id = w.id)::int)`;

const WORKSHOP_FROM = `workshops w JOIN appointments a ON a.id = w.appointment_id LEFT JOIN planners p ON p.id = w.created_by`;

/**
 * The end of the appointment's day in Europe/Berlin (of its end, when it has one): workshops run
 * into the evening, and a link must not outlive the day it was made for.
 */
const LINK_EXPIRY = `((date_trunc('day', coalesce(a.ends_at, a.starts_at) AT TIME ZONE 'Europe/Berlin') + interval '1 day')
                      AT TIME ZONE 'Europe/Berlin')`;

/** What the audit log keeps of a workshop: never its key. */
function audited(w: Workshop) {
  return { title: w.title, appointmentId: w.appointment.id, seats: w.seats, idleSeconds: w.idleSeconds, state: w.state };
}

function seatErrors(seats: WorkshopSeat[] | undefined): FieldError[] {
  if (!seats) return [];
  const sides = seats.map((s) => s.side);
  return new Set(sides).size === sides.length ? [] : [{ field: 'seats', code: 'duplicate', message: 'each side of the table has at most one seat' }];
}

function tableUrl(secret: string): string {
  return `/table/${secret}`;
}

/** Workshops of a procedure for its managers, and the table's own view of its workshop. */
@Injectable()
export class WorkshopsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly keys: TableKeys,
  ) {}

  async list(procedureId: string): Promise<WorkshopList> {
    await this.procedureExists(this.dataSource.manager, procedureId);
    const rows: { workshop: Workshop }[] = await this.dataSource.query(
      `SELECT ${WORKSHOP_JSON} AS workshop FROM ${WORKSHOP_FROM} WHERE w.procedure_id = $1 ORDER BY w.created_at DESC, w.id DESC`,
      [procedureId],
    );
    return { items: rows.map((r) => r.workshop) };
  }

  /**
   * Opens a workshop with a new table link. The secret leaves the server only in this answer:
   * the stored replay of the request (Idempotency-Key) has tableUrl null.
   */
  async create(ctx: WriteContext, procedureId: string, dto: NewWorkshopDto): Promise<{ status: number; body: WorkshopWithLink }> {
    const link: { secret?: string } = {};
    const stored = await plannerWrite<Workshop>(this.dataSource, ctx.request, async (manager) => {
      await this.procedureExists(manager, procedureId);
      const errors = seatErrors(dto.seats);
      const [appointment] = await manager.query(
        `SELECT a.title, now() < ${LINK_EXPIRY} AS upcoming FROM appointments a WHERE a.procedure_id = $1 AND a.id = $2`,
        [procedureId, dto.appointmentId],
      );
      const title = dto.title?.trim() || appointment?.title;
      if (!appointment) errors.push({ field: 'appointmentId', code: 'not_in_procedure', message: 'appointmentId is not an appointment of this procedure' });
      else if (!appointment.upcoming) errors.push({ field: 'appointmentId', code: 'appointment_over', message: 'the appointment\'s day is over: a table link would be expired already' });
      if (errors.length) throw validationProblem(errors);
      const issued = this.keys.issue();
      link.secret = issued.secret;
      const [{ id }] = await manager.query(
        `INSERT INTO workshops (procedure_id, appointment_id, title, seats, idle_seconds, key_hash, link_expires_at, created_by)
         SELECT $1, a.id, $3, $4, coalesce($5::int, 180), $6, ${LINK_EXPIRY}, $7 FROM appointments a WHERE a.id = $2
         RETURNING id`,
        [procedureId, dto.appointmentId, title, JSON.stringify(dto.seats.map((s) => ({ side: s.side }))), dto.idleSeconds ?? null, issued.hash, ctx.actor.id],
      );
      const workshop = await this.read(manager, procedureId, id);
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'workshop.create', entityType: 'workshop', entityId: id, procedureId, after: audited(workshop),
      });
      return { status: HttpStatus.CREATED, body: workshop };
    });
    return { status: stored.status, body: { ...stored.body, tableUrl: stored.replayed || !link.secret ? null : tableUrl(link.secret) } };
  }

  update(ctx: WriteContext, procedureId: string, workshopId: string, dto: WorkshopChangeDto): Promise<Workshop> {
    return this.write(ctx, HttpStatus.OK, async (manager) => {
      const before = await this.read(manager, procedureId, workshopId, true);
      const errors = seatErrors(dto.seats);
      if (dto.title !== undefined && !dto.title.trim()) errors.push({ field: 'title', code: 'blank_text', message: 'title must not be empty' });
      if (errors.length) throw validationProblem(errors);
      await manager.query(
        `UPDATE workshops SET title = coalesce($2, title), seats = coalesce($3::jsonb, seats), idle_seconds = coalesce($4, idle_seconds)
         WHERE id = $1`,
        [workshopId, dto.title?.trim() ?? null, dto.seats ? JSON.stringify(dto.seats.map((s) => ({ side: s.side }))) : null, dto.idleSeconds ?? null],
      );
      const after = await this.read(manager, procedureId, workshopId);
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'workshop.update', entityType: 'workshop', entityId: workshopId, procedureId,
        before: audited(before), after: audited(after),
      });
      return after;
    });
  }

  /** Ends the table link at once; revoking a revoked workshop changes nothing and logs nothing. */
  revoke(ctx: WriteContext, procedureId: string, workshopId: string): Promise<Workshop> {
    return this.write(ctx, HttpStatus.OK, async (manager) => {
      const before = await this.read(manager, procedureId, workshopId, true);
      if (before.revokedAt) return before;
      await manager.query(`UPDATE workshops SET revoked_at = now() WHERE id = $1`, [workshopId]);
      const after = await this.read(manager, procedureId, workshopId);
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'workshop.revoke', entityType: 'workshop', entityId: workshopId, procedureId,
        before: audited(before), after: audited(after),
      });
      return after;
    });
  }

  /**
   * A new table link: a new secret (the old one stops working), the workshop active again until the
   * end of its appointment's day.
   */
  async newLink(ctx: WriteContext, procedureId: string, workshopId: string): Promise<{ status: number; body: WorkshopWithLink }> {
    const link: { secret?: string } = {};
    const stored = await plannerWrite<Workshop>(this.dataSource, ctx.request, async (manager) => {
      const before = await this.read(manager, procedureId, workshopId, true);
      const [row] = await manager.query(
        `SELECT now() < ${LINK_EXPIRY} AS upcoming FROM appointments a WHERE a.id = $1`, [before.appointment.id],
      );
      if (!row.upcoming) {
        throw new ProblemException('appointment_over', 'The workshop\'s appointment day is over: a new table link would be expired already.');
      }
      const issued = this.keys.issue();
      link.secret = issued.secret;
      await manager.query(
        `UPDATE workshops w SET key_hash = $2, revoked_at = NULL, link_expires_at = ${LINK_EXPIRY}
         FROM appointments a WHERE w.id = $1 AND a.id = w.appointment_id`,
        [workshopId, issued.hash],
      );
      const after = await this.read(manager, procedureId, workshopId);
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'workshop.new-link', entityType: 'workshop', entityId: workshopId, procedureId,
        before: audited(before), after: audited(after),
      });
      return { status: HttpStatus.CREATED, body: after };
    });
    return { status: stored.status, body: { ...stored.body, tableUrl: stored.replayed || !link.secret ? null : tableUrl(link.secret) } };
  }

  /** What the table shows of its workshop; the guard has checked its key already. */
  async session(table: TableWorkshop): Promise<TableSession> {
    const [row] = await this.dataSource.query(
      `SELECT json_build_object(
         'workshop', json_build_object('id', w.id, 'title', w.title, 'seats', w.seats, 'idleSeconds', w.idle_seconds,
                                       'appointment', ${APPOINTMENT_JSON}),
         'procedure', json_build_object('slug', pr.slug, 'title', pr.title)) AS session
       FROM workshops w JOIN appointments a ON a.id = w.appointment_id JOIN public_procedures pr ON pr.id = w.procedure_id
       WHERE w.id = $1`,
      [table.id],
    );
    if (!row) throw new NotFoundException('There is no such workshop');
    return row.session;
  }

  private async write<T>(ctx: WriteContext, status: number, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return (await plannerWrite<T>(this.dataSource, ctx.request, async (manager) => ({ status, body: await work(manager) }))).body;
  }

  private async procedureExists(manager: EntityManager, procedureId: string): Promise<void> {
    const [row] = await manager.query(`SELECT 1 FROM procedures WHERE id = $1`, [procedureId]);
    if (!row) throw new NotFoundException('There is no such procedure');
  }

  private async read(manager: EntityManager, procedureId: string, workshopId: string, lock = false): Promise<Workshop> {
    if (lock) await manager.query(`SELECT 1 FROM workshops WHERE id = $1 FOR UPDATE`, [workshopId]);
    const [row] = await manager.query(`SELECT ${WORKSHOP_JSON} AS workshop FROM ${WORKSHOP_FROM} WHERE w.procedure_id = $1 AND w.id = $2`, [
      procedureId, workshopId,
    ]);
    if (!row) throw new NotFoundException('There is no such workshop in this procedure');
    return row.workshop;
  }
}
