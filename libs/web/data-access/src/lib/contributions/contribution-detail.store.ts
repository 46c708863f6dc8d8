import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Comment, ContributionDetail, NewReport } from '@stadtdialog/shared/contract';
import { firstValueFrom, Subscription } from 'rxjs';
import { LiveArrivals } from '../live/live-arrivals';
import { LiveEvents, PublicLiveEvent } from '../live/live-events';
import { failureStatus, LoadStatus } from '../procedures/load-status';
import { WriteFailure, writeFailure } from '../participation/problem';
import { ContributionApi } from './contribution-api';

export type WriteResult<T> = { kind: 'done'; value: T } | WriteFailure;

/**
 * One contribution with its rating and comments, and what a resident does there: rate, comment,
 * reply, report. Provide it on the contribution page.
 */
@Injectable()
export class ContributionDetailStore {
  private readonly api = inject(ContributionApi);
  private readonly slug = signal<string | null>(null);
  private readonly state = signal<{ status: LoadStatus; contribution: ContributionDetail | null }>({
    status: 'idle',
    contribution: null,
  });
  private readonly ratingState = signal(false);
  private readonly removedState = signal(false);
  private readonly commentArrivals = signal<{ count: number; serial: number }>({ count: 0, serial: 0 });
  private readonly others = new LiveArrivals((count) => this.commentArrivals.update((a) => ({ count: a.count + count, serial: a.serial + 1 })));
  private readonly live = inject(LiveEvents);
  private unfollow: (() => void) | null = null;
  private request?: Subscription;

  readonly status = computed(() => this.state().status);
  readonly contribution = computed(() => this.state().contribution);
  readonly rating = computed(() => this.contribution()?.rating ?? null);
  readonly ratingBusy = this.ratingState.asReadonly();
  /** the contribution was withdrawn from the public while the page was open */
  readonly removed = this.removedState.asReadonly();
  /** how many comments arrived live since the page was loaded */
  readonly newComments = this.commentArrivals.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.request?.unsubscribe();
      this.unfollow?.();
    });
  }

  load(slug: string, id: string): void {
    this.request?.unsubscribe();
    if (this.slug() !== slug || !this.unfollow) {
      this.unfollow?.();
      this.unfollow = this.live.subscribe(slug, (event) => this.onLive(event));
    }
    this.slug.set(slug);
    this.removedState.set(false);
    this.commentArrivals.set({ count: 0, serial: 0 });
    this.others.reset();
    this.state.set({ status: 'loading', contribution: null });
    this.request = this.api.get(slug, id).subscribe({
      next: (contribution) => this.state.set({ status: 'loaded', contribution }),
      error: (error: unknown) => this.state.set({ status: failureStatus(error), contribution: null }),
    });
  }

  /** Rates up or down; choosing the own rating again withdraws it. */
  async rate(value: 1 | -1): Promise<WriteResult<void>> {
    const slug = this.slug();
    const contribution = this.contribution();
    if (!slug || !contribution || this.ratingState()) return { kind: 'failed', status: 0, code: null };
    this.ratingState.set(true);
    try {
      const request =
        contribution.rating.own === value
          ? this.api.withdrawRating(slug, contribution.id)
          : this.api.rate(slug, contribution.id, value);
      const rating = await firstValueFrom(request);
      this.patch({ rating, ratingsUp: rating.up, ratingsDown: rating.down });
      return { kind: 'done', value: undefined };
    } catch (error) {
      return writeFailure(error);
    } finally {
      this.ratingState.set(false);
    }
  }

  /**
   * Sends a comment, or a reply when `parentId` is given, with `idempotencyKey` so that a retry of
   * the same text is not posted twice. A published comment appears at once; a pending one does not.
   */
  async comment(text: string, parentId: string | null, idempotencyKey: string): Promise<WriteResult<Comment>> {
    const slug = this.slug();
    const contribution = this.contribution();
    if (!slug || !contribution) return { kind: 'failed', status: 0, code: null };
    try {
      // (its live event may come first: not announced as someone else's)
      const comment = await this.others.own(
        firstValueFrom(this.api.comment(slug, contribution.id, { text, ...(parentId ? { parentId } : {}) }, idempotencyKey)),
        (c) => c.id,
      );
      if (comment.status !== 'pending' && !this.hasComment(comment.id)) this.addComment(comment);
      return { kind: 'done', value: comment };
    } catch (error) {
      return writeFailure(error);
    }
  }

  /** Reports a contribution or comment; `idempotencyKey` keeps a retry from filing it twice. */
  async report(report: NewReport, idempotencyKey: string): Promise<WriteResult<void>> {
    const slug = this.slug();
    if (!slug) return { kind: 'failed', status: 0, code: null };
    try {
      await firstValueFrom(this.api.report(slug, report, idempotencyKey));
      return { kind: 'done', value: undefined };
    } catch (error) {
      return writeFailure(error);
    }
  }

  /**
   * A change on the public stream: the contribution's text and counts, comments that came or went.
   * Only data changes; forms on the page keep what the reader typed.
   */
  private onLive(event: PublicLiveEvent): void {
    const current = this.contribution();
    const slug = this.slug();
    if (event.type === 'reset') {
      if (!slug || !current) return;
      // Read again without a loading state, so nothing on the page is taken down meanwhile.
      this.request?.unsubscribe();
      this.request = this.api.get(slug, current.id).subscribe({
        next: (contribution) => this.state.set({ status: 'loaded', contribution }),
        error: () => undefined,
      });
      return;
    }
    if (!current) return;
    switch (event.type) {
      case 'contribution': {
        const changed = event.data.contribution;
        if (changed.id !== current.id) return;
        this.removedState.set(false);
        this.patch({
          title: changed.title,
          text: changed.text,
          categoryId: changed.categoryId,
          rubricId: changed.rubricId,
          geometry: changed.geometry,
          status: changed.status,
          updatedAt: changed.updatedAt,
          ratingsUp: changed.ratingsUp,
          ratingsDown: changed.ratingsDown,
          commentCount: changed.commentCount,
          rating: { ...current.rating, up: changed.ratingsUp, down: changed.ratingsDown },
        });
        return;
      }
      case 'contribution-removed':
        if (event.data.id === current.id) this.removedState.set(true);
        return;
      case 'comment': {
        const comment = event.data;
        if (comment.contributionId !== current.id) return;
        if (this.hasComment(comment.id)) {
          this.patch({ comments: this.mapComments(current.comments, (c) => (c.id === comment.id ? { ...c, text: comment.text } : c)) });
          return;
        }
        if (comment.parentId && !current.comments.some((c) => c.id === comment.parentId)) return;
        this.addComment(comment, false);
        this.others.arrived([comment.id]);
        return;
      }
      case 'comment-removed':
        if (event.data.contributionId !== current.id || !this.hasComment(event.data.id)) return;
        this.patch({
          comments: current.comments
            .filter((c) => c.id !== event.data.id)
            .map((c) => ({ ...c, replies: (c.replies ?? []).filter((r) => r.id !== event.data.id) })),
        });
        return;
    }
  }

  private hasComment(id: string): boolean {
    return (this.contribution()?.comments ?? []).some((c) => c.id === id || (c.replies ?? []).some((r) => r.id === id));
  }

  private mapComments(comments: Comment[], change: (comment: Comment) => Comment): Comment[] {
    return comments.map((c) => change({ ...c, replies: (c.replies ?? []).map(change) }));
  }

  /** `count`: the own comment raises the count; a live one does not, its contribution event brings the count. */
  private addComment(comment: Comment, count = true): void {
    const contribution = this.contribution();
    if (!contribution) return;
    const comments = comment.parentId
      ? contribution.comments.map((c) =>
          c.id === comment.parentId ? { ...c, replies: [...(c.replies ?? []), comment] } : c,
        )
      : [...contribution.comments, { ...comment, replies: comment.replies ?? [] }];
    this.patch(count ? { comments, commentCount: (contribution.commentCount ?? 0) + 1 } : { comments });
  }

  private patch(patch: Partial<ContributionDetail>): void {
    this.state.update((s) => (s.contribution ? { ...s, contribution: { ...s.contribution, ...patch } } : s));
  }
}
