import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PlanningDocument } from '@stadtdialog/shared/contract';
import { LocalizedNumberPipe, PlanningInformationStore, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { byteSize, fileTypeLabel } from './variant-map';

/**
 * On the procedure page (in its "Infos" panel, under the h2 of the procedure's texts): the link to the variants (when any are published), the documents with
 * their type and size, the FAQ and the contacts. Shows nothing while there is none of it.
 */
@Component({
  selector: 'sd-planning-information',
  imports: [RouterLink, TranslatePipe, LocalizedNumberPipe],
  template: `@if (store.status() === 'loaded') {
    @let info = store.information();
    @if (store.variants().length) {
      <section class="variants-link" aria-labelledby="variants-link-heading">
        <h3 id="variants-link-heading" class="visually-hidden">{{ 'variants.all' | t }}</h3>
        <p>{{ 'variants.linkIntro' | t }}</p>
        <a class="sd-button primary" [routerLink]="['/procedures', slug(), 'variants']">
          {{ 'variants.link' | t: { count: (store.variants().length | localizedNumber) } }}
        </a>
      </section>
    }
    @if (info && (info.documents.length || info.faq.length || info.contacts.length)) {
      <section class="information" aria-labelledby="information-heading">
        <h3 id="information-heading">{{ 'information.heading' | t }}</h3>
        @if (info.documents.length) {
          <h4>{{ 'information.documents' | t }}</h4>
          <ul class="documents">
            @for (document of info.documents; track document.id) {
              <li>
                <a [href]="document.file.url" [attr.type]="document.file.mediaType">{{ document.title }}</a>
                <span class="file"> ({{ describe(document) }})</span>
                @if (document.description) {
                  <p>{{ document.description }}</p>
                }
              </li>
            }
          </ul>
        }
        @if (info.faq.length) {
          <h4>{{ 'information.faq' | t }}</h4>
          <div class="faq">
            @for (entry of info.faq; track entry.id) {
              <details>
                <summary>{{ entry.question }}</summary>
                <p>{{ entry.answer }}</p>
              </details>
            }
          </div>
        }
        @if (info.contacts.length) {
          <h4>{{ 'information.contacts' | t }}</h4>
          <ul class="contacts">
            @for (contact of info.contacts; track contact.id) {
              <li>
                <address>
                  <strong>{{ contact.name }}</strong>
                  @if (contact.organisation) {
                    <br />{{ contact.organisation }}
                  }
                  @if (contact.address) {
                    <br /><span class="label">{{ 'information.address' | t }}: </span>{{ contact.address }}
                  }
                  @if (contact.email) {
                    <br /><span class="label">{{ 'information.email' | t }}: </span><a [href]="'mailto:' + contact.email">{{ contact.email }}</a>
                  }
                  @if (contact.phone) {
                    <br /><span class="label">{{ 'information.phone' | t }}: </span><a [href]="'tel:' + phoneLink(contact.phone)">{{ contact.phone }}</a>
                  }
                </address>
              </li>
            }
          </ul>
        }
      </section>
    }
  }`,
  styles: `
    :host {
      display: block;
    }
    .variants-link {
      margin: 1.5rem 0;
      padding: 1rem;
      background: #eef4fb;
      border-left: 6px solid #0b3d6b;
    }
    .variants-link p {
      margin-top: 0;
    }
    .variants-link a {
      display: inline-flex;
      align-items: center;
      text-decoration: none;
    }
    .documents,
    .contacts {
      list-style: none;
      padding: 0;
    }
    .documents li,
    .contacts li {
      margin-bottom: 0.75rem;
    }
    .documents p {
      margin: 0.125rem 0 0;
    }
    .file,
    .label {
      color: #4d4d4d;
    }
    address {
      font-style: normal;
    }
    details {
      border-bottom: 1px solid #d0d0d0;
      padding: 0.5rem 0;
    }
    summary {
      cursor: pointer;
      font-weight: 600;
      min-height: 1.5rem;
    }
  `,
  providers: [PlanningInformationStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanningInformationSection {
  readonly slug = input.required<string>();
  protected readonly store = inject(PlanningInformationStore);
  private readonly translator = inject(Translator);
  private readonly language = computed(() => this.translator.language());

  constructor() {
    effect(() => {
      const slug = this.slug();
      untracked(() => this.store.load(slug));
    });
  }

  /** "PDF, 820 kB" in the current language */
  protected describe(document: PlanningDocument): string {
    const type = fileTypeLabel(document.file.mediaType);
    return this.translator.translate('information.document', {
      type: this.translator.translate(type.key, { format: type.format }),
      size: byteSize(document.file.byteSize, this.language()),
    });
  }

  protected phoneLink(phone: string): string {
    return phone.replace(/[^+\d]/g, '');
  }
}
