import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '@stadtdialog/api/config';

/** There is no Docker engine here: check what can be checked of the compose file and Dockerfile. */
const ROOT = resolve(__dirname, '../../..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** Compose's ${VAR:-default} interpolation, with the defaults. */
function interpolate(value: unknown): string {
  return String(value).replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, _name, fallback) => fallback ?? '');
}

describe('docker-compose.yml', () => {
  const app = compose.services.app;
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

  it('publishes the port the app listens on', () => {
    const port = loadConfig(env).port;
    expect(app.ports).toEqual([`${port}:${port}`]);
    expect(dockerfile).toContain(`EXPOSE ${port}`);
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
