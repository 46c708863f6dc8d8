import type { FieldError } from '@stadtdialog/shared/contract';

/** Text as it is stored: trimmed, with NUL and other control characters (but line breaks and tabs) removed. */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Characters refused rather than cleaned: NUL cannot be stored in PostgreSQL text and is a classic
 * truncation trick, and an unpaired surrogate would come back as U+FFFD, not as it was sent.
 */
export function unstorableTextError(field: string, value: string): FieldError | null {
  if (value.includes('\u0000')) return { field, code: 'unstorable_text', message: `${field} must not contain NUL characters (U+0000)` };
  if (LONE_SURROGATE.test(value)) {
    return { field, code: 'unstorable_text', message: `${field} must be valid Unicode text: it has an unpaired surrogate (U+D800 to U+DFFF)` };
  }
  return null;
}

/** True when nothing visible is left of the text (the rule is shared with the web forms). */
export { isBlank } from '@stadtdialog/shared/contract';
