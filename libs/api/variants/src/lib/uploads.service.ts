import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, PlannerWriteRequest, SignedInPlanner, plannerWrite } from '@stadtdialog/api/access';
import { AppConfig } from '@stadtdialog/api/config';
import { APP_CONFIG } from '@stadtdialog/api/db';
import { validationProblem } from '@stadtdialog/api/http';
import type { UploadMediaType, UploadedFile } from '@stadtdialog/shared/contract';
import { checkUpload } from './upload-check';
import { uploadJson } from './variant-json';

export interface WriteContext {
  actor: SignedInPlanner;
  request: PlannerWriteRequest;
}

export interface StoredFile {
  mediaType: UploadMediaType;
  fileName: string;
  byteSize: number;
  content: Buffer;
}

/** Files planners upload for variants and documents, kept in the database (see the migration for why). */
@Injectable()
export class UploadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(ctx: WriteContext, procedureId: string, file: { buffer: Buffer; originalname: string } | undefined): Promise<UploadedFile> {
    if (!file) {
      throw validationProblem([{ field: 'file', code: 'required', message: 'send the file as the multipart/form-data field "file"' }]);
    }
    // Decoding and re-encoding happen before the transaction: the embedded engine has one connection.
    const checked = await checkUpload(file.buffer, file.originalname, this.config.imageMaxDimension);
    // A retry with the same Idempotency-Key must send the same file: the key is checked against its hash.
    const { method, baseUrl, path, headers, planner } = ctx.request;
    const request = { method, baseUrl, path, headers, planner, body: { sha256: createHash('sha256').update(file.buffer).digest('hex'), name: file.originalname } };
    const result = await plannerWrite<UploadedFile>(this.dataSource, request, async (manager) => {
      const [procedure] = await manager.query(`SELECT 1 FROM procedures WHERE id = $1`, [procedureId]);
      if (!procedure) throw new NotFoundException('There is no such procedure');
      const [row] = await manager.query(
        `WITH u AS (
           INSERT INTO uploads (procedure_id, media_type, file_name, byte_size, width, height, content, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *)
         SELECT ${uploadJson('workspace')} AS file FROM u`,
        [procedureId, checked.mediaType, checked.fileName, checked.content.length, checked.width, checked.height, checked.content, ctx.actor.id],
      );
      const uploaded = row.file as UploadedFile;
      await this.audit.record(manager, {
        actorId: ctx.actor.id, action: 'upload.create', entityType: 'upload', entityId: uploaded.id, procedureId,
        after: { mediaType: uploaded.mediaType, fileName: uploaded.fileName, byteSize: uploaded.byteSize, width: uploaded.width, height: uploaded.height },
      });
      return { status: HttpStatus.CREATED, body: uploaded };
    });
    return result.body;
  }

  /** Every upload of the procedure, newest first, for the workspace's pickers. */
  async list(procedureId: string): Promise<UploadedFile[]> {
    const rows = await this.dataSource.query(
      `SELECT ${uploadJson('workspace')} AS file FROM uploads u WHERE u.procedure_id = $1 ORDER BY u.created_at DESC, u.id LIMIT 500`,
      [procedureId],
    );
    return rows.map((r: { file: UploadedFile }) => r.file);
  }

  /** A file of the procedure for planners, whether or not anything public uses it. */
  async workspaceFile(procedureId: string, uploadId: string): Promise<StoredFile> {
    const [row] = await this.dataSource.query(
      `SELECT media_type, file_name, byte_size, content FROM uploads WHERE procedure_id = $1 AND id = $2`,
      [procedureId, uploadId],
    );
    if (!row) throw new NotFoundException('There is no such file in this procedure');
    return { mediaType: row.media_type, fileName: row.file_name, byteSize: row.byte_size, content: row.content };
  }

  /** A file only while a published variant of a public procedure or a public document uses it. */
  async publicFile(uploadId: string): Promise<StoredFile> {
    const [row] = await this.dataSource.query(`SELECT media_type, file_name, byte_size, content FROM public_files WHERE id = $1`, [uploadId]);
    if (!row) throw new NotFoundException('There is no such file');
    return { mediaType: row.media_type, fileName: row.file_name, byteSize: row.byte_size, content: row.content };
  }
}
