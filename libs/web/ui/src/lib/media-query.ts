import { DestroyRef, inject, signal, Signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';

/** Whether a CSS media query matches, following changes (e.g. turning a phone). */
export function mediaQuery(query: string): Signal<boolean> {
  const view = inject(DOCUMENT).defaultView;
  const list = typeof view?.matchMedia === 'function' ? view.matchMedia(query) : null;
  const matches = signal(list?.matches ?? false);
  if (list) {
    const listener = (event: MediaQueryListEvent) => matches.set(event.matches);
    list.addEventListener('change', listener);
    inject(DestroyRef).onDestroy(() => list.removeEventListener('change', listener));
  }
  return matches.asReadonly();
}

/** Below this width the map and the list (the procedure page) or the compared variants share the screen as tabs. */
export const NARROW_SCREEN = '(max-width: 56rem)';

/** Only touch to point with (a phone or tablet without mouse or trackpad): touch wording, no keyboard help. */
export const TOUCH_ONLY = '(any-pointer: coarse) and (any-hover: none)';
