import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ProblemException } from '@stadtdialog/api/http';
import type { ProcedureRole } from '@stadtdialog/shared/contract';
import { CSRF_HEADER, SESSION_COOKIE, parseCookies } from './cookies';
import { PlannerSessions, SignedInPlanner, sameToken } from './sessions';

const ACCESS = 'stadtdialog:access';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Access = { kind: 'planner' } | { kind: 'admin' } | { kind: 'procedure'; role: ProcedureRole; param: string };

export interface PlannerRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
  planner?: SignedInPlanner;
  /** the signed-in planner's role in the procedure of the route: admin counts as manager */
  procedureRole?: ProcedureRole | 'admin';
}

/** Whether the route of `context` is a planner endpoint (guarded by one of the decorators below). */
export function isPlannerRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]) !== undefined;
}

/** Any signed-in, enabled planner. */
export const RequirePlanner = () => applyDecorators(SetMetadata(ACCESS, { kind: 'planner' }), UseGuards(PlannerGuard));

/** Admins only. */
export const RequireAdmin = () => applyDecorators(SetMetadata(ACCESS, { kind: 'admin' }), UseGuards(PlannerGuard));

/**
 * Admins, and planners with at least `role` in the procedure named by the route parameter
 * `param`: a manager may do what a moderator may; a moderator only moderates.
 */
export const RequireProcedureRole = (role: ProcedureRole, param = 'procedureId') =>
  applyDecorators(SetMetadata(ACCESS, { kind: 'procedure', role, param }), UseGuards(PlannerGuard));

/** The signed-in planner of a route guarded by one of the decorators above. */
export const CurrentPlanner = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInPlanner => {
  const planner = ctx.switchToHttp().getRequest<PlannerRequest>().planner;
  if (!planner) throw new Error('CurrentPlanner used on a route without a planner guard');
  return planner;
});

export function unauthenticated(): ProblemException {
  return new ProblemException('sign_in_required', 'Sign in as a planner to use this endpoint.');
}

export function forbidden(detail: string, code: 'forbidden' | 'admin_only' | 'csrf_invalid' = 'forbidden'): ProblemException {
  return new ProblemException(code, detail);
}

/**
 * Checked on the server for every planner endpoint: a valid session cookie; on unsafe methods the
 * session's CSRF token in X-CSRF-Token; then the role the route asks for.
 */
@Injectable()
export class PlannerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: PlannerSessions,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]) ?? {
      kind: 'planner',
    };
    const request = context.switchToHttp().getRequest<PlannerRequest>();
    const cookieHeader = request.headers['cookie'];
    const token = parseCookies(Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader)[SESSION_COOKIE];
    const planner = await this.sessions.resolve(token);
    if (!planner) throw unauthenticated();
    if (!SAFE_METHODS.has(request.method.toUpperCase())) {
      const header = request.headers[CSRF_HEADER.toLowerCase()];
      if (!sameToken(Array.isArray(header) ? header[0] : header, planner.csrfToken)) {
        throw forbidden(`The ${CSRF_HEADER} header is missing or does not match this session; send the csrfToken from /api/v1/auth/me.`, 'csrf_invalid');
      }
    }
    request.planner = planner;
    if (access.kind === 'planner') return true;
    if (access.kind === 'admin') {
      if (!planner.isAdmin) throw forbidden('Only admins may do this.', 'admin_only');
      return true;
    }
    const procedureId = request.params[access.param];
    if (!procedureId || !UUID.test(procedureId)) {
      throw new ProblemException('not_found', 'There is no such procedure.');
    }
    if (planner.isAdmin) {
      request.procedureRole = 'admin';
      return true;
    }
    const [membership] = await this.dataSource.query(
      `SELECT role FROM procedure_memberships WHERE planner_id = $1 AND procedure_id = $2`,
      [planner.id, procedureId],
    );
    const role: ProcedureRole | undefined = membership?.role;
    if (!role || (access.role === 'manager' && role !== 'manager')) {
      throw forbidden(
        access.role === 'manager'
          ? 'Only managers of this procedure (and admins) may do this.'
          : 'Only moderators and managers of this procedure (and admins) may do this.',
      );
    }
    request.procedureRole = role;
    return true;
  }
}
