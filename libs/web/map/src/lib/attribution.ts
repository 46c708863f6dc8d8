import { attributionParts } from '@stadtdialog/shared/contract';

/** Character references (`&copy;`, `&#169;`) stay: the browser turns them into text, never into markup. */
const CHARACTER_REFERENCE = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

function escapeHtml(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '&') out += CHARACTER_REFERENCE.test(text.slice(i, i + 40)) ? '&' : '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '"') out += '&quot;';
    else if (c === "'") out += '&#39;';
    else out += c;
  }
  return out;
}

/** An address in a double-quoted attribute: every `&` is data, never a reference. */
function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * OpenLayers puts attributions into the page with `innerHTML`. This is the HTML it gets for a
 * planner's attribution: the text escaped, and only its http(s) links as links, built here from
 * their address and label, so no markup of the planner's own reaches the page.
 */
export function attributionHtml(attribution: string): string {
  return attributionParts(attribution)
    .map((part) =>
      part.href === undefined
        ? escapeHtml(part.text)
        : `<a href="${escapeAttribute(part.href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(part.text)}</a>`,
    )
    .join('');
}
