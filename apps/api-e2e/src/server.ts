import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const ROOT = resolve(__dirname, '../../..');
export const MAIN = join(ROOT, 'dist/apps/api/main.js');

/** The engine these tests run on: a server when DATABASE_URL is set, else embedded PGlite. */
export const SERVER_URL = process.env['DATABASE_URL'] || null;
export const ENGINE = SERVER_URL ? 'server' : 'embedded';

export interface TestDatabase {
  /** env for the API process: DATABASE_URL or DATA_DIR */
  env: Record<string, string>;
  /** a connection string the test itself can use (server engine only) */
  url: string | null;
  drop(): Promise<void>;
}

export interface FreshDatabaseOptions {
  /**
   * Start from nothing, so the API's first start runs every migration (the start-up and schema
   * tests). Otherwise the embedded engine starts from a copy of a data directory the migrations
   * built once for this run (see `templateDir`), which saves each test file the migrations' minute
   * on a busy machine; the server engine always starts from an empty database.
   */
  empty?: boolean;
}

/** A fresh database per test file: a new data dir, or a new database on the server. */
export async function freshDatabase(options: FreshDatabaseOptions = {}): Promise<TestDatabase> {
  if (!SERVER_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'stadtdialog-api-e2e-'));
    if (!options.empty) cpSync(await templateDir(), dir, { recursive: true });
    return { env: { DATA_DIR: dir }, url: null, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sd_e2e_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A data directory the built API migrated (no demo seed), made once per test run: global-setup.ts
 * names it in E2E_TEMPLATE_DIR; a file run on its own makes it on first use.
 */
async function templateDir(): Promise<string> {
  const named = process.env['E2E_TEMPLATE_DIR'];
  if (named && existsSync(join(named, 'pgdata'))) return named;
  const dir = named ?? join(tmpdir(), `stadtdialog-api-e2e-template-${process.pid}`);
  await buildTemplate(dir);
  process.env['E2E_TEMPLATE_DIR'] = dir;
  return dir;
}

/** Starts the built API on an empty data dir until it listens (migrations done), then stops it cleanly. */
export async function buildTemplate(dir: string): Promise<void> {
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  const api = await startApi({ DATA_DIR: building, SEED_DEMO: 'false' }, 300_000);
  const code = await api.stop();
  if (code !== 0) throw new Error(`the template API stopped with ${code}:\n${api.output()}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
}

export interface RunningApi {
  baseUrl: string;
  output(): string;
  stop(): Promise<number | null>;
}

export interface Exited {
  code: number | null;
  output: string;
  ms: number;
}

function launch(env: Record<string, string>): ChildProcess {
  const clean = { ...process.env };
  delete clean['DATABASE_URL'];
  delete clean['DATA_DIR'];
  return spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...clean, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts the built API as `npm start` runs it, on a free port, and waits until it listens. */
export function startApi(env: Record<string, string>, timeoutMs = 110_000): Promise<RunningApi> {
  const child = launch(env);
  let output = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`API did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Stadtdialog: (http:\/\/localhost:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveStart({
          baseUrl: match[1].replace('localhost', '127.0.0.1'),
          output: () => output,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code} before listening:\n${output}`));
    });
  });
}

/** Runs the API expecting it to stop by itself (a start-up failure). */
export function runApiUntilExit(env: Record<string, string>, timeoutMs = 60_000): Promise<Exited> {
  const started = Date.now();
  const child = launch(env);
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output, ms: Date.now() - started });
    });
  });
}

export async function getJson<T = unknown>(api: RunningApi, path: string): Promise<{ status: number; body: T; type: string }> {
  const response = await fetch(api.baseUrl + path);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as T };
}

export async function postJson<T = unknown>(
  api: RunningApi,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(api.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}
