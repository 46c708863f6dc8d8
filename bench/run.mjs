/*
 * npm run bench: the API against the database's own limit, side by side, on PostgreSQL/PostGIS.
 *
 *   DATABASE_URL          a PostgreSQL server with PostGIS (required); a fresh database is made on it
 *   BENCH_DATABASE        name of that database (default stadtdialog_bench), dropped at the end
 *   BENCH_CONTRIBUTIONS   contributions seeded over central Hamburg (default 100000)
 *   BENCH_DURATION        seconds per measurement (default 10)
 *   BENCH_CONNECTIONS     concurrent connections of each measurement (default 10)
 *
 * (a) GET the map layer of a ~1.5 km bbox through the API, (b) the identical SQL (captured from the
 * API process) through a bare node:http + pg server, (c) POST contributions through the API with
 * distinct Idempotency-Keys, (d) one INSERT per request through the bare server. Prints a table and
 * the ratios; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');
const SLUG = 'bench-hamburg';
const env = process.env;
const settings = {
  url: env.DATABASE_URL,
  database: env.BENCH_DATABASE || 'stadtdialog_bench',
  contributions: Number(env.BENCH_CONTRIBUTIONS || 100_000),
  duration: Number(env.BENCH_DURATION || 10),
  connections: Number(env.BENCH_CONNECTIONS || 10),
};
/** The API's pool on a server (libs/api/db database.ts): the direct path gets the same. */
const POOL_SIZE = 10;
/** ~1.5 km × 1.5 km around St. Pauli: Δlon = 1.5 km / (111.32 km · cos 53.55°), Δlat = 1.5 km / 111.13 km */
const CENTRE = [9.965, 53.555];
const BBOX = [CENTRE[0] - 0.01134, CENTRE[1] - 0.00675, CENTRE[0] + 0.01134, CENTRE[1] + 0.00675].map((n) => n.toFixed(5)).join(',');

if (!settings.url) {
  console.error('bench: DATABASE_URL must name a PostgreSQL server with PostGIS, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(2);
}
if (!/^[a-z_][a-z0-9_]*$/.test(settings.database)) {
  console.error('bench: BENCH_DATABASE must be a plain lower-case name');
  process.exit(2);
}
if (!existsSync(MAIN)) {
  console.error(`bench: ${MAIN} is missing; build it with npx nx build api (npm run bench does)`);
  process.exit(2);
}

const log = (message) => console.error(`bench: ${message}`);

function databaseUrl(name) {
  const url = new URL(settings.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: settings.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Spawns a process and resolves once a line of its output matches. */
function startProcess(args, childEnv, ready, timeoutMs = 120_000) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      if (output.length < 100_000) output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        // keep draining the pipes, as a terminal would
        resolveStart({ child, match, stop: () => stopProcess(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

function stopProcess(child) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

async function seed(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const {
      rows: [{ id }],
    } = await client.query(
      `INSERT INTO procedures (slug, title, summary, planning_area)
       VALUES ($1, 'Benchmark Hamburg', 'Viele Beiträge über Hamburg verteilt', ST_Multi(ST_MakeEnvelope(9.7, 53.39, 10.33, 53.74, 4326)))
       RETURNING id`,
      [SLUG],
    );
    await client.query(
      `INSERT INTO phases (procedure_id, kind, title, starts_at, ends_at)
       VALUES ($1, 'participation', 'Beteiligung', now() - interval '60 days', now() + interval '30 days')`,
      [id],
    );
    await client.query(
      `INSERT INTO categories (procedure_id, name, colour, position)
       SELECT $1, name, colour, n FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(name, colour, n)`,
      [id, ['Grün', 'Verkehr', 'Spiel', 'Wohnen', 'Klima'], ['#2e7d32', '#1565c0', '#ef6c00', '#6a1b9a', '#00838f']],
    );
    await client.query(
      `INSERT INTO rubrics (procedure_id, kind, name, position) VALUES ($1, 'idea', 'Idee', 1), ($1, 'criticism', 'Kritik', 2), ($1, 'question', 'Frage', 3)`,
      [id],
    );
    await client.query(`SELECT setseed(0.42)`);
    // Central Hamburg, 0.26° × 0.118° (about 17 km × 13 km): ~1000 of 100,000 fall in the 1.5 km bbox.
    // Mostly points, some short lines and small polygons, created over the last 60 days.
    await client.query(
      `INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body, geom, status, source, created_at, updated_at)
       SELECT $1, k.ids[1 + i % 5], r.ids[1 + i % 3], 'Beitrag ' || i,
              'Hinweis Nummer ' || i || ': mehr Bäume, sichere Radwege und Bänke am Wasser wären schön.',
              CASE WHEN i % 10 < 8 THEN ST_SetSRID(ST_MakePoint(x, y), 4326)
                   WHEN i % 10 = 8 THEN ST_SetSRID(ST_MakeLine(ST_MakePoint(x, y), ST_MakePoint(x + 0.0008, y + 0.0004)), 4326)
                   ELSE ST_MakeEnvelope(x, y, x + 0.0006, y + 0.0004, 4326) END,
              'published', 'online', t, t
       FROM (SELECT i, 9.86 + random() * 0.26 AS x, 53.50 + random() * 0.118 AS y, now() - random() * interval '60 days' AS t
             FROM generate_series(1, $2::int) AS i) AS s,
            (SELECT array_agg(id ORDER BY position) AS ids FROM categories WHERE procedure_id = $1) AS k,
            (SELECT array_agg(id ORDER BY position) AS ids FROM rubrics WHERE procedure_id = $1) AS r`,
      [id, settings.contributions],
    );
    await client.query('ANALYZE');
    const {
      rows: [category],
    } = await client.query(`SELECT id FROM categories WHERE procedure_id = $1 ORDER BY position LIMIT 1`, [id]);
    const {
      rows: [rubric],
    } = await client.query(`SELECT id FROM rubrics WHERE procedure_id = $1 ORDER BY position LIMIT 1`, [id]);
    return { procedureId: id, categoryId: category.id, rubricId: rubric.id };
  } finally {
    await client.end();
  }
}

function measure(options) {
  return new Promise((done, fail) => {
    autocannon({ connections: settings.connections, duration: settings.duration, ...options }, (error, result) =>
      error ? fail(error) : done(result),
    );
  });
}

async function warmUp(options) {
  await measure({ ...options, duration: 2 });
}

function row(name, result) {
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    bad: result.errors + result.timeouts + result.non2xx,
    kb: result.requests.total ? result.throughput.total / result.requests.total / 1024 : 0,
  };
}

function printTable(rows, notes) {
  const header = ['measurement', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'non-2xx/err', 'KiB/resp'];
  const lines = rows.map((r) => [r.name, r.rps.toFixed(1), String(r.p50), String(r.p90), String(r.p99), String(r.bad), r.kb.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('');
  for (const note of notes) console.log(note);
  console.log('');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log('');
}

async function main() {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'stadtdialog-bench-'));
  const capturedFile = join(work, 'features-sql.json');
  const benchUrl = databaseUrl(settings.database);
  const processes = [];
  const keep = env.BENCH_KEEP_DATABASE === 'true';
  try {
    log(`fresh database ${settings.database}`);
    await admin(`DROP DATABASE IF EXISTS ${settings.database} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${settings.database}`);

    log('starting the API (migrations, demo seed)');
    const apiEnv = {
      ...env,
      DATABASE_URL: benchUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: env.LOG_LEVEL || 'info',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '0',
      BENCH_CAPTURE_FILE: capturedFile,
    };
    delete apiEnv.DATA_DIR;
    const api = await startProcess(['--require', join(ROOT, 'bench/capture-sql.cjs'), MAIN], apiEnv, /Stadtdialog: http:\/\/localhost:(\d+)\//);
    processes.push(api);
    const apiBase = `http://127.0.0.1:${api.match[1]}`;

    log(`seeding ${settings.contributions} contributions over Hamburg`);
    const seedStarted = Date.now();
    const ids = await seed(benchUrl);
    log(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    const featuresPath = `/api/v1/procedures/${SLUG}/contributions/features?bbox=${BBOX}`;
    const viaApi = await fetch(apiBase + featuresPath);
    const apiText = await viaApi.text();
    if (viaApi.status !== 200) throw new Error(`the map layer answered ${viaApi.status}: ${apiText.slice(0, 300)}`);

    const newContribution = {
      title: 'Neue Bank am Wasser',
      text: 'Eine Bank mit Blick auf die Elbe wäre schön.',
      categoryId: ids.categoryId,
      rubricId: ids.rubricId,
      geometry: { type: 'Point', coordinates: CENTRE },
    };
    const first = await fetch(`${apiBase}/api/v1/procedures/${SLUG}/contributions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(newContribution),
    });
    if (first.status !== 201) throw new Error(`a new contribution answered ${first.status}: ${await first.text()}`);
    const token = first.headers.get('x-participant-token');

    log('starting the direct pg server');
    const direct = await startProcess(
      [join(ROOT, 'bench/direct-server.mjs')],
      {
        ...env,
        BENCH_DB_URL: benchUrl,
        BENCH_CAPTURED: capturedFile,
        BENCH_POOL_SIZE: String(POOL_SIZE),
        BENCH_INSERT: JSON.stringify({ ...newContribution, procedureId: ids.procedureId }),
      },
      /direct server on (\d+)/,
    );
    processes.push(direct);
    const directBase = `http://127.0.0.1:${direct.match[1]}`;
    // after the first POST, so both answers hold the same rows
    const [apiAgain, directText] = await Promise.all([
      fetch(apiBase + featuresPath).then((r) => r.text()),
      fetch(`${directBase}/features`).then((r) => r.text()),
    ]);
    const identical = directText === apiAgain;
    const featureCount = JSON.parse(apiAgain).features.length;

    const getApi = { url: apiBase + featuresPath };
    const getDirect = { url: `${directBase}/features` };
    const post = {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-participant-token': token } : {}) },
      body: JSON.stringify(newContribution),
      requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }) }],
    };
    const postApi = { ...post, url: `${apiBase}/api/v1/procedures/${SLUG}/contributions` };
    const postDirect = { ...post, url: `${directBase}/contributions` };

    log(`measuring, ${settings.duration} s each at ${settings.connections} connections`);
    await warmUp(getApi);
    await warmUp(getDirect);
    const a = row('(a) map layer via API', await measure(getApi));
    const b = row('(b) same SQL via pg', await measure(getDirect));
    await warmUp(postApi);
    const c = row('(c) POST via API', await measure(postApi));
    const d = row('(d) INSERT via pg', await measure(postDirect));

    const { rows: [{ version }] } = await (async () => {
      const client = new pg.Client({ connectionString: benchUrl });
      await client.connect();
      try {
        return await client.query(`SELECT current_setting('server_version') || ', PostGIS ' || postgis_lib_version() AS version`);
      } finally {
        await client.end();
      }
    })();
    printTable([a, b, c, d], [
      `Stadtdialog bench: PostgreSQL ${version}; ${settings.contributions} contributions; ` +
        `${settings.duration} s per row at ${settings.connections} connections; pool ${POOL_SIZE} on both paths`,
      `map layer: bbox ${BBOX} (~1.5 km), ${featureCount} features, API and direct responses ${identical ? 'identical' : 'DIFFERENT'}`,
    ]);
    console.log(`map layer ratio  API/direct (a/b) = ${(a.rps / b.rps).toFixed(2)}   (target >= 0.6)`);
    console.log(`write ratio      API/direct (c/d) = ${(c.rps / d.rps).toFixed(2)}   (one INSERT vs. the API's validated, idempotent transaction)`);
    console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const p of processes.reverse()) await p.stop();
    if (!keep) await admin(`DROP DATABASE IF EXISTS ${settings.database} WITH (FORCE)`).catch((e) => log(`could not drop: ${e.message}`));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack || error.message}`);
  process.exit(1);
});
