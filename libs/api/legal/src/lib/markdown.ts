import MarkdownIt from 'markdown-it';

/**
 * The small Markdown subset of the site pages: headings, paragraphs, lists, emphasis, code, quotes,
 * tables and links. Raw HTML is shown as text and images are off (no other origins load into a page);
 * markdown-it refuses javascript:, vbscript: and data: links. A `#` heading becomes an `h2`: the page
 * title is the page's one `h1`.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false }).disable(['image']);

markdown.core.ruler.push('page_headings', (state) => {
  for (const token of state.tokens) {
    if ((token.type === 'heading_open' || token.type === 'heading_close') && token.tag === 'h1') token.tag = 'h2';
  }
  return true;
});

const defaultLink = markdown.renderer.rules['link_open'] ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
markdown.renderer.rules['link_open'] = (tokens, i, options, env, self) => {
  const href = String(tokens[i].attrGet('href') ?? '');
  // Links out of the site open as usual but say nothing about this page to the other site.
  if (/^https?:\/\//i.test(href)) tokens[i].attrSet('rel', 'noopener noreferrer');
  return defaultLink(tokens, i, options, env, self);
};

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
