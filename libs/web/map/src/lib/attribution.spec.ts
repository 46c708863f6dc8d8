import { attributionHtml } from './attribution';

/** What the browser makes of the HTML OpenLayers puts into an attribution's list item. */
function rendered(attribution: string): HTMLElement {
  const item = document.createElement('li');
  item.innerHTML = attributionHtml(attribution);
  return item;
}

describe('attributionHtml', () => {
  it('shows hostile markup as text and creates no element or handler from it', () => {
    const hostile = [
      '<img src=x onerror="window.pwned=1">',
      '<svg onload="window.pwned=1"><circle r="1"/></svg>',
      '<a href="javascript:window.pwned=1">Quelle</a>',
      '<a href="https://ok.example" onclick="window.pwned=1">Quelle</a>',
      '"><script>window.pwned=1</script>',
    ];
    for (const attribution of hostile) {
      const item = rendered(attribution);
      expect(item.textContent).toBe(attribution);
      expect(item.children).toHaveLength(0);
    }
  });

  it('keeps http(s) links, opened in a new tab without access to this page', () => {
    const item = rendered('© <a href="https://www.openstreetmap.org/copyright?a=1&b=2">OpenStreetMap</a> contributors');
    expect(item.textContent).toBe('© OpenStreetMap contributors');
    const links = item.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute('href')).toBe('https://www.openstreetmap.org/copyright?a=1&b=2');
    expect(links[0].getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0].getAttribute('target')).toBe('_blank');
    expect([...links[0].attributes].map((a) => a.name).sort()).toEqual(['href', 'rel', 'target']);
  });

  it('turns character references into their characters and a bare ampersand into one', () => {
    expect(rendered('&copy; Stadt &amp; Land & Fluss &#169;').textContent).toBe('© Stadt & Land & Fluss ©');
  });
});
