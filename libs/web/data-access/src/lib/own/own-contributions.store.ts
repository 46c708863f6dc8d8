import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { OwnContributions } from '@stadtdialog/shared/contract';
import { API_BASE } from '../procedures/procedure-api';
import { failureStatus, LoadStatus } from '../procedures/load-status';
import { ParticipantToken } from '../participation/participant-token';

/** Where "Meine Beiträge" puts the token into a personal link: after `#`, so it never reaches a server. */
export const CARRY_FRAGMENT = 'teilnahme=';

/**
 * "Meine Beiträge": what this device's participant wrote, every status included. The participant token
 * identifies them; the personal link carries it to another device.
 */
@Injectable()
export class OwnContributionsStore {
  private readonly http = inject(HttpClient);
  private readonly tokens = inject(ParticipantToken);
  private readonly state = signal<{ status: LoadStatus; data: OwnContributions }>({ status: 'idle', data: { contributions: [], comments: [] } });

  readonly status = computed(() => this.state().status);
  readonly contributions = computed(() => this.state().data.contributions);
  readonly comments = computed(() => this.state().data.comments);
  /** this device has taken part (it holds a token) */
  readonly hasToken = signal(this.tokens.get() !== null);

  load(): void {
    this.hasToken.set(this.tokens.get() !== null);
    if (!this.hasToken()) {
      this.state.set({ status: 'loaded', data: { contributions: [], comments: [] } });
      return;
    }
    this.state.update((s) => ({ ...s, status: 'loading' }));
    this.http.get<OwnContributions>(`${API_BASE}/me/contributions`).subscribe({
      next: (data) => this.state.set({ status: 'loaded', data }),
      error: (error: unknown) => this.state.update((s) => ({ ...s, status: failureStatus(error) })),
    });
  }

  /** The personal link to "Meine Beiträge" with this device's token, or null before the first write. */
  personalLink(origin: string, path: string): string | null {
    const token = this.tokens.get();
    return token ? `${origin}${path}#${CARRY_FRAGMENT}${token}` : null;
  }

  /** A token from a personal link, if the fragment holds one. */
  static tokenIn(fragment: string | null | undefined): string | null {
    const value = fragment?.startsWith(CARRY_FRAGMENT) ? fragment.slice(CARRY_FRAGMENT.length) : null;
    return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
  }

  /** Whether the token of a personal link is the one this device already uses. */
  isCurrent(token: string): boolean {
    return this.tokens.get() === token;
  }

  /** Uses the participant of a personal link on this device from now on, and reads its contributions. */
  adopt(token: string): void {
    this.tokens.set(token);
    this.load();
  }
}
