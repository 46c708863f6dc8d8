import { Contribution, ContributionFeature, ContributionFeatureCollection } from '@stadtdialog/shared/contract';
import { PublicLiveEvent } from '../live/live-events';
import { ContributionFilter } from './contribution-filter';

/**
 * Whether a contribution belongs under the filter, as far as the browser can tell: category and rubric
 * are compared; the full-text search is the server's (German stemming), so there the answer is null.
 */
export function matchesFilter(contribution: Contribution, filter: ContributionFilter): boolean | null {
  if (filter.category && contribution.categoryId !== filter.category) return false;
  if (filter.rubric && contribution.rubricId !== filter.rubric) return false;
  return filter.q.trim() ? null : true;
}

/** What the list, map and counts of one filter hold. */
export interface LiveView {
  items: Contribution[];
  /** new contributions held back from the list until the reader asks for them */
  arrived: Contribution[];
  features: ContributionFeatureCollection | null;
  total: number;
  overallTotal: number | null;
}

export interface LiveOutcome<T extends LiveView> {
  view: T;
  /** how many contributions were new to this view */
  added: number;
  /** some event could not be placed (unknown item, search filter): read the counts again */
  countsStale: boolean;
  /** the stream asked for everything to be read again */
  reset: boolean;
}

/** Contributions created this long before the page followed the stream still count as new (clock skew). */
const NEW_SLACK_MS = 120_000;

/**
 * Applies a batch of public events to a view without moving what the reader sees: known contributions
 * change in place or vanish; new ones go onto the map at once and into `arrived` for the list.
 */
export function applyLiveEvents<T extends LiveView>(
  view: T,
  events: PublicLiveEvent[],
  filter: ContributionFilter,
  followedSince: number,
): LiveOutcome<T> {
  let next: T = view;
  let added = 0;
  let countsStale = false;
  for (const event of events) {
    if (event.type === 'reset') return { view, added: 0, countsStale: false, reset: true };
    if (event.type === 'contribution') {
      const { contribution, feature } = event.data;
      const known = isKnown(next, contribution.id);
      const matches = matchesFilter(contribution, filter);
      if (known) {
        if (matches === false) {
          next = withoutContribution(next, contribution.id);
          next = { ...next, total: Math.max(0, next.total - 1) };
        } else {
          next = replaced(next, contribution, feature);
        }
        continue;
      }
      const fresh = Date.parse(contribution.createdAt) >= followedSince - NEW_SLACK_MS;
      if (matches === null || !fresh) {
        // A change to a contribution this page never loaded, or one the search may or may not find.
        countsStale = true;
        if (matches && feature) next = withFeature(next, feature);
        continue;
      }
      if (matches) {
        next = withFeature(next, feature);
        next = {
          ...next,
          arrived: [contribution, ...next.arrived],
          total: next.total + 1,
          overallTotal: next.overallTotal === null ? null : next.overallTotal + 1,
        };
        added++;
      } else if (next.overallTotal !== null) {
        next = { ...next, overallTotal: next.overallTotal + 1 };
      }
    } else if (event.type === 'contribution-removed') {
      if (isKnown(next, event.data.id)) {
        next = withoutContribution(next, event.data.id);
        next = {
          ...next,
          total: Math.max(0, next.total - 1),
          overallTotal: next.overallTotal === null ? null : Math.max(0, next.overallTotal - 1),
        };
      } else {
        countsStale = true;
      }
    }
    // Comments change a contribution's count; that arrives as its own `contribution` event.
  }
  return { view: next, added, countsStale, reset: false };
}

function isKnown(view: LiveView, id: string): boolean {
  return (
    view.items.some((c) => c.id === id) ||
    view.arrived.some((c) => c.id === id) ||
    (view.features?.features.some((f) => String(f.id) === id) ?? false)
  );
}

function replaced<T extends LiveView>(view: T, contribution: Contribution, feature: ContributionFeature | null): T {
  const swap = (list: Contribution[]) => list.map((c) => (c.id === contribution.id ? contribution : c));
  let features = view.features;
  if (features) {
    const others = features.features.filter((f) => String(f.id) !== contribution.id);
    const present = others.length !== features.features.length;
    features = {
      ...features,
      features: feature
        ? present
          ? features.features.map((f) => (String(f.id) === contribution.id ? feature : f))
          : [feature, ...features.features]
        : others,
    };
  }
  return { ...view, items: swap(view.items), arrived: swap(view.arrived), features };
}

function withFeature<T extends LiveView>(view: T, feature: ContributionFeature | null): T {
  if (!feature || !view.features || view.features.features.some((f) => String(f.id) === String(feature.id))) return view;
  return { ...view, features: { ...view.features, features: [feature, ...view.features.features] } };
}

function withoutContribution<T extends LiveView>(view: T, id: string): T {
  return {
    ...view,
    items: view.items.filter((c) => c.id !== id),
    arrived: view.arrived.filter((c) => c.id !== id),
    features: view.features ? { ...view.features, features: view.features.features.filter((f) => String(f.id) !== id) } : null,
  };
}
