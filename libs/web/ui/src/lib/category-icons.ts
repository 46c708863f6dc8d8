/**
 * Glyphs for the category icons a procedure may configure, drawn white in a 24×24 box so that they
 * sit on a disc in the category colour: in the legend, in lists and as map markers.
 */
export interface GlyphPart {
  d: string;
  mode: 'fill' | 'stroke';
}

const CIRCLE = (cx: number, cy: number, r: number) =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;

export const CATEGORY_GLYPHS: Readonly<Record<string, readonly GlyphPart[]>> = {
  tree: [{ d: 'M12 2.5l-6.5 9.5h3.8l-3.8 5.5h5.5v4h2v-4h5.5l-3.8-5.5h3.8z', mode: 'fill' }],
  bicycle: [
    { d: `${CIRCLE(6, 16, 3.5)}${CIRCLE(18, 16, 3.5)}`, mode: 'stroke' },
    { d: 'M6 16l4-7h6l2 7M10 9l3 7H6M14.5 6H17l1 3', mode: 'stroke' },
  ],
  bus: [
    {
      d: 'M6 3h12a2 2 0 0 1 2 2v12h-1.5v2.5h-3V17h-7v2.5h-3V17H4V5a2 2 0 0 1 2-2zM6 6v5h12V6zM6.5 13.5v2h2v-2zm9 0v2h2v-2z',
      mode: 'fill',
    },
  ],
  ball: [
    { d: CIRCLE(12, 12, 8), mode: 'stroke' },
    { d: 'M4 12h16M12 4c-3.5 3.5-3.5 12.5 0 16M12 4c3.5 3.5 3.5 12.5 0 16', mode: 'stroke' },
  ],
  house: [{ d: 'M12 3.5L3 11.5h2.8V20h4.7v-5.5h3V20h4.7v-8.5H21z', mode: 'fill' }],
  drop: [{ d: 'M12 2.5c-3.2 5-6.5 8.3-6.5 12a6.5 6.5 0 0 0 13 0c0-3.7-3.3-7-6.5-12z', mode: 'fill' }],
  info: [{ d: `${CIRCLE(12, 6, 2)}M10 10h4v10h-4z`, mode: 'fill' }],
};

/** What an unknown icon name is drawn as: a plain dot. */
export const FALLBACK_GLYPH: readonly GlyphPart[] = [{ d: CIRCLE(12, 12, 4.5), mode: 'fill' }];

export function categoryGlyph(icon: string | null | undefined): readonly GlyphPart[] {
  return (icon && CATEGORY_GLYPHS[icon]) || FALLBACK_GLYPH;
}

/** A standalone SVG document of the glyph (white), e.g. for an OpenLayers icon image. */
export function categoryGlyphSvg(icon: string | null | undefined, size = 24, colour = '#ffffff'): string {
  const parts = categoryGlyph(icon)
    .map((part) =>
      part.mode === 'fill'
        ? `<path d="${part.d}" fill="${colour}" fill-rule="evenodd"/>`
        : `<path d="${part.d}" fill="none" stroke="${colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 24 24">${parts}</svg>`;
}
