import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { AccessibilityFeedback, SITE_LANGUAGES, SITE_PAGE_KEYS, SITE_PAGE_PATHS, SiteLanguage, SitePageKey, SitePageSource } from '@stadtdialog/shared/contract';
import { attempt, LocalizedDatePipe, MessageKey, SitePageAdminApi, TranslatePipe, Translator } from '@stadtdialog/web/data-access';


const PAGE_NAMES: Record<SitePageKey, MessageKey> = {
  imprint: 'footer.imprint',
  privacy: 'footer.privacy',
  accessibility: 'footer.accessibility',
  rules: 'footer.rules',
  help: 'footer.help',
};
const LANGUAGE_NAMES: Record<SiteLanguage, MessageKey> = { de: 'sitePages.german', en: 'sitePages.english' };

interface Draft {
  useDefault: boolean;
  text: string;
}

/**
 * Admins set the site pages per language (or leave the template, made from the configuration) and
 * read the accessibility feedback, deleting each once it is dealt with.
 */
@Component({
  selector: 'sd-site-pages-editor',
  imports: [FormsModule, RouterLink, TranslatePipe, LocalizedDatePipe],
  template: `<h1>{{ 'sitePages.title' | t }}</h1>
    <p>{{ 'sitePages.intro' | t }}</p>
    @if (loadFailed()) {
      <p role="alert">{{ 'app.loadError' | t }}</p>
    }
    <div class="sd-field page-choice">
      <label for="site-page-key">{{ 'sitePages.page' | t }}</label>
      <select id="site-page-key" [ngModel]="selected()" (ngModelChange)="choose($event)">
        @for (key of keys; track key) {
          <option [value]="key">{{ names[key] | t }}</option>
        }
      </select>
    </div>
    @if (source(); as source) {
      <p class="sd-hint">
        @if (source.updatedAt) {
          {{ 'sitePages.edited' | t: { date: (source.updatedAt | localizedDate: 'medium') } }}
        } @else {
          {{ 'sitePages.default' | t }}
        }
        · <a [routerLink]="paths[source.key]">{{ 'sitePages.view' | t }}</a>
      </p>
      <form (ngSubmit)="save()">
        @for (language of languages; track language) {
          <fieldset>
            <legend>{{ languageNames[language] | t }}</legend>
            <label class="check">
              <input type="checkbox" [name]="'default-' + language" [(ngModel)]="drafts[language].useDefault" (ngModelChange)="changed()" />
              {{ 'sitePages.useDefault' | t }}
            </label>
            <div class="sd-field">
              <label [for]="'site-page-' + language">{{ 'sitePages.text' | t: { language: (languageNames[language] | t) } }}</label>
              <textarea
                [id]="'site-page-' + language"
                [name]="'text-' + language"
                rows="16"
                [attr.lang]="language"
                [readonly]="drafts[language].useDefault"
                [(ngModel)]="drafts[language].text"
                (ngModelChange)="changed()"
                [attr.aria-invalid]="blank() === language ? 'true' : null"
                [attr.aria-describedby]="blank() === language ? 'site-page-error' : null"
              ></textarea>
            </div>
          </fieldset>
        }
        @if (blank()) {
          <p class="sd-field-error" id="site-page-error">{{ 'sitePages.blank' | t }}</p>
        }
        <button type="submit" class="sd-button primary" [disabled]="saving()">{{ 'sitePages.save' | t }}</button>
      </form>
    }
    <div role="status">
      @if (outcome(); as outcome) {
        <p class="sd-status" [class.failed]="outcome === 'sitePages.failed'">{{ outcome | t }}</p>
      }
    </div>

    <section aria-labelledby="feedback-list-heading">
      <h2 id="feedback-list-heading">{{ 'sitePages.feedback' | t }}</h2>
      @if (feedback().length === 0) {
        <p>{{ 'sitePages.noFeedback' | t }}</p>
      }
      <ul class="feedback">
        @for (item of feedback(); track item.id) {
          <li>
            <p class="sd-hint">{{ 'sitePages.received' | t: { date: (item.createdAt | localizedDate: 'medium') } }}</p>
            <p class="message">{{ item.message }}</p>
            <dl>
              @if (item.email) {
                <dt>{{ 'sitePages.replyTo' | t }}</dt>
                <dd><a [href]="'mailto:' + item.email">{{ item.email }}</a></dd>
              }
              @if (item.page) {
                <dt>{{ 'sitePages.onPage' | t }}</dt>
                <dd>{{ item.page }}</dd>
              }
            </dl>
            <button type="button" class="sd-button" (click)="remove(item)">{{ 'sitePages.delete' | t }}</button>
          </li>
        }
      </ul>
    </section>`,
  styles: `
    fieldset {
      border: 1px solid #c4c4c4;
      border-radius: 0.25rem;
      margin: 0 0 1rem;
      padding: 0.5rem 1rem;
    }
    legend {
      font-weight: 700;
    }
    .check {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      margin-bottom: 0.5rem;
    }
    textarea {
      font-family: ui-monospace, monospace;
    }
    textarea[readonly] {
      background: #f0f0f0;
    }
    .page-choice {
      max-width: 20rem;
    }
    .feedback {
      list-style: none;
      padding: 0;
    }
    .feedback li {
      border: 1px solid #c4c4c4;
      border-radius: 0.25rem;
      padding: 0.5rem 1rem;
      margin-bottom: 0.75rem;
      background: #ffffff;
    }
    .message {
      white-space: pre-wrap;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0 1rem;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SitePagesEditor {
  private readonly api = inject(SitePageAdminApi);
  private readonly translator = inject(Translator);
  protected readonly keys = SITE_PAGE_KEYS;
  protected readonly languages = SITE_LANGUAGES;
  protected readonly names = PAGE_NAMES;
  protected readonly languageNames = LANGUAGE_NAMES;
  protected readonly paths = SITE_PAGE_PATHS;

  private readonly sources = signal<SitePageSource[]>([]);
  protected readonly selected = signal<SitePageKey>('imprint');
  protected readonly source = computed(() => this.sources().find((s) => s.key === this.selected()) ?? null);
  protected drafts: Record<SiteLanguage, Draft> = { de: { useDefault: true, text: '' }, en: { useDefault: true, text: '' } };
  protected readonly blank = signal<SiteLanguage | null>(null);
  protected readonly saving = signal(false);
  protected readonly outcome = signal<MessageKey | null>(null);
  protected readonly loadFailed = signal(false);
  protected readonly feedback = signal<AccessibilityFeedback[]>([]);

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(`${this.translator.translate('sitePages.title')} – ${this.translator.translate('app.name')}`));
    void this.load();
  }

  private async load(): Promise<void> {
    const [sources, feedback] = await Promise.all([attempt(this.api.sources()), attempt(this.api.feedback())]);
    this.loadFailed.set(!sources.ok || !feedback.ok);
    if (sources.ok) {
      this.sources.set(sources.value);
      this.fillDrafts();
    }
    if (feedback.ok) this.feedback.set(feedback.value);
  }

  private fillDrafts(): void {
    const source = this.source();
    if (!source) return;
    this.drafts = {
      de: { useDefault: source.texts.de === null, text: source.texts.de ?? source.defaults.de },
      en: { useDefault: source.texts.en === null, text: source.texts.en ?? source.defaults.en },
    };
  }

  protected choose(key: SitePageKey): void {
    this.selected.set(key);
    this.outcome.set(null);
    this.blank.set(null);
    this.fillDrafts();
  }

  protected changed(): void {
    this.outcome.set(null);
    const source = this.source();
    // Going back to the template shows the template again, so what is saved is what is seen.
    for (const language of SITE_LANGUAGES) {
      if (source && this.drafts[language].useDefault) this.drafts[language].text = source.defaults[language];
    }
  }

  protected async save(): Promise<void> {
    const source = this.source();
    if (!source) return;
    const blank = SITE_LANGUAGES.find((l) => !this.drafts[l].useDefault && !this.drafts[l].text.trim()) ?? null;
    this.blank.set(blank);
    if (blank) {
      document.getElementById(`site-page-${blank}`)?.focus();
      return;
    }
    const edit = { de: this.drafts.de.useDefault ? null : this.drafts.de.text, en: this.drafts.en.useDefault ? null : this.drafts.en.text };
    this.saving.set(true);
    const result = await attempt(this.api.edit(source.key, edit));
    this.saving.set(false);
    if (!result.ok) {
      this.outcome.set('sitePages.failed');
      return;
    }
    this.sources.update((all) => all.map((s) => (s.key === result.value.key ? result.value : s)));
    this.fillDrafts();
    this.outcome.set('sitePages.saved');
  }

  protected async remove(item: AccessibilityFeedback): Promise<void> {
    const result = await attempt(this.api.deleteFeedback(item.id));
    if (result.ok || result.failure.status === 404) {
      this.feedback.update((all) => all.filter((f) => f.id !== item.id));
      this.outcome.set('sitePages.deleted');
      document.getElementById('feedback-list-heading')?.focus();
    } else {
      this.outcome.set('sitePages.failed');
    }
  }
}
