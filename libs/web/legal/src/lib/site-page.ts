import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { SitePage, SitePageKey } from '@stadtdialog/shared/contract';
import { failureStatus, LoadStatus, LocalizedDatePipe, SitePageApi, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { AccessibilityFeedbackForm } from './accessibility-feedback-form';

/**
 * One site page (imprint, privacy policy, accessibility statement, rules, help) in the current
 * language; the accessibility statement ends with its feedback form. The text is the API's rendered
 * Markdown, which has no raw HTML; Angular sanitises it once more.
 */
@Component({
  selector: 'sd-site-page',
  imports: [TranslatePipe, LocalizedDatePipe, AccessibilityFeedbackForm],
  template: `@switch (status()) {
      @case ('loading') {
        <p role="status">{{ 'app.loading' | t }}</p>
      }
      @case ('loaded') {
        @if (page(); as page) {
          @if (page.language !== translator.language()) {
            <p class="sd-hint">{{ 'sitePage.germanOnly' | t }}</p>
          }
          <article [attr.lang]="page.language">
            <h1>{{ page.title }}</h1>
            <!-- eslint-disable-next-line @angular-eslint/template/click-events-have-key-events, @angular-eslint/template/interactive-supports-focus -->
            <div class="page-text" [innerHTML]="page.html" (click)="follow($event)"></div>
          </article>
          @if (page.updatedAt) {
            <p class="sd-hint">{{ 'sitePage.updatedAt' | t: { date: (page.updatedAt | localizedDate: 'longDate') } }}</p>
          }
        }
        @if (key() === 'accessibility') {
          <sd-accessibility-feedback-form />
        }
      }
      @case ('not-found') {
        <h1>{{ 'app.notFound' | t }}</h1>
      }
      @case ('error') {
        <p role="alert">{{ 'app.loadError' | t }}</p>
      }
    }`,
  styles: `
    :host {
      display: block;
      max-width: 48rem;
    }
    .page-text {
      overflow-wrap: break-word;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SitePageView {
  /** from the route's data */
  readonly key = input.required<SitePageKey>();

  protected readonly translator = inject(Translator);
  private readonly api = inject(SitePageApi);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  protected readonly status = signal<LoadStatus>('loading');
  protected readonly page = signal<SitePage | null>(null);

  constructor() {
    effect((onCleanup) => {
      const subscription = this.api.page(this.key(), this.translator.language()).subscribe({
        next: (page) => {
          this.page.set(page);
          this.status.set('loaded');
          this.title.setTitle(`${page.title} – ${this.translator.translate('app.name')}`);
        },
        error: (error: unknown) => this.status.set(failureStatus(error)),
      });
      onCleanup(() => subscription.unsubscribe());
    });
  }

  /** Links within the site move through the router instead of reloading the app. */
  protected follow(event: MouseEvent): void {
    const link = (event.target as Element | null)?.closest('a');
    const href = link?.getAttribute('href');
    if (!href || !href.startsWith('/') || href.startsWith('//') || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    void this.router.navigateByUrl(href);
  }
}
