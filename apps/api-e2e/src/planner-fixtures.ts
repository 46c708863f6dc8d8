/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the tests' assertions, not by types */
import { randomUUID } from 'node:crypto';
import { Me } from '@stadtdialog/shared/contract';
import { RunningApi } from './server';

export const ADMIN = { email: 'admin@stadtdialog.test', password: 'admin password 2026' };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** The value of cookie `name` among Set-Cookie headers, with its attributes. */
export function setCookie(headers: Headers, name: string): { value: string; attributes: string[] } | null {
  for (const line of headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq) === name) return { value: decodeURIComponent(pair.slice(eq + 1)), attributes };
  }
  return null;
}

/** A request as a browser client would make it, answered with JSON, problem+json or nothing. */
export async function call<T = any>(
  api: RunningApi,
  method: Method,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(api.baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body: body as T, headers: response.headers, text };
}

/** A signed-in planner: sends the session cookie, and the CSRF token on unsafe methods. */
export class PlannerClient {
  constructor(
    readonly api: RunningApi,
    readonly session: string,
    readonly csrf: string,
    readonly me: Me,
  ) {}

  static async signIn(api: RunningApi, email: string, password: string): Promise<PlannerClient> {
    const reply = await call<Me>(api, 'POST', '/api/v1/auth/sign-in', { body: { email, password } });
    if (reply.status !== 200) throw new Error(`sign-in of ${email} failed: ${reply.status} ${reply.text}`);
    const session = setCookie(reply.headers, 'sd_session');
    if (!session) throw new Error('no session cookie');
    return new PlannerClient(api, session.value, reply.body.csrfToken, reply.body);
  }

  call<T = any>(method: Method, path: string, body?: unknown, options: { csrf?: string | null; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { cookie: `sd_session=${this.session}`, ...(options.headers ?? {}) };
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (method !== 'GET' && csrf !== null) headers['x-csrf-token'] = csrf;
    return call<T>(this.api, method, path, { body, headers });
  }
}

/** A contribution by a new anonymous participant; returns its id and the participant's token. */
export async function contribute(
  api: RunningApi,
  procedure: { slug: string; categoryId: string; rubricId: string },
  title: string,
  token?: string,
): Promise<{ id: string; token: string; status: string }> {
  const reply = await call(api, 'POST', `/api/v1/procedures/${procedure.slug}/contributions`, {
    body: {
      title, text: `${title}: Text`, categoryId: procedure.categoryId, rubricId: procedure.rubricId,
      geometry: { type: 'Point', coordinates: [9.95, 53.55] },
    },
    headers: { 'Idempotency-Key': randomUUID(), ...(token ? { 'X-Participant-Token': token } : {}) },
  });
  if (reply.status !== 201) throw new Error(`contribution refused: ${reply.status} ${reply.text}`);
  return { id: reply.body.id, token: reply.headers.get('x-participant-token') ?? token ?? '', status: reply.body.status };
}

/** Reads a Server-Sent Events stream until `until` is satisfied or `timeoutMs` passes. */
export class EventStream {
  readonly events: { id: string; event: string; data: any }[] = [];
  raw = '';
  status = 0;
  private readonly controller = new AbortController();
  private done: Promise<void> = Promise.resolve();

  static async open(api: RunningApi, path: string, headers: Record<string, string> = {}): Promise<EventStream> {
    const stream = new EventStream();
    const response = await fetch(api.baseUrl + path, { headers, signal: stream.controller.signal });
    stream.status = response.status;
    if (response.status !== 200 || !response.body) {
      stream.raw = await response.text();
      return stream;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    stream.done = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const chunk = decoder.decode(value, { stream: true });
          stream.raw += chunk;
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields: Record<string, string> = {};
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
            }
            if (fields['event'] && fields['data'] !== undefined) {
              stream.events.push({ id: fields['id'] ?? '', event: fields['event'], data: JSON.parse(fields['data']) });
            }
          }
        }
      } catch {
        // aborted
      }
    })();
    return stream;
  }

  async waitFor(predicate: (events: EventStream['events']) => boolean, timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (predicate(this.events)) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return predicate(this.events);
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
