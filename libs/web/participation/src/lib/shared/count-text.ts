import { MessageKey, Translator } from '@stadtdialog/web/data-access';

type Counted = 'live.newContributions' | 'live.newComments';

/** "1 neuer Beitrag", "2 neue Beiträge": the plural form the current language uses for the count. */
export function countText(translator: Translator, key: Counted, count: number): string {
  const form = new Intl.PluralRules(translator.language()).select(count) === 'one' ? 'one' : 'other';
  return translator.translate(`${key}.${form}` as MessageKey, { count: translator.formatNumber(count) });
}
