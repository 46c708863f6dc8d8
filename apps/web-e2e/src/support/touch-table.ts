import { expect, type APIRequestContext, type CDPSession, type Locator, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { PLANNER_ADMIN } from './planner';
import { publicCopyOfDemo } from './procedure-setup';

export const TABLE_MAP = 'sd-table-page sd-procedure-map';

export interface TableWorkshop {
  procedureId: string;
  slug: string;
  workshopId: string;
  appointmentId: string;
  tableUrl: string;
  csrf: string;
}

async function signIn(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/v1/auth/sign-in', { data: PLANNER_ADMIN });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/**
 * A public copy of the demo (post-moderation, so table contributions are public at once), an
 * appointment today and a workshop for it with the given seats, made through the planner API.
 */
export async function openWorkshop(
  request: APIRequestContext,
  title: string,
  seats: string[] = ['bottom', 'right', 'top', 'left'],
  idleSeconds = 180,
): Promise<TableWorkshop> {
  const { id: procedureId, slug } = await publicCopyOfDemo(request, { title, moderation: 'post' });
  const csrf = await signIn(request);
  const now = Date.now();
  const appointment = await request.post(`/api/v1/procedures/${procedureId}/setup/appointments`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { title: `Werkstatt ${title}`, startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 3600_000).toISOString(), place: 'Bürgerhaus' },
  });
  expect(appointment.status(), await appointment.text()).toBe(201);
  const { id: appointmentId } = (await appointment.json()) as { id: string };
  const workshop = await request.post(`/api/v1/procedures/${procedureId}/workshops`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { appointmentId, seats: seats.map((side) => ({ side })), idleSeconds },
  });
  expect(workshop.status(), await workshop.text()).toBe(201);
  const { id: workshopId, tableUrl } = (await workshop.json()) as { id: string; tableUrl: string };
  expect(tableUrl).toMatch(/^\/table\/[A-Za-z0-9_-]{43}$/);
  return { procedureId, slug, workshopId, appointmentId, tableUrl, csrf };
}

/** Moves the workshop's appointment (a manager's edit); its table link follows it to the end of the new day. */
export async function moveAppointment(request: APIRequestContext, workshop: TableWorkshop, startsAt: Date, endsAt: Date | null): Promise<void> {
  const response = await request.patch(`/api/v1/procedures/${workshop.procedureId}/setup/appointments/${workshop.appointmentId}`, {
    headers: { 'X-CSRF-Token': workshop.csrf },
    data: { startsAt: startsAt.toISOString(), endsAt: endsAt?.toISOString() ?? null },
  });
  expect(response.status(), await response.text()).toBe(200);
}

export async function revokeWorkshop(request: APIRequestContext, workshop: TableWorkshop): Promise<void> {
  const response = await request.post(`/api/v1/procedures/${workshop.procedureId}/workshops/${workshop.workshopId}/revoke`, {
    headers: { 'X-CSRF-Token': workshop.csrf },
  });
  expect(response.status(), await response.text()).toBe(200);
}

export interface StoredContribution {
  id: string;
  title: string;
  geometry: { type: string; coordinates: number[] } | null;
  source: string;
  workshopId: string | null;
  ratingsUp: number | null;
  ratingsDown: number | null;
}

/** The workshop's public contributions, all pages, as the API lists them. */
export async function workshopContributions(request: APIRequestContext, workshop: TableWorkshop): Promise<StoredContribution[]> {
  const items: StoredContribution[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ workshop: workshop.workshopId, limit: '100', ...(cursor ? { cursor } : {}) });
    const response = await request.get(`/api/v1/procedures/${workshop.slug}/contributions?${query}`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { items: StoredContribution[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export interface ViewState {
  center: [number, number];
  resolution: number;
}

/** Waits until the page has handled the input sent so far (input is handled before a frame). */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

export async function viewState(page: Page): Promise<ViewState> {
  await settled(page);
  return page.evaluate((selector) => {
    const map = (document.querySelector(selector) as Element & { olMap: { getView(): { getCenter(): number[]; getResolution(): number } } }).olMap;
    const view = map.getView();
    const [x, y] = view.getCenter();
    return { center: [x, y] as [number, number], resolution: view.getResolution() };
  }, TABLE_MAP);
}

/** Client pixel → lon/lat on the table map as drawn now (EPSG:3857 view, like the demo's). */
export async function lonLatAt(page: Page, [x, y]: [number, number]): Promise<[number, number]> {
  await settled(page);
  return page.evaluate(
    ({ selector, x, y }) => {
      const map = (document.querySelector(selector) as Element & {
        olMap: { getCoordinateFromPixel(p: number[]): number[]; getViewport(): HTMLElement; renderSync(): void };
      }).olMap;
      // The map turns pixels into coordinates by its last drawn frame: draw the current view first.
      map.renderSync();
      const rect = map.getViewport().getBoundingClientRect();
      const [mx, my] = map.getCoordinateFromPixel([x - rect.left, y - rect.top]);
      const radius = 6378137;
      return [(mx / radius) * (180 / Math.PI), (2 * Math.atan(Math.exp(my / radius)) - Math.PI / 2) * (180 / Math.PI)] as [number, number];
    },
    { selector: TABLE_MAP, x, y },
  );
}

/** Lon/lat → client pixel on the table map. */
export async function clientPixelOf(page: Page, [lon, lat]: [number, number]): Promise<[number, number]> {
  return page.evaluate(
    ({ selector, lon, lat }) => {
      const map = (document.querySelector(selector) as Element & {
        olMap: { getPixelFromCoordinate(c: number[]): number[]; getViewport(): HTMLElement };
      }).olMap;
      const radius = 6378137;
      const coordinate = [(radius * lon * Math.PI) / 180, radius * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
      const [px, py] = map.getPixelFromCoordinate(coordinate);
      const rect = map.getViewport().getBoundingClientRect();
      return [px + rect.left, py + rect.top] as [number, number];
    },
    { selector: TABLE_MAP, lon, lat },
  );
}

export type Finger = { id: number; x: number; y: number };

/**
 * Several fingers through CDP `Input.dispatchTouchEvent`: a touchStart/touchMove carries every
 * finger that stays on the screen (new ids go down, known ones move, missing ones rest where they
 * are); a touchEnd lifts exactly the fingers it lists. Playwright's own touchscreen has one finger.
 */
export class Fingers {
  private down = new Map<number, Finger>();

  private constructor(private readonly cdp: CDPSession) {}

  static async on(page: Page): Promise<Fingers> {
    return new Fingers(await page.context().newCDPSession(page));
  }

  private point({ id, x, y }: Finger) {
    return { id, x: Math.round(x), y: Math.round(y), radiusX: 4, radiusY: 4, force: 1 };
  }

  /** Sets the fingers on the screen to exactly these: others lift, new ones go down. */
  async set(fingers: Finger[]): Promise<void> {
    const staying = new Set(fingers.map((f) => f.id));
    const lifted = [...this.down.values()].filter((f) => !staying.has(f.id));
    if (lifted.length) {
      await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: lifted.map((f) => this.point(f)) });
      for (const finger of lifted) this.down.delete(finger.id);
    }
    if (fingers.length) {
      const type = this.down.size === 0 ? 'touchStart' : 'touchMove';
      await this.cdp.send('Input.dispatchTouchEvent', { type, touchPoints: fingers.map((f) => this.point(f)) });
    }
    this.down = new Map(fingers.map((finger) => [finger.id, finger]));
  }

  /** Moves one finger (others stay) in `steps` steps to (x, y). */
  async move(id: number, x: number, y: number, steps = 8): Promise<void> {
    const from = this.down.get(id);
    if (!from) throw new Error(`finger ${id} is not down`);
    for (let i = 1; i <= steps; i++) {
      const fingers = [...this.down.values()].map((f) => (f.id === id ? { id, x: from.x + ((x - from.x) * i) / steps, y: from.y + ((y - from.y) * i) / steps } : f));
      await this.set(fingers);
    }
  }

  async add(finger: Finger): Promise<void> {
    await this.set([...this.down.values(), finger]);
  }

  async lift(id: number): Promise<void> {
    await this.set([...this.down.values()].filter((f) => f.id !== id));
  }
}

/** The centre of an element on the screen (rotated panels too). */
export async function centre(locator: Locator): Promise<[number, number]> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return [box.x + box.width / 2, box.y + box.height / 2];
}

/** Decodes the QR code in an element's screenshot. */
export async function decodeQr(locator: Locator): Promise<string> {
  const png = await locator.screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
  if (!code) throw new Error('no QR code found in the screenshot');
  return code.data;
}

/**
 * Taps keys of a seat's on-screen keyboard with one more finger, while the others stay down
 * (Playwright's own tap would lift every finger on the screen).
 */
export async function typeOnKeyboard(fingers: Fingers, seat: Locator, text: string, id = 90): Promise<void> {
  for (const char of text) {
    const [x, y] = await centre(seat.locator(`.hg-button[data-skbtn="${char === ' ' ? '{space}' : char}"]`));
    await fingers.add({ id, x, y });
    await fingers.lift(id);
  }
}
