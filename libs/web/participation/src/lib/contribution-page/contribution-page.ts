import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Comment, ContributionFeatureCollection, NewReport } from '@stadtdialog/shared/contract';
import {
  ContributionDetailStore,
  LocalizedDatePipe,
  LocalizedLangPipe,
  LocalizedNumberPipe,
  LocalizedPipe,
  MessageKey,
  ProcedureStore,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { ProcedureMap } from '@stadtdialog/web/map';
import { CategorySymbol } from '@stadtdialog/web/ui';
import { countText } from '../shared/count-text';
import { mapLabels } from '../shared/map-labels';
import { RetryingNote } from '../shared/retrying-note';
import { CommentForm } from './comment-form';
import { ReportDialog } from './report-dialog';

/** One contribution on its own page: text, where it is, its rating and its comments. */
@Component({
  selector: 'sd-contribution-page',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    ProcedureMap,
    CategorySymbol,
    CommentForm,
    ReportDialog,
    RetryingNote,
    TranslatePipe,
    LocalizedDatePipe,
    LocalizedNumberPipe,
    LocalizedPipe,
    LocalizedLangPipe,
  ],
  templateUrl: './contribution-page.html',
  styleUrl: './contribution-page.css',
  providers: [ProcedureStore, ContributionDetailStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContributionPage {
  /** from the route parameters */
  readonly slug = input.required<string>();
  readonly id = input.required<string>();

  protected readonly store = inject(ProcedureStore);
  protected readonly detail = inject(ContributionDetailStore);
  private readonly translator = inject(Translator);
  private readonly title = inject(Title);

  protected readonly mapLabels = mapLabels('contribution.mapLabel');
  protected readonly replyTo = signal<string | null>(null);
  protected readonly reportTarget = signal<Omit<NewReport, 'reason'> | null>(null);
  protected readonly reportedMessage = signal<MessageKey | null>(null);
  protected readonly ratingProblem = signal<MessageKey | null>(null);

  /** "1 neuer Kommentar", for screen readers; the comment itself is added at the end of its thread */
  /**
   * Comments and their replies as the thread shows them: the same number the list shows
   * (`commentCount` counts every published comment, replies included).
   */
  protected readonly commentTotal = computed(() =>
    (this.detail.contribution()?.comments ?? []).reduce((n, comment) => n + 1 + (comment.replies?.length ?? 0), 0),
  );
  protected readonly newCommentsText = computed(() => {
    const count = this.detail.newComments().count;
    return count ? countText(this.translator, 'live.newComments', count) : '';
  });

  protected readonly category = computed(() => {
    const contribution = this.detail.contribution();
    return contribution ? (this.store.categoriesById().get(contribution.categoryId) ?? null) : null;
  });
  protected readonly rubric = computed(() => {
    const contribution = this.detail.contribution();
    return contribution ? (this.store.rubricsById().get(contribution.rubricId) ?? null) : null;
  });

  /** The contribution as the one feature of the small map. */
  protected readonly feature = computed((): ContributionFeatureCollection | null => {
    const contribution = this.detail.contribution();
    if (!contribution?.geometry) return null;
    return {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: contribution.id,
          geometry: contribution.geometry,
          properties: {
            title: contribution.title,
            categoryId: contribution.categoryId,
            rubricId: contribution.rubricId,
            colour: this.category()?.colour ?? '',
            createdAt: contribution.createdAt,
            ratingsUp: contribution.ratingsUp ?? 0,
            ratingsDown: contribution.ratingsDown ?? 0,
            commentCount: contribution.commentCount ?? 0,
          },
        },
      ],
    };
  });

  constructor() {
    effect(() => {
      const slug = this.slug();
      const id = this.id();
      untracked(() => {
        this.store.load(slug);
        this.detail.load(slug, id);
      });
    });
    effect(() => {
      const heading = this.detail.contribution()?.title ?? this.translator.translate('contribution.heading');
      this.title.setTitle(`${heading} – ${this.translator.translate('app.name')}`);
    });
  }

  protected async rate(value: 1 | -1): Promise<void> {
    this.ratingProblem.set(null);
    const result = await this.detail.rate(value);
    if (result.kind === 'done') return;
    this.ratingProblem.set(
      result.kind === 'offline' ? 'error.offline' : result.kind === 'conflict' ? 'rating.closed' : 'error.failed',
    );
  }

  protected ownRatingLabel(): MessageKey {
    const own = this.detail.rating()?.own;
    return own === 1 ? 'rating.ownUp' : own === -1 ? 'rating.ownDown' : 'rating.ownNone';
  }

  protected openReply(comment: Comment): void {
    this.replyTo.set(comment.id);
  }

  protected report(target: Omit<NewReport, 'reason'>): void {
    this.reportedMessage.set(null);
    this.reportTarget.set(target);
  }

  protected onReported(): void {
    this.reportTarget.set(null);
    this.reportedMessage.set('report.thanks');
  }
}
