import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { categoryGlyph } from './category-icons';

/**
 * A category's symbol: its icon in white on a disc in its colour, as on the map. Decorative: the
 * category's name is always written next to it.
 */
@Component({
  selector: 'sd-category-symbol',
  template: `<svg viewBox="-2 -2 28 28" [attr.width]="size()" [attr.height]="size()" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="13" [attr.fill]="colour()" stroke="#ffffff" stroke-width="1.5" />
    <g transform="translate(4.8 4.8) scale(0.6)">
      @for (part of glyph(); track $index) {
        @if (part.mode === 'fill') {
          <path [attr.d]="part.d" fill="#ffffff" fill-rule="evenodd" />
        } @else {
          <path [attr.d]="part.d" fill="none" stroke="#ffffff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" />
        }
      }
    </g>
  </svg>`,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
      vertical-align: middle;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CategorySymbol {
  readonly colour = input.required<string>();
  readonly icon = input<string | null>(null);
  readonly size = input(22);
  protected readonly glyph = computed(() => categoryGlyph(this.icon()));
}
