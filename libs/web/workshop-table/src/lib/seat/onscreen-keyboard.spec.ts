import { applyKey, tableLayout } from './onscreen-keyboard';

describe('on-screen keyboard', () => {
  it('German QWERTZ has ä ö ü ß, English QWERTY; both without tab, with a language key', () => {
    const de = tableLayout('de')['default'].join(' ').split(' ');
    expect(de).toEqual(expect.arrayContaining(['ä', 'ö', 'ü', 'ß', 'z', '{lang}']));
    expect(tableLayout('de')['default'][1].startsWith('q w e r t z')).toBe(true);
    expect(tableLayout('en')['default'][1].startsWith('q w e r t y')).toBe(true);
    expect(de).not.toContain('{tab}');
    expect(tableLayout('de')['shift'].join(' ')).toContain('Ä');
  });

  it('keys change the text; enter only where lines are allowed', () => {
    expect(applyKey('Straß', 'e', false)).toBe('Straße');
    expect(applyKey('Grün', '{bksp}', false)).toBe('Grü');
    expect(applyKey('a', '{space}', false)).toBe('a ');
    expect(applyKey('a', '{enter}', false)).toBe('a');
    expect(applyKey('a', '{enter}', true)).toBe('a\n');
    expect(applyKey('a', '{shift}', true)).toBeNull();
  });
});
