import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Comment, ContributionDetail, NewReport } from '@stadtdialog/shared/contract';
import { firstValueFrom, Subscription } from 'rxjs';
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
  private request?: Subscription;

  readonly status = computed(() => this.state().status);
  readonly contribution = computed(() => this.state().contribution);
  readonly rating = computed(() => this.contribution()?.rating ?? null);
  readonly ratingBusy = this.ratingState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  load(slug: string, id: string): void {
    this.request?.unsubscribe();
    this.slug.set(slug);
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
    if (!slug || !contribution || this.ratingState()) return { kind: 'failed', status: 0 };
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
    if (!slug || !contribution) return { kind: 'failed', status: 0 };
    try {
      const comment = await firstValueFrom(
        this.api.comment(slug, contribution.id, { text, ...(parentId ? { parentId } : {}) }, idempotencyKey),
      );
      if (comment.status !== 'pending') this.addComment(comment);
      return { kind: 'done', value: comment };
    } catch (error) {
      return writeFailure(error);
    }
  }

  /** Reports a contribution or comment; `idempotencyKey` keeps a retry from filing it twice. */
  async report(report: NewReport, idempotencyKey: string): Promise<WriteResult<void>> {
    const slug = this.slug();
    if (!slug) return { kind: 'failed', status: 0 };
    try {
      await firstValueFrom(this.api.report(slug, report, idempotencyKey));
      return { kind: 'done', value: undefined };
    } catch (error) {
      return writeFailure(error);
    }
  }

  private addComment(comment: Comment): void {
    const contribution = this.contribution();
    if (!contribution) return;
    const comments = comment.parentId
      ? contribution.comments.map((c) =>
          c.id === comment.parentId ? { ...c, replies: [...(c.replies ?? []), comment] } : c,
        )
      : [...contribution.comments, { ...comment, replies: comment.replies ?? [] }];
    this.patch({ comments, commentCount: (contribution.commentCount ?? 0) + 1 });
  }

  private patch(patch: Partial<ContributionDetail>): void {
    this.state.update((s) => (s.contribution ? { ...s, contribution: { ...s.contribution, ...patch } } : s));
  }
}
