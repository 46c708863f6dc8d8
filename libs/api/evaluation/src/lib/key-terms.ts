/**
 * Words that are frequent in any participation procedure and say nothing about this one. PostgreSQL's
 * german_stem dictionary already drops the common function words (und, der, nicht, …); these are
 * compared by their stems, so "sollte" also covers "sollten".
 */
export const DOMAIN_STOP_WORDS = [
  'bitte', 'danke', 'dank', 'gerne', 'mehr', 'weniger', 'sollen', 'sollte', 'müssen', 'muss', 'können', 'kann', 'könnte',
  'wäre', 'würde', 'werden', 'wurde', 'gibt', 'geben', 'schon', 'immer', 'sehr', 'gut', 'besser', 'viel', 'viele',
  'ganz', 'eigentlich', 'leider', 'einfach', 'wirklich', 'finde', 'finden', 'meiner', 'meinung', 'idee', 'vorschlag',
  'beitrag', 'thema', 'machen', 'mal', 'dass', 'etwa', 'bzw', 'usw', 'ja', 'nein', 'ok',
];

/** How many key terms the statistics list. */
export const KEY_TERM_COUNT = 20;

/**
 * Key terms of a set of texts (`texts`: rows of contribution_id, body, own), in SQL on both engines:
 * words from the default parser (ASCII and other letters, no numbers), stemmed by german_stem, which
 * answers an empty array for stop words; each stem shows its most common surface form. `own` marks
 * a contribution's own title and text: `contributions` counts those, which is what a search for the
 * term in the list finds. `$stop` is the domain stop list.
 */
export function keyTermsSql(texts: string, stop: string, limit: number): string {
  return `
    WITH stop AS (SELECT (ts_lexize('german_stem', lower(w)))[1] AS stem FROM unnest(${stop}::text[]) w),
    words AS (
      SELECT t.contribution_id, t.own, w.token, (ts_lexize('german_stem', lower(w.token)))[1] AS stem
      FROM (${texts}) t, ts_parse('default', t.body) w
      WHERE w.tokid IN (1, 2) AND char_length(w.token) >= 3),
    terms AS (
      SELECT stem, mode() WITHIN GROUP (ORDER BY token) AS term, count(*)::int AS occurrences,
             count(DISTINCT contribution_id) FILTER (WHERE own)::int AS contributions
      FROM words
      WHERE stem IS NOT NULL AND stem NOT IN (SELECT stem FROM stop WHERE stem IS NOT NULL)
      GROUP BY stem)
    SELECT coalesce(json_agg(json_build_object('term', term, 'stem', stem, 'occurrences', occurrences, 'contributions', contributions)
             ORDER BY occurrences DESC, term), '[]'::json) AS terms
    FROM (SELECT * FROM terms ORDER BY occurrences DESC, term LIMIT ${limit}) top`;
}
