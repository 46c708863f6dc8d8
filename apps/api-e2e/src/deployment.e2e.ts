import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '@stadtdialog/api/config';

/** There is no Docker engine here: check what can be checked of the compose file and Dockerfile. */
const ROOT = resolve(__dirname, '../../..');
// merge keys: the second app instance is the first one's definition (`<<: *app`)
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const haproxy = readFileSync(join(ROOT, 'deploy/haproxy.cfg'), 'utf8')
  .split('\n')
  .map((line) => line.replace(/#.*$/, '').trim())
  .filter(Boolean);
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** Compose's ${VAR:-default} interpolation, with the defaults. */
function interpolate(value: unknown): string {
  return String(value).replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, _name, fallback) => fallback ?? '');
}

describe('docker-compose.yml', () => {
  const app = compose.services.app1;
  const db = compose.services.db;
  const env: Record<string, string> = Object.fromEntries(
    Object.entries(app.environment).map(([k, v]) => [k, interpolate(v)]),
  );

  it('runs a PostGIS database with a volume and a health check', () => {
    expect(db.image).toMatch(/^postgis\/postgis:1[5-9]-3\.\d+/);
    expect(db.volumes).toEqual(['db-data:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes)).toContain('db-data');
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
  });

  it('builds the app from the Dockerfile and starts it once the database is healthy', () => {
    expect(app.build).toBe('.');
    expect(app.depends_on.db.condition).toBe('service_healthy');
    expect(app.healthcheck.test.join(' ')).toContain('/api/health');
  });

  it('sets only variables the app reads, and they pass its validation', () => {
    const known = CONFIG_VARIABLES.map((v) => v.name);
    for (const name of Object.keys(env)) expect(known).toContain(name);
    const config = loadConfig(env);
    expect(config.databaseUrl).toBe('postgres://stadtdialog:stadtdialog@db:5432/stadtdialog');
    expect(config.runMigrations).toBe(true);
  });

  it('points DATABASE_URL at the db service with its credentials', () => {
    const url = new URL(env['DATABASE_URL']);
    expect(url.hostname).toBe('db');
    expect(url.username).toBe(db.environment.POSTGRES_USER);
    expect(url.pathname).toBe(`/${db.environment.POSTGRES_DB}`);
    expect(interpolate(url.password)).toBe(interpolate(db.environment.POSTGRES_PASSWORD));
  });

  it('runs two app instances with the same settings, the second after the first has migrated', () => {
    const second = compose.services.app2;
    expect(second.build).toBe('.');
    expect(second.environment).toEqual(app.environment);
    expect(second.depends_on.app1.condition).toBe('service_healthy');
    // behind the load balancer the client address comes from its X-Forwarded-For
    expect(loadConfig(env).trustProxy).toBe(1);
  });

  it('publishes only the load balancer, on the port the app listens on, with its configuration mounted', () => {
    const port = loadConfig(env).port;
    const lb = compose.services.lb;
    expect(lb.image).toMatch(/^haproxy:2\.\d/);
    expect(lb.ports).toEqual([`${port}:${port}`]);
    expect(lb.volumes).toEqual(['./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro']);
    expect(app.ports).toBeUndefined();
    expect(compose.services.app2.ports).toBeUndefined();
    expect(dockerfile).toContain(`EXPOSE ${port}`);
  });
});

describe('deploy/haproxy.cfg', () => {
  const port = Number(compose.services.app1.environment.PORT);
  const seconds = (name: string) => {
    const line = haproxy.find((l) => l.startsWith(`timeout ${name} `));
    const m = /(\d+)(ms|s|m|h)$/.exec(line ?? '');
    if (!m) throw new Error(`no timeout ${name}`);
    return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  };

  it('sends each live event at once and keeps idle streams open past their heartbeat', () => {
    expect(haproxy).toContain('mode http');
    // HAProxy 2.6 otherwise delays every small event by about 200 ms
    expect(haproxy).toContain('option http-no-delay');
    // the live streams send a comment every 25 s
    for (const name of ['client', 'server']) expect(seconds(name)).toBeGreaterThan(25);
    expect(seconds('tunnel')).toBeGreaterThanOrEqual(seconds('server'));
    expect(haproxy).toContain('option forwardfor');
  });

  it('balances over exactly the compose app instances on their port, checking /api/health', () => {
    expect(haproxy).toContain(`bind :${port}`);
    const servers = haproxy.filter((l) => l.startsWith('server ')).map((l) => l.split(/\s+/).slice(1, 3));
    const instances = Object.keys(compose.services).filter((name) => compose.services[name].build === '.');
    expect(servers).toEqual(instances.map((name) => [name, `${name}:${port}`]));
    expect(haproxy).toContain('option httpchk GET /api/health');
    expect(haproxy.some((l) => l.startsWith('default-server check'))).toBe(true);
    expect(haproxy).toContain('balance leastconn');
  });
});

describe('Dockerfile', () => {
  it('builds api and web and runs the built API as an unprivileged user', () => {
    expect(dockerfile).toMatch(/FROM node:20/);
    expect(dockerfile).toContain('nx run-many -t build -p api,web');
    expect(dockerfile).toContain('CMD ["node", "dist/apps/api/main.js"]');
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});

describe('README.md', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('documents every environment variable the app reads, in its configuration table', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(CONFIG_VARIABLES.map((v) => v.name).sort());
  });

  it('gives the start and test commands first', () => {
    const start = readme.indexOf('npm install && npm start');
    const test = readme.indexOf('npm test');
    expect(start).toBeGreaterThan(0);
    expect(test).toBeGreaterThan(start);
    expect(start).toBeLessThan(readme.indexOf('## Configuration'));
  });
});
