import { TestBed } from '@angular/core/testing';
import { CATEGORY_GLYPHS, categoryGlyph, categoryGlyphSvg, FALLBACK_GLYPH } from './category-icons';
import { CategorySymbol } from './category-symbol';

describe('category icons', () => {
  it('knows the icons of the demo categories and falls back to a dot', () => {
    for (const icon of ['tree', 'bicycle', 'ball', 'house', 'drop']) expect(CATEGORY_GLYPHS[icon]).toBeDefined();
    expect(categoryGlyph('unbekannt')).toBe(FALLBACK_GLYPH);
    expect(categoryGlyph(null)).toBe(FALLBACK_GLYPH);
  });

  it('writes a standalone SVG document for map markers', () => {
    const svg = categoryGlyphSvg('tree', 24);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="24" height="24" viewBox="0 0 24 24">/);
    expect(svg).toContain(`d="${CATEGORY_GLYPHS['tree'][0].d}"`);
  });

  it('shows the symbol as decoration in the category colour', async () => {
    const fixture = TestBed.createComponent(CategorySymbol);
    fixture.componentRef.setInput('colour', '#2e7d32');
    fixture.componentRef.setInput('icon', 'bicycle');
    await fixture.whenStable();
    const svg = (fixture.nativeElement as HTMLElement).querySelector('svg');
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
    expect(svg?.querySelector('circle')?.getAttribute('fill')).toBe('#2e7d32');
    expect(svg?.querySelectorAll('path')).toHaveLength(CATEGORY_GLYPHS['bicycle'].length);
  });
});
