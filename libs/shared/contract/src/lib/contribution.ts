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
  createdAt: string;
  updatedAt: string;
  ratingsUp: number;
  ratingsDown: number;
  commentCount: number;
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
export type ContributionFeatureCollection = FeatureCollection<ContributionGeometry, ContributionFeatureProperties>;

/** Header names of the anonymous participation protocol. */
export const PARTICIPANT_TOKEN_HEADER = 'X-Participant-Token';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
