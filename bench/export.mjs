/*
 * npm run bench:export: time and memory of streaming exports of 100,000 contributions on PostgreSQL.
 *
 *   DATABASE_URL          a PostgreSQL server with PostGIS (required); a fresh database is made on it
 *   BENCH_DATABASE        name of that database (default stadtdialog_export_bench), dropped at the end
 *   BENCH_CONTRIBUTIONS   contributions seeded (default 100000), each with a comment
 *
 * Starts the built API, seeds by SQL, signs in as the first admin, then downloads each export file
 * while sampling the API process's resident memory (/proc/<pid>/status VmRSS every 20 ms). Prints
 * rows, bytes, seconds and peak RSS above the idle RSS measured just before each file, and above the
 * idle RSS before the first (the process does not give all memory back between files); asserts nothing.
 */
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');
const env = process.env;
const database = env.BENCH_DATABASE || 'stadtdialog_export_bench';
const count = Number(env.BENCH_CONTRIBUTIONS || 100_000);
const ADMIN = { email: 'bench@stadtdialog.test', password: 'bench password 2026' };

if (!env.DATABASE_URL) {
  console.error('bench: DATABASE_URL must name a PostgreSQL server with PostGIS, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(2);
}
if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
  console.error('bench: BENCH_DATABASE must be a plain lower-case name');
  process.exit(2);
}
if (!existsSync(MAIN)) {
  console.error(`bench: ${MAIN} is missing; build it with npx nx build api (npm run bench:export does)`);
  process.exit(2);
}
const log = (message) => console.error(`bench: ${message}`);
const url = new URL(env.DATABASE_URL);
url.pathname = `/${database}`;

async function admin(sql) {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function startApi() {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`API did not start:\n${output}`)), 120_000);
    const onData = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = /Stadtdialog[^\n]*?(http:\/\/localhost:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ child, base: match[1].replace('localhost', '127.0.0.1') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      log(`API exited (${code ?? signal}); its last output:\n${output.slice(-3000)}`);
      fail(new Error(`API exited with ${code}`));
    });
  });
}

const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin(`CREATE DATABASE ${database}`);
let api;
try {
  api = await startApi();
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  log(`seeding ${count} contributions with a comment each`);
  const [{ id }] = (await db.query(
    `INSERT INTO procedures (slug, title, planning_area) VALUES ('export-bench', 'Export bench',
       ST_Multi(ST_MakeEnvelope(9.9, 53.5, 10.1, 53.6, 4326))) RETURNING id`,
  )).rows;
  const category = (await db.query(`INSERT INTO categories (procedure_id, name, colour) VALUES ($1, 'Grün', '#2e7d32') RETURNING id`, [id])).rows[0].id;
  const rubric = (await db.query(`INSERT INTO rubrics (procedure_id, kind, name) VALUES ($1, 'idea', 'Idee') RETURNING id`, [id])).rows[0].id;
  await db.query(
    `INSERT INTO contributions (procedure_id, category_id, rubric_id, title, body, geom, status, created_at)
     SELECT $1, $2, $3, 'Beitrag ' || n, repeat('Mehr Bäume an der Hauptstraße und ein sicherer Radweg. ', 6),
            ST_SetSRID(ST_MakePoint(9.9 + random() * 0.2, 53.5 + random() * 0.1), 4326), 'published',
            now() - n * interval '1 second'
     FROM generate_series(1, $4::int) n`,
    [id, category, rubric, count],
  );
  await db.query(`INSERT INTO comments (contribution_id, body) SELECT id, 'Zustimmung, das fehlt hier.' FROM contributions WHERE procedure_id = $1`, [id]);
  await db.query('ANALYZE');
  await db.end();
  const signIn = await fetch(`${api.base}/api/v1/auth/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN),
  });
  const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('sd_session=')).split(';')[0];
  const results = [];
  await new Promise((r) => setTimeout(r, 2000));
  const startRss = rss(api.child.pid);
  for (const file of ['contributions.csv', 'comments.csv', 'contributions.xlsx', 'contributions.geojson']) {
    if (global.gc) global.gc();
    await new Promise((r) => setTimeout(r, 2000));
    const idle = rss(api.child.pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(api.child.pid))), 20);
    const started = performance.now();
    const response = await fetch(`${api.base}/api/v1/procedures/${id}/evaluation/exports/${file}`, { headers: { cookie } });
    let bytes = 0;
    for await (const chunk of response.body) bytes += chunk.length;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rss(api.child.pid));
    results.push({ file, status: response.status, rows: Number(response.headers.get('x-export-rows')), MB: +(bytes / 1e6).toFixed(1),
      seconds: +seconds.toFixed(1), 'idle RSS MB': Math.round(idle), 'peak RSS MB': Math.round(peak), 'above idle MB': Math.round(peak - idle),
      'above start MB': Math.round(peak - startRss) });
    log(`${file}: ${JSON.stringify(results.at(-1))}`);
  }
  console.table(results);
} finally {
  api?.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}
