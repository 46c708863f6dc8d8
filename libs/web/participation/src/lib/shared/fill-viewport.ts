import { afterNextRender, DestroyRef, Directive, ElementRef, inject, input } from '@angular/core';
import { DOCUMENT } from '@angular/common';

/**
 * Gives the element the height from where it starts on the page to the bottom of the first screen,
 * as the CSS variable `--sd-fill-height` (a `calc` over `100dvh`, so a phone's browser bar folding
 * away is followed). The styles use it, with a minimum of their own for short screens. It is measured
 * again when anything above it changes size (header text in another language, a wrapped title).
 */
@Directive({ selector: '[sdFillViewport]' })
export class FillViewport {
  /** pixels to leave free below the element */
  readonly sdFillViewport = input<number | string>(0);

  constructor() {
    const element = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const document = inject(DOCUMENT);
    const view = document.defaultView;
    const destroyRef = inject(DestroyRef);
    let top = -1;
    const measure = () => {
      const gap = Number(this.sdFillViewport()) || 0;
      const next = Math.max(0, Math.round(element.getBoundingClientRect().top + (view?.scrollY ?? 0)));
      if (next === top) return;
      top = next;
      element.style.setProperty('--sd-fill-height', `calc(100dvh - ${top + gap}px)`);
    };
    afterNextRender(() => {
      measure();
      view?.addEventListener('resize', measure);
      const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => measure()) : null;
      observer?.observe(document.body);
      destroyRef.onDestroy(() => {
        view?.removeEventListener('resize', measure);
        observer?.disconnect();
      });
    });
  }
}
