/** The app's port in the browser tests (playwright.config.ts starts it there). */
export const E2E_PORT = Number(process.env['E2E_PORT'] ?? 3100);
/** Where notify.spec.ts runs its SMTP sink; playwright.config.ts points the app's SMTP_URL here. */
export const SMTP_SINK_PORT = Number(process.env['E2E_SMTP_PORT'] ?? E2E_PORT + 25);
/** Where address.spec.ts runs its geocoder; playwright.config.ts points the app's GEOCODER_URL here. */
export const GEOCODER_FIXTURE_PORT = Number(process.env['E2E_GEOCODER_PORT'] ?? E2E_PORT + 26);
