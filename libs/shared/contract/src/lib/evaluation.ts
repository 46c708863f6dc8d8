import type { ContributionSource, ContributionStatus } from './contribution';
import type { CategoryTranslations, PhaseTranslations, ProcedureTranslations, RubricTranslations, Translations } from './procedure';

export const STATISTICS_INTERVALS = ['day', 'week'] as const;
export type StatisticsInterval = (typeof STATISTICS_INTERVALS)[number];

/** Filters of the planner's statistics and exports; the public statistics take none of them. */
export interface EvaluationQuery {
  /** a phase of the procedure: contributions created within its start and end */
  phase?: string;
  /** created on or after this day (YYYY-MM-DD, Europe/Berlin) */
  from?: string;
  /** created on or before this day (YYYY-MM-DD, Europe/Berlin) */
  to?: string;
  source?: ContributionSource;
  /** a workshop of the procedure */
  workshop?: string;
  category?: string;
  rubric?: string;
  interval?: StatisticsInterval;
}

/** One bar of a chart: `key` is an id or a code, `label` what people read. */
export interface StatisticsCount {
  key: string;
  label: string;
  count: number;
  /** categories and rubrics: the label's English version, where planners gave one */
  translations?: Translations<'label'>;
}

export interface StatisticsBucket {
  /** first day of the bucket, YYYY-MM-DD in Europe/Berlin */
  start: string;
  contributions: number;
  comments: number;
}

export interface TopContribution {
  id: string;
  title: string;
  status: ContributionStatus;
  /** null where a public procedure hides ratings */
  ratingsUp: number | null;
  ratingsDown: number | null;
  /** null where a public procedure hides comments */
  commentCount: number | null;
}

export interface KeyTerm {
  /** the most common surface form of the stem, e.g. "Bäume" */
  term: string;
  stem: string;
  /** how often the stem occurs in titles, texts and comments */
  occurrences: number;
  /** how many contributions use it in their own title or text: what `q=<term>` finds in the list */
  contributions: number;
}

/**
 * Residents' ratings and comments on one planning variant. The planner's time filters (phase, from,
 * to) apply to them; the other filters concern contributions only.
 */
export interface VariantStatistics {
  id: string;
  title: string;
  /** planners see unpublished variants too */
  published: boolean;
  /** null where a public procedure hides ratings */
  ratingsUp: number | null;
  ratingsDown: number | null;
  /** planners: every status; public: published; null where a public procedure hides comments */
  comments: number | null;
}

export interface ProcedureStatistics {
  procedure: { id: string; slug: string; title: string; translations: ProcedureTranslations };
  /** planner: every status; public: published content of a public procedure */
  scope: 'planner' | 'public';
  totals: {
    contributions: number;
    /** null where a public procedure hides comments */
    comments: number | null;
    /** null where a public procedure hides ratings */
    ratings: number | null;
    ratingsUp: number | null;
    ratingsDown: number | null;
    /** distinct anonymous participants (tokens) who wrote, commented or rated */
    participants: number;
  };
  /** planner only; null on the public statistics */
  byStatus: StatisticsCount[] | null;
  commentsByStatus: StatisticsCount[] | null;
  byCategory: StatisticsCount[];
  byRubric: StatisticsCount[];
  byGeometry: StatisticsCount[];
  bySource: StatisticsCount[];
  /** contributions per workshop (key: workshop id, label: its title); those made elsewhere are not counted */
  byWorkshop: StatisticsCount[];
  overTime: { interval: StatisticsInterval; buckets: StatisticsBucket[] };
  /** empty where a public procedure hides ratings */
  topRated: TopContribution[];
  /** empty where a public procedure hides comments */
  topCommented: TopContribution[];
  keyTerms: KeyTerm[];
  /** the procedure's planning variants in their order, with ratings and comments */
  variants: VariantStatistics[];
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_ROWS_HEADER = 'X-Export-Rows';

/** A contribution of the report's top lists, with its text and the planners' latest official answer. */
export interface ReportContribution extends TopContribution {
  text: string;
  category: string;
  rubric: string;
  /** the English names planners gave */
  categoryTranslations: CategoryTranslations;
  rubricTranslations: RubricTranslations;
  createdAt: string;
  officialAnswer: string | null;
  officialAnswerAt: string | null;
}

export interface ReportPhase {
  kind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  translations: PhaseTranslations;
}

export interface ReportWorkshop {
  id: string;
  title: string;
  /** the appointment it took place at */
  startsAt: string;
  endsAt: string | null;
  place: string;
  /** contributions made there, within the report's scope */
  contributions: number;
}

/**
 * The results report of a procedure (for the council's meeting folder): the procedure and its
 * phases, every figure of the statistics, the top contributions with official answers, and the
 * workshops. Public: published content only; planners: every status, with their filters.
 */
export interface ProcedureReport {
  procedure: {
    id: string; slug: string; title: string; summary: string; description: string; translations: ProcedureTranslations; phases: ReportPhase[];
  };
  /** the planner's filters the figures are narrowed by (empty on the public report) */
  filter: EvaluationQuery;
  /** what the filter's ids name: category, rubric and workshop by name, phase by its kind */
  filterNames: { phase?: string; category?: string; rubric?: string; workshop?: string };
  generatedAt: string;
  statistics: ProcedureStatistics;
  /** the contributions of topRated and topCommented, each once, in that order */
  highlights: ReportContribution[];
  workshops: ReportWorkshop[];
}
