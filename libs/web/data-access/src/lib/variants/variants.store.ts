import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { PublicVariant, PublicVariantDetail, VariantComment } from '@stadtdialog/shared/contract';
import { firstValueFrom, forkJoin, of, Subscription, switchMap } from 'rxjs';
import { ContributionApi } from '../contributions/contribution-api';
import { WriteResult } from '../contributions/contribution-detail.store';
import { LiveArrivals } from '../live/live-arrivals';
import { LiveEvents, PublicLiveEvent } from '../live/live-events';
import { writeFailure } from '../participation/problem';
import { failureStatus, LoadStatus } from '../procedures/load-status';
import { VariantApi } from './variant-api';

/**
 * The published variants of a procedure with their comments, and what a resident does there: rate,
 * comment, report a comment. Follows the live stream: counts change in place, comments come and go,
 * a variant published or withdrawn meanwhile brings the list up to date. Provide it on the page.
 */
@Injectable()
export class VariantsStore {
  private readonly api = inject(VariantApi);
  private readonly contributions = inject(ContributionApi);
  private readonly live = inject(LiveEvents);
  private readonly slug = signal<string | null>(null);
  private readonly state = signal<{ status: LoadStatus; variants: PublicVariantDetail[] }>({ status: 'idle', variants: [] });
  private readonly busy = signal<ReadonlySet<string>>(new Set());
  private readonly arrivals = signal(0);
  private readonly others = new LiveArrivals((count) => this.arrivals.update((n) => n + count));
  private unfollow: (() => void) | null = null;
  private request?: Subscription;

  readonly status = computed(() => this.state().status);
  /** in the planners' order, each with its published comments */
  readonly variants = computed(() => this.state().variants);
  /** ids of variants whose rating is being sent */
  readonly ratingBusy = this.busy.asReadonly();
  /** comments by others that arrived live since the page was loaded */
  readonly commentsArrived = this.arrivals.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.request?.unsubscribe();
      this.unfollow?.();
    });
  }

  load(slug: string): void {
    if (this.slug() !== slug || !this.unfollow) {
      this.unfollow?.();
      this.unfollow = this.live.subscribe(slug, (event) => this.onLive(event));
    }
    this.slug.set(slug);
    this.arrivals.set(0);
    this.others.reset();
    this.state.set({ status: 'loading', variants: [] });
    this.read(slug, true);
  }

  /** The list and every variant's comments (a procedure has at most 20 variants). */
  private read(slug: string, showFailure: boolean): void {
    this.request?.unsubscribe();
    this.request = this.api
      .list(slug)
      .pipe(switchMap((list: PublicVariant[]) => (list.length ? forkJoin(list.map((v) => this.api.get(slug, v.id))) : of([]))))
      .subscribe({
        next: (variants) => {
          // A re-read (after a reset or a changed variant) may bring comments before their live events:
          // those are new to the reader too, and announced like the ones the events bring.
          if (!showFailure && this.status() === 'loaded') {
            const seen = new Set(this.variants().flatMap((v) => v.comments.map((c) => c.id)));
            this.others.arrived(variants.flatMap((v) => v.comments.filter((c) => !seen.has(c.id)).map((c) => c.id)));
          }
          this.state.set({ status: 'loaded', variants });
        },
        error: (error: unknown) => {
          if (showFailure) this.state.set({ status: failureStatus(error), variants: [] });
        },
      });
  }

  /** Rates up or down; choosing the own rating again withdraws it. */
  async rate(variantId: string, value: 1 | -1): Promise<WriteResult<void>> {
    const slug = this.slug();
    const variant = this.variants().find((v) => v.id === variantId);
    if (!slug || !variant || this.busy().has(variantId)) return { kind: 'failed', status: 0, code: null };
    this.busy.update((ids) => new Set([...ids, variantId]));
    try {
      const request = variant.rating.own === value ? this.api.withdrawRating(slug, variantId) : this.api.rate(slug, variantId, value);
      const rating = await firstValueFrom(request);
      this.patch(variantId, { rating });
      return { kind: 'done', value: undefined };
    } catch (error) {
      return writeFailure(error);
    } finally {
      this.busy.update((ids) => new Set([...ids].filter((id) => id !== variantId)));
    }
  }

  /** A comment, sent with `idempotencyKey` so that a retry of the same text is not posted twice. */
  async comment(variantId: string, text: string, idempotencyKey: string): Promise<WriteResult<VariantComment>> {
    const slug = this.slug();
    if (!slug) return { kind: 'failed', status: 0, code: null };
    try {
      // (its live event may come first: not announced as someone else's)
      const comment = await this.others.own(firstValueFrom(this.api.comment(slug, variantId, text, idempotencyKey)), (c) => c.id);
      const variant = this.variants().find((v) => v.id === variantId);
      if (variant && comment.status !== 'pending' && !variant.comments.some((c) => c.id === comment.id)) {
        this.patch(variantId, {
          comments: [...variant.comments, comment],
          commentCount: variant.commentCount === null ? null : variant.commentCount + 1,
        });
      }
      return { kind: 'done', value: comment };
    } catch (error) {
      return writeFailure(error);
    }
  }

  /** Reports a comment on a variant to the moderators; `idempotencyKey` keeps a retry from filing it twice. */
  async report(variantCommentId: string, reason: string, idempotencyKey: string): Promise<WriteResult<void>> {
    const slug = this.slug();
    if (!slug) return { kind: 'failed', status: 0, code: null };
    try {
      await firstValueFrom(this.contributions.report(slug, { variantCommentId, reason }, idempotencyKey));
      return { kind: 'done', value: undefined };
    } catch (error) {
      return writeFailure(error);
    }
  }

  private onLive(event: PublicLiveEvent): void {
    const slug = this.slug();
    if (!slug || this.status() !== 'loaded') return;
    const known = (id: string) => this.variants().find((v) => v.id === id);
    switch (event.type) {
      case 'reset':
        this.read(slug, false);
        return;
      case 'variant': {
        const variant = known(event.data.id);
        // A variant published meanwhile, or one whose texts or order changed: read the list again.
        if (!variant || variant.title !== event.data.title || variant.position !== event.data.position) {
          this.read(slug, false);
          return;
        }
        this.patch(variant.id, {
          rating: { ...variant.rating, up: event.data.ratingsUp, down: event.data.ratingsDown },
          commentCount: event.data.commentCount,
        });
        return;
      }
      case 'variant-removed':
        if (known(event.data.id)) {
          this.state.update((s) => ({ ...s, variants: s.variants.filter((v) => v.id !== event.data.id) }));
        }
        return;
      case 'variant-comment': {
        const variant = known(event.data.variantId);
        if (!variant) return;
        if (variant.comments.some((c) => c.id === event.data.id)) {
          this.patch(variant.id, { comments: variant.comments.map((c) => (c.id === event.data.id ? { ...c, text: event.data.text } : c)) });
          return;
        }
        // The count arrives with the variant's own event.
        this.patch(variant.id, { comments: [...variant.comments, event.data] });
        this.others.arrived([event.data.id]);
        return;
      }
      case 'variant-comment-removed': {
        const variant = known(event.data.variantId);
        if (variant) this.patch(variant.id, { comments: variant.comments.filter((c) => c.id !== event.data.id) });
        return;
      }
      default:
        return;
    }
  }

  private patch(id: string, patch: Partial<PublicVariantDetail>): void {
    this.state.update((s) => ({ ...s, variants: s.variants.map((v) => (v.id === id ? { ...v, ...patch } : v)) }));
  }
}
