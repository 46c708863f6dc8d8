import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, signal, untracked, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { SEAT_SIDES, SeatSide, Workshop, WORKSHOP_LIMITS, WorkshopState } from '@stadtdialog/shared/contract';
import { LocalizedDatePipe, MessageKey, ProcedureSetupStore, TranslatePipe, Translator, WorkshopsStore } from '@stadtdialog/web/data-access';
import { toDataURL } from 'qrcode';
import { FormRun } from '../shared/form-run';
import { FormOutcome, FormStatus } from '../shared/form-status';
import { plannerPageTitle } from '../shared/page-title';

export const SIDE_LABELS: Record<SeatSide, MessageKey> = {
  bottom: 'workshops.side.bottom',
  right: 'workshops.side.right',
  top: 'workshops.side.top',
  left: 'workshops.side.left',
};

const STATE_LABELS: Record<WorkshopState, MessageKey> = {
  active: 'workshops.state.active',
  revoked: 'workshops.state.revoked',
  expired: 'workshops.state.expired',
};

/**
 * Workshops of a procedure (managers): open one for an appointment with its seats and idle time,
 * see its table link once (copy, QR code), revoke it or make a new one.
 */
@Component({
  selector: 'sd-workshops-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalizedDatePipe, FormStatus],
  templateUrl: './workshops-page.html',
  styleUrls: ['../shared/planner.css', './workshops-page.css'],
  providers: [WorkshopsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkshopsPage {
  protected readonly setup = inject(ProcedureSetupStore);
  protected readonly store = inject(WorkshopsStore);
  private readonly translator = inject(Translator);
  private readonly document = inject(DOCUMENT);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly sides = SEAT_SIDES;
  protected readonly sideLabels = SIDE_LABELS;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly limits = WORKSHOP_LIMITS;
  protected readonly appointments = computed(() => this.setup.procedure()?.appointments ?? []);
  protected readonly form = this.fb.group({
    appointmentId: ['', Validators.required],
    title: ['', Validators.maxLength(WORKSHOP_LIMITS.titleMaxLength)],
    bottom: [true],
    right: [false],
    top: [true],
    left: [false],
    idleSeconds: [
      WORKSHOP_LIMITS.defaultIdleSeconds as number,
      [Validators.required, Validators.min(WORKSHOP_LIMITS.minIdleSeconds), Validators.max(WORKSHOP_LIMITS.maxIdleSeconds)],
    ],
  });
  protected readonly opening = new FormRun();
  protected readonly list = new FormRun();
  protected readonly copyOutcome = signal<FormOutcome>(null);
  protected readonly qr = signal<string | null>(null);
  /** the full address of the table link just made */
  protected readonly linkUrl = computed(() => {
    const link = this.store.newLink();
    return link?.tableUrl ? `${this.document.location.origin}${link.tableUrl}` : null;
  });
  private readonly linkHeading = viewChild<ElementRef<HTMLElement>>('linkHeading');

  constructor() {
    plannerPageTitle('workshops.title', () => this.setup.procedure()?.title);
    effect(() => {
      const id = this.setup.id();
      if (id) untracked(() => void this.store.load(id));
    });
    effect(() => {
      const url = this.linkUrl();
      this.qr.set(null);
      this.copyOutcome.set(null);
      if (url) {
        toDataURL(url, { errorCorrectionLevel: 'M', margin: 4, width: 280 }).then(
          (image) => this.linkUrl() === url && this.qr.set(image),
          () => this.qr.set(null),
        );
      }
    });
    // The link is what the manager came for: focus moves to it when it appears.
    effect(() => {
      const heading = this.linkHeading();
      if (heading) heading.nativeElement.focus();
    });
  }

  protected seatSides(workshop: Workshop): string {
    return workshop.seats.map((s) => this.translator.translate(SIDE_LABELS[s.side])).join(', ');
  }

  protected async open(): Promise<void> {
    const value = this.form.getRawValue();
    const seats = SEAT_SIDES.filter((side) => value[side]).map((side) => ({ side }));
    if (!this.opening.check(this.form.valid)) return;
    if (!seats.length) return this.opening.fail({ key: 'workshops.open.noSeats' });
    const title = value.title.trim() || this.appointments().find((a) => a.id === value.appointmentId)?.title || '';
    const result = await this.opening.run(
      () => this.store.open({ appointmentId: value.appointmentId, seats, idleSeconds: value.idleSeconds, ...(value.title.trim() ? { title: value.title.trim() } : {}) }),
      { key: 'workshops.open.done', params: { title } },
    );
    if (result?.ok) {
      if (!result.value.tableUrl) this.opening.fail({ key: 'workshops.link.replayed' });
      this.form.reset();
    }
  }

  protected async revoke(workshop: Workshop): Promise<void> {
    if (!this.document.defaultView?.confirm(this.translator.translate('workshops.revoke.confirm', { title: workshop.title }))) return;
    await this.list.run(() => this.store.revoke(workshop.id), { key: 'workshops.revoked', params: { title: workshop.title } });
  }

  protected async renew(workshop: Workshop): Promise<void> {
    if (!this.document.defaultView?.confirm(this.translator.translate('workshops.newLink.confirm', { title: workshop.title }))) return;
    await this.list.run(() => this.store.renewLink(workshop.id), { key: 'workshops.newLink.done', params: { title: workshop.title } });
  }

  protected async copy(): Promise<void> {
    const url = this.linkUrl();
    if (!url) return;
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(url);
      this.copyOutcome.set({ ok: true, text: { key: 'workshops.link.copied' } });
    } catch {
      this.copyOutcome.set({ ok: false, text: { key: 'workshops.link.copyFailed' } });
    }
  }

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}
