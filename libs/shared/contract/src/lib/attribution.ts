/**
 * A map layer's attribution ("© OpenStreetMap contributors") is text. The one piece of markup it may
 * hold is a link to an http(s) address, `<a href="https://…">label</a>`, since sources are often
 * credited with a link. Everything else, `<img onerror>` or `<svg onload>` included, is text.
 */
export type AttributionPart = { text: string; href?: undefined } | { text: string; href: string };

/** `<a href="…">label</a>`; `target`, `rel` and `title` may follow the address (they are not kept). */
const LINK = /<a\s+href\s*=\s*(["'])(https?:\/\/[^"'<>\s]+)\1(?:\s+(?:target|rel|title)\s*=\s*(["'])[^"'<>]*\3)*\s*>([^<>]*)<\/a\s*>/gi;
const MARKUP = /[<>]/;

/** The attribution as text and links, in order; links only with an http(s) target. */
export function attributionParts(attribution: string): AttributionPart[] {
  const parts: AttributionPart[] = [];
  let last = 0;
  for (const match of attribution.matchAll(LINK)) {
    const [whole, , href, , label] = match;
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: attribution.slice(last, start) });
    parts.push(isHttpUrl(href) ? { text: label, href } : { text: whole });
    last = start + whole.length;
  }
  if (last < attribution.length) parts.push({ text: attribution.slice(last) });
  return parts;
}

/** True when the attribution holds no markup except http(s) links: what a planner may store. */
export function isPlainAttribution(attribution: string): boolean {
  return attributionParts(attribution).every((part) => part.href !== undefined || !MARKUP.test(part.text));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
