import type { LazyMessages } from './messages';

/**
 * Texts of features most visits never open (site pages, "Meine Beiträge", e-mail notifications): each
 * set is its own chunk, loaded with the feature, so the first bundle stays small. Their keys are still
 * typed (messages.ts imports their types only).
 */
export const LAZY_MESSAGES = {
  legal: () => import('./legal-messages').then((m) => m.LEGAL_MESSAGES),
  mine: () => import('./mine-messages').then((m) => m.MINE_MESSAGES),
  notify: () => import('./notify-messages').then((m) => m.NOTIFY_MESSAGES),
} satisfies Record<string, () => Promise<LazyMessages>>;

export type LazyMessageSet = keyof typeof LAZY_MESSAGES;
