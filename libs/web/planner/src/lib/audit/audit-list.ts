import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuditEntry } from '@stadtdialog/shared/contract';
import { AuditLogStore, LocalizedDatePipe, MessageKey, TranslatePipe } from '@stadtdialog/web/data-access';
import { AUDIT_ACTIONS, auditChanges } from './audit-format';

/** An audit log as a table, newest first, with what each entry changed and older pages on demand. */
@Component({
  selector: 'sd-audit-list',
  imports: [RouterLink, TranslatePipe, LocalizedDatePipe],
  template: `@switch (log().status()) {
      @case ('loading') {
        <p role="status">{{ 'app.loading' | t }}</p>
      }
      @case ('error') {
        <p role="alert">{{ 'app.loadError' | t }}</p>
      }
      @case ('not-found') {
        <p role="alert">{{ 'planner.error.forbidden' | t }}</p>
      }
      @case ('loaded') {
        @if (log().entries().length === 0) {
          <p>{{ 'planner.audit.none' | t }}</p>
        } @else {
          <table>
            <caption class="visually-hidden">{{ caption() }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'planner.audit.when' | t }}</th>
                <th scope="col">{{ 'planner.audit.who' | t }}</th>
                <th scope="col">{{ 'planner.audit.what' | t }}</th>
                <th scope="col">{{ 'planner.audit.changes' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (entry of log().entries(); track entry.id) {
                <tr>
                  <td><time [attr.datetime]="entry.at">{{ entry.at | localizedDate: 'medium' }}</time></td>
                  <td>{{ entry.actor?.displayName ?? ('planner.audit.system' | t) }}</td>
                  <td>
                    @let label = actionLabel(entry);
                    {{ label ? (label | t) : entry.action }}
                    @if (contributionLink() && entry.entityType === 'contribution' && entry.entityId) {
                      <a [routerLink]="contributionLink()!.concat(entry.entityId)">{{ 'planner.audit.open' | t }}</a>
                    }
                  </td>
                  <td>
                    @let changes = changesOf(entry);
                    @if (changes.length) {
                      <details>
                        <summary>{{ 'planner.audit.fields' | t: { count: changes.length } }}</summary>
                        <dl>
                          @for (change of changes; track change.field) {
                            <dt>{{ change.field }}</dt>
                            <dd>
                              @if (change.before !== null) {
                                <del><span class="visually-hidden">{{ 'planner.audit.before' | t }}: </span>{{ change.before }}</del>
                              }
                              @if (change.after !== null) {
                                <ins><span class="visually-hidden">{{ 'planner.audit.after' | t }}: </span>{{ change.after }}</ins>
                              }
                            </dd>
                          }
                        </dl>
                      </details>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
          @if (log().hasMore()) {
            <button type="button" (click)="log().loadMore()" [disabled]="log().loadingMore()">{{ 'planner.audit.more' | t }}</button>
          }
        }
      }
    }`,
  styleUrls: ['../shared/planner.css'],
  styles: `
    dl {
      margin: 0.25rem 0 0;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0 0 0.25rem;
      overflow-wrap: anywhere;
    }
    del,
    ins {
      display: block;
      text-decoration: none;
      padding: 0 0.25rem;
    }
    del {
      background: #fde8ea;
    }
    del::before {
      content: '− ';
    }
    ins {
      background: #e3f4e6;
    }
    ins::before {
      content: '+ ';
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditList {
  readonly log = input.required<AuditLogStore>();
  readonly caption = input.required<string>();
  /** route to a contribution's moderation page, without its id; null for no links */
  readonly contributionLink = input<string[] | null>(null);

  protected actionLabel(entry: AuditEntry): MessageKey | null {
    return AUDIT_ACTIONS[entry.action] ?? null;
  }

  protected changesOf(entry: AuditEntry) {
    return auditChanges(entry);
  }
}
