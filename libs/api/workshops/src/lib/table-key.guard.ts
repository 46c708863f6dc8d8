import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { isPlannerRoute } from '@stadtdialog/api/access';
import { ProblemException, TABLE_KEY_ACCEPTED, TableKeyRequest, TableWorkshop } from '@stadtdialog/api/http';
import { TABLE_KEY_HEADER } from '@stadtdialog/shared/contract';
import { TABLE_SECRET_PATTERN, TableKeys } from './table-keys';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

interface GuardedRequest extends TableKeyRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
}

export function tableLinkInvalid(): ProblemException {
  return new ProblemException(
    'table_link_invalid',
    `The ${TABLE_KEY_HEADER} is not the key of any workshop table; open the table link a manager of the procedure gave you.`,
  );
}

function tableLinkNotAllowed(detail: string): ProblemException {
  return new ProblemException('table_link_not_allowed', detail);
}

/**
 * Runs before every route's own guards. A request without X-Table-Key passes untouched. With one,
 * the key must be a workshop's current key (401), neither revoked nor expired (410), and it buys
 * nothing but this: the participant writes marked TableKeyAccepted and public reads, of the table's
 * own procedure only (403 otherwise, and on every planner endpoint). The writes learn their
 * workshop from `request.tableWorkshop`.
 */
@Injectable()
export class TableKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly keys: TableKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const raw = request.headers[TABLE_KEY_HEADER.toLowerCase()];
    if (raw === undefined) return true;
    const key = Array.isArray(raw) ? raw[0] : raw;
    request.tableWorkshop = await this.workshopOf(key);
    if (isPlannerRoute(this.reflector, context)) {
      throw tableLinkNotAllowed('A table link opens no planner endpoint; sign in as a planner without it.');
    }
    const accepted = this.reflector.getAllAndOverride<boolean | undefined>(TABLE_KEY_ACCEPTED, [context.getHandler(), context.getClass()]);
    if (!accepted && !SAFE_METHODS.has(request.method.toUpperCase())) {
      throw tableLinkNotAllowed('A table link only makes contributions, comments, ratings and reports.');
    }
    const slug = request.params['slug'];
    if (slug !== undefined && slug !== request.tableWorkshop.procedureSlug) {
      throw tableLinkNotAllowed('This table link belongs to another procedure.');
    }
    return true;
  }

  private async workshopOf(key: string): Promise<TableWorkshop> {
    if (!TABLE_SECRET_PATTERN.test(key)) throw tableLinkInvalid();
    const [row] = await this.dataSource.query(
      `SELECT w.id, w.procedure_id, p.slug, w.revoked_at IS NOT NULL AS revoked, now() >= w.link_expires_at AS expired,
              pp.id IS NULL AS not_public
       FROM workshops w JOIN procedures p ON p.id = w.procedure_id LEFT JOIN public_procedures pp ON pp.id = p.id
       WHERE w.key_hash = $1`,
      [this.keys.hash(key)],
    );
    if (!row) throw tableLinkInvalid();
    if (row.revoked) {
      throw new ProblemException('table_link_revoked', 'A manager of the procedure revoked this table link.');
    }
    if (row.expired) {
      throw new ProblemException('table_link_expired', 'This table link was valid until the end of its appointment\'s day.');
    }
    // An internal or archived procedure takes no public participation, at a table neither.
    if (row.not_public) {
      throw new ProblemException('table_link_revoked', 'The procedure of this table link is no longer public.');
    }
    return { id: row.id, procedureId: row.procedure_id, procedureSlug: row.slug };
  }
}
