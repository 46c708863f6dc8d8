import { dateInputToIso, isoToLocalDateTime, localDateTimeToIso, slugify } from './slug';

describe('slugify', () => {
  it('makes the slug the API accepts from a German title', () => {
    expect(slugify('Grüne Mitte Altona')).toBe('gruene-mitte-altona');
    expect(slugify('  Straßen & Plätze: 2. Runde!  ')).toBe('strassen-plaetze-2-runde');
    expect(slugify('Café Noël')).toBe('cafe-noel');
    expect(slugify('---')).toBe('');
    // at most 80 characters, never ending in a hyphen
    expect(slugify('a'.repeat(78) + ' b c')).toBe(`${'a'.repeat(78)}-b`);
    expect(slugify('a'.repeat(79) + ' b c')).toBe('a'.repeat(79));
    expect(slugify('a'.repeat(80) + ' b')).toMatch(/^a{80}$/);
  });

  it('converts between form inputs and ISO instants in local time', () => {
    const iso = localDateTimeToIso('2026-05-04T09:30');
    expect(new Date(iso).getHours()).toBe(9);
    expect(isoToLocalDateTime(iso)).toBe('2026-05-04T09:30');
    expect(new Date(dateInputToIso('2026-05-04')).getDate()).toBe(4);
    expect(isoToLocalDateTime(null)).toBe('');
    expect(localDateTimeToIso('')).toBe('');
  });
});
