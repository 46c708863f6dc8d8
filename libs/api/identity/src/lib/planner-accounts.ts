import { EntityManager } from 'typeorm';
import { MIN_PASSWORD_LENGTH } from '@stadtdialog/api/config';
import { AuditLog } from '@stadtdialog/api/access';
import { FieldError, fieldError, validationProblem } from '@stadtdialog/api/http';
import type { PlannerAccount, ProcedureMembership } from '@stadtdialog/shared/contract';
import { hashPassword } from './passwords';

export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+$/;

/** Why a password is refused, or null. */
export function passwordProblem(password: string, email: string, field = 'password'): FieldError | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return fieldError(field, 'too_short', `the password must be at least ${MIN_PASSWORD_LENGTH} characters`, { min: MIN_PASSWORD_LENGTH });
  }
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return fieldError(field, 'password_is_email', 'the password must not be the e-mail address');
  return null;
}

export function checkPassword(field: string, password: string, email: string): void {
  const problem = passwordProblem(password, email, field);
  if (problem) throw validationProblem([problem]);
}

export const MEMBERSHIPS_JSON = (plannerColumn: string) => `coalesce((
  SELECT json_agg(json_build_object('procedureId', m.procedure_id, 'slug', pr.slug, 'title', pr.title, 'role', m.role)
                  ORDER BY pr.title, pr.id)
  FROM procedure_memberships m JOIN procedures pr ON pr.id = m.procedure_id
  WHERE m.planner_id = ${plannerColumn}), '[]'::json)`;

const ACCOUNT_JSON = `json_build_object('id', p.id, 'email', p.email, 'displayName', p.display_name, 'isAdmin', p.is_admin,
  'disabled', p.disabled_at IS NOT NULL,
  'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'memberships', ${MEMBERSHIPS_JSON('p.id')})`;

export async function readAccount(manager: EntityManager, id: string): Promise<PlannerAccount | null> {
  const [row] = await manager.query(`SELECT ${ACCOUNT_JSON} AS account FROM planners p WHERE p.id = $1`, [id]);
  return row?.account ?? null;
}

export async function readAccounts(manager: EntityManager): Promise<PlannerAccount[]> {
  const rows = await manager.query(`SELECT ${ACCOUNT_JSON} AS account FROM planners p ORDER BY lower(p.email) LIMIT 1000`);
  return rows.map((r: { account: PlannerAccount }) => r.account);
}

export async function readMemberships(manager: EntityManager, plannerId: string): Promise<ProcedureMembership[]> {
  const [row] = await manager.query(`SELECT ${MEMBERSHIPS_JSON('$1::uuid')} AS memberships`, [plannerId]);
  return row.memberships;
}

/** The audit view of an account: never a password or its hash. */
export function auditView(account: PlannerAccount) {
  return { email: account.email, displayName: account.displayName, isAdmin: account.isAdmin, disabled: account.disabled };
}

/**
 * Creates an admin, or, when the e-mail address has an account, makes it an enabled admin with
 * this password and ends its sessions: the way back in after the last admin password is lost.
 */
export async function createOrResetAdmin(
  manager: EntityManager,
  audit: AuditLog,
  input: { email: string; password: string; displayName?: string },
): Promise<{ created: boolean; account: PlannerAccount }> {
  const email = input.email.trim();
  if (!EMAIL_PATTERN.test(email)) {
    throw validationProblem([fieldError('email', 'invalid_email', `"${email}" is not an e-mail address`)]);
  }
  checkPassword('password', input.password, email);
  const hash = await hashPassword(input.password);
  const [existing] = await manager.query(`SELECT id FROM planners WHERE lower(email) = lower($1)`, [email]);
  if (existing) {
    const before = await readAccount(manager, existing.id);
    await manager.query(`UPDATE planners SET password_hash = $2, is_admin = true, disabled_at = NULL WHERE id = $1`, [
      existing.id, hash,
    ]);
    await manager.query(`DELETE FROM planner_sessions WHERE planner_id = $1`, [existing.id]);
    const account = (await readAccount(manager, existing.id)) as PlannerAccount;
    await audit.record(manager, {
      actorId: null, action: 'planner.admin-reset', entityType: 'planner', entityId: existing.id, procedureId: null,
      before: before && auditView(before), after: { ...auditView(account), passwordChanged: true },
    });
    return { created: false, account };
  }
  const [row] = await manager.query(
    `INSERT INTO planners (email, display_name, password_hash, is_admin) VALUES ($1, $2, $3, true) RETURNING id`,
    [email, input.displayName?.trim() || email.split('@')[0], hash],
  );
  const account = (await readAccount(manager, row.id)) as PlannerAccount;
  await audit.record(manager, {
    actorId: null, action: 'planner.create', entityType: 'planner', entityId: row.id, procedureId: null, after: auditView(account),
  });
  return { created: true, account };
}
