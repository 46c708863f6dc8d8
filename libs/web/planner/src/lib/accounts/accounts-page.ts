import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { PlannerAccount, ProcedureRole } from '@stadtdialog/shared/contract';
import {
  AuditLogStore,
  MessageKey,
  PlannerAccountsStore,
  PlannerResult,
  PlannerSession,
  TranslatePipe,
  Translator,
  WorkspaceProceduresStore,
} from '@stadtdialog/web/data-access';
import { AuditList } from '../audit/audit-list';
import { failureText, fieldTexts, LocalizedText } from '../shared/failure-text';
import { FormOutcome, FormStatus } from '../shared/form-status';
import { plannerPageTitle } from '../shared/page-title';

/** A password the server generated, shown once to the admin who asked for it. */
interface ShownPassword {
  email: string;
  password: string;
}

const ROLE_LABELS: Record<ProcedureRole, MessageKey> = { manager: 'planner.role.manager', moderator: 'planner.role.moderator' };

/** Admins manage planner accounts: create, disable, reset passwords, and who works on which procedure. */
@Component({
  selector: 'sd-accounts-page',
  imports: [ReactiveFormsModule, TranslatePipe, FormStatus, AuditList],
  templateUrl: './accounts-page.html',
  styleUrls: ['../shared/planner.css', './accounts-page.css'],
  providers: [PlannerAccountsStore, WorkspaceProceduresStore, AuditLogStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountsPage {
  protected readonly store = inject(PlannerAccountsStore);
  protected readonly procedures = inject(WorkspaceProceduresStore);
  protected readonly session = inject(PlannerSession);
  protected readonly log = inject(AuditLogStore);
  private readonly translator = inject(Translator);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roles: ProcedureRole[] = ['manager', 'moderator'];
  protected readonly createForm = this.fb.group({
    email: ['', Validators.required],
    displayName: ['', Validators.required],
    password: [''],
    isAdmin: [false],
  });
  /** per account: the procedure and role of a membership to add */
  protected readonly membershipDrafts = signal<Record<string, { procedureId: string; role: ProcedureRole }>>({});
  protected readonly busy = signal(false);
  protected readonly createOutcome = signal<FormOutcome>(null);
  protected readonly outcome = signal<FormOutcome>(null);
  protected readonly shownPassword = signal<ShownPassword | null>(null);
  private readonly createFields = signal<Record<string, LocalizedText>>({});
  private readonly createSubmitted = signal(false);

  constructor() {
    plannerPageTitle('planner.accounts.title');
    void this.store.load();
    void this.procedures.load();
    void this.log.load({ accounts: true });
  }

  protected auditCaption(): string {
    return this.translator.translate('planner.accounts.auditTitle');
  }

  protected createProblem(name: 'email' | 'displayName' | 'password'): LocalizedText | null {
    if (this.createSubmitted() && this.createForm.controls[name].invalid) return { key: 'planner.error.required' };
    return this.createFields()[name] ?? null;
  }

  protected async create(): Promise<void> {
    this.createSubmitted.set(true);
    this.createFields.set({});
    if (this.createForm.invalid) {
      this.createOutcome.set({ ok: false, text: { key: 'planner.error.invalid' } });
      return;
    }
    const { email, displayName, password, isAdmin } = this.createForm.getRawValue();
    const result = await this.run(
      this.store.create({ email: email.trim(), displayName: displayName.trim(), isAdmin, ...(password ? { password } : {}) }),
      this.createOutcome,
    );
    if (!result) return;
    if (result.ok) {
      this.createOutcome.set({ ok: true, text: { key: 'planner.accounts.created', params: { email: result.value.email } } });
      this.shownPassword.set(result.value.generatedPassword ? { email: result.value.email, password: result.value.generatedPassword } : null);
      this.createForm.reset();
      this.createSubmitted.set(false);
    } else {
      this.createFields.set(fieldTexts(result.failure));
    }
  }

  protected async setDisabled(account: PlannerAccount, disabled: boolean): Promise<void> {
    if (disabled && !this.confirm('planner.accounts.confirmDisable', account)) return;
    const result = await this.run(this.store.setDisabled(account.id, disabled), this.outcome);
    if (result?.ok) {
      this.outcome.set({
        ok: true,
        text: { key: disabled ? 'planner.accounts.disabledDone' : 'planner.accounts.enabledDone', params: { email: account.email } },
      });
    }
  }

  protected async setAdmin(account: PlannerAccount, isAdmin: boolean): Promise<void> {
    const result = await this.run(this.store.setAdmin(account.id, isAdmin), this.outcome);
    if (result?.ok) {
      this.outcome.set({
        ok: true,
        text: { key: isAdmin ? 'planner.accounts.adminGranted' : 'planner.accounts.adminRevoked', params: { email: account.email } },
      });
    }
  }

  protected async resetPassword(account: PlannerAccount): Promise<void> {
    if (!this.confirm('planner.accounts.confirmReset', account)) return;
    const result = await this.run(this.store.resetPassword(account.id), this.outcome);
    if (result?.ok && result.value.generatedPassword) {
      this.outcome.set({ ok: true, text: { key: 'planner.accounts.resetDone', params: { email: account.email } } });
      this.shownPassword.set({ email: account.email, password: result.value.generatedPassword });
    }
  }

  protected draftFor(account: PlannerAccount): { procedureId: string; role: ProcedureRole } {
    return this.membershipDrafts()[account.id] ?? { procedureId: '', role: 'moderator' };
  }

  protected setDraft(account: PlannerAccount, patch: Partial<{ procedureId: string; role: ProcedureRole }>): void {
    this.membershipDrafts.update((drafts) => ({ ...drafts, [account.id]: { ...this.draftFor(account), ...patch } }));
  }

  protected async addMembership(account: PlannerAccount): Promise<void> {
    const draft = this.draftFor(account);
    if (!draft.procedureId) {
      this.outcome.set({ ok: false, text: { key: 'planner.accounts.chooseProcedure' } });
      return;
    }
    const result = await this.run(this.store.setMembership(account.id, draft.procedureId, draft.role), this.outcome);
    if (result?.ok) {
      this.outcome.set({ ok: true, text: { key: 'planner.accounts.membershipSet', params: { email: account.email } } });
      this.membershipDrafts.update((drafts) => ({ ...drafts, [account.id]: { procedureId: '', role: 'moderator' } }));
    }
  }

  protected async removeMembership(account: PlannerAccount, procedureId: string): Promise<void> {
    const result = await this.run(this.store.removeMembership(account.id, procedureId), this.outcome);
    if (result?.ok) this.outcome.set({ ok: true, text: { key: 'planner.accounts.membershipRemoved', params: { email: account.email } } });
  }

  private confirm(key: MessageKey, account: PlannerAccount): boolean {
    return this.window?.confirm(this.translator.translate(key, { email: account.email })) ?? true;
  }

  private async run<T>(request: Promise<PlannerResult<T>>, outcome: typeof this.outcome): Promise<PlannerResult<T> | null> {
    if (this.busy()) return null;
    this.busy.set(true);
    outcome.set(null);
    const result = await request;
    this.busy.set(false);
    if (!result.ok) outcome.set({ ok: false, text: failureText(result.failure) });
    else void this.log.load({ accounts: true });
    return result;
  }
}
