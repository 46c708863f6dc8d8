import { InjectionToken } from '@angular/core';
import { ModerationQueueEvent } from '@stadtdialog/shared/contract';

/** The part of `EventSource` the moderation queue uses, so tests can stand in for it. */
export interface QueueEventSource {
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
  readonly readyState: number;
}

/**
 * Opens a Server-Sent Events stream; null where the browser has no EventSource. The browser sends
 * the session cookie (same origin), reconnects by itself and resumes with Last-Event-ID.
 */
export const EVENT_SOURCE_FACTORY = new InjectionToken<(url: string) => QueueEventSource | null>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => (typeof EventSource === 'function' ? new EventSource(url, { withCredentials: true }) : null),
});

export function parseQueueEvent(event: MessageEvent): ModerationQueueEvent | null {
  try {
    const data = JSON.parse(String(event.data));
    return data && typeof data.id === 'string' && typeof data.kind === 'string' ? (data as ModerationQueueEvent) : null;
  } catch {
    return null;
  }
}
