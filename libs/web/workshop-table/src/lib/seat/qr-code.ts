import { ChangeDetectionStrategy, Component, effect, input, signal } from '@angular/core';
import { create, toDataURL } from 'qrcode';

const QUIET_ZONE = 4;

/**
 * A QR code of a URL as an image, dark on white with its quiet zone, drawn with a whole number of
 * pixels per module at about the requested size, so it stays crisp for phone cameras.
 */
@Component({
  selector: 'sd-qr-code',
  template: `@if (image(); as img) {
    <img [src]="img.src" [alt]="alt()" [width]="img.size" [height]="img.size" />
  }`,
  styles: `
    :host {
      display: inline-block;
      background: #fff;
    }
    img {
      display: block;
      image-rendering: pixelated;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QrCode {
  readonly value = input.required<string>();
  readonly alt = input.required<string>();
  /** wanted edge length in CSS pixels */
  readonly size = input(200);
  protected readonly image = signal<{ src: string; size: number } | null>(null);

  constructor() {
    effect(() => {
      const value = this.value();
      const modules = create(value, { errorCorrectionLevel: 'M' }).modules.size + 2 * QUIET_ZONE;
      const scale = Math.max(2, Math.floor(this.size() / modules));
      toDataURL(value, { errorCorrectionLevel: 'M', margin: QUIET_ZONE, scale })
        .then((src) => {
          if (this.value() === value) this.image.set({ src, size: modules * scale });
        })
        .catch(() => this.image.set(null));
    });
  }
}
