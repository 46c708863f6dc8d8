/** Millimetres of a 55" 16:9 screen, the size the workshop tables have. */
export const TABLE_SCREEN_MM: [number, number] = [1217.6, 684.9];

/** CSS pixels per millimetre of a window taken as the whole table screen. */
export function pixelsPerMillimetre(width: number, height: number): number {
  return Math.min(width / TABLE_SCREEN_MM[0], height / TABLE_SCREEN_MM[1]);
}
