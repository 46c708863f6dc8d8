import { attributionParts, isPlainAttribution } from './attribution';

describe('attributionParts', () => {
  it('keeps text as text and http(s) links as links', () => {
    expect(attributionParts('© <a href="https://www.openstreetmap.org/copyright" target="_blank">OpenStreetMap</a> contributors')).toEqual([
      { text: '© ' },
      { text: 'OpenStreetMap', href: 'https://www.openstreetmap.org/copyright' },
      { text: ' contributors' },
    ]);
    expect(attributionParts('Geobasisdaten: LGV Hamburg')).toEqual([{ text: 'Geobasisdaten: LGV Hamburg' }]);
  });

  it('keeps any other markup as text', () => {
    for (const hostile of [
      '<img src=x onerror="alert(1)">',
      '<svg onload=alert(1)>',
      '<a href="javascript:alert(1)">klick</a>',
      '<a href="https://ok.example" onclick="alert(1)">klick</a>',
      '<a href="https://ok.example"><img src=x onerror=alert(1)></a>',
    ]) {
      expect(attributionParts(hostile).every((part) => part.href === undefined)).toBe(true);
      expect(attributionParts(hostile).map((part) => part.text).join('')).toBe(hostile);
    }
  });
});

describe('isPlainAttribution', () => {
  it('accepts text, character references and http(s) links', () => {
    expect(isPlainAttribution('&#169; OpenStreetMap & Co')).toBe(true);
    expect(isPlainAttribution("Daten: <a href='http://geodienste.example/info'>Geodienste</a>, <a href=\"https://lgv.example\">LGV</a>")).toBe(true);
  });

  it('refuses any other markup', () => {
    expect(isPlainAttribution('<img src=x onerror=alert(1)>')).toBe(false);
    expect(isPlainAttribution('<svg onload=alert(1)>')).toBe(false);
    expect(isPlainAttribution('<a href="javascript:alert(1)">x</a>')).toBe(false);
    expect(isPlainAttribution('<b>fett</b>')).toBe(false);
    expect(isPlainAttribution('a > b')).toBe(false);
  });
});
