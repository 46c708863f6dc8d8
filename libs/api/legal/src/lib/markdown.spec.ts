import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders the subset: headings (h1 as h2), lists, emphasis and links', () => {
    const html = renderMarkdown('# Titel\n\n## Abschnitt\n\n- **fett** und *kursiv*\n- [Regeln](/regeln)\n');
    expect(html).toContain('<h2>Titel</h2>');
    expect(html).toContain('<h2>Abschnitt</h2>');
    expect(html).toContain('<strong>fett</strong>');
    expect(html).toContain('<em>kursiv</em>');
    expect(html).toContain('<a href="/regeln">Regeln</a>');
    expect(html).not.toContain('<h1>');
  });

  it('shows raw HTML as text and drops script links and images', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![bild](https://example.org/a.png)');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).not.toContain('<img');
  });

  it('marks links to other sites noopener noreferrer', () => {
    expect(renderMarkdown('[BGG](https://www.schlichtungsstelle-bgg.de)')).toContain(
      '<a href="https://www.schlichtungsstelle-bgg.de" rel="noopener noreferrer">BGG</a>',
    );
  });
});
