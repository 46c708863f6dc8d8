import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, output, signal } from '@angular/core';
import { Place, PLACE_QUERY_LENGTH } from '@stadtdialog/shared/contract';
import { MessageKey, MessageParams, PlaceSearchApi, TranslatePipe, Translator } from '@stadtdialog/web/data-access';
import { Subscription } from 'rxjs';

let nextId = 0;
const DEBOUNCE_MS = 300;

/**
 * Address search over a map, as an ARIA 1.2 combobox: typing asks the API (and its geocoder) for places
 * in the procedure's area, the arrow keys move through the list, Enter takes one, Escape closes it.
 * The count of places found is announced; the choice is emitted for the map to show.
 */
@Component({
  selector: 'sd-address-search',
  imports: [TranslatePipe],
  template: `<div class="address-search">
    <label [for]="id">{{ 'address.label' | t }}</label>
    <div class="box">
      <input
        [id]="id"
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        [attr.aria-expanded]="expanded()"
        [attr.aria-controls]="id + '-list'"
        [attr.aria-activedescendant]="expanded() && active() >= 0 ? id + '-option-' + active() : null"
        [attr.aria-describedby]="id + '-hint'"
        [value]="text()"
        (input)="typed($any($event.target).value)"
        (keydown)="key($event)"
        (blur)="closeSoon()"
      />
      <ul [id]="id + '-list'" role="listbox" [attr.aria-label]="'address.list' | t" [hidden]="!expanded()">
        @for (place of places(); track $index) {
          <!-- The keyboard stays in the input (aria-activedescendant); options take the mouse and touch only. -->
          <!-- eslint-disable-next-line @angular-eslint/template/click-events-have-key-events, @angular-eslint/template/interactive-supports-focus -->
          <li
            role="option"
            [id]="id + '-option-' + $index"
            [attr.aria-selected]="$index === active()"
            (mousedown)="$event.preventDefault()"
            (click)="choose(place)"
          >
            {{ place.label }}
          </li>
        }
      </ul>
    </div>
    <p class="sd-hint" [id]="id + '-hint'">{{ 'address.hint' | t }}</p>
    <div role="status" class="status">{{ status() }}</div>
  </div>`,
  styles: `
    .address-search {
      position: relative;
      margin-bottom: 0.5rem;
    }
    label {
      display: block;
      font-weight: 600;
    }
    .box {
      position: relative;
      max-width: 30rem;
    }
    input {
      font: inherit;
      width: 100%;
      padding: 0.5rem;
      border: 1px solid #595959;
      border-radius: 0.25rem;
    }
    ul {
      position: absolute;
      z-index: 20;
      left: 0;
      right: 0;
      margin: 0.125rem 0 0;
      padding: 0;
      list-style: none;
      background: #ffffff;
      border: 1px solid #595959;
      border-radius: 0.25rem;
      box-shadow: 0 2px 6px rgb(0 0 0 / 25%);
      max-height: 16rem;
      overflow-y: auto;
    }
    li {
      padding: 0.5rem;
      cursor: pointer;
    }
    li[aria-selected='true'],
    li:hover {
      background: #0b3d6b;
      color: #ffffff;
    }
    .sd-hint {
      margin-top: 0.125rem;
    }
    .status {
      min-height: 1.5em;
      font-size: 0.9rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddressSearch {
  readonly slug = input.required<string>();
  /** what the map does with a choice: show it, or set the point there (for the announcement) */
  readonly sets = input(false);
  readonly placeChosen = output<Place>();

  private readonly api = inject(PlaceSearchApi);
  private readonly translator = inject(Translator);
  protected readonly id = `address-search-${++nextId}`;
  protected readonly text = signal('');
  protected readonly places = signal<Place[]>([]);
  protected readonly active = signal(-1);
  private readonly open = signal(false);
  protected readonly expanded = computed(() => this.open() && this.places().length > 0);
  private readonly message = signal<{ key: MessageKey; params?: MessageParams } | null>(null);
  protected readonly status = computed(() => {
    const message = this.message();
    return message ? this.translator.translate(message.key, message.params) : '';
  });
  private timer: ReturnType<typeof setTimeout> | null = null;
  private request: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      if (this.timer) clearTimeout(this.timer);
      this.request?.unsubscribe();
    });
  }

  protected typed(value: string): void {
    this.text.set(value);
    this.active.set(-1);
    if (this.timer) clearTimeout(this.timer);
    this.request?.unsubscribe();
    const q = value.trim();
    if (q.length < PLACE_QUERY_LENGTH.min) {
      this.places.set([]);
      this.message.set(null);
      return;
    }
    this.timer = setTimeout(() => this.search(q.slice(0, PLACE_QUERY_LENGTH.max)), DEBOUNCE_MS);
  }

  private search(q: string): void {
    this.message.set({ key: 'address.searching' });
    this.request = this.api.search(this.slug(), q, this.translator.language()).subscribe({
      next: ({ places }) => {
        this.places.set(places);
        this.open.set(true);
        this.message.set(places.length ? { key: 'address.results', params: { count: places.length } } : { key: 'address.none' });
      },
      error: () => {
        this.places.set([]);
        this.message.set({ key: 'address.failed' });
      },
    });
  }

  protected key(event: KeyboardEvent): void {
    const count = this.places().length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!count) return;
      event.preventDefault();
      this.open.set(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active.set((this.active() + step + count) % count);
    } else if (event.key === 'Enter') {
      const place = this.expanded() ? this.places()[this.active()] : undefined;
      if (place) {
        event.preventDefault();
        this.choose(place);
      }
    } else if (event.key === 'Escape') {
      if (this.expanded()) {
        event.preventDefault();
        this.open.set(false);
      } else if (this.text()) {
        event.preventDefault();
        this.typed('');
      }
    }
  }

  protected closeSoon(): void {
    setTimeout(() => this.open.set(false), 150);
  }

  protected choose(place: Place): void {
    this.text.set(place.label);
    this.open.set(false);
    this.active.set(-1);
    this.message.set({ key: this.sets() ? 'address.placed' : 'address.shown', params: { label: place.label } });
    this.placeChosen.emit(place);
  }
}
