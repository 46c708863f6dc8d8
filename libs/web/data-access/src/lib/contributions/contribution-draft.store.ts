import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Contribution, ContributionGeometry, NewContribution } from '@stadtdialog/shared/contract';
import { firstValueFrom } from 'rxjs';
import { newIdempotencyKey } from '../participation/idempotency-key';
import { WriteFailure, writeFailure } from '../participation/problem';
import { ContributionApi } from './contribution-api';

export const DRAFT_STEPS = ['text', 'category', 'rubric', 'location', 'review'] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

/** A contribution being written; kept in localStorage so that nothing is lost on a reload or a failed send. */
export interface ContributionDraft {
  title: string;
  text: string;
  categoryId: string | null;
  rubricId: string | null;
  geometry: ContributionGeometry | null;
  /** the author chose to give no location (where the procedure allows that) */
  withoutLocation: boolean;
  step: DraftStep;
  /** the key of the first send attempt, reused by every retry until the draft is sent */
  idempotencyKey: string | null;
  /** the workshop whose table handed the draft to this phone (its QR code), sent with it */
  workshopId: string | null;
}

export const EMPTY_DRAFT: ContributionDraft = {
  title: '',
  text: '',
  categoryId: null,
  rubricId: null,
  geometry: null,
  withoutLocation: false,
  step: 'text',
  idempotencyKey: null,
  workshopId: null,
};

export type SubmitResult = { kind: 'created'; contribution: Contribution } | WriteFailure;

const storageKey = (slug: string) => `stadtdialog.draft.${slug}`;

/** The draft of a new contribution to one procedure, and sending it. Provide it on the page. */
@Injectable()
export class ContributionDraftStore {
  private readonly api = inject(ContributionApi);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  private readonly slug = signal<string | null>(null);
  private readonly state = signal<ContributionDraft>(EMPTY_DRAFT);
  private readonly sendingState = signal(false);

  readonly draft = this.state.asReadonly();
  readonly sending = this.sendingState.asReadonly();
  readonly step = computed(() => this.state().step);

  /** Opens the stored draft of the procedure, or an empty one. */
  open(slug: string): void {
    this.slug.set(slug);
    this.state.set(this.read(slug) ?? EMPTY_DRAFT);
  }

  update(patch: Partial<ContributionDraft>): void {
    this.state.update((draft) => ({ ...draft, ...patch }));
    this.write();
  }

  discard(): void {
    this.state.set(EMPTY_DRAFT);
    const slug = this.slug();
    if (slug) this.remove(slug);
  }

  /**
   * Sends the draft. Every attempt of one draft carries the same Idempotency-Key, so a retry after a
   * lost answer never creates a second contribution. The draft is dropped only once the server has it.
   */
  async submit(): Promise<SubmitResult> {
    const slug = this.slug();
    if (!slug || this.sendingState()) return { kind: 'failed', status: 0, code: null };
    if (!this.state().idempotencyKey) this.update({ idempotencyKey: newIdempotencyKey() });
    this.sendingState.set(true);
    try {
      let result = await this.send(slug);
      if (result.kind === 'invalid' && result.errors.some((e) => e.field.toLowerCase() === 'idempotency-key')) {
        // The key went with a different text in an attempt whose answer was lost: this is a new request.
        this.update({ idempotencyKey: newIdempotencyKey() });
        result = await this.send(slug);
      }
      if (result.kind === 'invalid' && result.errors.some((e) => e.field === 'workshopId')) {
        // The workshop of the QR code has ended meanwhile: what was written still counts, as an online contribution.
        this.update({ workshopId: null });
        result = await this.send(slug);
      }
      if (result.kind === 'created') {
        this.state.set(EMPTY_DRAFT);
        this.remove(slug);
      }
      return result;
    } finally {
      this.sendingState.set(false);
    }
  }

  /** The body the API receives for the draft. */
  body(): NewContribution {
    const draft = this.state();
    return {
      title: draft.title.trim(),
      text: draft.text.trim(),
      categoryId: draft.categoryId ?? '',
      rubricId: draft.rubricId ?? '',
      geometry: draft.withoutLocation ? null : draft.geometry,
      ...(draft.workshopId ? { workshopId: draft.workshopId } : {}),
    };
  }

  private async send(slug: string): Promise<SubmitResult> {
    try {
      const contribution = await firstValueFrom(this.api.create(slug, this.body(), this.state().idempotencyKey ?? ''));
      return { kind: 'created', contribution };
    } catch (error) {
      return writeFailure(error);
    }
  }

  private read(slug: string): ContributionDraft | null {
    try {
      const stored = this.storage?.getItem(storageKey(slug));
      if (!stored) return null;
      const parsed = JSON.parse(stored) as Partial<ContributionDraft>;
      return { ...EMPTY_DRAFT, ...parsed, step: DRAFT_STEPS.find((s) => s === parsed.step) ?? 'text' };
    } catch {
      return null;
    }
  }

  private write(): void {
    const slug = this.slug();
    if (!slug) return;
    try {
      this.storage?.setItem(storageKey(slug), JSON.stringify(this.state()));
    } catch {
      // Storage full or disabled: the draft still lives for this page.
    }
  }

  private remove(slug: string): void {
    try {
      this.storage?.removeItem(storageKey(slug));
    } catch {
      // see write()
    }
  }
}
