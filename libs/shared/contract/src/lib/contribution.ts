import { ContributionGeometry, Feature, FeatureCollection } from './geojson';

export const CONTRIBUTION_STATUSES = ['pending', 'published', 'rejected', 'hidden'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

export const CONTRIBUTION_SOURCES = ['online', 'workshop', 'import'] as const;
export type ContributionSource = (typeof CONTRIBUTION_SOURCES)[number];

export interface NewContribution {
  title: string;
  text: string;
  categoryId: string;
  rubricId: string;
  geometry?: ContributionGeometry | null;
  /**
   * The workshop a phone hand-off came from (the table's QR code): accepted for an active workshop
   * of the procedure; the contribution then has source 'workshop'. A table sends X-Table-Key instead.
   */
  workshopId?: string | null;
}

export interface Contribution {
  id: string;
  procedureId: string;
  title: string;
  text: string;
  categoryId: string;
  rubricId: string;
  geometry: ContributionGeometry | null;
  status: ContributionStatus;
  source: ContributionSource;
  /** the workshop it was made at (table or phone hand-off), else null */
  workshopId: string | null;
  createdAt: string;
  updatedAt: string;
  /** null where the procedure hides rating counts (settings.ratings = 'hidden') */
  ratingsUp: number | null;
  ratingsDown: number | null;
  /** null where the procedure hides comments (settings.comments = 'hidden') */
  commentCount: number | null;
}

/** Properties of a contribution on the map: what the map styles and its popup need. */
export interface ContributionFeatureProperties {
  title: string;
  categoryId: string;
  rubricId: string;
  colour: string;
  createdAt: string;
  ratingsUp: number;
  ratingsDown: number;
  commentCount: number;
}

export type ContributionFeature = Feature<ContributionGeometry, ContributionFeatureProperties>;
export type ContributionFeatureCollection = FeatureCollection<ContributionGeometry, ContributionFeatureProperties> & {
  /** set by the map layer: more features matched than one request answers (the newest came) */
  truncated?: boolean;
};

/** Header names of the anonymous participation protocol. */
export const PARTICIPANT_TOKEN_HEADER = 'X-Participant-Token';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export const CONTRIBUTION_SORTS = ['newest', 'rated', 'commented'] as const;
export type ContributionSort = (typeof CONTRIBUTION_SORTS)[number];

/** Query of the list and of the map layer; the map ignores sort, limit and cursor. */
export interface ContributionQuery {
  category?: string;
  rubric?: string;
  /** German full-text search over title and text */
  q?: string;
  /** minLon,minLat,maxLon,maxLat */
  bbox?: string;
  sort?: ContributionSort;
  limit?: number;
  /** opaque keyset cursor from the previous page's nextCursor */
  cursor?: string;
  /** only the caller's own contributions (by participant token), pending ones included */
  mine?: boolean;
  /** only contributions from this source */
  source?: ContributionSource;
  /** only contributions made at this workshop (its id) */
  workshop?: string;
}

export interface ContributionPage {
  items: Contribution[];
  /** how many contributions match the filter, over all pages */
  total: number;
  /** `total` by category id; categories without a match are left out */
  totalsByCategory: Record<string, number>;
  nextCursor: string | null;
}

export interface NewComment {
  text: string;
  /** answer to a top-level comment; replies are one level deep */
  parentId?: string | null;
}

export interface Comment {
  id: string;
  contributionId: string;
  parentId: string | null;
  text: string;
  /** an answer by the planners, shown as such */
  official: boolean;
  createdAt: string;
  /** only in the answer to its author's POST: 'pending' until a moderator publishes it (pre-moderation) */
  status?: 'pending' | 'published';
  /** on top-level comments of a contribution's detail: the published replies, oldest first */
  replies?: Comment[];
}

/** Body of PUT .../contributions/:id/rating; DELETE withdraws it. */
export interface NewRating {
  value: 1 | -1;
}

export interface RatingSummary {
  /** null where the procedure hides rating counts (settings.ratings = 'hidden') */
  up: number | null;
  down: number | null;
  /** the caller's own rating */
  own: 1 | -1 | null;
}

export interface ContributionDetail extends Contribution {
  rating: RatingSummary;
  /** top-level comments, oldest first, each with its replies */
  comments: Comment[];
  /** true when the caller's participant token wrote it */
  mine: boolean;
}

/** Exactly one of contributionId and commentId. */
export interface NewReport {
  contributionId?: string;
  commentId?: string;
  /** a comment on a planning variant */
  variantCommentId?: string;
  reason: string;
}

export interface ReportReceipt {
  id: string;
}
