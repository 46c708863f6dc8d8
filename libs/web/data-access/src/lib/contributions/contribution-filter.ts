import { CONTRIBUTION_SORTS, ContributionQuery, ContributionSort } from '@stadtdialog/shared/contract';

/** What the resident chose to see: the same filter drives the map, the list and the count. */
export interface ContributionFilter {
  category: string | null;
  rubric: string | null;
  q: string;
  sort: ContributionSort;
}

export const DEFAULT_FILTER: ContributionFilter = { category: null, rubric: null, q: '', sort: 'newest' };

/** Reads a filter from URL query parameters, ignoring what is not a valid value. */
export function filterFromQueryParams(params: { get(name: string): string | null }): ContributionFilter {
  const sort = params.get('sort');
  return {
    category: params.get('category') || null,
    rubric: params.get('rubric') || null,
    q: (params.get('q') ?? '').trim(),
    sort: CONTRIBUTION_SORTS.find((s) => s === sort) ?? DEFAULT_FILTER.sort,
  };
}

/** The URL query parameters of a filter; defaults are left out so that plain URLs stay plain. */
export function filterToQueryParams(filter: ContributionFilter): Record<string, string | null> {
  return {
    category: filter.category,
    rubric: filter.rubric,
    q: filter.q.trim() || null,
    sort: filter.sort === DEFAULT_FILTER.sort ? null : filter.sort,
  };
}

/** True when the filter narrows the contributions down (sorting does not). */
export function isNarrowing(filter: ContributionFilter): boolean {
  return !!(filter.category || filter.rubric || filter.q.trim());
}

export function filterQuery(filter: ContributionFilter): Pick<ContributionQuery, 'category' | 'rubric' | 'q'> {
  return {
    category: filter.category ?? undefined,
    rubric: filter.rubric ?? undefined,
    q: filter.q.trim() || undefined,
  };
}

export function sameFilter(a: ContributionFilter, b: ContributionFilter): boolean {
  return a.category === b.category && a.rubric === b.rubric && a.q === b.q && a.sort === b.sort;
}
