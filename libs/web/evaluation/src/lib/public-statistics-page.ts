import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProcedureStatistics, TopContribution } from '@stadtdialog/shared/contract';
import { EvaluationApi, LocalizedPipe, TranslatePipe } from '@stadtdialog/web/data-access';
import { firstValueFrom } from 'rxjs';
import { StatisticsView } from './statistics-view';

/** /procedures/:slug/statistics: the published figures of a public procedure, for everyone. */
@Component({
  selector: 'sd-public-statistics-page',
  imports: [StatisticsView, RouterLink, TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@switch (status()) {
      @case ('loading') {
        <p role="status">{{ 'app.loading' | t }}</p>
      }
      @case ('not-found') {
        <p><a routerLink="/">{{ 'procedure.allProcedures' | t }}</a></p>
        <h1>{{ 'procedure.notFound' | t }}</h1>
      }
      @case ('error') {
        <p role="alert">{{ 'app.loadError' | t }}</p>
      }
      @default {
        @if (statistics(); as s) {
          <p><a [routerLink]="['/procedures', s.procedure.slug]">{{ 'contribute.backTo' | t: { title: (s.procedure | localized: 'title') } }}</a></p>
          <h1>{{ 'evaluation.publicTitle' | t: { title: (s.procedure | localized: 'title') } }}</h1>
          <p>{{ 'evaluation.publicIntro' | t }}</p>
          <p><a [routerLink]="['/procedures', s.procedure.slug, 'report']">{{ 'evaluation.report.link' | t }}</a></p>
          <sd-statistics-view [statistics]="s" [contributionLink]="link" [termLink]="['/procedures', s.procedure.slug]" />
        }
      }
    }`,
})
export class PublicStatisticsPage {
  private readonly api = inject(EvaluationApi);
  readonly slug = input.required<string>();
  protected readonly statistics = signal<ProcedureStatistics | null>(null);
  protected readonly status = signal<'loading' | 'ready' | 'not-found' | 'error'>('loading');
  protected readonly link = (c: TopContribution) => ['/procedures', this.slug(), 'contributions', c.id];

  constructor() {
    effect(() => {
      const slug = this.slug();
      this.status.set('loading');
      firstValueFrom(this.api.publicStatistics(slug)).then(
        (s) => {
          this.statistics.set(s);
          this.status.set('ready');
        },
        (error: { status?: number }) => this.status.set(error.status === 404 ? 'not-found' : 'error'),
      );
    });
  }
}
