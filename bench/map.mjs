/*
 * npm run bench:map: the map at scale on PostgreSQL/PostGIS, side by side in one run.
 *
 *   DATABASE_URL          a PostgreSQL server with PostGIS (required); a fresh database is made on it
 *   BENCH_DATABASE        name of that database (default stadtdialog_bench_map), dropped at the end
 *   BENCH_CONTRIBUTIONS   contributions seeded over central Hamburg in one procedure (default 100000)
 *   BENCH_DURATION        seconds per HTTP measurement (default 8)
 *   BENCH_CONNECTIONS     concurrent connections of each HTTP measurement (default 10)
 *   CHROMIUM              the browser (default /usr/bin/chromium)
 *   BENCH_BROWSER_RUNS    page loads in Chromium, each in a fresh browser (default 3): first draw and pan/zoom scatter from load to load
 *   BENCH_PAGE_ONLY       the address of an API already running on a seeded database: only the Chromium part, against it
 *   BENCH_CPU_PROFILE     a file: the first load's main-thread CPU profile while panning and zooming (.cpuprofile, for DevTools)
 *   BENCH_LOAD_PROFILE    a file: the first load's main-thread CPU profile from navigation to the first contributions drawn
 *
 * (1) For the views a 1280 × 800 map asks for at zoom 12 and 14 (server clusters) and 16 (the
 *     view's features), as the web store asks (the view grown by half on each side): req/s and
 *     latency through the API, against the identical SQL (captured from the API process) through a
 *     bare node:http + pg server; bytes per view raw, gzip and brotli.
 * (2) In Chromium (headless, software rendering): the procedure page's compressed JavaScript, the
 *     time from navigation to the first contributions drawn, and the longest main-thread task while
 *     panning and zooming over all contributions (Long Tasks API, plus the longest gap between frames),
 *     and what each animation frame over 50 ms was spent on (Long Animation Frames API).
 * Prints numbers; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { Agent, request as httpRequest } from 'node:http';
import pg from 'pg';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');
const WEB_INDEX = join(ROOT, 'dist/apps/web/browser/index.html');
const SLUG = 'bench-hamburg';
const env = process.env;
const settings = {
  url: env.DATABASE_URL,
  database: env.BENCH_DATABASE || 'stadtdialog_bench_map',
  contributions: Number(env.BENCH_CONTRIBUTIONS || 100_000),
  duration: Number(env.BENCH_DURATION || 8),
  connections: Number(env.BENCH_CONNECTIONS || 10),
  chromium: env.CHROMIUM || '/usr/bin/chromium',
  browserRuns: Math.max(1, Number(env.BENCH_BROWSER_RUNS || 3)),
  cpuProfile: env.BENCH_CPU_PROFILE || null,
  loadProfile: env.BENCH_LOAD_PROFILE || null,
};
const POOL_SIZE = 10;
/** St. Pauli, in the middle of the seeded area */
const CENTRE = [9.965, 53.555];
const VIEWPORT = { width: 1280, height: 800 };
/** Web Mercator metres per pixel at zoom 0 */
const ZOOM_0_RESOLUTION = 156543.03392804097;
/** the web map's switch from clusters to features (MAP_LOADING.aggregateBelowZoom) */
const AGGREGATE_BELOW_ZOOM = 15;

if (!settings.url) {
  console.error('bench: DATABASE_URL must name a PostgreSQL server with PostGIS, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(2);
}
if (!/^[a-z_][a-z0-9_]*$/.test(settings.database)) {
  console.error('bench: BENCH_DATABASE must be a plain lower-case name');
  process.exit(2);
}
for (const [file, build] of [[MAIN, 'npx nx build api'], [WEB_INDEX, 'npx nx build web']]) {
  if (!existsSync(file)) {
    console.error(`bench: ${file} is missing; build it with ${build} (npm run bench:map does)`);
    process.exit(2);
  }
}

const log = (message) => console.error(`bench: ${message}`);

function databaseUrl(name) {
  const url = new URL(settings.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
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

/** One procedure over central Hamburg (17 km × 13 km) with the given number of contributions, as bench/run.mjs seeds it. */
async function seed(url) {
  await withClient(url, async (client) => {
    const {
      rows: [{ id }],
    } = await client.query(
      `INSERT INTO procedures (slug, title, summary, planning_area, map_config)
       VALUES ($1, 'Benchmark Hamburg', 'Viele Beiträge über Hamburg verteilt', ST_Multi(ST_MakeEnvelope(9.86, 53.50, 10.12, 53.618, 4326)),
               (SELECT map_config FROM procedures WHERE slug = 'gruene-mitte-altona'))
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
  });
}

/** The bbox a map of VIEWPORT at `zoom` around `centre` shows, grown by half on each side as the web store asks. */
function viewBbox(centre, zoom) {
  const metresPerPixel = ZOOM_0_RESOLUTION / 2 ** zoom;
  const R = 6378137;
  const x = (R * centre[0] * Math.PI) / 180;
  const y = R * Math.log(Math.tan(Math.PI / 4 + (centre[1] * Math.PI) / 360));
  const halfW = VIEWPORT.width * metresPerPixel; // half of the view is width / 2; grown by half on each side: width
  const halfH = VIEWPORT.height * metresPerPixel;
  const lon = (mx) => (mx / R) * (180 / Math.PI);
  const lat = (my) => (2 * Math.atan(Math.exp(my / R)) - Math.PI / 2) * (180 / Math.PI);
  return [lon(x - halfW), lat(y - halfH), lon(x + halfW), lat(y + halfH)].map((n) => n.toFixed(5)).join(',');
}

function viewPath(zoom) {
  const bbox = viewBbox(CENTRE, zoom);
  return zoom < AGGREGATE_BELOW_ZOOM
    ? `/api/v1/procedures/${SLUG}/contributions/clusters?zoom=${zoom}&bbox=${bbox}`
    : `/api/v1/procedures/${SLUG}/contributions/features?bbox=${bbox}`;
}

/** GET one URL from `connections` keep-alive connections for `duration` seconds; every latency is kept (autocannon has no p95). */
async function measure({ url, duration = settings.duration }) {
  const agent = new Agent({ keepAlive: true, maxSockets: settings.connections });
  const target = new URL(url);
  const latencies = [];
  let bad = 0;
  const until = performance.now() + duration * 1000;
  const once = () =>
    new Promise((done) => {
      const startedAt = performance.now();
      const req = httpRequest({ agent, host: target.hostname, port: target.port, path: target.pathname + target.search }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => {
          if (response.statusCode !== 200) bad++;
          latencies.push(performance.now() - startedAt);
          done();
        });
      });
      req.on('error', () => {
        bad++;
        done();
      });
      req.end();
    });
  const startedAll = performance.now();
  await Promise.all(
    Array.from({ length: settings.connections }, async () => {
      while (performance.now() < until) await once();
    }),
  );
  const seconds = (performance.now() - startedAll) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), bad };
}

function row(name, result) {
  return { name, ...result };
}

function table(header, lines) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const format = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log('');
}

/** In Chromium: compressed JS of the procedure page, first contributions drawn, longest task while panning and zooming. */
async function browserRun(apiBase, cpuProfile = null, loadProfile = null) {
  const browser = await chromium.launch({
    executablePath: settings.chromium,
    // No internet here: every host but the API's is unknown to Chromium's resolver, so the base map's
    // tiles fail at once. (Playwright's request interception did the same at about 250 ms more CPU per
    // load in the driver process, on the same two cores as the page.)
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
      `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${new URL(apiBase).hostname}`,
    ],
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await context.addInitScript(() => {
      const probe = { longTasks: [], maxFrameGap: 0, measuring: false };
      window.__bench = probe;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration, measuring: probe.measuring });
      }).observe({ type: 'longtask', buffered: true });
      // Long animation frames say what a long frame was spent on: which scripts, and the browser's own work after them.
      probe.frames = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (!probe.measuring || entry.duration <= 50) continue;
          probe.frames.push({
            duration: entry.duration,
            blocking: entry.blockingDuration,
            // from the start of rendering (animation frame callbacks, style, layout, paint) to the frame's end
            render: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0,
            styleAndLayout: entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
            scripts: entry.scripts.map((s) => ({ invoker: s.invoker, duration: s.duration, fn: s.sourceFunctionName, forced: s.forcedStyleAndLayoutDuration, at: `${s.sourceURL.split("/").pop()}:${s.sourceCharPosition}` })),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
      let last = performance.now();
      const frame = (now) => {
        if (probe.measuring) probe.maxFrameGap = Math.max(probe.maxFrameGap, now - last);
        last = now;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const page = await context.newPage();
    const scripts = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response);
    });
    const mapRequests = [];
    page.on('requestfinished', async (request) => {
      if (/\/contributions\/(features|clusters)/.test(request.url())) mapRequests.push((await request.sizes()).responseBodySize);
    });

    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && log(`console: ${message.text().slice(0, 300)}`));
    page.on('response', (response) => {
      if (response.status() >= 400) log(`${response.status()} ${response.url()}`);
    });
    const loadCdp = loadProfile ? await context.newCDPSession(page) : null;
    if (loadCdp) {
      await loadCdp.send('Profiler.enable');
      await loadCdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await loadCdp.send('Profiler.start');
    }
    await page.goto(`${apiBase}/procedures/${SLUG}`);
    // First contributions drawn: the contribution layer has features and the map completed a render with them.
    const firstDrawn = await page.evaluate(
      () =>
        new Promise((done) => {
          const giveUp = setTimeout(() => {
            const map = document.querySelector('sd-procedure-map')?.olMap;
            const layers = map?.getAllLayers().map((l) => `${l.get('id')}:${l.getSource()?.getFeatures?.().length}`);
            done({ ms: NaN, zoom: NaN, page: `map ${!!map} size ${map?.getSize()} zoom ${map?.getView().getZoom()} layers ${layers}` });
          }, 30_000);
          const check = () => {
            const map = document.querySelector('sd-procedure-map')?.olMap;
            const layer = map?.getAllLayers().find((l) => l.get('id') === 'contributions');
            if (map && (layer?.getSource()?.getFeatures().length ?? 0) > 0) {
              map.once('rendercomplete', () => {
                clearTimeout(giveUp);
                done({ ms: performance.now(), zoom: map.getView().getZoom() });
              });
              map.render();
            } else {
              requestAnimationFrame(check);
            }
          };
          check();
        }),
    );
    if (loadCdp) writeFileSync(loadProfile, JSON.stringify((await loadCdp.send('Profiler.stop')).profile));
    if (Number.isNaN(firstDrawn.ms)) throw new Error(`no contributions drawn within 30 s; the page shows: ${firstDrawn.page}`);
    // Where the time to the first draw went: the page, its scripts, the procedure read, the first map request.
    const loadSteps = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource');
      const span = (test) => {
        const found = entries.filter((e) => test(e.name));
        return found.length ? [Math.min(...found.map((e) => e.startTime)), Math.max(...found.map((e) => e.responseEnd))] : null;
      };
      const navigation = performance.getEntriesByType('navigation')[0];
      return {
        html: navigation ? navigation.responseEnd : null,
        scripts: span((n) => /\.js$/.test(new URL(n).pathname)),
        procedure: span((n) => /\/api\/v1\/procedures\/[^/]+$/.test(new URL(n).pathname)),
        firstMapRequest: (() => {
          const map = entries.find((e) => /\/contributions\/(features|clusters)/.test(e.name));
          return map ? [map.startTime, map.responseEnd] : null;
        })(),
      };
    });
    firstDrawn.steps = loadSteps;
    let transferred = 0;
    for (const response of scripts) transferred += (await response.request().sizes()).responseBodySize;

    // Pan and zoom as a resident would: zoom in from the whole area to the street, pan at two zooms, zoom out.
    const steps = [
      { zoom: 12 }, { zoom: 13 }, { pan: [600, 0] }, { pan: [0, 400] }, { zoom: 14 }, { pan: [-600, 0] },
      { zoom: 15 }, { pan: [600, 300] }, { zoom: 16 }, { pan: [-400, -200] }, { pan: [400, 0] },
      { zoom: 17 }, { pan: [0, 300] }, { zoom: 14 }, { pan: [500, 0] }, { zoom: 11 },
    ];
    const cdp = cpuProfile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const timings = await page.evaluate(async (steps) => {
      const map = document.querySelector('sd-procedure-map').olMap;
      const view = map.getView();
      const source = map.getAllLayers().find((l) => l.get('id') === 'contributions').getSource();
      const settle = () =>
        new Promise((done) => {
          // moveend, then the view's answer (the source changes; at most 3 s if nothing new was needed), then drawn
          const drawn = () => {
            map.once('rendercomplete', () => done());
            map.render();
          };
          // An answer goes onto the map in several tasks: drawn once the source was quiet for 100 ms.
          const quiet = () => {
            let timer = setTimeout(finish, 100);
            const again = () => {
              clearTimeout(timer);
              timer = setTimeout(finish, 100);
            };
            source.on('change', again);
            function finish() {
              source.un('change', again);
              drawn();
            }
          };
          map.once('moveend', () => {
            const timer = setTimeout(drawn, 3000);
            source.once('change', () => {
              clearTimeout(timer);
              quiet();
            });
          });
        });
      window.__bench.measuring = true;
      const stepMs = [];
      for (const step of steps) {
        const started = performance.now();
        const settled = settle();
        if (step.zoom !== undefined) view.animate({ zoom: step.zoom, duration: 300 });
        else {
          const [x, y] = map.getPixelFromCoordinate(view.getCenter());
          view.animate({ center: map.getCoordinateFromPixel([x + step.pan[0], y + step.pan[1]]), duration: 300 });
        }
        await settled;
        stepMs.push(performance.now() - started);
      }
      window.__bench.measuring = false;
      const during = window.__bench.longTasks.filter((t) => t.measuring);
      const beforeFirst = window.__bench.longTasks.filter((t) => !t.measuring);
      return {
        stepMs,
        longest: Math.max(0, ...during.map((t) => t.duration)),
        longTasks: during.length,
        longestAtLoad: Math.max(0, ...beforeFirst.map((t) => t.duration)),
        maxFrameGap: window.__bench.maxFrameGap,
        longFrames: window.__bench.frames.sort((a, b) => b.duration - a.duration).slice(0, 3),
        drawn: map.getAllLayers().find((l) => l.get('id') === 'contributions').getSource().getFeatures().length,
      };
    }, steps);
    if (cdp) writeFileSync(cpuProfile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    return { firstDrawn, transferred, scripts: scripts.length, timings, mapRequests };
  } finally {
    await browser.close();
  }
}

/** The Chromium part of the report: every load's first draw and longest task, the first load in detail. */
function printBrowser(loads) {
  const browser = loads[0];
  const t = browser.timings;
  console.log(`Chromium (headless, --disable-gpu: software rendering), canvas layers, ${VIEWPORT.width} × ${VIEWPORT.height}:`);
  console.log(`  procedure page JavaScript: ${browser.scripts} scripts, ${(browser.transferred / 1024).toFixed(1)} KiB transferred compressed (target <= 350 KB)`);
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const drawn = loads.map((l) => l.firstDrawn.ms);
  const longest = loads.map((l) => l.timings.longTasks ? l.timings.longest : 0);
  console.log(
    `  ${loads.length} loads: first contributions drawn ${drawn.map((n) => n.toFixed(0)).join(', ')} ms (median ${median(drawn).toFixed(0)}, target <= 1000 ms); ` +
      `longest task while panning and zooming ${longest.map((n) => (n ? n.toFixed(0) : 'none over 50')).join(', ')} ms (target: none over 50 ms)`,
  );
  // what the longest frames of each load that had a long task were spent on
  for (const [i, load] of loads.entries()) {
    for (const f of load.timings.longFrames ?? []) {
      const scripts = f.scripts
        .filter((x) => x.duration >= 5)
        .map((x) => `${x.invoker}${x.fn ? ` (${x.fn})` : ''} [${x.at}] ${x.duration.toFixed(0)}${x.forced >= 1 ? ` (forced style and layout ${x.forced.toFixed(0)})` : ''}`)
        .join(', ');
      console.log(
        `    load ${i + 1}: frame of ${f.duration.toFixed(0)} ms (blocking ${f.blocking.toFixed(0)}): rendering ${f.render.toFixed(0)} ms, ` +
          `of it style and layout ${f.styleAndLayout.toFixed(0)} ms; scripts of 5 ms or more: ${scripts || 'none'}`,
      );
    }
  }
  console.log(`  the first load in detail:`);
  console.log(`  first contributions drawn: ${browser.firstDrawn.ms.toFixed(0)} ms after navigation start, at zoom ${browser.firstDrawn.zoom.toFixed(2)} (target <= 1000 ms)`);
  const s = browser.firstDrawn.steps;
  const range = (r) => (r ? `${r[0].toFixed(0)}–${r[1].toFixed(0)} ms` : 'none');
  console.log(
    `    on the way: index.html by ${s.html?.toFixed(0)} ms, scripts ${range(s.scripts)}, procedure read ${range(s.procedure)}, ` +
      `first map request ${range(s.firstMapRequest)}, drawn ${browser.firstDrawn.ms.toFixed(0)} ms`,
  );
  console.log(`  longest task at load (before the first draw): ${t.longestAtLoad.toFixed(0)} ms`);
  console.log(
    `  pan/zoom, ${t.stepMs.length} steps (each: 300 ms animation, answer, draw): longest task ${t.longTasks ? `${t.longest.toFixed(0)} ms` : 'none over 50 ms'}, ` +
      `${t.longTasks} tasks over 50 ms, longest gap between frames ${t.maxFrameGap.toFixed(0)} ms (target: no task > 50 ms)`,
  );
  console.log(`  step times ms: ${t.stepMs.map((n) => n.toFixed(0)).join(' ')}`);
  console.log(`  map requests: ${browser.mapRequests.length}, ${(browser.mapRequests.reduce((a, b) => a + b, 0) / 1024).toFixed(1)} KiB on the wire; features drawn at the end: ${t.drawn}`);
}

async function main() {
  const started = Date.now();
  if (env.BENCH_PAGE_ONLY) {
    // Only the Chromium part, against an API already running on a seeded database (BENCH_KEEP_DATABASE=true
    // keeps the bench's; start the API on it): for measuring changes to the web app without seeding again.
    log(`Chromium: first draw, pan and zoom (${settings.browserRuns} loads) at ${env.BENCH_PAGE_ONLY}`);
    const loads = [];
    for (let i = 0; i < settings.browserRuns; i++) loads.push(await browserRun(env.BENCH_PAGE_ONLY, i === 0 ? settings.cpuProfile : null, i === 0 ? settings.loadProfile : null));
    printBrowser(loads);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'stadtdialog-bench-map-'));
  const capturedFile = join(work, 'map-sql.jsonl');
  writeFileSync(capturedFile, '');
  const benchUrl = databaseUrl(settings.database);
  const processes = [];
  const keep = env.BENCH_KEEP_DATABASE === 'true';
  try {
    log(`fresh database ${settings.database}`);
    await withClient(settings.url, (c) => c.query(`DROP DATABASE IF EXISTS ${settings.database} WITH (FORCE)`));
    await withClient(settings.url, (c) => c.query(`CREATE DATABASE ${settings.database}`));

    log('starting the API (migrations, demo seed)');
    const apiEnv = {
      ...env,
      DATABASE_URL: benchUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: env.LOG_LEVEL || 'warn',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '0',
      BENCH_CAPTURE_FILE: capturedFile,
    };
    delete apiEnv.DATA_DIR;
    delete apiEnv.WEB_DIST_DIR;
    const api = await startProcess(['--require', join(ROOT, 'bench/capture-map-sql.cjs'), MAIN], apiEnv, /Stadtdialog: http:\/\/localhost:(\d+)\//);
    processes.push(api);
    const apiBase = `http://127.0.0.1:${api.match[1]}`;

    log(`seeding ${settings.contributions} contributions over Hamburg`);
    const seedStarted = Date.now();
    await seed(benchUrl);
    log(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    // One request per view through the API, in order, so the capture file has one statement per view.
    const zooms = [12, 14, 16];
    const views = [];
    for (const zoom of zooms) {
      const path = viewPath(zoom);
      const before = readFileSync(capturedFile, 'utf8').split('\n').filter(Boolean).length;
      const response = await fetch(apiBase + path);
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 300)}`);
      const captured = readFileSync(capturedFile, 'utf8').split('\n').filter(Boolean);
      if (captured.length !== before + 1) throw new Error(`expected one captured statement for ${path}, got ${captured.length - before}`);
      const file = join(work, `view-${zoom}.json`);
      writeFileSync(file, captured.at(-1));
      const collection = JSON.parse(body);
      const clusters = collection.features.filter((f) => f.properties.count !== undefined);
      views.push({
        zoom,
        path,
        file,
        body,
        features: collection.features.length,
        clusters: clusters.length,
        contributions: clusters.reduce((sum, f) => sum + f.properties.count, 0) + collection.features.length - clusters.length,
        truncated: collection.truncated === true,
        gzip: gzipSync(body).length,
        brotli: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } }).length,
      });
    }

    log('starting the direct pg servers (one per view)');
    for (const view of views) {
      const direct = await startProcess(
        [join(ROOT, 'bench/direct-server.mjs')],
        { ...env, BENCH_DB_URL: benchUrl, BENCH_CAPTURED: view.file, BENCH_POOL_SIZE: String(POOL_SIZE), BENCH_INSERT: '{}' },
        /direct server on (\d+)/,
      );
      processes.push(direct);
      view.directUrl = `http://127.0.0.1:${direct.match[1]}/features`;
      const directBody = await fetch(view.directUrl).then((r) => r.text());
      const apiBody = await fetch(apiBase + view.path).then((r) => r.text());
      view.identical = directBody === apiBody;
    }

    log(`measuring, ${settings.duration} s each at ${settings.connections} connections`);
    const rows = [];
    for (const view of views) {
      const viaApi = { url: apiBase + view.path };
      const direct = { url: view.directUrl };
      await measure({ ...viaApi, duration: 2 });
      await measure({ ...direct, duration: 2 });
      view.api = row(`z${view.zoom} via API`, await measure(viaApi));
      view.direct = row(`z${view.zoom} same SQL via pg`, await measure(direct));
      rows.push(view.api, view.direct);
    }

    log(`Chromium: first draw, pan and zoom (${settings.browserRuns} loads)`);
    const loads = [];
    for (let i = 0; i < settings.browserRuns; i++) loads.push(await browserRun(apiBase, i === 0 ? settings.cpuProfile : null, i === 0 ? settings.loadProfile : null));
    const browser = loads[0];

    const version = await withClient(benchUrl, async (c) =>
      (await c.query(`SELECT current_setting('server_version') || ', PostGIS ' || postgis_lib_version() AS v`)).rows[0].v,
    );
    console.log('');
    console.log(
      `Stadtdialog map bench: PostgreSQL ${version}; ${settings.contributions} contributions in one procedure; ` +
        `${settings.duration} s per row at ${settings.connections} connections; pool ${POOL_SIZE} on both paths`,
    );
    console.log(`views: ${VIEWPORT.width} × ${VIEWPORT.height} px around ${CENTRE.join(', ')}, the bbox grown by half on each side as the web map asks`);
    console.log('');
    table(
      ['view', 'endpoint', 'features', 'clusters', 'contributions', 'truncated', 'raw KiB', 'gzip KiB', 'br KiB', 'API = direct'],
      views.map((v) => [
        `z${v.zoom}`,
        v.path.includes('clusters') ? 'clusters' : 'features',
        v.features,
        v.clusters,
        v.contributions,
        v.truncated ? 'yes' : 'no',
        (v.body.length / 1024).toFixed(1),
        (v.gzip / 1024).toFixed(1),
        (v.brotli / 1024).toFixed(1),
        v.identical ? 'identical' : 'DIFFERENT',
      ]),
    );
    table(
      ['measurement', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx/err'],
      rows.map((r) => [r.name, r.rps.toFixed(1), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1), r.bad]),
    );
    for (const view of views) console.log(`z${view.zoom} ratio API/direct = ${(view.api.rps / view.direct.rps).toFixed(2)}`);
    console.log('');
    printBrowser(loads);
    console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const p of processes.reverse()) await p.stop();
    if (!keep) {
      await withClient(settings.url, (c) => c.query(`DROP DATABASE IF EXISTS ${settings.database} WITH (FORCE)`)).catch((e) =>
        log(`could not drop: ${e.message}`),
      );
    }
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack || error.message}`);
  process.exit(1);
});
