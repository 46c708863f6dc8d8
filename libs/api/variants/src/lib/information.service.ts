import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, plannerWrite } from '@stadtdialog/api/access';
import { FieldError, validationProblem } from '@stadtdialog/api/http';
import { cleanText, unstorableTextError } from '@stadtdialog/api/participation';
import type { Contact, FaqEntry, PlanningDocument, PlanningInformation } from '@stadtdialog/shared/contract';
import { ContactDto, DocumentDto, FaqDto } from './dto/variant.dto';
import { WriteContext } from './uploads.service';
import { CONTACT_JSON, DOCUMENT_JSON, FAQ_JSON } from './variant-json';

/** The three kinds of planning information; table, columns and JSON come from here, never from a request. */
const KINDS = {
  document: {
    table: 'documents',
    columns: ['upload_id', 'title', 'description', 'position'],
    json: `(SELECT ${DOCUMENT_JSON('workspace', 'x', 'u')} FROM uploads u WHERE u.id = x.upload_id)`,
  },
  faq: { table: 'faq_entries', columns: ['question', 'answer', 'position'], json: FAQ_JSON('x') },
  contact: { table: 'contacts', columns: ['name', 'organisation', 'email', 'phone', 'address', 'position'], json: CONTACT_JSON('x') },
} as const;
export type InformationKind = keyof typeof KINDS;

type Values = Record<string, string | number>;

/** Documents, FAQ and contacts of a procedure: set up by managers (audit-logged), shown on the procedure page. */
@Injectable()
export class InformationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async workspace(procedureId: string): Promise<PlanningInformation> {
    const [procedure] = await this.dataSource.query(`SELECT 1 FROM procedures WHERE id = $1`, [procedureId]);
    if (!procedure) throw new NotFoundException('There is no such procedure');
    const list = async <T>(kind: InformationKind): Promise<T[]> =>
      (await this.dataSource.query(
        `SELECT ${KINDS[kind].json} AS item FROM ${KINDS[kind].table} x WHERE x.procedure_id = $1 ORDER BY x.position, x.id`,
        [procedureId],
      )).map((r: { item: T }) => r.item);
    return { documents: await list<PlanningDocument>('document'), faq: await list<FaqEntry>('faq'), contacts: await list<Contact>('contact') };
  }

  /** Public: documents (with their files), FAQ and contacts of a public procedure, from the public views. */
  async publicInformation(slug: string): Promise<PlanningInformation> {
    const [row] = await this.dataSource.query(
      `SELECT
         coalesce((SELECT json_agg(${DOCUMENT_JSON('public', 'd', 'u')} ORDER BY d.position, d.id)
                   FROM public_documents d JOIN public_files u ON u.id = d.upload_id WHERE d.procedure_id = p.id), '[]'::json) AS documents,
         coalesce((SELECT json_agg(${FAQ_JSON('f')} ORDER BY f.position, f.id) FROM public_faq_entries f WHERE f.procedure_id = p.id), '[]'::json) AS faq,
         coalesce((SELECT json_agg(${CONTACT_JSON('c')} ORDER BY c.position, c.id) FROM public_contacts c WHERE c.procedure_id = p.id), '[]'::json) AS contacts
       FROM public_procedures p WHERE p.slug = $1`,
      [slug],
    );
    if (!row) throw new NotFoundException(`There is no public procedure "${slug}"`);
    return row;
  }

  private async write<T>(ctx: WriteContext, status: number, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return (await plannerWrite<T>(this.dataSource, ctx.request, async (manager) => ({ status, body: await work(manager) }))).body;
  }

  private async read<T>(manager: EntityManager, kind: InformationKind, procedureId: string, id: string): Promise<T> {
    const [row] = await manager.query(`SELECT ${KINDS[kind].json} AS item FROM ${KINDS[kind].table} x WHERE x.procedure_id = $1 AND x.id = $2`, [
      procedureId, id,
    ]);
    if (!row) throw new NotFoundException(`There is no such ${kind} in this procedure`);
    return row.item;
  }

  private async values(manager: EntityManager, kind: InformationKind, procedureId: string, dto: DocumentDto | FaqDto | ContactDto): Promise<Values> {
    const errors: FieldError[] = [];
    const values: Values = {};
    const required: Record<InformationKind, string[]> = { document: ['title'], faq: ['question', 'answer'], contact: ['name'] };
    for (const column of KINDS[kind].columns) {
      const field = column === 'upload_id' ? 'uploadId' : column;
      const raw = (dto as unknown as Record<string, unknown>)[field];
      if (column === 'position' || column === 'upload_id') {
        values[column] = (raw as number | string | undefined) ?? 0;
        continue;
      }
      const text = typeof raw === 'string' ? raw : '';
      const unstorable = unstorableTextError(field, text);
      if (unstorable) errors.push(unstorable);
      values[column] = cleanText(text);
      if (required[kind].includes(field) && !values[column] && !unstorable) errors.push({ field, code: 'required', message: `${field} must not be empty` });
    }
    if (kind === 'document') {
      const [upload] = await manager.query(`SELECT 1 FROM uploads WHERE procedure_id = $1 AND id = $2`, [procedureId, values['upload_id']]);
      if (!upload) errors.push({ field: 'uploadId', code: 'not_in_procedure', message: 'uploadId is not an uploaded file of this procedure' });
    }
    if (errors.length) throw validationProblem(errors);
    return values;
  }

  add<T>(ctx: WriteContext, kind: InformationKind, procedureId: string, dto: DocumentDto | FaqDto | ContactDto): Promise<T> {
    return this.write(ctx, HttpStatus.CREATED, async (manager) => {
      const [procedure] = await manager.query(`SELECT 1 FROM procedures WHERE id = $1 FOR NO KEY UPDATE`, [procedureId]);
      if (!procedure) throw new NotFoundException('There is no such procedure');
      const values = await this.values(manager, kind, procedureId, dto);
      const columns = Object.keys(values);
      const [{ id }] = await manager.query(
        `INSERT INTO ${KINDS[kind].table} (procedure_id, ${columns.join(', ')})
         VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
        [procedureId, ...Object.values(values)],
      );
      const after = await this.read<T>(manager, kind, procedureId, id);
      await this.audit.record(manager, { actorId: ctx.actor.id, action: `${kind}.create`, entityType: kind, entityId: id, procedureId, after });
      return after;
    });
  }

  replace<T>(ctx: WriteContext, kind: InformationKind, procedureId: string, id: string, dto: DocumentDto | FaqDto | ContactDto): Promise<T> {
    return this.write(ctx, HttpStatus.OK, async (manager) => {
      const before = await this.read<T>(manager, kind, procedureId, id);
      const values = await this.values(manager, kind, procedureId, dto);
      const columns = Object.keys(values);
      await manager.query(
        `UPDATE ${KINDS[kind].table} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
        [id, ...Object.values(values)],
      );
      const after = await this.read<T>(manager, kind, procedureId, id);
      await this.audit.record(manager, { actorId: ctx.actor.id, action: `${kind}.update`, entityType: kind, entityId: id, procedureId, before, after });
      return after;
    });
  }

  remove(ctx: WriteContext, kind: InformationKind, procedureId: string, id: string): Promise<null> {
    return this.write(ctx, HttpStatus.NO_CONTENT, async (manager) => {
      const before = await this.read(manager, kind, procedureId, id);
      await manager.query(`DELETE FROM ${KINDS[kind].table} WHERE id = $1`, [id]);
      await this.audit.record(manager, { actorId: ctx.actor.id, action: `${kind}.delete`, entityType: kind, entityId: id, procedureId, before });
      return null;
    });
  }
}
