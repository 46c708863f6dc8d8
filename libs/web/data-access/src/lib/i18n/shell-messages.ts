/**
 * Texts of the shell for the lazily loaded site pages and "Meine Beiträge": the footer, the header link
 * and the links to them from other pages. They are in the first bundle (messages.ts merges them); the
 * pages' own texts are in legal-messages.ts and mine-messages.ts, out of it.
 */
/**
 * Texts of the footer and the links to the site pages, in the first bundle (messages.ts merges them).
 */
export const legalShellDe = {
  'footer.label': 'Rechtliches und Hilfe',
  'footer.imprint': 'Impressum',
  'footer.privacy': 'Datenschutz',
  'footer.accessibility': 'Barrierefreiheit',
  'footer.rules': 'Regeln für Beiträge',
  'footer.help': 'Hilfe',
  'report.rulesLink': 'Regeln für Beiträge (öffnet in einem neuen Tab)',
  'planner.nav.sitePages': 'Seiten & Rückmeldungen',
} as const;

export const legalShellEn: Record<keyof typeof legalShellDe, string> = {
  'footer.label': 'Legal and help',
  'footer.imprint': 'Imprint',
  'footer.privacy': 'Privacy',
  'footer.accessibility': 'Accessibility',
  'footer.rules': 'Rules for contributions',
  'footer.help': 'Help',
  'report.rulesLink': 'Rules for contributions (opens in a new tab)',
  'planner.nav.sitePages': 'Pages & feedback',
};

/** The link to "Meine Beiträge" (header, confirmation after sending), in the first bundle. */
export const mineShellDe = {
  'mine.link': 'Meine Beiträge',
  'contribute.findInMine': 'Sie finden ihn jederzeit unter „Meine Beiträge“.',
} as const;

export const mineShellEn: Record<keyof typeof mineShellDe, string> = {
  'mine.link': 'My contributions',
  'contribute.findInMine': 'You can find it at any time under "My contributions".',
};

