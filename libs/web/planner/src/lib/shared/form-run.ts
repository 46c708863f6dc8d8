import { signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { PlannerResult } from '@stadtdialog/web/data-access';
import { failureText, fieldTexts, LocalizedText } from './failure-text';
import { FormOutcome } from './form-status';

/**
 * The state of one form's requests: busy while one runs, the outcome to announce, and the fields the
 * server refused. One per form; several forms on a page each have their own.
 */
export class FormRun {
  readonly busy = signal(false);
  readonly outcome = signal<FormOutcome>(null);
  readonly fields = signal<Record<string, LocalizedText>>({});
  readonly submitted = signal(false);

  /**
   * Runs a request unless one is running; afterwards shows `done` or why it failed.
   * Returns null when it did not run.
   */
  async run<T>(request: () => Promise<PlannerResult<T>>, done?: LocalizedText): Promise<PlannerResult<T> | null> {
    if (this.busy()) return null;
    this.busy.set(true);
    this.outcome.set(null);
    this.fields.set({});
    try {
      const result = await request();
      if (result.ok) {
        this.submitted.set(false);
        this.outcome.set(done ? { ok: true, text: done } : null);
      } else {
        this.fields.set(fieldTexts(result.failure));
        this.outcome.set({ ok: false, text: failureText(result.failure) });
      }
      return result;
    } finally {
      this.busy.set(false);
    }
  }

  /** Marks the form submitted; false (with a message) when the browser-side checks fail. */
  check(valid: boolean): boolean {
    this.submitted.set(true);
    if (!valid) this.outcome.set({ ok: false, text: { key: 'planner.error.invalid' } });
    return valid;
  }

  /** Why a field is refused: a browser-side check after submitting, else the server's verdict. */
  problem(field: string, control?: AbstractControl | null): LocalizedText | null {
    if (this.submitted() && control?.invalid) {
      if (control.hasError('required')) return { key: 'planner.error.required' };
      if (control.hasError('min') || control.hasError('max')) return { key: 'planner.error.range' };
      if (control.hasError('pattern')) return { key: 'planner.error.pattern' };
      return { key: 'planner.error.field' };
    }
    return this.fields()[field] ?? null;
  }

  fail(text: LocalizedText): void {
    this.outcome.set({ ok: false, text });
  }

  succeed(text: LocalizedText): void {
    this.outcome.set({ ok: true, text });
  }
}
