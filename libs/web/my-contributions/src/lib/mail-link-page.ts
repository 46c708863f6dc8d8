import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { NotificationLinkResult } from '@stadtdialog/shared/contract';
import { MessageKey, NotificationsApi, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { map } from 'rxjs';

type Purpose = 'confirm' | 'unsubscribe';

const TEXTS: Record<Purpose, { title: MessageKey; intro: MessageKey; button: MessageKey }> = {
  confirm: { title: 'notify.confirm.title', intro: 'notify.confirm.intro', button: 'notify.confirm.button' },
  unsubscribe: { title: 'notify.unsubscribe.title', intro: 'notify.unsubscribe.intro', button: 'notify.unsubscribe.button' },
};

/**
 * The pages the links of the notification mails open. They act only on a button press, so a mail
 * scanner that follows links confirms or unsubscribes nothing.
 */
@Component({
  selector: 'sd-mail-link-page',
  imports: [RouterLink, TranslatePipe],
  template: `<h1>{{ texts().title | t }}</h1>
    @if (!token()) {
      <p role="alert">{{ 'notify.noToken' | t }}</p>
    } @else {
      @if (!done()) {
        <p>{{ texts().intro | t }}</p>
        <button type="button" class="sd-button primary" [disabled]="busy()" (click)="act()">{{ texts().button | t }}</button>
      }
      <div role="status">
        @if (outcome(); as outcome) {
          <p class="sd-status" [class.failed]="!done()">{{ outcome.key | t: outcome.params }}</p>
        }
      </div>
      @if (result()?.contribution; as contribution) {
        <p><a [routerLink]="['/procedures', contribution.procedure.slug, 'contributions', contribution.id]">{{ 'notify.toContribution' | t }}: {{ contribution.title }}</a></p>
      }
    }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailLinkPage {
  /** from the route's data */
  readonly purpose = input.required<Purpose>();

  private readonly api = inject(NotificationsApi);
  private readonly translator = inject(Translator);
  protected readonly token = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.get('token'))), { initialValue: null });
  protected readonly texts = computed(() => TEXTS[this.purpose()]);
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly outcome = signal<{ key: MessageKey; params?: Record<string, string> } | null>(null);
  protected readonly result = signal<NotificationLinkResult | null>(null);

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(`${this.translator.translate(this.texts().title)} – ${this.translator.translate('app.name')}`));
  }

  protected async act(): Promise<void> {
    const token = this.token();
    if (!token) return;
    this.busy.set(true);
    const purpose = this.purpose();
    const answer = purpose === 'confirm' ? await this.api.confirm(token) : await this.api.unsubscribe(token);
    this.busy.set(false);
    if (answer.ok) {
      this.done.set(true);
      this.result.set(answer.value);
      const title = answer.value.contribution?.title;
      this.outcome.set(
        purpose === 'unsubscribe'
          ? { key: 'notify.unsubscribe.done' }
          : title
            ? { key: 'notify.confirm.done', params: { title } }
            : { key: 'notify.confirm.doneUntitled' },
      );
      return;
    }
    this.outcome.set({
      key: answer.status === 410 ? 'notify.confirm.expired' : answer.status === 404 ? 'notify.confirm.unknown' : answer.failure.kind === 'offline' ? 'error.offline' : 'error.failed',
    });
  }
}
