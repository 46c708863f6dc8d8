import { ChangeDetectionStrategy, Component, effect, input, signal } from '@angular/core';
import { toDataURL } from 'qrcode';

/** A QR code of a URL as an image, dark on white with a quiet zone, so phone cameras read it. */
@Component({
  selector: 'sd-qr-code',
  template: `@if (source(); as src) {
    <img [src]="src" [alt]="alt()" />
  }`,
  styles: `
    :host {
      display: inline-block;
      background: #fff;
    }
    img {
      display: block;
      width: 100%;
      height: auto;
      image-rendering: pixelated;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QrCode {
  readonly value = input.required<string>();
  readonly alt = input.required<string>();
  protected readonly source = signal<string | null>(null);

  constructor() {
    effect(() => {
      const value = this.value();
      toDataURL(value, { errorCorrectionLevel: 'M', margin: 4, scale: 8 })
        .then((url) => {
          if (this.value() === value) this.source.set(url);
        })
        .catch(() => this.source.set(null));
    });
  }
}
