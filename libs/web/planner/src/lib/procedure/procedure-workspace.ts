import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MessageKey, ProcedureSetupStore, TranslatePipe } from '@stadtdialog/web/data-access';

interface Tab {
  path: string;
  label: MessageKey;
  managersOnly: boolean;
}

const TABS: Tab[] = [
  { path: 'setup', label: 'planner.nav.setup', managersOnly: true },
  { path: 'structure', label: 'planner.nav.structure', managersOnly: true },
  { path: 'map', label: 'planner.nav.map', managersOnly: true },
  { path: 'variants', label: 'planner.nav.variants', managersOnly: true },
  { path: 'information', label: 'planner.nav.information', managersOnly: true },
  { path: 'moderation', label: 'planner.nav.moderation', managersOnly: false },
  { path: 'workshops', label: 'planner.nav.workshops', managersOnly: true },
  { path: 'audit', label: 'planner.nav.audit', managersOnly: false },
  { path: 'evaluation', label: 'planner.nav.evaluation', managersOnly: false },
];

/**
 * One procedure in the workspace: its name, state and the sections of its work. The sections are
 * child routes sharing this page's ProcedureSetupStore.
 */
@Component({
  selector: 'sd-procedure-workspace',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  template: `<p class="back no-print"><a routerLink="/planner">{{ 'planner.procedure.back' | t }}</a></p>
    @switch (store.status()) {
      @case ('not-found') {
        <h1>{{ 'planner.error.notFound' | t }}</h1>
      }
      @case ('error') {
        <p role="alert">{{ 'app.loadError' | t }}</p>
      }
      @default {
        @if (store.procedure(); as procedure) {
          <div class="context no-print">
            <p class="name">
              <span class="visually-hidden">{{ 'planner.procedure.current' | t }}: </span>{{ procedure.title }}
              @if (procedure.internal) {
                <span class="badge">{{ 'planner.procedures.internal' | t }}</span>
              } @else if (!procedure.archivedAt) {
                <a [routerLink]="['/procedures', procedure.slug]">{{ 'planner.procedure.publicPage' | t }}</a>
              }
              @if (procedure.archivedAt) {
                <span class="badge">{{ 'planner.procedures.archived' | t }}</span>
              }
            </p>
            <nav [attr.aria-label]="'planner.procedure.sections' | t">
              <ul>
                @for (tab of tabs(); track tab.path) {
                  <li>
                    <a [routerLink]="tab.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ tab.label | t }}</a>
                  </li>
                }
              </ul>
            </nav>
          </div>
          <router-outlet />
        } @else {
          <p role="status">{{ 'app.loading' | t }}</p>
        }
      }
    }`,
  styles: `
    .back {
      margin: 0 0 0.5rem;
    }
    .context {
      border-bottom: 2px solid #0b3d6b;
      margin-bottom: 1rem;
    }
    .name {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: baseline;
      margin: 0 0 0.5rem;
      font-size: 1.1rem;
      font-weight: 700;
    }
    .name a {
      font-size: 1rem;
      font-weight: 400;
    }
    .badge {
      font-size: 0.85rem;
      font-weight: 400;
      padding: 0 0.5rem;
      border: 1px solid #4d4d4d;
      border-radius: 999px;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    ul a {
      display: block;
      padding: 0.375rem 0.875rem;
      border: 1px solid #c4c4c4;
      border-bottom: none;
      border-radius: 0.375rem 0.375rem 0 0;
      background: #ffffff;
    }
    ul a.active {
      background: #0b3d6b;
      color: #ffffff;
      font-weight: 700;
    }
  `,
  providers: [ProcedureSetupStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProcedureWorkspace {
  /** from the route parameter `:procedureId` */
  readonly procedureId = input.required<string>();
  protected readonly store = inject(ProcedureSetupStore);
  protected readonly tabs = computed(() => TABS.filter((tab) => !tab.managersOnly || this.store.canManage()));

  constructor() {
    effect(() => {
      const id = this.procedureId();
      untracked(() => void this.store.load(id));
    });
  }
}
