/**
 * The pages every installation publishes (imprint, privacy policy, accessibility statement, rules for
 * contributions, help) and what the web app needs to know about the installation.
 */
export const SITE_PAGE_KEYS = ['imprint', 'privacy', 'accessibility', 'rules', 'help'] as const;
export type SitePageKey = (typeof SITE_PAGE_KEYS)[number];

export const SITE_LANGUAGES = ['de', 'en'] as const;
export type SiteLanguage = (typeof SITE_LANGUAGES)[number];

/** Longest page text an admin may store, in characters of Markdown. */
export const SITE_PAGE_MAX_LENGTH = 50_000;

export interface SitePage {
  key: SitePageKey;
  /** the language of the text: the one asked for, or German when only a German text was set */
  language: SiteLanguage;
  title: string;
  /** the text as an admin wrote it (a small Markdown subset), or the default */
  markdown: string;
  /** the same, rendered: headings, paragraphs, lists, emphasis, links; no raw HTML, no images */
  html: string;
  /** false while the page shows the default text made from the configuration */
  edited: boolean;
  updatedAt: string | null;
}

/** An admin's view of one page: the stored texts per language (null: the default is shown) and the defaults. */
export interface SitePageSource {
  key: SitePageKey;
  texts: Record<SiteLanguage, string | null>;
  defaults: Record<SiteLanguage, string>;
  updatedAt: string | null;
}

/** An admin's edit of a page: a language set to null goes back to the default text. */
export type SitePageEdit = Record<SiteLanguage, string | null>;

export interface SiteInfo {
  /** the operator as configured (OPERATOR_NAME), for the footer */
  operatorName: string | null;
  /** e-mail notifications are offered (SMTP_URL is set) */
  notifications: boolean;
  /** the maps offer address search (GEOCODER_URL is set) */
  addressSearch: boolean;
}

/** A place an address search found, within the procedure's area. */
export interface Place {
  label: string;
  lon: number;
  lat: number;
  /** [west, south, east, north] of the place when it is more than a point (a street, a park) */
  bbox: [number, number, number, number] | null;
}

export interface PlaceSearchResult {
  places: Place[];
}

/** Shortest and longest text an address search takes. */
export const PLACE_QUERY_LENGTH = { min: 2, max: 200 } as const;

export const FEEDBACK_MAX_LENGTH = 5000;

/** Feedback on accessibility (BITV 2.0 § 7): a barrier someone met, for the operator. */
export interface NewAccessibilityFeedback {
  message: string;
  /** to be answered; optional */
  email?: string | null;
  /** the address of the page where the barrier was met */
  page?: string | null;
}

export interface AccessibilityFeedback {
  id: string;
  message: string;
  email: string | null;
  page: string | null;
  createdAt: string;
}

export interface FeedbackReceipt {
  id: string;
}

/** Where the web app shows each site page: German addresses, as a German public body publishes them. */
export const SITE_PAGE_PATHS: Record<SitePageKey, string> = {
  imprint: '/impressum',
  privacy: '/datenschutz',
  accessibility: '/barrierefreiheit',
  rules: '/regeln',
  help: '/hilfe',
};

/** A participant's wish to be told by e-mail about an own contribution (double opt-in). */
export interface NewNotificationSubscription {
  email: string;
  /** the language of the mails */
  language: SiteLanguage;
}

/** pending: the confirmation mail is out; confirmed: mails are sent. The address is never shown. */
export type NotificationState = 'pending' | 'confirmed';

export interface NotificationSubscriptionState {
  state: NotificationState;
}

/** What a confirmation or unsubscribe link was about. */
export interface NotificationLinkResult {
  contribution: { id: string; title: string; procedure: { slug: string; title: string } } | null;
}

/** Hours a confirmation link of an e-mail notification works; unconfirmed addresses are deleted then. */
export const NOTIFICATION_CONFIRM_HOURS = 48;
