import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded engine on port 3000 with migrations and demo on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, dataDir: './.data', runMigrations: true, seedDemo: true });
  });

  it('reads every documented variable', () => {
    const c = loadConfig({
      PORT: '8080', DATABASE_URL: 'postgres://u@h/db', DATA_DIR: '/var/lib/sd', RUN_MIGRATIONS: 'false',
      SEED_DEMO: '0', DATABASE_CONNECT_TIMEOUT: '5', LOG_LEVEL: 'warn', HOST: '127.0.0.1',
    });
    expect(c).toMatchObject({
      port: 8080, databaseUrl: 'postgres://u@h/db', dataDir: '/var/lib/sd', runMigrations: false,
      seedDemo: false, databaseConnectTimeoutMs: 5000, logLevel: 'warn', host: '127.0.0.1',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ RUN_MIGRATIONS: 'maybe' }, /RUN_MIGRATIONS must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ PARTICIPANT_TOKEN_SECRET: 'short' }, /at least 32/],
    [{ COOKIE_SECURE: 'sometimes' }, /COOKIE_SECURE must be auto, true or false/],
    [{ SESSION_IDLE_TIMEOUT: '0' }, /SESSION_IDLE_TIMEOUT must be a whole number/],
    [{ SESSION_IDLE_TIMEOUT: '600', SESSION_MAX_AGE: '2' }, /must not exceed SESSION_MAX_AGE/],
    [{ ADMIN_EMAIL: 'admin@example.org' }, /ADMIN_EMAIL and ADMIN_PASSWORD must be set together/],
    [{ ADMIN_EMAIL: 'admin', ADMIN_PASSWORD: 'long enough password' }, /ADMIN_EMAIL must be an e-mail address/],
    [{ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD must be at least 12/],
    [{ RATE_LIMIT_WRITES_PER_MINUTE: '-1' }, /RATE_LIMIT_WRITES_PER_MINUTE must be a whole number/],
    [{ RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: 'lots' }, /RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE must be a whole number/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must be false, a hop count/],
    [{ TRUST_PROXY: 'proxy.example.org' }, /TRUST_PROXY must be false, a hop count/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('limits writes by default and turns each limit off with 0', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitWritesPerMinute: 30, rateLimitAddressWritesPerMinute: 120, trustProxy: false });
    expect(loadConfig({ RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE: '0' })).toMatchObject({
      rateLimitWritesPerMinute: 0,
      rateLimitAddressWritesPerMinute: 0,
    });
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, fd00::/8', '10.0.0.0/8,fd00::/8'],
  ])('takes TRUST_PROXY=%s as %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('reads the upload limits, refusing values outside their range', () => {
    expect(loadConfig({})).toMatchObject({ uploadMaxBytes: 10 * 1024 * 1024, imageMaxDimension: 2560 });
    expect(loadConfig({ UPLOAD_MAX_MB: '2', IMAGE_MAX_DIMENSION: '800' })).toMatchObject({ uploadMaxBytes: 2 * 1024 * 1024, imageMaxDimension: 800 });
    expect(() => loadConfig({ UPLOAD_MAX_MB: '0' })).toThrow(/UPLOAD_MAX_MB/);
    expect(() => loadConfig({ IMAGE_MAX_DIMENSION: 'big' })).toThrow(/IMAGE_MAX_DIMENSION/);
  });

  it('reads the planner sign-in variables', () => {
    expect(loadConfig({})).toMatchObject({
      cookieSecure: 'auto', sessionIdleTimeoutMs: 120 * 60_000, sessionMaxAgeMs: 12 * 3_600_000, admin: null,
    });
    const c = loadConfig({
      COOKIE_SECURE: 'false', SESSION_IDLE_TIMEOUT: '30', SESSION_MAX_AGE: '8', ADMIN_EMAIL: ' admin@example.org ',
      ADMIN_PASSWORD: 'correct horse battery',
    });
    expect(c).toMatchObject({
      cookieSecure: 'false', sessionIdleTimeoutMs: 30 * 60_000, sessionMaxAgeMs: 8 * 3_600_000,
      admin: { email: 'admin@example.org', password: 'correct horse battery' },
    });
  });

  it('reads the operator of the legal pages, refusing a malformed address or date', () => {
    expect(loadConfig({}).operator).toEqual({
      name: null, address: [], email: null, phone: null, privacyContact: null, accessibilityCheckedOn: null,
    });
    const c = loadConfig({
      OPERATOR_NAME: 'Bezirksamt Altona', OPERATOR_ADDRESS: 'Platz der Republik 1 | 22765 Hamburg',
      OPERATOR_EMAIL: 'beteiligung@altona.example', ACCESSIBILITY_CHECKED_ON: '2026-11-30',
    });
    expect(c.operator).toMatchObject({
      name: 'Bezirksamt Altona', address: ['Platz der Republik 1', '22765 Hamburg'], email: 'beteiligung@altona.example',
      accessibilityCheckedOn: '2026-11-30',
    });
    expect(() => loadConfig({ OPERATOR_EMAIL: 'nobody' })).toThrow(/OPERATOR_EMAIL must be an e-mail address/);
    expect(() => loadConfig({ ACCESSIBILITY_CHECKED_ON: '30.11.2026' })).toThrow(/ACCESSIBILITY_CHECKED_ON must be a date/);
  });

  it('turns e-mail on only with SMTP_URL, refusing other schemes, and takes the public address for links', () => {
    expect(loadConfig({})).toMatchObject({ mail: null, publicUrl: 'http://localhost:3000' });
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.org:587', MAIL_FROM: 'Bezirk <beteiligung@bezirk.example>', PUBLIC_URL: 'https://beteiligung.example/' })).toMatchObject({
      mail: { smtpUrl: 'smtp://u:p@mail.example.org:587', from: 'Bezirk <beteiligung@bezirk.example>' },
      publicUrl: 'https://beteiligung.example',
    });
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL must be a URL/);
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM must be an e-mail address/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL must start with http/);
  });

  it('turns address search on only with GEOCODER_URL, speaking Nominatim unless told Photon', () => {
    expect(loadConfig({}).geocoder).toBeNull();
    expect(loadConfig({ GEOCODER_URL: 'https://nominatim.example.org/search' }).geocoder).toEqual({ url: 'https://nominatim.example.org/search', kind: 'nominatim' });
    expect(loadConfig({ GEOCODER_URL: 'http://127.0.0.1:2322/api', GEOCODER_KIND: 'Photon' }).geocoder).toEqual({ url: 'http://127.0.0.1:2322/api', kind: 'photon' });
    expect(() => loadConfig({ GEOCODER_URL: 'ftp://x' })).toThrow(/GEOCODER_URL must start with http/);
    expect(() => loadConfig({ GEOCODER_KIND: 'google' })).toThrow(/GEOCODER_KIND must be nominatim or photon/);
  });

  it('documents each variable once', () => {
    const names = CONFIG_VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
