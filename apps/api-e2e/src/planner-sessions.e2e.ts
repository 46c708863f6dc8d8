import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { ENGINE, MAIN, RunningApi, TestDatabase, freshDatabase, startApi } from './server';
import { SeededProcedure, apiEnv, seedProcedure, withDatabase } from './participation-fixtures';
import { PlannerClient, call, contribute, setCookie } from './planner-fixtures';

/** The status and the problem code of an answer. */
const refusal = (reply: { status: number; body: { code?: string } }) => [reply.status, reply.body?.code];

const CLI_ADMIN = { email: 'cli-admin@stadtdialog.test', password: 'first cli password' };
const NEW_PASSWORD = 'second cli password';
const ENV_ADMIN = { email: 'env-admin@stadtdialog.test', password: 'env admin password' };

/** `node main.js create-admin …` as `npm run cli -- create-admin …` runs it. */
function cli(env: Record<string, string>, args: string[], input?: string) {
  const clean = { ...process.env };
  delete clean['DATABASE_URL'];
  delete clean['DATA_DIR'];
  const run = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: resolve(__dirname, '../../..'),
    env: { ...clean, LOG_LEVEL: 'warn', ...env },
    input,
    encoding: 'utf8',
    timeout: 110_000,
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

/** A request with a Host header of our choosing, which fetch does not allow. */
function signInWithHost(api: RunningApi, host: string, body: unknown): Promise<string[]> {
  const url = new URL(api.baseUrl);
  const payload = JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: '/api/v1/auth/sign-in', method: 'POST',
        headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on('end', () => done((res.headers['set-cookie'] ?? []) as string[]));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

describe(`planner sign-in, sessions and CSRF (${ENGINE} engine)`, () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let api: RunningApi;
  let procedure: SeededProcedure;
  const secrets: string[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    env = apiEnv({ ...db.env });
    procedure = await withDatabase(env, (ds) => seedProcedure(ds, 'sitzungen'));
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('creates the first admin from the command line, refuses a short password, and resets an existing admin', () => {
    const created = cli(env, ['create-admin', '--email', CLI_ADMIN.email, '--password', CLI_ADMIN.password]);
    expect(created).toMatchObject({ code: 0 });
    expect(created.out).toContain(`created admin ${CLI_ADMIN.email}`);
    const short = cli(env, ['create-admin', '--email', 'other@stadtdialog.test', '--password', 'kurz']);
    expect(short.code).toBe(1);
    expect(short.out).toMatch(/create-admin: .*at least 12 characters/);
    // the password on standard input keeps it out of the process list and the shell history
    const reset = cli(env, ['create-admin', `--email=${CLI_ADMIN.email}`], `${NEW_PASSWORD}\n`);
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('is now an enabled admin with the new password');
    expect(`${created.out}${reset.out}`).not.toContain(NEW_PASSWORD);
  });

  it('starts with ADMIN_EMAIL set but ignores it, because planner accounts exist', async () => {
    api = await startApi({ ...env, ADMIN_EMAIL: ENV_ADMIN.email, ADMIN_PASSWORD: ENV_ADMIN.password });
    expect(refusal(await call(api, 'POST', '/api/v1/auth/sign-in', { body: ENV_ADMIN }))).toEqual([401, 'sign_in_failed']);
    expect(refusal(await call(api, 'POST', '/api/v1/auth/sign-in', { body: CLI_ADMIN }))).toEqual([401, 'sign_in_failed']);
    const admin = await PlannerClient.signIn(api, CLI_ADMIN.email, NEW_PASSWORD);
    secrets.push(admin.session, admin.csrf);
    expect(admin.me).toMatchObject({ email: CLI_ADMIN.email, isAdmin: true, memberships: [] });
  });

  it('sets an httpOnly SameSite=Lax session cookie for /api and a readable CSRF cookie; Secure except on plain http to localhost', async () => {
    const reply = await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: CLI_ADMIN.email, password: NEW_PASSWORD } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const session = setCookie(reply.headers, 'sd_session');
    const csrf = setCookie(reply.headers, 'sd_csrf');
    secrets.push(session?.value ?? '', csrf?.value ?? '');
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session?.attributes).toEqual(['Path=/api', 'SameSite=Lax', 'HttpOnly']);
    expect(csrf?.attributes).toEqual(['Path=/', 'SameSite=Lax']);
    expect(csrf?.value).toBe(reply.body.csrfToken);
    expect(reply.text).not.toContain(session?.value);

    const public_ = await signInWithHost(api, 'stadtdialog.example.org', { email: CLI_ADMIN.email, password: NEW_PASSWORD });
    expect(public_.find((c) => c.startsWith('sd_session='))).toMatch(/; HttpOnly; Secure$/);
    expect(public_.find((c) => c.startsWith('sd_csrf='))).toMatch(/; SameSite=Lax; Secure$/);
  });

  it('gives a new session id on every sign-in and ends the session the request came with', async () => {
    const first = await PlannerClient.signIn(api, CLI_ADMIN.email, NEW_PASSWORD);
    const again = await call(api, 'POST', '/api/v1/auth/sign-in', {
      body: { email: CLI_ADMIN.email, password: NEW_PASSWORD },
      headers: { cookie: `sd_session=${first.session}` },
    });
    const second = setCookie(again.headers, 'sd_session')?.value;
    expect(second).toBeDefined();
    expect(second).not.toBe(first.session);
    expect(refusal(await first.call('GET', '/api/v1/auth/me'))).toEqual([401, 'sign_in_required']);
    expect((await call(api, 'GET', '/api/v1/auth/me', { headers: { cookie: `sd_session=${second}` } })).status).toBe(200);

    // A session id chosen by someone else (fixation) is never taken over.
    const planted = 'A'.repeat(43);
    const fixed = await call(api, 'POST', '/api/v1/auth/sign-in', {
      body: { email: CLI_ADMIN.email, password: NEW_PASSWORD },
      headers: { cookie: `sd_session=${planted}` },
    });
    expect(setCookie(fixed.headers, 'sd_session')?.value).not.toBe(planted);
    expect(refusal(await call(api, 'GET', '/api/v1/auth/me', { headers: { cookie: `sd_session=${planted}` } }))).toEqual([401, 'sign_in_required']);
  });

  it('refuses unsafe cookie requests without the session\'s CSRF token and stores nothing', async () => {
    const admin = await PlannerClient.signIn(api, CLI_ADMIN.email, NEW_PASSWORD);
    const other = await PlannerClient.signIn(api, CLI_ADMIN.email, NEW_PASSWORD);
    const { id } = await contribute(api, procedure, 'Bleibt sichtbar');
    const hide = `/api/v1/procedures/${procedure.id}/moderation/contributions/${id}/hide`;
    for (const csrf of [null, '', 'x'.repeat(43), other.csrf]) {
      const reply = await admin.call('POST', hide, {}, { csrf });
      expect(refusal(reply)).toEqual([403, 'csrf_invalid']);
      expect(reply.body.detail).toMatch(/X-CSRF-Token/);
    }
    // the same request as a form from another site would send it: no header, a form body
    const form = await call(api, 'POST', hide, { headers: { cookie: `sd_session=${admin.session}` } });
    expect(refusal(form)).toEqual([403, 'csrf_invalid']);
    expect((await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/contributions/${id}`)).status).toBe(200);
    const audit = await admin.call('GET', `/api/v1/procedures/${procedure.id}/audit`);
    expect(audit.body.items).toEqual([]);
    expect((await admin.call('POST', hide, {})).status).toBe(200);
    expect((await call(api, 'GET', `/api/v1/procedures/${procedure.slug}/contributions/${id}`)).status).toBe(404);
  });

  it('ends the session on sign-out (which needs the CSRF token too) and clears the cookies', async () => {
    const admin = await PlannerClient.signIn(api, CLI_ADMIN.email, NEW_PASSWORD);
    expect(refusal(await admin.call('POST', '/api/v1/auth/sign-out', undefined, { csrf: null }))).toEqual([403, 'csrf_invalid']);
    const out = await admin.call('POST', '/api/v1/auth/sign-out');
    expect(out.status).toBe(204);
    expect(setCookie(out.headers, 'sd_session')?.attributes).toEqual(expect.arrayContaining(['Max-Age=0', 'HttpOnly']));
    expect(setCookie(out.headers, 'sd_csrf')?.attributes).toEqual(expect.arrayContaining(['Max-Age=0']));
    expect(refusal(await admin.call('GET', '/api/v1/auth/me'))).toEqual([401, 'sign_in_required']);
  });

  it('ends every session of a planner who is disabled or gets a new password, and refuses a disabled planner\'s sign-in', async () => {
    const admin = await PlannerClient.signIn(api, CLI_ADMIN.email, NEW_PASSWORD);
    const created = await admin.call('POST', '/api/v1/planners', { email: 'kim@stadtdialog.test', displayName: 'Kim' });
    expect(created.status).toBe(201);
    const password: string = created.body.generatedPassword;
    secrets.push(password);
    const kim = await PlannerClient.signIn(api, 'kim@stadtdialog.test', password);
    expect((await admin.call('POST', `/api/v1/planners/${created.body.id}/reset-password`, { password: 'kims new password' })).status).toBe(200);
    expect(refusal(await kim.call('GET', '/api/v1/auth/me'))).toEqual([401, 'sign_in_required']);
    const kim2 = await PlannerClient.signIn(api, 'kim@stadtdialog.test', 'kims new password');
    expect((await admin.call('POST', `/api/v1/planners/${created.body.id}/disable`, {})).status).toBe(200);
    expect(refusal(await kim2.call('GET', '/api/v1/auth/me'))).toEqual([401, 'sign_in_required']);
    expect(refusal(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: 'kim@stadtdialog.test', password: 'kims new password' } }))).toEqual([401, 'sign_in_failed']);
    // admins cannot lock themselves out
    expect(refusal(await admin.call('POST', `/api/v1/planners/${admin.me.id}/disable`, {}))).toEqual([409, 'own_account']);
    const log = await admin.call('GET', '/api/v1/planners/audit');
    expect(log.body.items.map((e: { action: string }) => e.action).slice(0, 3)).toEqual([
      'planner.disable', 'planner.reset-password', 'planner.create',
    ]);
    expect(JSON.stringify(log.body)).not.toMatch(/argon2|kims new password|password_hash/);
  });

  it('delays sign-ins after three failures for an account with 429 and Retry-After, also for the right password', async () => {
    const wrong = { email: CLI_ADMIN.email.toUpperCase(), password: 'wrong password!' };
    for (let i = 0; i < 3; i++) {
      const reply = await call(api, 'POST', '/api/v1/auth/sign-in', { body: wrong });
      expect(refusal(reply)).toEqual([401, 'sign_in_failed']);
      expect(reply.body.detail).toBe('The e-mail address or the password is wrong.');
    }
    const blocked = await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: CLI_ADMIN.email, password: NEW_PASSWORD } });
    expect(refusal(blocked)).toEqual([429, 'sign_in_throttled']);
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(blocked.body.retryAfter).toBe(retryAfter);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    // another account from the same client is not held up yet
    expect(refusal(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: 'nobody@stadtdialog.test', password: 'x' } }))).toEqual([401, 'sign_in_failed']);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    expect((await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: CLI_ADMIN.email, password: NEW_PASSWORD } })).status).toBe(200);
  });

  it('delays every sign-in from a client after ten failures, whatever the account', async () => {
    // seven failures so far from this address: two at the start, the disabled planner, three above, nobody@
    for (let i = 0; i < 3; i++) {
      expect(refusal(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: `guess${i}@stadtdialog.test`, password: 'guess' } }))).toEqual([401, 'sign_in_failed']);
    }
    const blocked = await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: CLI_ADMIN.email, password: NEW_PASSWORD } });
    expect(refusal(blocked)).toEqual([429, 'sign_in_throttled']);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('writes no password, session id or CSRF token to the log', () => {
    const log = api.output();
    expect(log).toContain('signed in');
    for (const secret of [...secrets, CLI_ADMIN.password, NEW_PASSWORD, ENV_ADMIN.password].filter(Boolean)) {
      expect(log).not.toContain(secret);
    }
  });

  it('keeps only hashes: no session id, e-mail address or IP address in the tables, and the audit log cannot be changed', async () => {
    await api.stop();
    await withDatabase(env, async (ds) => {
      const sessions: { id_hash: Buffer }[] = await ds.query(`SELECT id_hash FROM planner_sessions`);
      expect(sessions.length).toBeGreaterThan(0);
      for (const s of sessions) {
        expect(s.id_hash).toHaveLength(32);
        expect(secrets).not.toContain(s.id_hash.toString('base64url'));
      }
      const failures: { key_hash: Buffer }[] = await ds.query(`SELECT key_hash FROM sign_in_failures`);
      expect(failures.length).toBeGreaterThan(0);
      const stored = JSON.stringify(await ds.query(`SELECT encode(key_hash, 'escape') AS k FROM sign_in_failures`));
      expect(stored).not.toMatch(/127\.0\.0\.1|stadtdialog\.test/i);
      const [hash] = await ds.query(`SELECT password_hash FROM planners WHERE email = $1`, [CLI_ADMIN.email]);
      expect(hash.password_hash).toMatch(/^\$argon2id\$/);
      await expect(ds.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    });
  });
});
