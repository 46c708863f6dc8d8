import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/** A fresh, empty database per test file: a new data dir, or a new database on the server. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (!SERVER_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'stadtdialog-api-e2e-'));
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
