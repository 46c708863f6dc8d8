import { expect, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { Contribution, ContributionGeometry, MapConfiguration, ModerationMode, ProcedureDetail } from '@stadtdialog/shared/contract';
import { DEMO_SLUG } from './fixtures';
import { PLANNER_ADMIN } from './planner';

const DAY = 24 * 3600 * 1000;

/** Signs the request context in as the first admin and returns the CSRF token for its writes. */
async function signIn(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/v1/auth/sign-in', { data: PLANNER_ADMIN });
  expect(response.status(), 'the e2e server creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD').toBe(200);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/**
 * A public copy of the demo procedure with the same phases (participation open now), made through
 * the planner API the way a planner would make it: clone, then publish with the given moderation.
 */
export async function publicCopyOfDemo(
  request: APIRequestContext,
  { title, moderation, map }: { title: string; moderation: ModerationMode; map?: MapConfiguration },
): Promise<{ id: string; slug: string }> {
  const csrf = await signIn(request);
  const demo = (await (await request.get(`/api/v1/procedures/${DEMO_SLUG}`)).json()) as ProcedureDetail;
  const firstStart = Math.min(...demo.phases.map((p) => Date.parse(p.startsAt)));
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`;
  const clone = await request.post(`/api/v1/procedures/${demo.id}/setup/clone`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { slug, title, startsAt: new Date(firstStart).toISOString() },
  });
  expect(clone.status(), await clone.text()).toBe(201);
  const { id } = (await clone.json()) as { id: string };
  const publish = await request.patch(`/api/v1/procedures/${id}/setup`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { internal: false, settings: { moderation }, ...(map ? { map } : {}) },
  });
  expect(publish.status(), await publish.text()).toBe(200);
  const procedure = (await (await request.get(`/api/v1/procedures/${slug}`)).json()) as ProcedureDetail;
  expect(procedure.state).toBe('open');
  return { id, slug };
}

/** Ends the participation of a procedure a minute ago, as a planner shortening the phase would. */
export async function endParticipation(request: APIRequestContext, id: string): Promise<void> {
  const csrf = await signIn(request);
  const now = Date.now();
  const response = await request.put(`/api/v1/procedures/${id}/setup/phases`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      phases: [
        { kind: 'information', title: 'Information', startsAt: new Date(now - 20 * DAY).toISOString(), endsAt: new Date(now - 10 * DAY).toISOString() },
        { kind: 'participation', title: 'Online-Beteiligung', startsAt: new Date(now - 10 * DAY).toISOString(), endsAt: new Date(now - 60_000).toISOString() },
      ],
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Gives a procedure another planning area, as a planner drawing it anew would. */
export async function movePlanningArea(request: APIRequestContext, id: string, planningArea: { type: 'Polygon'; coordinates: number[][][] }): Promise<void> {
  const csrf = await signIn(request);
  const response = await request.patch(`/api/v1/procedures/${id}/setup`, { headers: { 'X-CSRF-Token': csrf }, data: { planningArea } });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * A contribution posted through the API, as another resident's browser would send it: in the
 * procedure's first category and rubric, as a point unless another geometry is given.
 */
export async function postContribution(
  request: APIRequestContext,
  slug: string,
  { title, text, geometry }: { title: string; text: string; geometry: ContributionGeometry },
): Promise<Contribution> {
  const procedure = (await (await request.get(`/api/v1/procedures/${slug}`)).json()) as ProcedureDetail;
  const response = await request.post(`/api/v1/procedures/${slug}/contributions`, {
    headers: { 'Idempotency-Key': randomUUID() },
    data: { title, text, categoryId: procedure.categories[0].id, rubricId: procedure.rubrics[0].id, geometry },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Contribution;
}
