import { API_BASE } from '@stadtdialog/web/data-access';

/** The worker that keeps the table page for a reload without network (apps/web/public/table-sw.js). */
export const TABLE_WORKER = '/table-sw.js';
export const TABLE_WORKER_SCOPE = '/table/';

export interface KeptRequest {
  url: string;
  headers: Record<string, string>;
}

/**
 * What the table loaded from its own origin so far (the page, the app's files, its reads), as the
 * worker should keep them: reads of the API with the table link's key, nothing of the live stream.
 */
export function loadedRequests(page: string, loaded: string[], origin: string, tableHeaders: Record<string, string>): KeptRequest[] {
  const seen = new Set<string>();
  const kept: KeptRequest[] = [];
  for (const name of [page, ...loaded]) {
    let url: URL;
    try {
      url = new URL(name, origin);
    } catch {
      continue;
    }
    if (url.origin !== origin || url.pathname.endsWith('/events')) continue;
    url.hash = '';
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    kept.push({ url: url.href, headers: url.pathname.startsWith(API_BASE) ? tableHeaders : {} });
  }
  return kept;
}

/**
 * Registers the table's worker and hands it what this page loaded before the worker controlled it.
 * Where the browser has no service workers (or not in this context), the table works as before:
 * only the outbox survives a reload without network.
 */
export async function keepOfflineCopy(window: Window, tableHeaders: Record<string, string>): Promise<boolean> {
  const workers = window.navigator.serviceWorker;
  if (!workers || !window.isSecureContext) return false;
  try {
    const registration = await workers.register(TABLE_WORKER, { scope: TABLE_WORKER_SCOPE });
    const worker = registration.active ?? (await workers.ready).active;
    if (!worker) return false;
    const loaded = window.performance.getEntriesByType('resource').map((entry) => entry.name);
    worker.postMessage({ type: 'keep', requests: loadedRequests(window.location.href, loaded, window.location.origin, tableHeaders) });
    return true;
  } catch {
    return false;
  }
}
