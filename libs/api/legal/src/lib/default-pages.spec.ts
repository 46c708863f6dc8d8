import { SITE_LANGUAGES, SITE_PAGE_KEYS } from '@stadtdialog/shared/contract';
import { DefaultContext, defaultPage } from './default-pages';

const empty: DefaultContext = {
  operator: { name: null, address: [], email: null, phone: null, privacyContact: null, accessibilityCheckedOn: null },
  notifications: false,
  geocoderHost: null,
};
const configured: DefaultContext = {
  ...empty,
  operator: {
    name: 'Bezirksamt Altona', address: ['Platz der Republik 1', '22765 Hamburg'], email: 'beteiligung@altona.example',
    phone: '040 123', privacyContact: 'datenschutz@altona.example', accessibilityCheckedOn: '2026-11-30',
  },
};

describe('defaultPage', () => {
  it.each(SITE_PAGE_KEYS.flatMap((key) => SITE_LANGUAGES.map((language) => [key, language] as const)))('has a %s page in %s', (key, language) => {
    expect(defaultPage(key, language, empty).length).toBeGreaterThan(200);
  });

  it('says what to fill in where the configuration has nothing', () => {
    expect(defaultPage('imprint', 'de', empty)).toContain('[Bitte ergänzen: Name der Behörde oder Stelle (OPERATOR_NAME)]');
    expect(defaultPage('imprint', 'en', empty)).toContain('[Please fill in: postal address (OPERATOR_ADDRESS)]');
    expect(defaultPage('accessibility', 'de', empty)).toContain('ACCESSIBILITY_CHECKED_ON');
  });

  it('fills in the operator from the configuration', () => {
    const imprint = defaultPage('imprint', 'de', configured);
    expect(imprint).toContain('Bezirksamt Altona');
    expect(imprint).toContain('22765 Hamburg');
    expect(imprint).toContain('beteiligung@altona.example');
    expect(imprint).not.toContain('OPERATOR_NAME');
    expect(defaultPage('privacy', 'de', configured)).toContain('datenschutz@altona.example');
    expect(defaultPage('accessibility', 'de', configured)).toContain('am 30.11.2026');
    expect(defaultPage('accessibility', 'en', configured)).toContain('on 2026-11-30');
  });

  it('names the conciliation body in the accessibility statement', () => {
    for (const language of SITE_LANGUAGES) {
      expect(defaultPage('accessibility', language, empty)).toContain('Schlichtungsstelle nach dem Behindertengleichstellungsgesetz');
    }
  });

  it('explains the stored e-mail address and the geocoder only where they are used', () => {
    expect(defaultPage('privacy', 'de', empty)).not.toContain('Double-Opt-in');
    expect(defaultPage('privacy', 'de', { ...empty, notifications: true })).toContain('Double-Opt-in');
    expect(defaultPage('privacy', 'en', { ...empty, geocoderHost: 'geocoder.example' })).toContain('geocoder.example');
  });
});
