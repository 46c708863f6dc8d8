import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MultiPolygon } from '@stadtdialog/shared/contract';

export const OUTLINE_WIDTH = 160;
export const OUTLINE_HEIGHT = 100;
const PADDING = 8;

/**
 * The SVG path of a planning area, fitted into width × height. Longitudes are scaled by the cosine
 * of the mean latitude, so the shape keeps its proportions as on a map. Null without rings.
 */
export function outlinePath(area: MultiPolygon | null, width = OUTLINE_WIDTH, height = OUTLINE_HEIGHT): string | null {
  const rings = area?.coordinates.flat() ?? [];
  const positions = rings.flat();
  if (positions.length === 0) return null;
  const lats = positions.map((p) => p[1]);
  const meanLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const xScale = Math.cos((meanLat * Math.PI) / 180);
  const xs = positions.map((p) => p[0] * xScale);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...lats);
  const maxY = Math.max(...lats);
  const scale = Math.min(
    (width - 2 * PADDING) / Math.max(maxX - minX, 1e-9),
    (height - 2 * PADDING) / Math.max(maxY - minY, 1e-9),
  );
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  const round = (n: number) => Math.round(n * 10) / 10;
  return rings
    .map(
      (ring) =>
        ring
          .map(([lon, lat], i) => {
            const x = offsetX + (lon * xScale - minX) * scale;
            const y = offsetY + (maxY - lat) * scale;
            return `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`;
          })
          .join('') + 'Z',
    )
    .join('');
}

/** A light picture of a planning area's outline: no map library, no tiles. */
@Component({
  selector: 'sd-area-outline',
  template: `@if (path(); as d) {
    <svg
      [attr.viewBox]="'0 0 ' + width + ' ' + height"
      role="img"
      [attr.aria-label]="label()"
      preserveAspectRatio="xMidYMid meet"
    >
      <rect [attr.width]="width" [attr.height]="height" fill="#eef3ee" />
      <path [attr.d]="d" fill="rgba(46, 125, 50, 0.25)" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="6 3" stroke-linejoin="round" />
    </svg>
  }`,
  styles: `
    :host {
      display: block;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      border-radius: 0.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AreaOutline {
  readonly area = input<MultiPolygon | null>(null);
  /** accessible name of the picture */
  readonly label = input.required<string>();
  protected readonly width = OUTLINE_WIDTH;
  protected readonly height = OUTLINE_HEIGHT;
  protected readonly path = computed(() => outlinePath(this.area()));
}
