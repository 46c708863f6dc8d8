/** Relative luminance of a #rrggbb colour (WCAG 2.1). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of a #rrggbb colour against white, the colour of the icon drawn on it. */
export function contrastWithWhite(hex: string): number {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return 1;
  return 1.05 / (luminance(hex) + 0.05);
}

/** Markers are graphics: WCAG 1.4.11 asks 3:1 against what surrounds the icon. */
export const MIN_GRAPHIC_CONTRAST = 3;
