import { Contribution, ContributionDetail, ContributionPage } from '@stadtdialog/shared/contract';

export function contributionFixture(overrides: Partial<Contribution> = {}): Contribution {
  return {
    id: 'k1',
    procedureId: 'p1',
    title: 'Mehr Bänke',
    text: 'Am Teich fehlen Bänke.',
    categoryId: 'c1',
    rubricId: 'r1',
    geometry: { type: 'Point', coordinates: [9.93, 53.556] },
    status: 'published',
    source: 'online',
    workshopId: null,
    createdAt: '2026-03-16T10:00:00Z',
    updatedAt: '2026-03-16T10:00:00Z',
    ratingsUp: 2,
    ratingsDown: 1,
    commentCount: 1,
    ...overrides,
  };
}

export function pageFixture(items: Contribution[], total = items.length, nextCursor: string | null = null): ContributionPage {
  const totalsByCategory: Record<string, number> = {};
  for (const item of items) totalsByCategory[item.categoryId] = (totalsByCategory[item.categoryId] ?? 0) + 1;
  return { items, total, totalsByCategory, nextCursor };
}

export function detailFixture(overrides: Partial<ContributionDetail> = {}): ContributionDetail {
  return {
    ...contributionFixture(),
    rating: { up: 2, down: 1, own: null },
    comments: [
      {
        id: 'm1',
        contributionId: 'k1',
        parentId: null,
        text: 'Gute Idee',
        official: false,
        createdAt: '2026-03-17T10:00:00Z',
        replies: [],
      },
    ],
    mine: false,
    ...overrides,
  };
}
