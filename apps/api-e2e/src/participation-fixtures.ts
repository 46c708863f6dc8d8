import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@stadtdialog/api/config';
import { openDatabase } from '@stadtdialog/api/db';
import { ContributionStatus, ProcedureSettings } from '@stadtdialog/shared/contract';
import { RunningApi } from './server';

const quiet = { info: () => undefined, warn: () => undefined };

/**
 * The API's environment in these tests: no demo, and no write rate limits, which would otherwise
 * refuse the many writes one test address makes within a minute.
 */
export function apiEnv(env: Record<string, string>): Record<string, string> {
  return { ...env, SEED_DEMO: 'false', RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '0' };
}

/**
 * Opens the test database directly, while no API runs on it (the embedded engine lets one process
 * at a time use its data directory), runs `work`, and closes it again.
 */
export async function withDatabase<T>(env: Record<string, string>, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const opened = await openDatabase(loadConfig({ ...env, SEED_DEMO: 'false' }), quiet);
  try {
    return await work(opened.dataSource);
  } finally {
    await opened.dataSource.destroy();
    await opened.database.stop();
  }
}

export interface SeededProcedure {
  id: string;
  slug: string;
  categoryId: string;
  rubricId: string;
}

const AREA = 'MULTIPOLYGON(((9.9 53.5, 10 53.5, 10 53.6, 9.9 53.6, 9.9 53.5)))';

/** A procedure with one category and rubric; its participation phase runs now unless `closed`. */
export async function seedProcedure(
  ds: DataSource,
  slug: string,
  options: { settings?: Partial<ProcedureSettings>; internal?: boolean; closed?: boolean } = {},
): Promise<SeededProcedure> {
  const [{ id }] = await ds.query(
    `INSERT INTO procedures (slug, title, planning_area, settings, internal)
     VALUES ($1, $1, ST_GeomFromText($2, 4326), $3, $4) RETURNING id`,
    [slug, AREA, JSON.stringify(options.settings ?? {}), options.internal ?? false],
  );
  const [from, to] = options.closed ? ['-30 days', '-1 day'] : ['-7 days', '21 days'];
  await ds.query(
    `INSERT INTO phases (procedure_id, kind, starts_at, ends_at)
     VALUES ($1, 'participation', now() + $2::interval, now() + $3::interval)`,
    [id, from, to],
  );
  const [{ id: categoryId }] = await ds.query(
    `INSERT INTO categories (procedure_id, name, colour) VALUES ($1, 'Grün', '#2e7d32') RETURNING id`, [id],
  );
  const [{ id: rubricId }] = await ds.query(
    `INSERT INTO rubrics (procedure_id, kind, name) VALUES ($1, 'idea', 'Idee') RETURNING id`, [id],
  );
  return { id, slug, categoryId, rubricId };
}

export async function seedParticipant(ds: DataSource): Promise<string> {
  const [{ id }] = await ds.query(`INSERT INTO participants (token_hash) VALUES ($1) RETURNING id`, [randomBytes(32)]);
  return id;
}

export async function seedContribution(
  ds: DataSource,
  procedure: SeededProcedure,
  title: string,
  status: ContributionStatus = 'published',
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body, geom, status)
     VALUES ($1, $2, $3, $4, $4, ST_SetSRID(ST_MakePoint(9.95, 53.55), 4326), $5) RETURNING id`,
    [procedure.id, procedure.categoryId, procedure.rubricId, title, status],
  );
  return id;
}

/** A comment written `minutesAgo`, so the order of a thread is known. */
export async function seedComment(
  ds: DataSource,
  contributionId: string,
  text: string,
  options: { status?: ContributionStatus; parentId?: string; minutesAgo: number },
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO comments (contribution_id, parent_id, body, status, created_at)
     VALUES ($1, $2, $3, $4, now() - $5 * interval '1 minute') RETURNING id`,
    [contributionId, options.parentId ?? null, text, options.status ?? 'published', options.minutesAgo],
  );
  return id;
}

/** Rows of every table a participation write touches. */
export async function rowCounts(ds: DataSource): Promise<Record<string, number>> {
  const [row] = await ds.query(`
    SELECT (SELECT count(*) FROM participants)::int AS participants,
           (SELECT count(*) FROM contributions)::int AS contributions,
           (SELECT count(*) FROM comments)::int AS comments,
           (SELECT count(*) FROM ratings)::int AS ratings,
           (SELECT count(*) FROM reports)::int AS reports,
           (SELECT count(*) FROM idempotency_keys)::int AS idempotency_keys,
           (SELECT coalesce(sum(ratings_up + ratings_down + comment_count), 0) FROM contributions)::int AS counters,
           (SELECT count(*) FROM contributions WHERE flagged_at IS NOT NULL)::int
             + (SELECT count(*) FROM comments WHERE flagged_at IS NOT NULL)::int AS flagged`);
  return row;
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Any request to the API with a JSON body (or none), answered with JSON or problem+json. */
export async function send<T = unknown>(
  api: RunningApi,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const response = await fetch(api.baseUrl + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}
