import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, PlannerSessions, SignedInPlanner, plannerWrite } from '@stadtdialog/api/access';
import type { PlannerWriteRequest } from '@stadtdialog/api/access';
import { ProblemException } from '@stadtdialog/api/http';
import type { PlannerAccount, PlannerWithPassword } from '@stadtdialog/shared/contract';
import { CreatePlannerDto, ResetPasswordDto, UpdatePlannerDto } from './dto/planner.dto';
import { generatePassword, hashPassword } from './passwords';
import { auditView, checkPassword, readAccount, readAccounts } from './planner-accounts';

/** Planner accounts, managed by admins. Every change is in the audit log, never a password. */
@Injectable()
export class PlannersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly sessions: PlannerSessions,
  ) {}

  list(): Promise<PlannerAccount[]> {
    return readAccounts(this.dataSource.manager);
  }

  async get(id: string): Promise<PlannerAccount> {
    const account = await readAccount(this.dataSource.manager, id);
    if (!account) throw new NotFoundException('There is no such planner');
    return account;
  }

  /** Not idempotent by key: an answer with a generated password is never stored. */
  async create(actor: SignedInPlanner, dto: CreatePlannerDto): Promise<PlannerWithPassword> {
    const email = dto.email.trim();
    const generated = dto.password === undefined ? generatePassword() : null;
    const password = dto.password ?? (generated as string);
    checkPassword('password', password, email);
    const hash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const [taken] = await manager.query(`SELECT 1 FROM planners WHERE lower(email) = lower($1)`, [email]);
      if (taken) throw new ProblemException('email_taken', 'A planner with this e-mail address exists.');
      const [row] = await manager.query(
        `INSERT INTO planners (email, display_name, password_hash, is_admin) VALUES ($1, $2, $3, $4) RETURNING id`,
        [email, dto.displayName.trim(), hash, dto.isAdmin ?? false],
      );
      const account = (await readAccount(manager, row.id)) as PlannerAccount;
      await this.audit.record(manager, {
        actorId: actor.id, action: 'planner.create', entityType: 'planner', entityId: row.id, procedureId: null,
        after: auditView(account),
      });
      return generated ? { ...account, generatedPassword: generated } : account;
    });
  }

  private async change(
    actor: SignedInPlanner,
    request: PlannerWriteRequest,
    id: string,
    action: string,
    apply: (manager: EntityManager, before: PlannerAccount) => Promise<void>,
  ): Promise<PlannerAccount> {
    const result = await plannerWrite<PlannerAccount>(this.dataSource, request, async (manager) => {
      const [locked] = await manager.query(`SELECT id FROM planners WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw new NotFoundException('There is no such planner');
      const before = (await readAccount(manager, id)) as PlannerAccount;
      await apply(manager, before);
      const after = (await readAccount(manager, id)) as PlannerAccount;
      await this.audit.record(manager, {
        actorId: actor.id, action, entityType: 'planner', entityId: id, procedureId: null,
        before: auditView(before), after: auditView(after),
      });
      return { status: HttpStatus.OK, body: after };
    });
    return result.body;
  }

  update(actor: SignedInPlanner, request: PlannerWriteRequest, id: string, dto: UpdatePlannerDto): Promise<PlannerAccount> {
    return this.change(actor, request, id, 'planner.update', async (manager, before) => {
      if (id === actor.id && dto.isAdmin === false) {
        throw new ProblemException('own_admin_role', 'You cannot take away your own admin role; ask another admin.');
      }
      if (dto.email !== undefined) {
        const [taken] = await manager.query(`SELECT 1 FROM planners WHERE lower(email) = lower($1) AND id <> $2`, [dto.email.trim(), id]);
        if (taken) throw new ProblemException('email_taken', 'A planner with this e-mail address exists.');
      }
      await manager.query(
        `UPDATE planners SET email = $2, display_name = $3, is_admin = $4 WHERE id = $1`,
        [id, dto.email?.trim() ?? before.email, dto.displayName?.trim() ?? before.displayName, dto.isAdmin ?? before.isAdmin],
      );
    });
  }

  setDisabled(actor: SignedInPlanner, request: PlannerWriteRequest, id: string, disabled: boolean): Promise<PlannerAccount> {
    return this.change(actor, request, id, disabled ? 'planner.disable' : 'planner.enable', async (manager) => {
      if (disabled && id === actor.id) {
        throw new ProblemException('own_account', 'You cannot disable your own account; ask another admin.');
      }
      await manager.query(
        `UPDATE planners SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE id = $1`,
        [id, disabled],
      );
      if (disabled) await this.sessions.endAll(manager, id);
    });
  }

  /** Sets the given or a generated password and ends the planner's sessions. Not idempotent by key. */
  async resetPassword(actor: SignedInPlanner, id: string, dto: ResetPasswordDto): Promise<PlannerWithPassword> {
    const target = await this.get(id);
    const generated = dto.password === undefined ? generatePassword() : null;
    const password = dto.password ?? (generated as string);
    checkPassword('password', password, target.email);
    const hash = await hashPassword(password);
    const account = await this.change(actor, { method: 'POST', path: '', headers: {} }, id, 'planner.reset-password', async (manager) => {
      await manager.query(`UPDATE planners SET password_hash = $2 WHERE id = $1`, [id, hash]);
      await this.sessions.endAll(manager, id);
    });
    return generated ? { ...account, generatedPassword: generated } : account;
  }
}
