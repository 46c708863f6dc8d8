import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { DataSource } from 'typeorm';
import { SqlParameters } from '@stadtdialog/api/db';
import type { ExportFormat } from '@stadtdialog/shared/contract';
import { EvaluationScope } from './evaluation-scope';
import { COMMENT_COLUMNS, CONTRIBUTION_COLUMNS, ExportColumn, VARIANT_COLUMNS, VARIANT_COMMENT_COLUMNS, columnsJson } from './export-columns';
import { SpreadsheetWriter } from './spreadsheet';
import { evaluationRows } from './statistics.service';
import { VARIANT_ORDER, variantCommentsWhere, variantRows } from './variant-rows';

/** Rows per query: the export never holds more than one batch. */
export const EXPORT_BATCH = 1000;

const MICROSECOND_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

interface Batch {
  rows: { row: Record<string, unknown>; geometry: string | null }[];
}

export type ExportFile =
  | 'contributions.csv'
  | 'comments.csv'
  | 'variants.csv'
  | 'variant-comments.csv'
  | 'contributions.xlsx'
  | 'contributions.geojson';
export const EXPORT_FILES: Record<ExportFile, { format: ExportFormat; type: string }> = {
  'contributions.csv': { format: 'csv', type: 'text/csv; charset=utf-8' },
  'comments.csv': { format: 'csv', type: 'text/csv; charset=utf-8' },
  'variants.csv': { format: 'csv', type: 'text/csv; charset=utf-8' },
  'variant-comments.csv': { format: 'csv', type: 'text/csv; charset=utf-8' },
  'contributions.xlsx': { format: 'xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  'contributions.geojson': { format: 'geojson', type: 'application/geo+json' },
};

/**
 * Waits while the response's buffer is full, so a slow client slows the reads instead of filling
 * memory. The listener of the event that did not come is removed again: an export waits thousands
 * of times, and each left-over listener would stay on the stream.
 */
export async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) {
    const waiting = new AbortController();
    const event = (name: string) => once(out, name, { signal: waiting.signal }).catch(() => undefined);
    await Promise.race([event('drain'), event('close')]);
    waiting.abort();
  }
  if (out.destroyed) throw new Error('the client closed the connection during the export');
}

/**
 * Exports of a planner's scope, streamed: rows are read in keyset batches of EXPORT_BATCH in
 * (created_at, id) order, each batch written out before the next is read, and no connection is
 * held between batches (the embedded engine has one).
 */
@Injectable()
export class ExportsService {
  constructor(private readonly dataSource: DataSource) {}

  /** How many rows the file will have (for the client's progress). */
  async count(scope: EvaluationScope, file: ExportFile): Promise<number> {
    const params = new SqlParameters();
    if (file === 'variants.csv') {
      const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${variantRows(scope, params)}) v`, params.values);
      return row.n;
    }
    if (file === 'variant-comments.csv') {
      const [row] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM variant_comments m JOIN variants v ON v.id = m.variant_id WHERE ${variantCommentsWhere(scope, params)}`,
        params.values,
      );
      return row.n;
    }
    const rows = evaluationRows(scope, params);
    const what = file === 'comments.csv' ? 'cm' : file === 'contributions.geojson' ? 'f WHERE geom IS NOT NULL' : 'f';
    const [row] = await this.dataSource.query(`WITH ${rows} SELECT count(*)::int AS n FROM ${what}`, params.values);
    return row.n;
  }

  /** The variants, one row each: there are few, so one read. */
  private async *variants(scope: EvaluationScope): AsyncGenerator<Batch> {
    const params = new SqlParameters();
    const rows: { row: Record<string, unknown> }[] = await this.dataSource.query(
      `SELECT ${columnsJson(VARIANT_COLUMNS, 'NULL')} AS row FROM (${variantRows(scope, params)}) v ORDER BY ${VARIANT_ORDER}`,
      params.values,
    );
    yield { rows: rows.map(({ row }) => ({ row, geometry: null })) };
  }

  /** Comments on the variants, in keyset batches like the contributions' comments. */
  private async *variantComments(scope: EvaluationScope): AsyncGenerator<Batch> {
    let after: [string, string] | null = null;
    for (;;) {
      const params = new SqlParameters();
      const where = variantCommentsWhere(scope, params);
      const keyset = after ? `AND (m.created_at, m.id) > (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::uuid)` : '';
      const result: { row: Record<string, unknown>; after_time: string; after_id: string }[] = await this.dataSource.query(
        `SELECT ${columnsJson(VARIANT_COMMENT_COLUMNS, 'NULL')} AS row,
                to_char(m.created_at AT TIME ZONE 'UTC', ${MICROSECOND_UTC}) AS after_time, m.id AS after_id
         FROM variant_comments m JOIN variants v ON v.id = m.variant_id
         WHERE ${where} ${keyset}
         ORDER BY m.created_at, m.id
         LIMIT ${EXPORT_BATCH}`,
        params.values,
      );
      if (result.length === 0) return;
      yield { rows: result.map(({ row }) => ({ row, geometry: null })) };
      if (result.length < EXPORT_BATCH) return;
      const last = result[result.length - 1];
      after = [last.after_time, last.after_id];
    }
  }

  private async *batches(scope: EvaluationScope, kind: 'contributions' | 'comments', base: string, located = false): AsyncGenerator<Batch> {
    let after: [string, string] | null = null;
    for (;;) {
      const params = new SqlParameters();
      const rows = evaluationRows(scope, params, true);
      const prefix = kind === 'contributions' ? params.add(base) : '';
      const keyset = (alias: string) =>
        after ? `AND (${alias}.created_at, ${alias}.id) > (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::uuid)` : '';
      const sql =
        kind === 'contributions'
          ? `WITH ${rows}
             SELECT ${columnsJson(CONTRIBUTION_COLUMNS, `${prefix}::text`)} AS row, ${located ? 'ST_AsGeoJSON(c.geom, 7)' : 'NULL'} AS geometry,
                    to_char(c.created_at AT TIME ZONE 'UTC', ${MICROSECOND_UTC}) AS after_time, c.id AS after_id
             FROM f c
             JOIN contributions x ON x.id = c.id
             JOIN categories k ON k.id = c.category_id
             JOIN rubrics r ON r.id = c.rubric_id
             LEFT JOIN LATERAL (SELECT ST_PointOnSurface(c.geom) AS pt) g ON true
             LEFT JOIN LATERAL (
               SELECT o.body, o.created_at FROM comments o
               WHERE o.contribution_id = c.id AND o.official AND o.status = 'published'
               ORDER BY o.created_at DESC LIMIT 1) ans ON true
             WHERE true ${located ? 'AND c.geom IS NOT NULL' : ''} ${keyset('c')}
             ORDER BY c.created_at, c.id
             LIMIT ${EXPORT_BATCH}`
          : `WITH ${rows}
             SELECT ${columnsJson(COMMENT_COLUMNS, 'NULL')} AS row, NULL AS geometry,
                    to_char(m.created_at AT TIME ZONE 'UTC', ${MICROSECOND_UTC}) AS after_time, m.id AS after_id
             FROM comments m JOIN f ON f.id = m.contribution_id
             WHERE true ${keyset('m')}
             ORDER BY m.created_at, m.id
             LIMIT ${EXPORT_BATCH}`;
      const result: { row: Record<string, unknown>; geometry: string | null; after_time: string; after_id: string }[] =
        await this.dataSource.query(sql, params.values);
      if (result.length === 0) return;
      yield { rows: result };
      if (result.length < EXPORT_BATCH) return;
      const last = result[result.length - 1];
      after = [last.after_time, last.after_id];
    }
  }

  async write(scope: EvaluationScope, file: ExportFile, base: string, out: Writable): Promise<void> {
    if (file === 'contributions.xlsx') return this.xlsx(scope, base, out);
    if (file === 'contributions.geojson') return this.geojson(scope, base, out);
    if (file === 'variants.csv') return this.csv(VARIANT_COLUMNS, this.variants(scope), out);
    if (file === 'variant-comments.csv') return this.csv(VARIANT_COMMENT_COLUMNS, this.variantComments(scope), out);
    const kind = file === 'comments.csv' ? 'comments' : 'contributions';
    return this.csv(kind === 'comments' ? COMMENT_COLUMNS : CONTRIBUTION_COLUMNS, this.batches(scope, kind, base), out);
  }

  /** CSV for German Excel: `;`, UTF-8 with BOM, CRLF, decimal commas, formulas escaped. */
  private async csv(columns: ExportColumn[], batches: AsyncGenerator<Batch>, out: Writable): Promise<void> {
    const csv = stringify({
      delimiter: ';',
      bom: true,
      record_delimiter: '\r\n',
      header: true,
      columns: columns.map((c) => c.key),
      escape_formulas: true,
      cast: { number: (n) => String(n).replace('.', ','), boolean: (b) => (b ? 'true' : 'false') },
    });
    csv.pipe(out);
    for await (const batch of batches) {
      for (const { row } of batch.rows) {
        if (!csv.write(row)) await drained(csv);
      }
      await drained(out);
    }
    csv.end();
    await once(csv, 'end');
  }

  /** Four sheets, written one after the other: contributions, their comments, variants, comments on variants. */
  private async xlsx(scope: EvaluationScope, base: string, out: Writable): Promise<void> {
    const book = new SpreadsheetWriter(out);
    await this.sheet(book, 'Beiträge', CONTRIBUTION_COLUMNS, this.batches(scope, 'contributions', base), out);
    await this.sheet(book, 'Kommentare', COMMENT_COLUMNS, this.batches(scope, 'comments', base), out);
    await this.sheet(book, 'Varianten', VARIANT_COLUMNS, this.variants(scope), out);
    await this.sheet(book, 'Variantenkommentare', VARIANT_COMMENT_COLUMNS, this.variantComments(scope), out);
    await book.finish();
  }

  private async sheet(book: SpreadsheetWriter, name: string, columns: ExportColumn[], batches: AsyncGenerator<Batch>, out: Writable): Promise<void> {
    const sheet = book.sheet(name, columns);
    for await (const batch of batches) {
      for (const { row } of batch.rows) sheet.add(row);
      await drained(out);
    }
    sheet.done();
  }

  /** RFC 7946: a FeatureCollection in WGS 84 lon/lat, one Feature per contribution with a location. */
  private async geojson(scope: EvaluationScope, base: string, out: Writable): Promise<void> {
    out.write('{"type":"FeatureCollection","features":[');
    let first = true;
    for await (const batch of this.batches(scope, 'contributions', base, true)) {
      let chunk = '';
      for (const { row, geometry } of batch.rows) {
        chunk += `${first ? '' : ','}{"type":"Feature","id":${JSON.stringify(row['id'])},"geometry":${geometry},"properties":${JSON.stringify(row)}}`;
        first = false;
      }
      out.write(chunk);
      await drained(out);
    }
    out.write(']}');
  }
}
