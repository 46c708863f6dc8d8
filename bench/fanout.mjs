#!/usr/bin/env node
/**
 * Live-event fan-out bench (no assertions; it prints numbers). On PostgreSQL:
 *   1. FANOUT_CLIENTS_ONE (default 2,000) event-stream clients on one API instance,
 *   2. FANOUT_CLIENTS (default 10,000) clients over two instances behind HAProxy (deploy/haproxy.cfg),
 * each time FANOUT_POSTS (20) contributions are posted, one every FANOUT_INTERVAL ms (500), and it
 * prints the delay from the POST's answer to each client's receipt (p50/p95/max), events lost, and
 * the API's resident memory per connection.
 *
 * Needs `npx nx build api` and haproxy. Every process here is bounded by the file limit (`ulimit -n`,
 * read from /proc/self/limits): a client process holds one socket per client, an API instance one per
 * stream, and HAProxy two per client. So the clients are spread over child processes (at most
 * FANOUT_PER_PROCESS, default 4,000 each, at least FANOUT_CLIENT_PROCESSES, default 2), and over as
 * many HAProxy processes (each with deploy/haproxy.cfg, each balancing over both instances) as the
 * limit needs: one HAProxy holds (limit − 1,000) / 2 clients. Raise the limit first where you can
 * (`ulimit -n 65536`; root may raise the hard limit, a container may forbid it). Round 3 puts the
 * clients on the two instances directly, without HAProxy, to tell its share of the delay.
 * FANOUT_API_NODE_ARGS: options for the API processes' node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 * BENCH_DATABASE_URL: the server (default postgres://postgres@127.0.0.1:5432/postgres); a database
 * stadtdialog_fanout is created and dropped.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';

const ROOT = resolve(import.meta.dirname, '..');
const SERVER = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ONE = Number(process.env.FANOUT_CLIENTS_ONE || 2000);
const TWO = Number(process.env.FANOUT_CLIENTS || 10_000);
const POSTS = Number(process.env.FANOUT_POSTS || 20);
const INTERVAL = Number(process.env.FANOUT_INTERVAL || 500);
const MIN_PROCESSES = Number(process.env.FANOUT_CLIENT_PROCESSES || 2);
const PER_PROCESS = Number(process.env.FANOUT_PER_PROCESS || 4000);
/** a client's connection must have its answer's headers within this (then it counts as refused) */
const CONNECT_TIMEOUT_MS = 60_000;
const LB_PORT = 3980;
const PORTS = [3981, 3982];
const SLUG = 'fanout';
const NAME = 'stadtdialog_fanout';
const DB_URL = Object.assign(new URL(SERVER), { pathname: `/${NAME}` }).toString();
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- client process: holds connections, reports receipt times ------------------------------------
if (process.argv[2] === 'clients') {
  const [ports, count] = [process.argv[3].split(',').map(Number), Number(process.argv[4])];
  const receipts = new Map();
  const sockets = [];
  let connected = 0;
  let failed = 0;
  // A bare socket per client, not node:http: thousands of streams on the same two cores as the API and
  // HAProxy, so a client costs as little as it can (the HTTP parser, the stream and the text decoding
  // of http.get are left out). It reads the status line, then
  // scans the bytes that arrive for finished events; the chunk framing between them is skipped over.
  const BLOCK_END = Buffer.from('\n\n');
  const CONTRIBUTION_EVENT = Buffer.from('event: contribution\n');
  const CONTRIBUTION_ID = Buffer.from('"contribution":{"id":"');
  const QUOTE = 0x22;
  const FRAMING = new Set(Buffer.from('0123456789abcdefABCDEF\r\n'));
  const connect = (i) =>
    new Promise((done) => {
      let settled = false;
      let head = true;
      let buffer = '';
      let carry = null;
      const socket = net.connect({ host: '127.0.0.1', port: ports[i % ports.length] });
      sockets.push(socket);
      const settle = (ok) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (ok) connected++;
        else failed++;
        done();
      };
      const timer = setTimeout(() => {
        settle(false);
        socket.destroy();
      }, CONNECT_TIMEOUT_MS);
      socket.on('connect', () =>
        socket.write(`GET /api/v1/procedures/${SLUG}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`),
      );
      socket.on('data', (chunk) => {
        if (head) {
          buffer += chunk.toString('latin1');
          const end = buffer.indexOf('\r\n\r\n');
          if (end < 0) return;
          if (!buffer.startsWith('HTTP/1.1 200')) {
            settle(false);
            socket.destroy();
            return;
          }
          head = false;
          chunk = Buffer.from(buffer.slice(end + 4), 'latin1');
          buffer = '';
          settle(true);
        }
        // An event is a few hundred bytes and comes in one read; the rare one split over two reads is
        // put together from the part kept.
        let data = chunk;
        if (carry) {
          data = Buffer.concat([carry, chunk]);
          carry = null;
        }
        let from = 0;
        for (;;) {
          const end = data.indexOf(BLOCK_END, from);
          if (end < 0) break;
          const start = data.indexOf(CONTRIBUTION_EVENT, from);
          if (start >= 0 && start < end) {
            const at = now();
            const idAt = data.indexOf(CONTRIBUTION_ID, start);
            if (idAt >= 0 && idAt < end) {
              const id = data.latin1Slice(idAt + CONTRIBUTION_ID.length, data.indexOf(QUOTE, idAt + CONTRIBUTION_ID.length));
              let list = receipts.get(id);
              if (!list) receipts.set(id, (list = []));
              list.push(at);
            }
          }
          from = end + BLOCK_END.length;
        }
        // what is left after the last whole event: the next chunk's framing (hex length, CRLF), or the start of an event
        for (let i = from; i < data.length; i++) {
          if (!FRAMING.has(data[i])) {
            carry = data.subarray(from);
            break;
          }
        }
      });
      socket.on('error', () => settle(false));
      socket.on('close', () => settle(false));
    });
  (async () => {
    for (let i = 0; i < count; i += 200) await Promise.all(Array.from({ length: Math.min(200, count - i) }, (_, j) => connect(i + j)));
    process.send({ type: 'connected', connected, failed });
  })();
  process.on('message', (message) => {
    if (message.type === 'report') {
      for (const socket of sockets) socket.destroy();
      // Thousands of clients' receipts are megabytes: exit only once they have gone through the pipe
      // (exiting on a timer lost them on a busy machine, and the bench waited for ever).
      process.send({ type: 'report', receipts: Object.fromEntries(receipts) }, () => process.exit(0));
    }
  });
} else {
  await main();
}

async function main() {
  const require = createRequire(join(ROOT, 'package.json'));
  const { Client } = require('pg');
  const sql = async (url, text, params) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  };
  const children = [];
  const startApi = async (port) => {
    const nodeArgs = (process.env.FANOUT_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps/api/main.js')], {
      cwd: ROOT, stdio: 'ignore',
      env: {
        ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: DB_URL, SEED_DEMO: 'false', LOG_LEVEL: 'warn',
        RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '0', LIVE_MAX_CONNECTIONS: String(TWO + 1000),
      },
    });
    children.push(child);
    for (let i = 0; i < 1200; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.json()).then((h) => h.status === 'ok').catch(() => false);
      if (ok) return child;
      await sleep(100);
    }
    throw new Error(`the API on ${port} did not start`);
  };
  // CPU time (user + system, seconds) of processes, from /proc: where the machine's time went while posting.
  const TICK = 100;
  const cpuOf = (pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / TICK;
    } catch {
      return 0;
    }
  };
  const postgresPids = () =>
    readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
  const machineCpu = () => {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    return { busy: (ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) / TICK, all: ticks.reduce((a, b) => a + b, 0) / TICK };
  };
  const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  const dir = mkdtempSync(join(tmpdir(), 'stadtdialog-fanout-'));

  /** `ports`: where the clients connect, in turn (the balancers, or the instances directly); writes go to the first. */
  const round = async (label, ports, clients, apis, procedure, balancers = []) => {
    const port = ports[0];
    const before = apis.reduce((s, c) => s + rss(c.pid), 0);
    const processes = Math.max(MIN_PROCESSES, Math.ceil(clients / PER_PROCESS));
    const workers = Array.from({ length: processes }, (_, i) => {
      const share = Math.floor(clients / processes) + (i < clients % processes ? 1 : 0);
      return { child: fork(import.meta.filename, ['clients', ports.join(','), String(share)]), share };
    });
    const t = Date.now();
    console.error(`fan-out: ${label}: connecting ${clients} clients from ${processes} processes to ${ports.join(', ')}`);
    const connected = await Promise.all(
      workers.map((w) => new Promise((r, reject) => {
        w.child.once('message', r);
        w.child.once('exit', (code) => reject(new Error(`a client process ended with ${code} before it connected`)));
      })),
    );
    console.error(`fan-out: ${label}: connected in ${((Date.now() - t) / 1000).toFixed(1)} s; posting`);
    const open = connected.reduce((s, m) => s + m.connected, 0);
    const refused = connected.reduce((s, m) => s + m.failed, 0);
    const connectSeconds = (Date.now() - t) / 1000;
    await sleep(1000);
    const after = apis.reduce((s, c) => s + rss(c.pid), 0);
    const roles = {
      API: () => apis.map((c) => c.pid),
      HAProxy: () => balancers.map((c) => c.pid),
      clients: () => workers.map((w) => w.child.pid),
      PostgreSQL: postgresPids,
    };
    const cpu = () => Object.fromEntries(Object.entries(roles).map(([role, pids]) => [role, pids().reduce((s, pid) => s + cpuOf(pid), 0)]));
    const cpuBefore = cpu();
    const machineBefore = machineCpu();
    const posted = new Map();
    for (let i = 0; i < POSTS; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/procedures/${SLUG}/contributions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({
          title: `Fan-out ${i}`, text: 'Bench', categoryId: procedure.categoryId, rubricId: procedure.rubricId,
          geometry: { type: 'Point', coordinates: [9.95, 53.55] },
        }),
      });
      const answer = await response.json();
      if (response.status !== 201) console.error(`fan-out: post ${i} answered ${response.status}: ${JSON.stringify(answer).slice(0, 200)}`);
      posted.set(answer.id, now());
      await sleep(INTERVAL);
    }
    await sleep(3000);
    const cpuAfter = cpu();
    const machineAfter = machineCpu();
    console.error(`fan-out: ${label}: posted; collecting the receipts`);
    for (const w of workers) if (w.child.exitCode !== null) console.error(`fan-out: a client process had ended (${w.child.exitCode}, ${w.child.signalCode})`);
    const reports = await Promise.all(
      workers.map((w) => new Promise((r) => {
        w.child.once('message', (m) => r(m.receipts));
        w.child.send({ type: 'report' });
      })),
    );
    const delays = [];
    let received = 0;
    for (const receipts of reports) {
      for (const [id, times] of Object.entries(receipts)) {
        const sent = posted.get(id);
        if (sent === undefined) continue;
        received += times.length;
        for (const at of times) delays.push(at - sent);
      }
    }
    delays.sort((a, b) => a - b);
    const q = (p) => (delays.length ? delays[Math.min(delays.length - 1, Math.floor(p * delays.length))].toFixed(1) : '-');
    console.log(
      `${label.padEnd(34)} clients ${String(open).padStart(6)} (refused ${refused}, connect ${connectSeconds.toFixed(1)} s)` +
        `  delay POST→receipt p50 ${q(0.5)} ms  p95 ${q(0.95)} ms  max ${delays.length ? delays.at(-1).toFixed(1) : '-'} ms` +
        `  events lost ${open * POSTS - received}/${open * POSTS}` +
        `  RSS per connection ${open ? ((after - before) / open / 1024).toFixed(1) : '-'} KiB (API RSS ${(after / 1048576).toFixed(0)} MiB)`,
    );
    const wall = machineAfter.all - machineBefore.all;
    console.log(
      `${''.padEnd(34)} CPU while posting (s per event): ` +
        Object.keys(roles).filter((role) => roles[role]().length).map((role) => `${role} ${((cpuAfter[role] - cpuBefore[role]) / POSTS).toFixed(3)}`).join(', ') +
        `; machine busy ${wall ? ((100 * (machineAfter.busy - machineBefore.busy)) / wall).toFixed(0) : '-'} %`,
    );
    await Promise.all(workers.map((w) => new Promise((r) => (w.child.exitCode !== null ? r() : w.child.once('exit', r)))));
  };

  try {
    await sql(SERVER, `DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await sql(SERVER, `CREATE DATABASE ${NAME}`);
    await sql(DB_URL, 'CREATE EXTENSION postgis');
    const first = await startApi(PORTS[0]);
    const [procedure] = await sql(DB_URL, `
      WITH p AS (INSERT INTO procedures (slug, title, planning_area) VALUES ($1, 'Fan-out',
                 ST_GeomFromText('MULTIPOLYGON(((9.9 53.5, 10 53.5, 10 53.6, 9.9 53.6, 9.9 53.5)))', 4326)) RETURNING id),
           ph AS (INSERT INTO phases (procedure_id, kind, starts_at, ends_at) SELECT id, 'participation', now() - interval '1 day', now() + interval '7 days' FROM p),
           c AS (INSERT INTO categories (procedure_id, name, colour) SELECT id, 'Grün', '#2e7d32' FROM p RETURNING id),
           r AS (INSERT INTO rubrics (procedure_id, kind, name) SELECT id, 'idea', 'Idee' FROM p RETURNING id)
      SELECT (SELECT id FROM c) AS "categoryId", (SELECT id FROM r) AS "rubricId"`, [SLUG]);
    const limit = Number(/Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? 1024);
    const perBalancer = Math.floor((limit - 1000) / 2);
    const balancers = Math.max(1, Math.ceil(TWO / perBalancer));
    console.log(
      `fan-out bench: ${POSTS} contributions, one every ${INTERVAL} ms; file limit ${limit} per process ` +
        `(HAProxy: ${perBalancer} clients each, so ${balancers} HAProxy process${balancers > 1 ? 'es' : ''} for ${TWO}); ` +
        `clients in processes of at most ${PER_PROCESS}`,
    );
    await round('one instance, direct', [PORTS[0]], ONE, [first], procedure);
    const second = await startApi(PORTS[1]);
    const lbPorts = [];
    const balancerProcesses = [];
    for (let b = 0; b < balancers; b++) {
      let servers = 0;
      const share = Math.ceil(TWO / balancers);
      const config = readFileSync(join(ROOT, 'deploy/haproxy.cfg'), 'utf8')
        .replace(/^(\s*)bind :\d+/m, `$1bind 127.0.0.1:${LB_PORT + 10 * b}`)
        .replace(/^(\s*maxconn) \d+/m, `$1 ${share + 500}`)
        .replace(/^(\s*server \S+) \S+/gm, (_, head) => `${head} 127.0.0.1:${PORTS[servers++]}`);
      writeFileSync(join(dir, `haproxy-${b}.cfg`), config);
      const balancer = spawn('haproxy', ['-db', '-f', join(dir, `haproxy-${b}.cfg`)], { stdio: 'ignore' });
      children.push(balancer);
      balancerProcesses.push(balancer);
      lbPorts.push(LB_PORT + 10 * b);
    }
    await sleep(1000);
    await round(`two instances behind ${balancers} HAProxy`, lbPorts, TWO, [first, second], procedure, balancerProcesses);
    await round('two instances, direct', PORTS, TWO, [first, second], procedure);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(1500);
    await sql(SERVER, `DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
