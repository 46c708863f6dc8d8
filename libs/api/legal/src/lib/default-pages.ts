import type { OperatorConfig } from '@stadtdialog/api/config';
import { SITE_PAGE_PATHS } from '@stadtdialog/shared/contract';
import type { SiteLanguage, SitePageKey } from '@stadtdialog/shared/contract';

export const PAGE_TITLES: Record<SitePageKey, Record<SiteLanguage, string>> = {
  imprint: { de: 'Impressum', en: 'Imprint' },
  privacy: { de: 'Datenschutzerklärung', en: 'Privacy policy' },
  accessibility: { de: 'Erklärung zur Barrierefreiheit', en: 'Accessibility statement' },
  rules: { de: 'Regeln für Beiträge', en: 'Rules for contributions' },
  help: { de: 'Hilfe', en: 'Help' },
};

/** What the defaults may know about the installation besides the operator. */
export interface DefaultContext {
  operator: OperatorConfig;
  /** e-mail notifications are offered (the privacy policy then explains the address kept for them) */
  notifications: boolean;
  /** a geocoder is configured (the privacy policy then names what a search sends to it) */
  geocoderHost: string | null;
}

type Texts = (c: DefaultContext, fill: (what: string) => string) => string;

const lines = (...parts: (string | false | null | undefined)[]) => parts.filter((p) => typeof p === 'string').join('\n');

/** "[Bitte ergänzen: …]" where the configuration does not say; an admin replaces the whole text anyway. */
const FILL: Record<SiteLanguage, (what: string) => string> = {
  de: (what) => `**[Bitte ergänzen: ${what}]**`,
  en: (what) => `**[Please fill in: ${what}]**`,
};

function operatorBlock(c: DefaultContext, fill: (what: string) => string, language: SiteLanguage): string {
  const o = c.operator;
  const de = language === 'de';
  return lines(
    `${o.name ?? fill(de ? 'Name der Behörde oder Stelle (OPERATOR_NAME)' : 'name of the public body (OPERATOR_NAME)')}  `,
    ...(o.address.length ? o.address.map((line) => `${line}  `) : [`${fill(de ? 'Anschrift (OPERATOR_ADDRESS)' : 'postal address (OPERATOR_ADDRESS)')}  `]),
    '',
    `${de ? 'Telefon' : 'Telephone'}: ${o.phone ?? fill(de ? 'Telefonnummer (OPERATOR_PHONE)' : 'telephone number (OPERATOR_PHONE)')}  `,
    `${de ? 'E-Mail' : 'E-mail'}: ${o.email ?? fill(de ? 'E-Mail-Adresse (OPERATOR_EMAIL)' : 'e-mail address (OPERATOR_EMAIL)')}`,
  );
}

const DEFAULTS: Record<SitePageKey, Record<SiteLanguage, Texts>> = {
  imprint: {
    de: (c, fill) =>
      lines(
        '## Anbieter',
        '',
        'Angaben nach § 5 Digitale-Dienste-Gesetz (DDG):',
        '',
        operatorBlock(c, fill, 'de'),
        '',
        '## Vertretungsberechtigt',
        '',
        fill('die vertretungsberechtigte Person, etwa die Leitung der Behörde'),
        '',
        '## Verantwortlich für den Inhalt nach § 18 Abs. 2 Medienstaatsvertrag',
        '',
        fill('Name und Anschrift der verantwortlichen Person'),
        '',
        '## Aufsichtsbehörde',
        '',
        fill('die zuständige Aufsichtsbehörde, falls es eine gibt; sonst diesen Abschnitt löschen'),
        '',
        '## Beiträge von Bürgerinnen und Bürgern',
        '',
        'Die Beiträge und Kommentare auf dieser Plattform geben die Meinung der Menschen wieder, die sie geschrieben haben, ' +
          `nicht die des Anbieters. Die Moderation prüft sie nach den [Regeln für Beiträge](${SITE_PAGE_PATHS.rules}).`,
      ),
    en: (c, fill) =>
      lines(
        '## Provider',
        '',
        'Information according to § 5 of the German Digital Services Act (DDG):',
        '',
        operatorBlock(c, fill, 'en'),
        '',
        '## Authorised representative',
        '',
        fill('the person authorised to represent the body, e.g. its head'),
        '',
        '## Responsible for the content according to § 18 (2) Medienstaatsvertrag',
        '',
        fill('name and address of the responsible person'),
        '',
        '## Supervisory authority',
        '',
        fill('the competent supervisory authority, if any; otherwise delete this section'),
        '',
        '## Contributions by residents',
        '',
        'Contributions and comments on this platform are the opinions of the people who wrote them, not of the provider. ' +
          `The moderators check them against the [rules for contributions](${SITE_PAGE_PATHS.rules}).`,
      ),
  },
  privacy: {
    de: (c, fill) =>
      lines(
        '## Verantwortliche Stelle',
        '',
        operatorBlock(c, fill, 'de'),
        '',
        '## Datenschutzbeauftragte oder Datenschutzbeauftragter',
        '',
        c.operator.privacyContact ?? fill('Kontakt der oder des Datenschutzbeauftragten (PRIVACY_CONTACT)'),
        '',
        '## Zweck und Rechtsgrundlage',
        '',
        'Diese Plattform dient der Beteiligung der Öffentlichkeit an Planungen. Wir verarbeiten Daten, um Ihre Beiträge, Kommentare, ' +
          'Bewertungen und Meldungen entgegenzunehmen, zu moderieren, zu veröffentlichen und auszuwerten. Rechtsgrundlage ist ' +
          'Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit ' + fill('der Rechtsgrundlage des Verfahrens, etwa § 3 BauGB oder dem Landesdatenschutzgesetz') +
          '. E-Mail-Benachrichtigungen erhalten Sie nur mit Ihrer Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO).',
        '',
        '## Was gespeichert wird',
        '',
        '- **Ohne Konto:** Sie nehmen ohne Namen und ohne Konto teil. Beim ersten Beitrag, Kommentar, einer Bewertung oder Meldung ' +
          'erhält Ihr Browser eine zufällige Kennung. Er speichert sie im lokalen Speicher (Local Storage, Eintrag ' +
          '`stadtdialog.participantToken`) und sendet sie mit jeder Anfrage. Auf dem Server liegt nur ein verschlüsselter Prüfwert (HMAC) davon. ' +
          'Damit erkennt die Plattform Ihre eigenen Beiträge und Bewertungen wieder („Meine Beiträge“). Wer diese Kennung hat, kann sie ' +
          'sehen – geben Sie einen persönlichen Link zu „Meine Beiträge“ daher nicht weiter.',
        '- **Ihre Beiträge:** Titel, Text, Ort auf der Karte, Kategorie, Zeitpunkt, bei Kommentaren der Text. Veröffentlichte Beiträge sind ' +
          'für alle sichtbar. Sie werden für die Dauer des Verfahrens und seiner Auswertung gespeichert, danach ' +
          fill('die Aufbewahrungsfrist, etwa „gelöscht“ oder „nach den Vorgaben zur Aktenaufbewahrung archiviert“') + '.',
        '- **IP-Adressen:** werden weder gespeichert noch protokolliert. Um Massenzugriffe zu begrenzen, zählt der Server Schreibzugriffe ' +
          'je Adresse über einen verschlüsselten Prüfwert (HMAC) der Adresse; dieser Zähler verfällt nach einer Minute.',
        '- **Server-Protokolle:** Methode, Pfad, Statuscode und Zeitpunkt einer Anfrage, ohne IP-Adresse und ohne Kopfzeilen.',
        c.notifications &&
          '- **E-Mail-Adresse:** nur wenn Sie Benachrichtigungen zu einem Beitrag bestellen. Sie bestätigen die Bestellung über einen Link ' +
            '(Double-Opt-in); eine nicht bestätigte Adresse wird nach 48 Stunden gelöscht. Die Adresse wird nie angezeigt oder exportiert ' +
            'und gelöscht, sobald Sie die Benachrichtigungen abbestellen (Link in jeder E-Mail).',
        '- **Rückmeldungen zur Barrierefreiheit:** Ihre Nachricht und, wenn Sie sie angeben, Ihre E-Mail-Adresse für die Antwort; ' +
          'gelöscht, wenn die Rückmeldung bearbeitet ist.',
        c.geocoderHost &&
          `- **Adresssuche:** Ihr Suchtext wird über unseren Server an den Suchdienst ${c.geocoderHost} weitergegeben, ohne Ihre IP-Adresse.`,
        '- **Im Browser:** außer der Kennung die gewählte Sprache (`stadtdialog.language`) und ein Entwurf Ihres Beitrags, bis er gesendet ist. ' +
          'Für Bürgerinnen und Bürger setzt die Plattform keine Cookies. Planerinnen und Planer erhalten bei der Anmeldung ein Sitzungs-Cookie.',
        '',
        '## Keine Dritten',
        '',
        'Die Plattform lädt keine Schriften, Skripte oder Zählpixel von Dritten. Karten eines Verfahrens (Hintergrundkarte, Planebenen) ' +
          'lädt Ihr Browser von den Kartendiensten, die unter „Quellenangaben der Karte“ genannt sind; diese Dienste erhalten dabei Ihre IP-Adresse.',
        '',
        '## Ihre Rechte',
        '',
        'Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18) ' +
          'und Widerspruch (Art. 21). Eine Einwilligung können Sie jederzeit widerrufen. Da Sie ohne Konto teilnehmen, können wir Ihre Beiträge ' +
          'nur über die Kennung in Ihrem Browser zuordnen. Sie können sich bei der Aufsichtsbehörde beschweren: ' +
          fill('die zuständige Datenschutzaufsichtsbehörde') + '.',
      ),
    en: (c, fill) =>
      lines(
        '## Controller',
        '',
        operatorBlock(c, fill, 'en'),
        '',
        '## Data protection officer',
        '',
        c.operator.privacyContact ?? fill('contact of the data protection officer (PRIVACY_CONTACT)'),
        '',
        '## Purpose and legal basis',
        '',
        'This platform serves public participation in planning. We process data to receive, moderate, publish and evaluate your contributions, ' +
          'comments, ratings and reports. The legal basis is Art. 6 (1) (e) GDPR together with ' +
          fill('the legal basis of the procedure, e.g. § 3 BauGB or the state data protection act') +
          '. You receive e-mail notifications only with your consent (Art. 6 (1) (a) GDPR).',
        '',
        '## What is stored',
        '',
        '- **No account:** you take part without a name or account. With your first contribution, comment, rating or report your browser ' +
          'receives a random identifier. It keeps it in local storage (entry `stadtdialog.participantToken`) and sends it with each request. ' +
          'The server keeps only a keyed hash (HMAC) of it. This lets the platform recognise your own contributions and ratings ("My contributions"). ' +
          'Whoever has the identifier can see them, so do not pass on a personal link to "My contributions".',
        '- **Your contributions:** title, text, place on the map, category, time; for comments the text. Published contributions are visible to ' +
          'everyone. They are kept for the duration of the procedure and its evaluation, then ' +
          fill('the retention rule, e.g. "deleted" or "archived according to the records regulations"') + '.',
        '- **IP addresses:** are neither stored nor logged. To limit mass writes the server counts writes per address through a keyed hash (HMAC) ' +
          'of the address; this counter expires after one minute.',
        '- **Server logs:** method, path, status code and time of a request, without IP address or headers.',
        c.notifications &&
          '- **E-mail address:** only if you ask for notifications about a contribution. You confirm through a link (double opt-in); an ' +
            'unconfirmed address is deleted after 48 hours. The address is never shown or exported and is deleted as soon as you unsubscribe ' +
            '(link in every e-mail).',
        '- **Accessibility feedback:** your message and, if you give it, your e-mail address for the answer; deleted once the feedback is dealt with.',
        c.geocoderHost &&
          `- **Address search:** your search text is passed on through our server to the search service ${c.geocoderHost}, without your IP address.`,
        '- **In your browser:** besides the identifier, the language you chose (`stadtdialog.language`) and a draft of your contribution until it is sent. ' +
          'The platform sets no cookies for residents. Planners get a session cookie when they sign in.',
        '',
        '## No third parties',
        '',
        'The platform loads no fonts, scripts or tracking pixels from third parties. The maps of a procedure (base map, plan layers) are loaded ' +
          'by your browser from the map services named under "Map sources"; these services receive your IP address.',
        '',
        '## Your rights',
        '',
        'You have the right of access (Art. 15 GDPR), rectification (Art. 16), erasure (Art. 17), restriction of processing (Art. 18) and to object ' +
          '(Art. 21). You may withdraw a consent at any time. As you take part without an account, we can attribute your contributions to you only ' +
          'through the identifier in your browser. You may lodge a complaint with the supervisory authority: ' +
          fill('the competent data protection supervisory authority') + '.',
      ),
  },
  accessibility: {
    de: (c, fill) =>
      lines(
        `${c.operator.name ?? fill('Name der Behörde (OPERATOR_NAME)')} ist bemüht, diese Beteiligungsplattform im Einklang mit der ` +
          'Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.',
        '',
        '## Stand der Vereinbarkeit mit den Anforderungen',
        '',
        'Diese Website ist wegen der unten genannten Einschränkungen **teilweise** mit der BITV 2.0 (WCAG 2.1, Stufe AA) vereinbar.',
        '',
        '## Erstellung dieser Erklärung',
        '',
        `Diese Erklärung wurde am ${c.operator.accessibilityCheckedOn ? germanDate(c.operator.accessibilityCheckedOn) : fill('Datum der letzten Prüfung (ACCESSIBILITY_CHECKED_ON)')} ` +
          'erstellt. Grundlage ist eine Selbstbewertung: automatische Prüfungen mit axe-core auf jeder Seite, Tests mit Tastatur und Bildschirmleser ' +
          'sowie bei 200 % Vergrößerung. ' + fill('Art der Prüfung, etwa „BITV-Test durch …“, falls durchgeführt'),
        '',
        '## Nicht barrierefreie Inhalte',
        '',
        '- **Die Karte** ist eine Grafik. Alle Beiträge stehen zusätzlich in einer Liste; Orte lassen sich mit der Tastatur setzen. ' +
          'Die Lage eines Ortes wird für Bildschirmleser nur als Beschreibung, nicht als Grafik wiedergegeben.',
        '- **Pläne und Dokumente** (Bilder, PDF), die das Planungsteam hochlädt, sind nicht immer barrierefrei. Auf Anfrage erhalten Sie sie in anderer Form.',
        '- **Hintergrundkarten und Planebenen** von anderen Diensten können Kontraste haben, die wir nicht beeinflussen.',
        '- **Der Werkstatt-Tisch** (Touch-Tisch bei Veranstaltungen) ist für die Bedienung mit den Fingern gebaut; dieselben Beiträge sind auch hier online möglich.',
        '',
        '## Barrieren melden: Feedback',
        '',
        'Sind Ihnen Mängel aufgefallen? Schreiben Sie uns über das Formular auf dieser Seite oder an ' +
          `${c.operator.email ?? fill('E-Mail-Adresse (OPERATOR_EMAIL)')}` +
          (c.operator.phone ? `, Telefon ${c.operator.phone}` : '') + '.',
        '',
        '## Schlichtungsverfahren',
        '',
        'Wenn auch nach Ihrem Feedback keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die Schlichtungsstelle nach § 16 ' +
          'Behindertengleichstellungsgesetz (BGG) wenden. Sie hat die Aufgabe, Konflikte zwischen Menschen mit Behinderungen und öffentlichen Stellen ' +
          'des Bundes zu lösen. Das Verfahren ist kostenfrei; Sie brauchen keinen Rechtsbeistand.',
        '',
        'Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen  ',
        'Mauerstraße 53, 10117 Berlin  ',
        'Telefon: 030 18 527-2805  ',
        'E-Mail: info@schlichtungsstelle-bgg.de  ',
        'Internet: [www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de)',
        '',
        fill('für Stellen eines Landes: die Schlichtungs- oder Durchsetzungsstelle nach dem Behindertengleichstellungsgesetz Ihres Landes statt oder neben der Bundesstelle'),
      ),
    en: (c, fill) =>
      lines(
        `${c.operator.name ?? fill('name of the public body (OPERATOR_NAME)')} is committed to making this participation platform accessible ` +
          'in accordance with the German Barrier-Free Information Technology Ordinance (BITV 2.0).',
        '',
        '## Compliance status',
        '',
        'This website is **partially** compliant with BITV 2.0 (WCAG 2.1, level AA) because of the limitations listed below.',
        '',
        '## Preparation of this statement',
        '',
        `This statement was prepared on ${c.operator.accessibilityCheckedOn ?? fill('date of the last check (ACCESSIBILITY_CHECKED_ON)')}. ` +
          'It is based on a self-assessment: automated checks with axe-core on every page, tests with keyboard and screen reader, and at 200 % zoom. ' +
          fill('the kind of check, e.g. "BITV test by …", if one was made'),
        '',
        '## Content that is not accessible',
        '',
        '- **The map** is a graphic. Every contribution is also in a list; places can be set with the keyboard. The position of a place is given to ' +
          'screen readers as a description only.',
        '- **Plans and documents** (images, PDF) uploaded by the planning team are not always accessible. On request you receive them in another form.',
        '- **Base maps and plan layers** from other services may have contrasts we cannot change.',
        '- **The workshop table** (touch table at events) is built for use with fingers; the same contributions can be made here online.',
        '',
        '## Report barriers: feedback',
        '',
        'Have you noticed a barrier? Write to us with the form on this page or to ' +
          `${c.operator.email ?? fill('e-mail address (OPERATOR_EMAIL)')}` + (c.operator.phone ? `, telephone ${c.operator.phone}` : '') + '.',
        '',
        '## Conciliation procedure',
        '',
        'If no satisfactory solution is found after your feedback, you can turn to the conciliation body under § 16 of the German Disability ' +
          'Equality Act (BGG). It resolves disputes between people with disabilities and federal public bodies. The procedure is free of charge; ' +
          'you need no lawyer.',
        '',
        'Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen  ',
        'Mauerstraße 53, 10117 Berlin, Germany  ',
        'Telephone: +49 30 18 527-2805  ',
        'E-mail: info@schlichtungsstelle-bgg.de  ',
        'Web: [www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de)',
        '',
        fill('for bodies of a federal state: the conciliation or enforcement body under your state\'s disability equality act instead of or besides the federal one'),
      ),
  },
  rules: {
    de: () =>
      lines(
        'Diese Plattform lebt davon, dass viele Menschen ihre Ideen und Sorgen einbringen. Damit das gelingt, gelten für alle Beiträge und Kommentare diese Regeln.',
        '',
        '## Bitte',
        '',
        '- **Bleiben Sie beim Thema:** Beiträge beziehen sich auf die Planung und einen Ort im Plangebiet.',
        '- **Ein Anliegen je Beitrag:** so lässt sich jedes für sich kommentieren, bewerten und auswerten.',
        '- **Respektvoll bleiben:** Kritik an Ideen ist erwünscht, Angriffe auf Menschen nicht.',
        '',
        '## Nicht erlaubt sind',
        '',
        '- Beleidigungen, Drohungen, Diskriminierung und Hetze;',
        '- personenbezogene Daten anderer, etwa Namen, Adressen oder Kfz-Kennzeichen, und Ihre eigenen Kontaktdaten im Text;',
        '- Werbung, Wahlwerbung und Links zu Angeboten, die nichts mit der Planung zu tun haben;',
        '- Inhalte, deren Rechte Sie nicht haben, und alles, was gegen Gesetze verstößt;',
        '- viele gleiche Beiträge, um ein Anliegen größer erscheinen zu lassen.',
        '',
        '## Moderation',
        '',
        'Die Moderation liest die Beiträge. Sie kann einen Beitrag kürzen (etwa um personenbezogene Daten), ihn einer anderen Kategorie zuordnen, ' +
          'den Ort korrigieren oder ihn ablehnen. Den Grund sehen Sie unter „Meine Beiträge“. Verstößt ein Inhalt gegen diese Regeln, melden Sie ihn ' +
          'bitte mit „Melden“; die Moderation prüft jede Meldung.',
      ),
    en: () =>
      lines(
        'This platform depends on many people bringing in their ideas and concerns. So that this works, these rules apply to all contributions and comments.',
        '',
        '## Please',
        '',
        '- **Stay on topic:** contributions are about the planning and a place within the planning area.',
        '- **One point per contribution:** so that each can be commented on, rated and evaluated on its own.',
        '- **Stay respectful:** criticism of ideas is welcome, attacks on people are not.',
        '',
        '## Not allowed',
        '',
        '- insults, threats, discrimination and hate speech;',
        '- personal data of others, such as names, addresses or number plates, and your own contact details in the text;',
        '- advertising, election campaigning and links to offers unrelated to the planning;',
        '- content you hold no rights to, and anything that breaks the law;',
        '- many identical contributions to make a concern look bigger.',
        '',
        '## Moderation',
        '',
        'The moderators read the contributions. They may shorten a contribution (e.g. to remove personal data), move it to another category, correct ' +
          'its place or reject it. You see the reason under "My contributions". If content breaks these rules, please report it with "Report"; the ' +
          'moderators check every report.',
      ),
  },
  help: {
    de: () =>
      lines(
        '## So machen Sie mit',
        '',
        '1. Wählen Sie auf der Startseite ein Verfahren und lesen Sie, worum es geht.',
        '2. Mit „Beitrag verfassen“ schreiben Sie Ihre Idee, Kritik oder Frage und setzen sie als Punkt, Linie oder Fläche auf die Karte.',
        '3. Kommentieren und bewerten Sie die Beiträge anderer.',
        '4. Unter „Meine Beiträge“ finden Sie alles wieder, was Sie auf diesem Gerät geschrieben haben, auch Beiträge, die noch geprüft werden.',
        '',
        '## Karte mit der Tastatur',
        '',
        'Die Karte erreichen Sie mit der Tabulatortaste. Die Pfeiltasten verschieben die Karte oder das Fadenkreuz, Plus und Minus zoomen, ' +
          'die Eingabetaste setzt einen Punkt. Alle Beiträge stehen außerdem in der Liste neben der Karte.',
        '',
        '## Sprache',
        '',
        'Oben rechts wechseln Sie zwischen Deutsch und Englisch.',
        '',
        '## Fragen',
        '',
        `Fragen zu einem Verfahren beantwortet das Planungsteam, dessen Kontakt beim Verfahren steht. Regeln: [Regeln für Beiträge](${SITE_PAGE_PATHS.rules}).`,
      ),
    en: () =>
      lines(
        '## How to take part',
        '',
        '1. Choose a procedure on the start page and read what it is about.',
        '2. With "Write a contribution" you write your idea, criticism or question and put it on the map as a point, line or area.',
        '3. Comment on and rate the contributions of others.',
        '4. Under "My contributions" you find everything you wrote on this device, including contributions still being checked.',
        '',
        '## The map with the keyboard',
        '',
        'Reach the map with the Tab key. The arrow keys move the map or the crosshair, plus and minus zoom, Enter sets a point. ' +
          'Every contribution is also in the list beside the map.',
        '',
        '## Language',
        '',
        'Switch between German and English at the top right.',
        '',
        '## Questions',
        '',
        `Questions about a procedure are answered by its planning team, whose contact is given with the procedure. Rules: [rules for contributions](${SITE_PAGE_PATHS.rules}).`,
      ),
  },
};

function germanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** The default text of a page, made from the configuration; it names what is still to be filled in. */
export function defaultPage(key: SitePageKey, language: SiteLanguage, context: DefaultContext): string {
  return DEFAULTS[key][language](context, FILL[language]);
}
