import { signal } from '@angular/core';
import { LiveState, PublicLiveEvent } from './live-events';

/** Stands in for `LiveEvents` in unit tests: `emit` hands an event to the listeners of a procedure. */
export class FakeLiveEvents {
  readonly listeners = new Map<string, Set<(event: PublicLiveEvent) => void>>();

  subscribe(slug: string, listener: (event: PublicLiveEvent) => void): () => void {
    const set = this.listeners.get(slug) ?? new Set();
    set.add(listener);
    this.listeners.set(slug, set);
    return () => set.delete(listener);
  }

  state(): ReturnType<typeof signal<LiveState>> {
    return signal<LiveState>('live');
  }

  emit(slug: string, event: PublicLiveEvent): void {
    for (const listener of this.listeners.get(slug) ?? []) listener(event);
  }

  listening(slug: string): number {
    return this.listeners.get(slug)?.size ?? 0;
  }
}
