/**
 * Characters that show nothing: control and format characters (zero-width space and joiners, BOM,
 * bidi marks), spaces of every kind, the Hangul fillers and the braille blank. A title of only these
 * is empty.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\s\u115f\u1160\u3164\uffa0\u2800\u180e]|\u034f|\u17b4|\u17b5/gu;

/**
 * True when nothing visible is left of the text. The API refuses such a title or text with
 * `blank_text`; forms use the same rule to say so before sending.
 */
export function isBlank(value: string): boolean {
  return value.replace(INVISIBLE, '') === '';
}
