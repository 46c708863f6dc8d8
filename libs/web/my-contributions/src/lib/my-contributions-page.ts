import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { CategoryTranslations, ContributionStatus, OwnContribution } from '@stadtdialog/shared/contract';
import {
  localized,
  localizedLanguage,
  LocalizedDatePipe,
  LocalizedPipe,
  MessageKey,
  NotificationsApi,
  OwnContributionsStore,
  TranslatePipe,
  Translator,
} from '@stadtdialog/web/data-access';
import { MY_CONTRIBUTIONS_PATH } from './my-contributions.routes';

const STATUS: Record<ContributionStatus, MessageKey> = {
  pending: 'mine.status.pending',
  published: 'mine.status.published',
  rejected: 'mine.status.rejected',
  hidden: 'mine.status.hidden',
};

/**
 * "Meine Beiträge": everything this device's participant wrote, with its state and what the
 * moderators did; and the personal link that carries the participant to another device.
 */
@Component({
  selector: 'sd-my-contributions-page',
  imports: [RouterLink, TranslatePipe, LocalizedDatePipe, LocalizedPipe],
  templateUrl: './my-contributions-page.html',
  styleUrl: './my-contributions-page.css',
  providers: [OwnContributionsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyContributionsPage {
  protected readonly store = inject(OwnContributionsStore);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly translator = inject(Translator);
  private readonly notifications = inject(NotificationsApi);
  protected readonly statusText = STATUS;

  private readonly fragment = toSignal(inject(ActivatedRoute).fragment, { initialValue: null });
  /** the token of a personal link opened on this device, until the reader decides */
  private readonly dismissed = signal(false);
  protected readonly offered = computed(() => {
    const token = OwnContributionsStore.tokenIn(this.fragment());
    return token && !this.dismissed() ? token : null;
  });
  protected readonly offeredIsCurrent = computed(() => {
    const token = this.offered();
    return token !== null && this.store.isCurrent(token);
  });
  protected readonly outcome = signal<MessageKey | null>(null);
  protected readonly link = signal<string | null>(null);

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(`${this.translator.translate('mine.title')} – ${this.translator.translate('app.name')}`));
    this.store.load();
  }

  /** A category's or rubric's name in the UI language where the planners gave one. */
  protected name(name: string, translations: CategoryTranslations): string {
    return localized({ name, translations }, 'name', this.translator.language());
  }

  /** `de` where that name falls back to German inside the English UI. */
  protected nameLang(name: string, translations: CategoryTranslations): string | null {
    const language = this.translator.language();
    const shown = localizedLanguage({ name, translations }, 'name', language);
    return shown === language ? null : shown;
  }

  protected hasPlaceChange(contribution: OwnContribution): boolean {
    const edit = contribution.edit;
    return !!edit && JSON.stringify(edit.original.geometry) !== JSON.stringify(contribution.geometry);
  }

  protected visible(status: ContributionStatus): boolean {
    return status === 'published' || status === 'pending';
  }

  protected adopt(): void {
    const token = this.offered();
    if (!token) return;
    const already = this.store.isCurrent(token);
    if (!already) this.store.adopt(token);
    this.outcome.set(already ? 'mine.adopt.already' : 'mine.adopt.done');
    this.forgetFragment();
  }

  protected decline(): void {
    this.forgetFragment();
  }

  /** The token leaves the address bar and the history entry once the reader has decided. */
  private forgetFragment(): void {
    this.dismissed.set(true);
    void this.router.navigate([], { fragment: undefined, replaceUrl: true });
    setTimeout(() => this.document.getElementById('mine-heading')?.focus());
  }

  protected showLink(): void {
    this.link.set(this.store.personalLink(this.document.location.origin, MY_CONTRIBUTIONS_PATH));
    setTimeout(() => (this.document.getElementById('mine-link') as HTMLInputElement | null)?.select());
  }

  protected async stopNotifications(contribution: OwnContribution): Promise<void> {
    const result = await this.notifications.unsubscribeOwn(contribution.id);
    this.outcome.set(result.ok ? 'notify.stopped' : result.failure.kind === 'offline' ? 'error.offline' : 'error.failed');
    if (result.ok) this.store.load();
  }

  protected async copyLink(): Promise<void> {
    const link = this.link();
    if (!link) return;
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(link);
      this.outcome.set('mine.carry.copied');
    } catch {
      // Without clipboard access the link stays selected in its field for copying by hand.
      (this.document.getElementById('mine-link') as HTMLInputElement | null)?.select();
    }
  }
}
