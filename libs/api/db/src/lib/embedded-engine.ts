import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DatabaseMonitor } from './database-status';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded-worker';

export interface EmbeddedEngineOptions {
  /** PGlite's data directory */
  dataDir: string;
  /** a query running longer than this ends the engine's thread, which is then reopened */
  queryTimeoutMs: number;
  log: { info(message: string): void; warn(message: string): void };
  /** the built worker entry; found by `workerScript()` by default */
  workerScript?: string;
}

const HOST = '127.0.0.1';

/**
 * The worker is the built file dist/apps/api/embedded-worker.js: next to main.js when the API runs,
 * and found from the workspace root when tests open a database from the sources (ts-jest), which
 * build the API first.
 */
function workerScript(): string {
  const candidates = [join(__dirname, 'embedded-worker.js'), join(process.cwd(), 'dist', 'apps', 'api', 'embedded-worker.js')];
  return candidates.find((path) => existsSync(path)) ?? candidates[0];
}
const STOP_TIMEOUT_MS = 15_000;

/**
 * Runs PGlite in a worker thread and watches it. Every protocol message is timed from the API's
 * thread; one that runs past the bound cannot be cancelled inside PGlite, so the thread is
 * terminated (its open connection drops: the request that waited gets a 503), and the same data
 * directory is opened again on the same port. What was committed is in the data directory's WAL;
 * PostgreSQL's crash recovery replays it on the reopen.
 */
export class EmbeddedEngine {
  readonly monitor = new DatabaseMonitor();
  private worker: Worker | null = null;
  private port = 0;
  private armed = false;
  private watchdog: NodeJS.Timeout | null = null;
  private stopping = false;
  private reopening: Promise<void> | null = null;
  private readonly script: string;

  constructor(private readonly options: EmbeddedEngineOptions) {
    this.script = options.workerScript ?? workerScript();
  }

  get url(): string {
    return `postgres://postgres@${HOST}:${this.port}/postgres`;
  }

  /** Opens the data directory; rejects with the engine's own message when it cannot. */
  async start(): Promise<void> {
    if (!existsSync(this.script)) throw new Error(`the embedded engine's worker ${this.script} is missing: build the API first`);
    await this.spawn();
  }

  /** From now on a query past the bound ends the engine (migrations and the demo seed at start-up run unbounded). */
  arm(): void {
    this.armed = true;
  }

  private spawn(): Promise<void> {
    const data: EmbeddedWorkerData = { dataDir: this.options.dataDir, host: HOST, port: this.port };
    const worker = new Worker(this.script, { workerData: data });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: EmbeddedWorkerMessage) => {
        if (message.type === 'ready') {
          ready = true;
          this.port = message.port;
          resolve();
        } else if (message.type === 'failed') {
          reject(new Error(message.message));
          void worker.terminate();
        } else if (message.type === 'busy') {
          this.onBusy(worker);
        } else if (message.type === 'idle') {
          this.onIdle();
        }
      });
      worker.on('error', (error) => {
        this.options.log.warn(`embedded engine failed: ${error.message}`);
        if (!ready) reject(error);
      });
      worker.on('exit', (code) => {
        if (!ready) reject(new Error(`the embedded engine stopped while opening (exit code ${code})`));
        else if (this.worker === worker && !this.stopping) {
          this.worker = null;
          this.monitor.incident('engine_failed', `the embedded engine stopped unexpectedly (exit code ${code}); it is reopened`, 'restarting');
          void this.reopen();
        }
      });
    });
  }

  private onBusy(worker: Worker): void {
    this.monitor.busy();
    if (!this.armed || this.watchdog) return;
    this.watchdog = setTimeout(() => void this.runaway(worker), this.options.queryTimeoutMs);
  }

  private onIdle(): void {
    this.monitor.idle();
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private async runaway(worker: Worker): Promise<void> {
    this.watchdog = null;
    if (this.worker !== worker || this.stopping) return;
    const seconds = Math.round(this.options.queryTimeoutMs / 100) / 10;
    this.options.log.warn(`a query ran longer than ${seconds} s (EMBEDDED_QUERY_TIMEOUT): ending and reopening the embedded engine`);
    this.monitor.incident('query_timeout', `a query ran longer than ${seconds} s and was ended; the embedded engine was reopened`, 'restarting');
    this.worker = null;
    await worker.terminate();
    await this.reopen();
  }

  /** Opens the data directory again, retrying with back-off until it works or the API stops. */
  private reopen(): Promise<void> {
    this.reopening ??= (async () => {
      const started = Date.now();
      for (let delay = 500; !this.stopping; delay = Math.min(delay * 2, 10_000)) {
        try {
          await this.spawn();
          this.monitor.restarted();
          this.monitor.recovered();
          this.options.log.info(`embedded engine reopened in ${Date.now() - started} ms`);
          return;
        } catch (error) {
          this.worker = null;
          this.monitor.incident('engine_failed', `the embedded engine cannot be reopened: ${(error as Error).message}`, 'unavailable');
          this.options.log.warn(`cannot reopen the embedded engine (${(error as Error).message}), trying again in ${delay} ms`);
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    })().finally(() => (this.reopening = null));
    return this.reopening;
  }

  /** Closes PGlite cleanly (it flushes its files); terminates the thread if that does not finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.watchdog) clearTimeout(this.watchdog);
    await this.reopening;
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => {
      worker.on('message', (message: EmbeddedWorkerMessage) => message.type === 'stopped' && resolve());
      worker.on('exit', () => resolve());
    });
    worker.postMessage({ type: 'stop' });
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await stopped;
    clearTimeout(timer);
    await worker.terminate();
  }
}
