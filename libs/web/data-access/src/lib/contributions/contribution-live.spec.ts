import { ContributionFeature } from '@stadtdialog/shared/contract';
import { PublicLiveEvent } from '../live/live-events';
import { DEFAULT_FILTER } from './contribution-filter';
import { applyLiveEvents, LiveView, matchesFilter } from './contribution-live';
import { contributionFixture } from './testing-fixtures';

const followedSince = Date.parse('2026-03-20T10:00:00Z');
const now = '2026-03-20T10:05:00Z';

function feature(id: string): ContributionFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [9.93, 53.556] },
    properties: { title: id, categoryId: 'c1', rubricId: 'r1', colour: '#2e7d32', createdAt: now, ratingsUp: 0, ratingsDown: 0, commentCount: 0 },
  };
}

function view(ids: string[]): LiveView {
  return {
    items: ids.map((id) => contributionFixture({ id })),
    arrived: [],
    features: { type: 'FeatureCollection', features: ids.map(feature) },
    total: ids.length,
    overallTotal: ids.length,
  };
}

const posted = (id: string, patch = {}): PublicLiveEvent => ({
  type: 'contribution',
  data: { contribution: contributionFixture({ id, createdAt: now, ...patch }), feature: feature(id) },
});

describe('applyLiveEvents', () => {
  it('puts a new contribution on the map at once and holds it back from the list, counting it', () => {
    const before = view(['k1', 'k2']);
    const { view: after, added } = applyLiveEvents(before, [posted('k3'), posted('k4')], DEFAULT_FILTER, followedSince);
    expect(added).toBe(2);
    expect(after.items.map((c) => c.id)).toEqual(['k1', 'k2']);
    expect(after.arrived.map((c) => c.id)).toEqual(['k4', 'k3']);
    expect(after.features?.features.map((f) => f.id)).toEqual(['k4', 'k3', 'k1', 'k2']);
    expect(after.total).toBe(4);
    expect(after.overallTotal).toBe(4);
  });

  it('changes a known contribution in place and takes a removed one out of list, map and counts', () => {
    const before = view(['k1', 'k2']);
    const { view: after, added, countsStale } = applyLiveEvents(
      before,
      [posted('k1', { title: 'Neuer Titel', commentCount: 5 }), { type: 'contribution-removed', data: { id: 'k2', contributionId: 'k2' } }],
      DEFAULT_FILTER,
      followedSince,
    );
    expect(added).toBe(0);
    expect(countsStale).toBe(false);
    expect(after.items.map((c) => [c.id, c.title, c.commentCount])).toEqual([['k1', 'Neuer Titel', 5]]);
    expect(after.features?.features.map((f) => f.id)).toEqual(['k1']);
    expect(after.total).toBe(1);
  });

  it('leaves out what the filter does not show, but counts it for the procedure', () => {
    const filter = { ...DEFAULT_FILTER, category: 'c2' };
    const before = { ...view([]), overallTotal: 10 };
    const { view: after, added } = applyLiveEvents(before, [posted('k9')], filter, followedSince);
    expect(added).toBe(0);
    expect(after.features?.features).toEqual([]);
    expect(after.total).toBe(0);
    expect(after.overallTotal).toBe(11);
  });

  it('drops a known contribution that moved out of the filter', () => {
    const filter = { ...DEFAULT_FILTER, category: 'c1' };
    const { view: after } = applyLiveEvents(view(['k1']), [posted('k1', { categoryId: 'c2' })], filter, followedSince);
    expect(after.items).toEqual([]);
    expect(after.total).toBe(0);
  });

  it('asks for the counts again where the events cannot tell them', () => {
    const old = posted('k7', { createdAt: '2025-01-01T00:00:00Z' });
    expect(applyLiveEvents(view(['k1']), [old], DEFAULT_FILTER, followedSince)).toMatchObject({ added: 0, countsStale: true });
    const removedUnknown: PublicLiveEvent = { type: 'contribution-removed', data: { id: 'k8', contributionId: 'k8' } };
    expect(applyLiveEvents(view(['k1']), [removedUnknown], DEFAULT_FILTER, followedSince)).toMatchObject({ countsStale: true });
    const searching = { ...DEFAULT_FILTER, q: 'bank' };
    expect(matchesFilter(contributionFixture(), searching)).toBeNull();
    const outcome = applyLiveEvents(view([]), [posted('k3')], searching, followedSince);
    expect(outcome).toMatchObject({ added: 0, countsStale: true });
    expect(outcome.view.arrived).toEqual([]);
  });

  it('answers a reset with a reload and leaves the view as it was', () => {
    const before = view(['k1']);
    expect(applyLiveEvents(before, [posted('k2'), { type: 'reset' }], DEFAULT_FILTER, followedSince)).toEqual({
      view: before,
      added: 0,
      countsStale: false,
      reset: true,
    });
  });
});
