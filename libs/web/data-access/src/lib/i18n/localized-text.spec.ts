import { localized, localizedLanguage } from './localized-text';

describe('localized', () => {
  const category = { name: 'Verkehr', translations: { en: { name: 'Traffic' } } };

  it('shows the English version in the English UI', () => {
    expect(localized(category, 'name', 'en')).toBe('Traffic');
    expect(localizedLanguage(category, 'name', 'en')).toBe('en');
  });

  it('shows German in the German UI even when there is an English version', () => {
    expect(localized(category, 'name', 'de')).toBe('Verkehr');
    expect(localizedLanguage(category, 'name', 'de')).toBe('de');
  });

  it('falls back to German without a version, with an empty or blank one, or without translations at all', () => {
    const cases = [
      { name: 'Grün', translations: {} },
      { name: 'Grün', translations: { en: {} } },
      { name: 'Grün', translations: { en: { name: '' } } },
      { name: 'Grün', translations: { en: { name: '  \n ' } } },
      { name: 'Grün' },
      { name: 'Grün', translations: null },
    ];
    for (const entity of cases) {
      expect(localized(entity, 'name', 'en')).toBe('Grün');
      expect(localizedLanguage(entity, 'name', 'en')).toBe('de');
    }
  });

  it('looks at the field asked for only', () => {
    const procedure = { title: 'Marktplatz', summary: 'Kurz', translations: { en: { title: 'Market square' } } };
    expect(localized(procedure, 'title', 'en')).toBe('Market square');
    expect(localized(procedure, 'summary', 'en')).toBe('Kurz');
  });

  it('is empty for nothing', () => {
    expect(localized(null, 'title', 'en')).toBe('');
    expect(localized(undefined, 'title', 'de')).toBe('');
  });
});
