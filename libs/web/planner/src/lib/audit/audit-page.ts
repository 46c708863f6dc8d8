import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { AuditLogStore, ProcedureSetupStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { plannerPageTitle } from '../shared/page-title';
import { AuditList } from './audit-list';

/** Everything planners did in a procedure, newest first. */
@Component({
  selector: 'sd-audit-page',
  imports: [TranslatePipe, AuditList],
  template: `<h1>{{ 'planner.audit.title' | t }}</h1>
    <p class="hint">{{ 'planner.audit.intro' | t }}</p>
    <sd-audit-list [log]="log" [caption]="caption()" [contributionLink]="link()" />`,
  styleUrls: ['../shared/planner.css'],
  providers: [AuditLogStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  protected readonly log = inject(AuditLogStore);
  private readonly setup = inject(ProcedureSetupStore);
  private readonly translator = inject(Translator);
  protected readonly caption = computed(() => this.translator.translate('planner.audit.title'));
  protected readonly link = computed(() => {
    const id = this.setup.id();
    return id ? ['/planner/procedures', id, 'moderation'] : null;
  });

  constructor() {
    plannerPageTitle('planner.audit.title', () => this.setup.procedure()?.title);
    effect(() => {
      const procedureId = this.setup.id();
      if (procedureId) untracked(() => void this.log.load({ procedureId }));
    });
  }
}
