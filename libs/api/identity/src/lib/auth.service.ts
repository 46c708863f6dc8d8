import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, PlannerSessions, SignedInPlanner } from '@stadtdialog/api/access';
import { ProblemException, validationProblem } from '@stadtdialog/api/http';
import type { Me } from '@stadtdialog/shared/contract';
import { hashPassword, verifyPassword } from './passwords';
import { checkPassword, readMemberships } from './planner-accounts';
import { SignInThrottle } from './sign-in-throttle';

export interface SignInResult {
  me: Me;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

function wrongCredentials(): ProblemException {
  return new ProblemException('sign_in_failed', 'The e-mail address or the password is wrong.');
}

function tooMany(seconds: number): ProblemException {
  return new ProblemException('sign_in_throttled', `Too many failed sign-ins; try again in ${seconds} s.`, {
    headers: { 'Retry-After': String(seconds) },
  });
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: PlannerSessions,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Checks the back-off first (a blocked attempt does not even look at the password), then the
   * password; a success starts a new session and ends the one the request came with.
   */
  async signIn(email: string, password: string, clientAddress: string | undefined, previousToken: string | undefined): Promise<SignInResult> {
    const account = this.throttle.account(email);
    const client = this.throttle.client(clientAddress);
    return this.throttle.serialise(account, async () => {
      const wait = await this.throttle.retryAfter([account, client]);
      if (wait > 0) throw tooMany(wait);
      const [row] = await this.dataSource.query(
        `SELECT id, password_hash, disabled_at FROM planners WHERE lower(email) = lower($1)`,
        [email.trim()],
      );
      const valid = await verifyPassword(row?.password_hash ?? null, password);
      if (!row || !valid || row.disabled_at) {
        await this.throttle.failed([account, client]);
        throw wrongCredentials();
      }
      const session = await this.dataSource.transaction(async (manager) => {
        await this.sessions.end(manager, previousToken);
        return this.sessions.create(manager, row.id);
      });
      await this.throttle.succeeded(account);
      this.logger.log(`planner ${row.id} signed in`);
      const planner = await this.sessions.resolve(session.token);
      if (!planner) throw wrongCredentials();
      return { me: await this.me(planner), ...session };
    });
  }

  async signOut(token: string | undefined): Promise<void> {
    await this.dataSource.transaction((manager) => this.sessions.end(manager, token));
  }

  async me(planner: SignedInPlanner): Promise<Me> {
    return {
      id: planner.id,
      email: planner.email,
      displayName: planner.displayName,
      isAdmin: planner.isAdmin,
      csrfToken: planner.csrfToken,
      memberships: await readMemberships(this.dataSource.manager, planner.id),
    };
  }

  /** Own password: the current one is checked (with the same back-off), other sessions end. */
  async changePassword(planner: SignedInPlanner, current: string, next: string, clientAddress: string | undefined): Promise<void> {
    const account = this.throttle.account(planner.email);
    const client = this.throttle.client(clientAddress);
    await this.throttle.serialise(account, async () => {
      const wait = await this.throttle.retryAfter([account, client]);
      if (wait > 0) throw tooMany(wait);
      const [row] = await this.dataSource.query(`SELECT password_hash FROM planners WHERE id = $1`, [planner.id]);
      if (!(await verifyPassword(row?.password_hash ?? null, current))) {
        await this.throttle.failed([account, client]);
        throw validationProblem([{ field: 'currentPassword', code: 'wrong_password', message: 'the current password is wrong' }]);
      }
      checkPassword('newPassword', next, planner.email);
      const hash = await hashPassword(next);
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE planners SET password_hash = $2 WHERE id = $1`, [planner.id, hash]);
        await this.sessions.endAll(manager, planner.id, planner.sessionHash);
        await this.audit.record(manager, {
          actorId: planner.id, action: 'planner.change-password', entityType: 'planner', entityId: planner.id, procedureId: null,
        });
      });
    });
  }
}
