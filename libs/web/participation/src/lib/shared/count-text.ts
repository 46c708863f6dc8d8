import { Translator } from '@stadtdialog/web/data-access';

type Counted = 'live.newContributions' | 'live.newComments';

/** "1 neuer Beitrag", "2 neue Beiträge": the ICU plural of the current language, the count written its way. */
export function countText(translator: Translator, key: Counted, count: number): string {
  return translator.translate(key, { count });
}
