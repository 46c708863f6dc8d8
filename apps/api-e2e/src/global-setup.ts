import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_URL, buildTemplate } from './server';

/**
 * Once per run, on the embedded engine: a data directory migrated by the built API, which every
 * test file copies (server.ts `freshDatabase`) instead of migrating its own. Removed by global-teardown.ts.
 */
export default async function globalSetup(): Promise<void> {
  if (SERVER_URL) return;
  const dir = join(tmpdir(), `stadtdialog-api-e2e-template-${process.pid}`);
  await buildTemplate(dir);
  process.env['E2E_TEMPLATE_DIR'] = dir;
}
