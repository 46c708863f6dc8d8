/**
 * Every environment variable the API reads, validated once at start-up. The README's
 * configuration table lists the same variables; `CONFIG_VARIABLES` keeps them in one place.
 */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  runMigrations: boolean;
  seedDemo: boolean;
  databaseConnectTimeoutMs: number;
  /** server engine: statement_timeout of every statement of a request, ms */
  databaseStatementTimeoutMs: number;
  /** embedded engine: a query running longer ends and reopens the engine, ms */
  embeddedQueryTimeoutMs: number;
  /** live event streams one instance holds at most */
  liveMaxConnections: number;
  /** test-only endpoints that start a runaway query (POST /api/test/runaway-query) */
  faultInjection: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  webDistDir: string | null;
  participantTokenSecret: string | null;
  baseMapUrl: string;
  /** writes per minute per participant token; 0 = no limit */
  rateLimitWritesPerMinute: number;
  /** writes per minute per client address; 0 = no limit */
  rateLimitAddressWritesPerMinute: number;
  /** writes per minute per workshop table (instead of per participant and address); 0 = no limit */
  rateLimitTableWritesPerMinute: number;
  /** express `trust proxy`: false, a hop count, or the proxies' addresses/subnets */
  trustProxy: boolean | number | string;
  /** `auto`: Secure cookies unless the request is plain http to a loopback host */
  cookieSecure: 'auto' | 'true' | 'false';
  sessionIdleTimeoutMs: number;
  sessionMaxAgeMs: number;
  /** the first admin, created on a start that finds no planner */
  admin: { email: string; password: string } | null;
  /** positions a geometry (contribution, moderator's edit, planning area) may have */
  geometryMaxPositions: number;
  /** rings of a polygon, or polygons and rings of a planning area */
  geometryMaxParts: number;
  /** square metres a contribution's polygon may cover */
  contributionMaxAreaM2: number;
  /** metres a contribution's line may be long */
  contributionMaxLengthM: number;
  /** a request's headers and body must have arrived within this time, else 408 */
  requestTimeoutMs: number;
  /** largest file a planner may upload (images, PDFs), in bytes */
  uploadMaxBytes: number;
  /** longest side of an uploaded image after re-encoding, in pixels */
  imageMaxDimension: number;
  /** who runs this installation: fills the default imprint, privacy policy and accessibility statement */
  operator: OperatorConfig;
  /** e-mail: off (null) unless SMTP_URL is set */
  mail: MailConfig | null;
  /** the address residents reach the app at, for links in e-mails */
  publicUrl: string;
  /** address search: off (null) unless GEOCODER_URL is set */
  geocoder: GeocoderConfig | null;
}

export interface GeocoderConfig {
  /** the search endpoint, e.g. https://nominatim.example.org/search or https://photon.example.org/api */
  url: string;
  /** the JSON it speaks */
  kind: 'nominatim' | 'photon';
}

export interface MailConfig {
  /** nodemailer connection URL: smtp://user:pass@host:587 or smtps://… */
  smtpUrl: string;
  from: string;
}

/** The operator's details as the legal pages need them; a missing one shows as "please fill in". */
export interface OperatorConfig {
  name: string | null;
  /** lines of the postal address */
  address: string[];
  email: string | null;
  phone: string | null;
  /** the data protection officer's contact (GDPR art. 13 (1) b) */
  privacyContact: string | null;
  /** date of the last accessibility check, YYYY-MM-DD */
  accessibilityCheckedOn: string | null;
}

/** Passwords of planners: at least this long. */
export const MIN_PASSWORD_LENGTH = 12;

export interface ConfigVariable {
  name: string;
  default: string;
  description: string;
}

export const CONFIG_VARIABLES: ConfigVariable[] = [
  { name: 'PORT', default: '3000', description: 'HTTP port of the API and web app' },
  { name: 'HOST', default: '0.0.0.0', description: 'interface to listen on' },
  { name: 'DATABASE_URL', default: '(unset: embedded PGlite)', description: 'PostgreSQL 15+ with PostGIS 3.3+' },
  { name: 'DATA_DIR', default: './.data', description: 'where the embedded database lives' },
  { name: 'RUN_MIGRATIONS', default: 'true', description: 'apply pending migrations at start' },
  { name: 'SEED_DEMO', default: 'true', description: 'create the demo procedure on an empty database' },
  { name: 'DATABASE_CONNECT_TIMEOUT', default: '20', description: 'seconds to retry the database server at start' },
  {
    name: 'DATABASE_STATEMENT_TIMEOUT',
    default: '10',
    description: 'PostgreSQL server: seconds any one statement of a request may run (statement_timeout); past it the request gets 503',
  },
  {
    name: 'EMBEDDED_QUERY_TIMEOUT',
    default: '10',
    description: 'embedded engine: seconds a query may run; past it the engine thread is ended and reopened, the request gets 503',
  },
  {
    name: 'LIVE_MAX_CONNECTIONS',
    default: '2000',
    description: 'live event streams (SSE) one API instance holds at most; more get 503 with Retry-After. Each takes a file descriptor and about 10–50 KiB',
  },
  {
    name: 'FAULT_INJECTION',
    default: 'false',
    description: 'tests only: enables POST /api/test/runaway-query, a query that runs until its time bound ends it; never in production',
  },
  { name: 'LOG_LEVEL', default: 'info', description: 'pino log level' },
  { name: 'WEB_DIST_DIR', default: 'dist/apps/web/browser', description: 'built web app served at /' },
  { name: 'PARTICIPANT_TOKEN_SECRET', default: '(generated, kept in the database)', description: 'key for hashing participant tokens' },
  { name: 'BASE_MAP_URL', default: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', description: 'XYZ base map of the demo procedure' },
  {
    name: 'RATE_LIMIT_WRITES_PER_MINUTE',
    default: '30',
    description: 'writes (POST, PUT, PATCH, DELETE under /api/v1) per participant token and minute, shared by all instances on a PostgreSQL server; 0 turns it off',
  },
  {
    name: 'RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE',
    default: '120',
    description: 'writes per client address (IPv6: per /64) and minute, shared like the one above; kept only as an HMAC; 0 turns it off',
  },
  {
    name: 'RATE_LIMIT_TABLE_WRITES_PER_MINUTE',
    default: '240',
    description: 'writes per workshop table (its X-Table-Key) and minute, shared like the ones above; they count instead of the limits per participant and address; 0 turns it off',
  },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    description: 'behind a reverse proxy: its hop count (1) or addresses/subnets (e.g. 10.0.0.0/8, loopback), so the client address comes from X-Forwarded-For',
  },
  { name: 'COOKIE_SECURE', default: 'auto', description: 'Secure flag of the planner session cookie: auto (Secure unless plain http to localhost), true or false' },
  { name: 'SESSION_IDLE_TIMEOUT', default: '120', description: 'minutes without a request after which a planner session ends' },
  { name: 'SESSION_MAX_AGE', default: '12', description: 'hours after sign-in after which a planner session ends' },
  { name: 'ADMIN_EMAIL', default: '(unset)', description: 'first admin, created at a start that finds no planner account' },
  { name: 'ADMIN_PASSWORD', default: '(unset)', description: 'password of ADMIN_EMAIL, at least 12 characters' },
  { name: 'GEOMETRY_MAX_POSITIONS', default: '1000', description: 'positions a submitted geometry may have (contributions, moderators\' edits, planning areas); more: 422 too_many_positions' },
  { name: 'GEOMETRY_MAX_PARTS', default: '100', description: 'rings of a polygon, polygons and rings of a planning area; more: 422 too_many_parts' },
  { name: 'CONTRIBUTION_MAX_AREA', default: '1000000', description: 'square metres a contribution\'s polygon may cover; larger: 422 too_large' },
  { name: 'CONTRIBUTION_MAX_LENGTH', default: '5000', description: 'metres a contribution\'s line may be long; longer: 422 too_large' },
  { name: 'REQUEST_TIMEOUT', default: '10', description: 'seconds within which a request\'s headers and body must have arrived; slower: 408' },
  { name: 'UPLOAD_MAX_MB', default: '10', description: 'largest image or PDF a planner may upload, in megabytes' },
  { name: 'IMAGE_MAX_DIMENSION', default: '2560', description: 'uploaded images are scaled down to at most this many pixels on their longest side' },
  { name: 'OPERATOR_NAME', default: '(unset)', description: 'the public body running this installation, named in the default imprint, privacy policy and accessibility statement' },
  { name: 'OPERATOR_ADDRESS', default: '(unset)', description: 'its postal address; lines separated by "|"' },
  { name: 'OPERATOR_EMAIL', default: '(unset)', description: 'its contact e-mail address (imprint, privacy policy, accessibility feedback)' },
  { name: 'OPERATOR_PHONE', default: '(unset)', description: 'its contact telephone number' },
  { name: 'PRIVACY_CONTACT', default: '(unset)', description: 'how to reach its data protection officer (GDPR art. 13)' },
  { name: 'SMTP_URL', default: '(unset: no e-mail)', description: 'SMTP server for e-mail notifications and feedback mails, e.g. smtp://user:pass@mail.example.org:587 or smtps://…:465; unset, nothing is mailed and the web app offers no notifications' },
  { name: 'MAIL_FROM', default: 'Stadtdialog <noreply@localhost>', description: 'sender of the e-mails' },
  { name: 'PUBLIC_URL', default: 'http://localhost:<PORT>', description: 'address residents reach the app at, for the confirmation and unsubscribe links in e-mails' },
  { name: 'GEOCODER_URL', default: '(unset: no address search)', description: 'search endpoint of a Nominatim (…/search) or Photon (…/api) geocoder; the API asks it for residents, bounded to the procedure\'s area; unset, the map offers no address search' },
  { name: 'GEOCODER_KIND', default: 'nominatim', description: 'what GEOCODER_URL speaks: nominatim or photon' },
  { name: 'ACCESSIBILITY_CHECKED_ON', default: '(unset)', description: 'date of the last accessibility check (YYYY-MM-DD), named in the accessibility statement' },
];

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function bool(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function int(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const PROXY_ADDRESS = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

/**
 * TRUST_PROXY as express takes it. `true` (trust every hop) is refused: any client could then
 * choose its own address by sending X-Forwarded-For and step around the per-address limit.
 */
function trustProxy(env: Record<string, string | undefined>): boolean | number | string {
  const raw = env['TRUST_PROXY']?.trim() ?? '';
  if (['', 'false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) return int(env, 'TRUST_PROXY', 0, 0, 10);
  const entries = raw.split(',').map((s) => s.trim());
  if (entries.every((e) => PROXY_NAMES.includes(e) || PROXY_ADDRESS.test(e))) return entries.join(',');
  throw new ConfigError(
    `TRUST_PROXY must be false, a hop count (1 to 10) or proxy addresses/subnets such as 10.0.0.0/8 or loopback, got "${raw}"`,
  );
}

/** Reads and checks the configuration; throws ConfigError with one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const databaseUrl = env['DATABASE_URL']?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://`);
  }
  const logLevel = (env['LOG_LEVEL']?.trim() || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const secret = env['PARTICIPANT_TOKEN_SECRET']?.trim() || null;
  if (secret !== null && secret.length < 32) {
    throw new ConfigError('PARTICIPANT_TOKEN_SECRET must be at least 32 characters');
  }
  const cookieSecure = (env['COOKIE_SECURE']?.trim().toLowerCase() || 'auto') as AppConfig['cookieSecure'];
  if (!['auto', 'true', 'false'].includes(cookieSecure)) {
    throw new ConfigError(`COOKIE_SECURE must be auto, true or false, got "${env['COOKIE_SECURE']}"`);
  }
  const sessionIdleMinutes = int(env, 'SESSION_IDLE_TIMEOUT', 120, 1, 7 * 24 * 60);
  const sessionMaxHours = int(env, 'SESSION_MAX_AGE', 12, 1, 30 * 24);
  if (sessionIdleMinutes > sessionMaxHours * 60) {
    throw new ConfigError('SESSION_IDLE_TIMEOUT (minutes) must not exceed SESSION_MAX_AGE (hours)');
  }
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env['HOST']?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir: env['DATA_DIR']?.trim() || './.data',
    runMigrations: bool(env, 'RUN_MIGRATIONS', true),
    seedDemo: bool(env, 'SEED_DEMO', true),
    databaseConnectTimeoutMs: int(env, 'DATABASE_CONNECT_TIMEOUT', 20, 0, 600) * 1000,
    databaseStatementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT', 10, 1, 3600) * 1000,
    embeddedQueryTimeoutMs: int(env, 'EMBEDDED_QUERY_TIMEOUT', 10, 1, 3600) * 1000,
    liveMaxConnections: int(env, 'LIVE_MAX_CONNECTIONS', 2000, 1, 1_000_000),
    faultInjection: bool(env, 'FAULT_INJECTION', false),
    logLevel,
    webDistDir: env['WEB_DIST_DIR']?.trim() || null,
    participantTokenSecret: secret,
    baseMapUrl: env['BASE_MAP_URL']?.trim() || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    rateLimitWritesPerMinute: int(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 30, 0, 100_000),
    rateLimitAddressWritesPerMinute: int(env, 'RATE_LIMIT_ADDRESS_WRITES_PER_MINUTE', 120, 0, 100_000),
    rateLimitTableWritesPerMinute: int(env, 'RATE_LIMIT_TABLE_WRITES_PER_MINUTE', 240, 0, 100_000),
    trustProxy: trustProxy(env),
    cookieSecure,
    sessionIdleTimeoutMs: sessionIdleMinutes * 60_000,
    sessionMaxAgeMs: sessionMaxHours * 3_600_000,
    admin: firstAdmin(env),
    geometryMaxPositions: int(env, 'GEOMETRY_MAX_POSITIONS', 1000, 4, 100_000),
    geometryMaxParts: int(env, 'GEOMETRY_MAX_PARTS', 100, 1, 10_000),
    contributionMaxAreaM2: int(env, 'CONTRIBUTION_MAX_AREA', 1_000_000, 1, 1e16),
    contributionMaxLengthM: int(env, 'CONTRIBUTION_MAX_LENGTH', 5000, 1, 1e9),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT', 10, 1, 3600) * 1000,
    uploadMaxBytes: int(env, 'UPLOAD_MAX_MB', 10, 1, 100) * 1024 * 1024,
    imageMaxDimension: int(env, 'IMAGE_MAX_DIMENSION', 2560, 256, 8192),
    operator: operator(env),
    mail: mail(env),
    publicUrl: publicUrl(env, int(env, 'PORT', 3000, 0, 65535)),
    geocoder: geocoder(env),
  };
}

function geocoder(env: Record<string, string | undefined>): GeocoderConfig | null {
  const kind = (env['GEOCODER_KIND']?.trim().toLowerCase() || 'nominatim') as GeocoderConfig['kind'];
  if (!['nominatim', 'photon'].includes(kind)) throw new ConfigError(`GEOCODER_KIND must be nominatim or photon, got "${env['GEOCODER_KIND']}"`);
  const raw = env['GEOCODER_URL']?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`GEOCODER_URL must be an address such as https://nominatim.example.org/search, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new ConfigError(`GEOCODER_URL must start with http:// or https://, got "${raw}"`);
  return { url: raw, kind };
}

function mail(env: Record<string, string | undefined>): MailConfig | null {
  const smtpUrl = env['SMTP_URL']?.trim() || null;
  const from = env['MAIL_FROM']?.trim() || 'Stadtdialog <noreply@localhost>';
  if (!/@[^@\s>]+>?$/.test(from)) throw new ConfigError(`MAIL_FROM must be an e-mail address, optionally with a name ("Name <a@b.org>"), got "${from}"`);
  if (!smtpUrl) return null;
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new ConfigError('SMTP_URL must be a URL such as smtp://user:pass@mail.example.org:587');
  }
  if (!['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) {
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// and name a host, got "${url.protocol}//${url.hostname}"`);
  }
  return { smtpUrl, from };
}

function publicUrl(env: Record<string, string | undefined>, port: number): string {
  const raw = env['PUBLIC_URL']?.trim();
  if (!raw) return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an address such as https://beteiligung.example.org, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new ConfigError(`PUBLIC_URL must start with http:// or https://, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function operator(env: Record<string, string | undefined>): OperatorConfig {
  const text = (name: string) => env[name]?.trim() || null;
  const email = text('OPERATOR_EMAIL');
  if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) throw new ConfigError(`OPERATOR_EMAIL must be an e-mail address, got "${email}"`);
  const checkedOn = text('ACCESSIBILITY_CHECKED_ON');
  if (checkedOn && (!/^\d{4}-\d{2}-\d{2}$/.test(checkedOn) || Number.isNaN(Date.parse(checkedOn)))) {
    throw new ConfigError(`ACCESSIBILITY_CHECKED_ON must be a date as YYYY-MM-DD, got "${checkedOn}"`);
  }
  return {
    name: text('OPERATOR_NAME'),
    address: (text('OPERATOR_ADDRESS') ?? '').split('|').map((line) => line.trim()).filter(Boolean),
    email,
    phone: text('OPERATOR_PHONE'),
    privacyContact: text('PRIVACY_CONTACT'),
    accessibilityCheckedOn: checkedOn,
  };
}

function firstAdmin(env: Record<string, string | undefined>): AppConfig['admin'] {
  const email = env['ADMIN_EMAIL']?.trim() || '';
  const password = env['ADMIN_PASSWORD'] ?? '';
  if (!email && !password) return null;
  if (!email || !password) throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new ConfigError(`ADMIN_EMAIL must be an e-mail address, got "${email}"`);
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new ConfigError(`ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return { email, password };
}
