#!/usr/bin/env node
/**
 * Fault test on PostgreSQL (run by .ci/run after the API tests; needs `npx nx build api`, haproxy and
 * a local PostgreSQL cluster managed by pg_ctlcluster): two API instances behind HAProxy
 * (deploy/haproxy.cfg with local addresses), a bounded writer that retries on the same
 * Idempotency-Keys, and live-event clients that resume with Last-Event-ID. PostgreSQL is restarted
 * twice during the run (`-m fast`, then `-m immediate`). It then checks: no acknowledged write is
 * missing, none is duplicated, no API process exited, every client received every acknowledged
 * contribution, and both instances reported healthy within 5 s of each restart.
 *
 * RESTARTS THE SHARED POSTGRESQL CLUSTER: every other user of it sees its connections dropped.
 *
 * Environment: FAULT_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432/postgres),
 * FAULT_PG_CLUSTER (e.g. "15 main"; default: the newest in /etc/postgresql), FAULT_WRITES_PER_SECOND
 * (100, at most FAULT_CONCURRENCY = 16 in flight), FAULT_SECONDS (24), FAULT_CLIENTS (20), FAULT_PORT (3990: HAProxy; the instances use the
 * next two ports).
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));
const { Client } = require('pg');

const SERVER = process.env.FAULT_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CLUSTER = (process.env.FAULT_PG_CLUSTER || `${readdirSync('/etc/postgresql').sort().at(-1)} main`).split(' ');
const RATE = Number(process.env.FAULT_WRITES_PER_SECOND || 100);
const SECONDS = Number(process.env.FAULT_SECONDS || 24);
const CLIENTS = Number(process.env.FAULT_CLIENTS || 20);
/** writes in flight at most: a slower API lowers the rate instead of piling up requests */
const CONCURRENCY = Number(process.env.FAULT_CONCURRENCY || 16);
const LB_PORT = Number(process.env.FAULT_PORT || 3990);
const PORTS = [LB_PORT + 1, LB_PORT + 2];
const HEALTHY_WITHIN_MS = 5000;
const SLUG = 'fault-test';
const NAME = `stadtdialog_fault_${process.pid}`;
const DB_URL = Object.assign(new URL(SERVER), { pathname: `/${NAME}` }).toString();

const started = Date.now();
const log = (message) => console.log(`[fault ${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = [];
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures.push(message);
};

async function sql(url, text, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

function start(name, command, args, env = {}) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { name, child, output: '', exited: null };
  child.stdout.on('data', (c) => (entry.output += c));
  child.stderr.on('data', (c) => (entry.output += c));
  child.on('exit', (code, signal) => (entry.exited = { code, signal }));
  children.push(entry);
  return entry;
}

async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const health = (port) =>
  fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.json());

function startApi(port) {
  const entry = start(`api:${port}`, process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
    PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: DB_URL, SEED_DEMO: 'false', LOG_LEVEL: 'warn',
    RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '0', TRUST_PROXY: 'loopback',
  });
  return waitFor(async () => (await health(port)).status === 'ok', 120_000, `the API on ${port}`).then(() => entry);
}

/** deploy/haproxy.cfg as shipped, with this machine's ports instead of the compose services and a smaller maxconn. */
function haproxyConfig() {
  let servers = 0;
  const text = readFileSync(join(ROOT, 'deploy/haproxy.cfg'), 'utf8')
    .replace(/^(\s*)bind :\d+/m, `$1bind 127.0.0.1:${LB_PORT}`)
    // HAProxy needs two descriptors per connection; a shell's usual file limit cannot hold 20,000
    .replace(/^(\s*maxconn) \d+/m, '$1 2000')
    .replace(/^(\s*server \S+) \S+/gm, (_, head) => `${head} 127.0.0.1:${PORTS[servers++]}`);
  if (servers !== PORTS.length) throw new Error(`deploy/haproxy.cfg has ${servers} servers, expected ${PORTS.length}`);
  return text;
}

/** A live-event client that reconnects with Last-Event-ID, as browsers do. */
function liveClient(index) {
  const state = { index, ids: new Set(), lastEventId: null, reconnects: 0, stop: false, controller: null };
  const run = async () => {
    while (!state.stop) {
      state.controller = new AbortController();
      try {
        const headers = state.lastEventId ? { 'Last-Event-ID': state.lastEventId } : {};
        const response = await fetch(`http://127.0.0.1:${LB_PORT}/api/v1/procedures/${SLUG}/events`, {
          headers, signal: state.controller.signal,
        });
        if (response.status !== 200) throw new Error(`status ${response.status}`);
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = {};
            for (const line of block.split('\n')) {
              const colon = line.indexOf(':');
              if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
            }
            if (fields.id) state.lastEventId = fields.id;
            if (fields.event === 'contribution') state.ids.add(JSON.parse(fields.data).contribution.id);
          }
        }
      } catch {
        // dropped or refused: reconnect below
      }
      if (!state.stop) {
        state.reconnects++;
        await sleep(500);
      }
    }
  };
  state.done = run();
  return state;
}

/** Writes at RATE per second for SECONDS; every write is retried on the same key until acknowledged. */
async function writer(procedure) {
  const acknowledged = new Map();
  const stats = { attempts: 0, unavailable: 0, networkErrors: 0, serverErrors: 0, otherErrors: 0, replays: 0 };
  const write = async (n) => {
    const key = randomUUID();
    const body = {
      title: `Störung ${n}`, text: `Schreibtest ${n} während Neustarts`, categoryId: procedure.categoryId, rubricId: procedure.rubricId,
      geometry: { type: 'Point', coordinates: [9.95 + (n % 100) / 10_000, 53.55] },
    };
    const giveUp = Date.now() + SECONDS * 1000 + 60_000;
    while (Date.now() < giveUp) {
      stats.attempts++;
      try {
        const response = await fetch(`http://127.0.0.1:${LB_PORT}/api/v1/procedures/${SLUG}/contributions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const answer = await response.json().catch(() => null);
        if (response.status === 201 || response.status === 200) {
          if (response.headers.get('idempotent-replayed') === 'true') stats.replays++;
          acknowledged.set(key, { id: answer.id, title: body.title });
          return;
        }
        if (response.status === 503) stats.unavailable++;
        else if (response.status === 408 || response.status === 502 || response.status === 504) stats.networkErrors++;
        else if (response.status >= 500) stats.serverErrors++;
        else {
          stats.otherErrors++;
          log(`write ${n}: ${response.status} ${JSON.stringify(answer)}`);
        }
        await sleep(Number(response.headers.get('retry-after') || 1) * 100);
      } catch {
        stats.networkErrors++;
        await sleep(200);
      }
    }
  };
  const total = Math.round(RATE * SECONDS);
  const begin = Date.now();
  let next = 0;
  const lane = async () => {
    while (next < total) {
      const n = next++;
      const due = begin + (n * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
      await write(n);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return { acknowledged, stats, total, seconds: (Date.now() - begin) / 1000 };
}

async function restart(mode) {
  const t = Date.now();
  await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', ...CLUSTER, 'restart', '-m', mode]);
  return { mode, restartedAt: Date.now(), pgCtlMs: Date.now() - t };
}

/** ms from `since` until both instances report ok; Infinity if not within 30 s */
async function healthyAfter(since) {
  try {
    await waitFor(async () => {
      const answers = await Promise.all(PORTS.map(health));
      return answers.every((h) => h.status === 'ok');
    }, 30_000, 'both instances healthy');
    return Date.now() - since;
  } catch {
    return Infinity;
  }
}

async function main() {
  const haproxyDir = mkdtempSync(join(tmpdir(), 'stadtdialog-fault-'));
  try {
    await sql(SERVER, `CREATE DATABASE ${NAME}`);
    await sql(DB_URL, 'CREATE EXTENSION postgis');
    log('starting the first instance (it migrates)');
    await startApi(PORTS[0]);
    const [procedure] = await sql(DB_URL, `
      WITH p AS (INSERT INTO procedures (slug, title, planning_area) VALUES ($1, 'Störungstest',
                 ST_GeomFromText('MULTIPOLYGON(((9.9 53.5, 10 53.5, 10 53.6, 9.9 53.6, 9.9 53.5)))', 4326)) RETURNING id),
           ph AS (INSERT INTO phases (procedure_id, kind, starts_at, ends_at) SELECT id, 'participation', now() - interval '1 day', now() + interval '7 days' FROM p),
           c AS (INSERT INTO categories (procedure_id, name, colour) SELECT id, 'Grün', '#2e7d32' FROM p RETURNING id),
           r AS (INSERT INTO rubrics (procedure_id, kind, name) SELECT id, 'idea', 'Idee' FROM p RETURNING id)
      SELECT (SELECT id FROM p) AS id, (SELECT id FROM c) AS "categoryId", (SELECT id FROM r) AS "rubricId"`, [SLUG]);
    log('starting the second instance and HAProxy');
    await startApi(PORTS[1]);
    const config = join(haproxyDir, 'haproxy.cfg');
    writeFileSync(config, haproxyConfig());
    start('haproxy', 'haproxy', ['-db', '-f', config]);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${LB_PORT}/api/health`)).ok, 10_000, 'HAProxy');

    const clients = Array.from({ length: CLIENTS }, (_, i) => liveClient(i));
    await sleep(1000);
    log(`writing ${RATE}/s for ${SECONDS} s with ${CLIENTS} live clients; PostgreSQL restarts at ${Math.round(SECONDS / 3)} s and ${Math.round((2 * SECONDS) / 3)} s`);
    const restarts = [];
    const faults = (async () => {
      const t0 = Date.now();
      for (const [at, mode] of [[SECONDS / 3, 'fast'], [(2 * SECONDS) / 3, 'immediate']]) {
        await sleep(Math.max(0, t0 + at * 1000 - Date.now()));
        const r = await restart(mode);
        r.healthyMs = await healthyAfter(r.restartedAt);
        log(`restart -m ${mode}: pg_ctlcluster ${r.pgCtlMs} ms, both instances healthy ${r.healthyMs} ms after it returned`);
        restarts.push(r);
      }
    })();
    const [written, faultError] = await Promise.all([writer(procedure), faults.then(() => null, (error) => error)]);
    if (faultError) failures.push(`restarting PostgreSQL failed: ${faultError.message}`);
    log(`writer: ${written.acknowledged.size}/${written.total} acknowledged in ${written.seconds.toFixed(1)} s; ${JSON.stringify(written.stats)}`);

    const ackedIds = [...written.acknowledged.values()].map((a) => a.id);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !clients.every((c) => ackedIds.every((id) => c.ids.has(id)))) await sleep(200);
    for (const c of clients) {
      c.stop = true;
      c.controller?.abort();
    }
    await Promise.all(clients.map((c) => c.done));

    const rows = await sql(DB_URL, `SELECT id, title FROM contributions WHERE procedure_id = $1`, [procedure.id]);
    const byTitle = new Map();
    for (const row of rows) byTitle.set(row.title, (byTitle.get(row.title) ?? 0) + 1);
    const present = new Set(rows.map((r) => r.id));
    const missing = ackedIds.filter((id) => !present.has(id));
    const duplicates = [...byTitle.values()].filter((n) => n > 1).length;
    const lost = clients.map((c) => ackedIds.filter((id) => !c.ids.has(id)).length);
    const exited = children.filter((c) => c.exited);

    console.log('\nfault test results');
    check(written.acknowledged.size === written.total, `every write acknowledged in the end: ${written.acknowledged.size}/${written.total}`);
    check(written.stats.serverErrors === 0, `answers 500 while the database was away (it should be 503): ${written.stats.serverErrors}`);
    check(missing.length === 0, `acknowledged writes missing from the database: ${missing.length}`);
    check(duplicates === 0, `duplicated writes: ${duplicates} (rows ${rows.length}, distinct writes ${byTitle.size})`);
    check(exited.length === 0, `processes that exited: ${exited.map((c) => `${c.name} ${JSON.stringify(c.exited)}`).join(', ') || 'none'}`);
    check(lost.every((n) => n === 0), `contributions a live client never received: max ${Math.max(...lost)} over ${CLIENTS} clients (reconnects: ${clients.reduce((s, c) => s + c.reconnects, 0)})`);
    check(restarts.length === 2, `restarts done: ${restarts.map((r) => r.mode).join(', ')}`);
    for (const r of restarts) {
      check(r.healthyMs <= HEALTHY_WITHIN_MS, `healthy again after -m ${r.mode}: ${r.healthyMs} ms (bound ${HEALTHY_WITHIN_MS} ms)`);
    }
  } finally {
    for (const c of children) if (!c.exited) c.child.kill('SIGTERM');
    await sleep(1000);
    for (const c of children) if (!c.exited) c.child.kill('SIGKILL');
    await sql(SERVER, `DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`).catch((e) => log(`drop failed: ${e.message}`));
    rmSync(haproxyDir, { recursive: true, force: true });
  }
  if (failures.length) {
    for (const c of children.filter((c) => c.name.startsWith('api'))) {
      const errors = c.output.split('\n').filter((l) => l.includes('"level":50')).slice(0, 3);
      console.log(`--- ${c.name}: first errors\n${errors.join('\n') || '(none)'}\n--- tail\n${c.output.slice(-1200)}`);
    }
    console.log(`\nfault test FAILED (${failures.length}) after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.exit(1);
  }
  console.log(`\nfault test passed after ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch(async (error) => {
  console.error(`fault test error: ${error.stack ?? error}`);
  for (const c of children) if (!c.exited) c.child.kill('SIGKILL');
  await sql(SERVER, `DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`).catch(() => undefined);
  process.exit(1);
});
