import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { E2E_PORT, GEOCODER_FIXTURE_PORT, SMTP_SINK_PORT } from './src/support/ports';

/**
 * Drives Debian's Chromium against the app started as a user starts it (`npm start`), on a fresh
 * embedded database in a temp dir, so the demo seed runs. E2E_BASE_URL points the tests at an
 * already running instance instead.
 */
const port = E2E_PORT;
const externalBaseUrl = process.env['E2E_BASE_URL'];
const baseURL = externalBaseUrl ?? `http://127.0.0.1:${port}`;
const startsServer = !externalBaseUrl && process.env['TEST_WORKER_INDEX'] === undefined;


/** Playwright also loads this file in its workers; only the main process starts the server. */
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stadtdialog-e2e-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/.playwright/apps/web-e2e/test-output',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    // The app follows the browser's language on a first visit: the tests are a German browser
    // (a test that needs another sets its own locale).
    locale: 'de-DE',
    deviceScaleFactor: 1,
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: !startsServer
    ? undefined
    : {
        command: 'npm start',
        cwd: resolve(__dirname, '../..'),
        url: `${baseURL}/api/health`,
        env: {
          PORT: String(port),
          DATA_DIR: freshDataDir(),
          // the first planner account, created at start (planner.spec.ts signs in with it)
          ADMIN_EMAIL: 'admin@stadtdialog.test',
          ADMIN_PASSWORD: 'e2e admin password 2026',
          // e-mail through the SMTP server notify.spec.ts starts in its own process; links in mails lead here
          SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK_PORT}`,
          PUBLIC_URL: baseURL,
          // address search against the Nominatim-speaking fixture address.spec.ts starts
          GEOCODER_URL: `http://127.0.0.1:${GEOCODER_FIXTURE_PORT}/search`,
        },
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
