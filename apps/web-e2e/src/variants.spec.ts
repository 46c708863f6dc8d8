import type { Page } from '@playwright/test';
import type { MultiPolygon, ProcedureDetail, PublicVariant } from '@stadtdialog/shared/contract';
import sharp from 'sharp';
import { expectNoAxeViolations } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { PLANNER_ADMIN, signIn } from './support/planner';
import { publicCopyOfDemo } from './support/procedure-setup';

/**
 * Planning variants from both sides: a manager sets up two variants in the workspace (images and
 * plan drawings made here, no network), a resident compares them on two maps that move together,
 * rates one and comments on the other by mouse, by keyboard and on a touch phone; documents, FAQ and
 * contacts reach the procedure page; a comment reported
 * by a resident is hidden by a moderator.
 */
test.describe.configure({ mode: 'serial' });

interface VariantFixture {
  title: string;
  summary: string;
  colour: string;
  alt: string;
  figure: [string, string, string];
  ground: string;
  feature: string;
}

const VARIANTS: VariantFixture[] = [
  {
    title: 'Entwurf Nord: Der Hain', summary: 'Viele Bäume, ein Hain mit Lichtungen.', colour: '#2e7d32',
    alt: 'Luftbild: dichter Baumhain mit drei runden Lichtungen', figure: ['Grünfläche', '3,1', 'ha'], ground: '#a5d6a7', feature: 'Hainweg',
  },
  {
    title: 'Entwurf Süd: Der Platz', summary: 'Ein großer Platz mit Brunnen.', colour: '#c62828',
    alt: 'Luftbild: gepflasterter Platz mit einem Brunnen in der Mitte', figure: ['Wohnungen', '120', ''], ground: '#ef9a9a', feature: 'Platzkante',
  },
];

let procedure: { id: string; slug: string };
/** [minLon, minLat, maxLon, maxLat] of the copy's planning area, shrunk a little */
let area: [number, number, number, number];

/** A PNG of one colour with a lighter band, made in the test: an image to upload. */
function picture(colour: string, width = 240, height = 160): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${colour}"/>` +
    `<rect x="${width / 3}" width="${width / 3}" height="${height}" fill="#ffffff" fill-opacity="0.5"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

function bbox(area: MultiPolygon): [number, number, number, number] {
  const positions = area.coordinates.flat(2);
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const [w, s, e, n] = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  const [dx, dy] = [(e - w) * 0.3, (n - s) * 0.3];
  return [w + dx, s + dy, e - dx, n - dy];
}

interface MapState {
  center: number[];
  resolution: number;
  overlayUrl: string | null;
  /** OpenLayers' ImageState of the plan drawing: 2 = loaded */
  overlayImage: number | null;
  /** pixels of the loaded plan drawing */
  overlayWidth: number;
  planned: number;
}

/** What the OpenLayers maps in `selectors` show, read at one moment (an animation moves on between two reads). */
function mapStates(page: Page, selectors: string[]): Promise<(MapState | null)[]> {
  return page.evaluate((list) => list.map((sel) => {
    // the parts of OpenLayers read here; the page's own objects, not imported into the test
    interface Source { getUrl?(): string; getFeatures?(): unknown[]; image?: { getState(): number; getImage(): { naturalWidth?: number; width?: number } } }
    interface Layer { get(key: string): unknown; getSource(): Source | null }
    interface OlMap { getSize(): number[] | undefined; getView(): { getCenter(): number[]; getResolution(): number }; getAllLayers(): Layer[] }
    const host = document.querySelector(sel) as (Element & { olMap?: OlMap }) | null;
    const map = host?.olMap;
    if (!map || !map.getSize()?.[0]) return null;
    const layers = map.getAllLayers() as Layer[];
    const overlay = layers.find((l) => l.get('id') === 'variant-overlay')?.getSource();
    const planned = layers.find((l) => l.get('id') === 'planned-features')?.getSource();
    return {
      center: map.getView().getCenter(),
      resolution: map.getView().getResolution(),
      overlayUrl: overlay?.getUrl?.() ?? null,
      // ImageStatic keeps its one image as `image` (an ol/Image wrapper)
      overlayImage: overlay?.image?.getState?.() ?? null,
      overlayWidth: ((image?: { naturalWidth?: number; width?: number }) => image?.naturalWidth || image?.width || 0)(overlay?.image?.getImage?.()),
      planned: planned?.getFeatures?.().length ?? 0,
    };
  }), selectors);
}

async function mapState(page: Page, selector: string): Promise<MapState | null> {
  return (await mapStates(page, [selector]))[0];
}

const LEFT = '.map-figure[data-side="left"] sd-procedure-map';
const RIGHT = '.map-figure[data-side="right"] sd-procedure-map';

/** The value, failing the test with `what` when there is none. */
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`no ${what}`);
  return value;
}

async function publicVariants(page: Page): Promise<PublicVariant[]> {
  return (await page.request.get(`/api/v1/procedures/${procedure.slug}/variants`)).json();
}

function article(page: Page, title: string) {
  return page.locator('article', { has: page.getByRole('heading', { level: 3, name: title }) });
}

test('a manager sets up two variants with images, plan drawings and geometries; an image needs its alt text', async ({ page, request }) => {
  procedure = await publicCopyOfDemo(request, { title: 'Varianten im Vergleich', moderation: 'post' });
  const detail = (await (await request.get(`/api/v1/procedures/${procedure.slug}`)).json()) as ProcedureDetail;
  area = bbox(detail.planningArea as MultiPolygon);
  const [w, s, e, n] = area;

  await signIn(page, PLANNER_ADMIN);
  await page.goto(`/planner/procedures/${procedure.id}/variants`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planungsvarianten');
  await expect(page.getByText('Noch keine Varianten.')).toBeVisible();

  for (const [i, v] of VARIANTS.entries()) {
    await page.getByRole('button', { name: 'Neue Variante' }).click();
    const form = page.getByRole('form', { name: 'Neue Variante' });
    await form.getByLabel('Titel').fill(v.title);
    await form.getByLabel('Kurzbeschreibung').fill(v.summary);
    await form.getByLabel('Farbe der Variante').fill(v.colour);
    await form.getByRole('button', { name: 'Kennzahl hinzufügen' }).click();
    await form.getByLabel('Kennzahl', { exact: true }).fill(v.figure[0]);
    await form.getByLabel('Wert', { exact: true }).fill(v.figure[1]);
    await form.getByLabel('Einheit', { exact: true }).fill(v.figure[2]);

    await form.getByLabel('Bild hochladen (PNG, JPEG, WebP)').setInputFiles({ name: `bild-${i}.png`, mimeType: 'image/png', buffer: await picture(v.ground) });
    const alt = form.getByLabel('Alternativtext (Pflicht: was zeigt das Bild?)');
    await expect(alt).toBeFocused();
    await form.getByRole('button', { name: 'Variante anlegen' }).click();
    await expect(form.getByText('Bitte beschreiben Sie, was das Bild zeigt.')).toBeVisible();
    await expect(alt).toHaveAttribute('aria-invalid', 'true');
    await alt.fill(v.alt);

    await form.getByLabel('Art der Planzeichnung').selectOption({ label: 'Bild mit Ausdehnung' });
    await form.getByLabel('Planbild hochladen').setInputFiles({ name: `plan-${i}.png`, mimeType: 'image/png', buffer: await picture(v.colour, 480, 320) });
    await expect(form.getByText(/^Aktuelles Planbild:/)).toBeVisible();
    await form.getByLabel('West (Länge)').fill(String(w));
    await form.getByLabel('Süd (Breite)').fill(String(s));
    await form.getByLabel('Ost (Länge)').fill(String(e));
    await form.getByLabel('Nord (Breite)').fill(String(n));
    const mid = [(w + e) / 2, (s + n) / 2];
    await form.getByLabel('Geometrien als GeoJSON').fill(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { label: v.feature, colour: v.colour }, geometry: { type: 'LineString', coordinates: [[w, s], [e, n]] } },
        { type: 'Feature', properties: { label: 'Treffpunkt' }, geometry: { type: 'Point', coordinates: mid } },
      ],
    }));
    await form.getByLabel('Veröffentlicht').check();
    await form.getByRole('button', { name: 'Variante anlegen' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Variante „${v.title}“ gespeichert.` })).toBeVisible();
  }
  await expect(page.locator('ol.variants > li h2')).toHaveText([/Entwurf Nord/, /Entwurf Süd/]);
  await expectNoAxeViolations(page, 'the planner variants page');

  const published = await publicVariants(page);
  expect(published.map((v) => v.title)).toEqual(VARIANTS.map((v) => v.title));
  for (const [i, v] of published.entries()) {
    expect(v.images).toEqual([expect.objectContaining({ alt: VARIANTS[i].alt, width: 240, height: 160, url: expect.stringMatching(/^\/api\/v1\/files\//) })]);
    expect(v.overlay).toMatchObject({ kind: 'image', extent: area, url: expect.stringMatching(/^\/api\/v1\/files\//) });
    expect(v.features.map((f) => [f.label, f.colour])).toEqual([[VARIANTS[i].feature, VARIANTS[i].colour], ['Treffpunkt', VARIANTS[i].colour]]);
    expect(v.keyFigures).toEqual([{ label: VARIANTS[i].figure[0], value: VARIANTS[i].figure[1], unit: VARIANTS[i].figure[2] }]);
  }
});

test('a manager adds a document, a question and a contact; residents find them in the procedure page\'s information with type and size', async ({ page }) => {
  await signIn(page, PLANNER_ADMIN);
  await page.goto(`/planner/procedures/${procedure.id}/information`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informationen zur Planung');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

  const documents = page.getByRole('region', { name: 'Dokumente' });
  await documents.getByRole('button', { name: 'Dokument hinzufügen' }).click();
  await expect(documents.getByText('Bitte ausfüllen.').first()).toBeVisible();
  await documents.getByLabel('Datei (PDF oder Bild)').setInputFiles({ name: 'begruendung.pdf', mimeType: 'application/pdf', buffer: pdf });
  await documents.getByLabel('Titel', { exact: true }).fill('Begründung zum Entwurf');
  await documents.getByLabel('Beschreibung').fill('Warum zwei Entwürfe');
  await documents.getByRole('button', { name: 'Dokument hinzufügen' }).click();
  await expect(documents.getByRole('link', { name: 'Begründung zum Entwurf' })).toBeVisible();

  const faq = page.getByRole('region', { name: 'Häufige Fragen' });
  await faq.getByLabel('Frage', { exact: true }).fill('Wann wird entschieden?');
  await faq.getByLabel('Antwort').fill('Im Frühjahr, nach der Auswertung.');
  await faq.getByRole('button', { name: 'Frage hinzufügen' }).click();
  await expect(faq.locator('dt', { hasText: 'Wann wird entschieden?' })).toBeVisible();
  await faq.getByRole('button', { name: /^Bearbeiten\s?: Wann wird entschieden\?/ }).click();
  await expect(faq.getByLabel('Frage', { exact: true })).toBeFocused();
  await faq.getByLabel('Antwort').fill('Im Frühjahr 2027, nach der Auswertung.');
  await faq.getByRole('button', { name: 'Speichern' }).click();
  await expect(faq.locator('dd', { hasText: 'Im Frühjahr 2027, nach der Auswertung.' })).toBeVisible();
  await expect(faq.locator('dt')).toHaveCount(1);

  const contacts = page.getByRole('region', { name: 'Ansprechpersonen' });
  await contacts.getByLabel('Name', { exact: true }).fill('Frau Beispiel');
  await contacts.getByLabel('E-Mail', { exact: true }).fill('beispiel@example.org');
  await contacts.getByRole('button', { name: 'Ansprechperson hinzufügen' }).click();
  await expect(contacts.locator('strong', { hasText: 'Frau Beispiel' })).toBeVisible();
  await expectNoAxeViolations(page, 'the planner information page');

  await page.goto(`/procedures/${procedure.slug}?view=info`);
  const information = page.getByRole('region', { name: 'Informationen zur Planung' });
  await expect(information.getByRole('listitem').filter({ hasText: 'Begründung zum Entwurf' })).toContainText(`(PDF, ${pdf.length} B)`);
  await expect(information.getByText('Warum zwei Entwürfe')).toBeVisible();
  await information.getByText('Wann wird entschieden?').click();
  await expect(information.getByText('Im Frühjahr 2027, nach der Auswertung.')).toBeVisible();
  await expect(information.getByRole('link', { name: 'beispiel@example.org' })).toHaveAttribute('href', 'mailto:beispiel@example.org');
  await expectNoAxeViolations(page, 'the procedure page with its planning information');
});

test('a resident compares them side by side: both plan drawings drawn, the maps move together; rates by mouse, comments by keyboard', async ({ page }) => {
  const [north, south] = await publicVariants(page);
  await page.goto(`/procedures/${procedure.slug}`);
  await page.getByRole('tab', { name: 'Infos' }).click();
  await page.getByRole('link', { name: 'Planungsvarianten vergleichen (2)' }).click();
  await expect(page).toHaveURL(new RegExp(`/procedures/${procedure.slug}/variants$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planungsvarianten: Varianten im Vergleich');

  await expect.poll(() => mapState(page, LEFT)).toMatchObject({ overlayUrl: north.overlay?.url, overlayImage: 2, overlayWidth: 480, planned: 2 });
  await expect.poll(() => mapState(page, RIGHT)).toMatchObject({ overlayUrl: south.overlay?.url, overlayImage: 2, overlayWidth: 480, planned: 2 });
  await expect(page.getByRole('region', { name: `Karte: ${north.title}` })).toBeVisible();
  await expect(page.getByRole('region', { name: `Karte: ${south.title}` })).toBeVisible();

  const together = async () => {
    const [l, r] = await mapStates(page, [LEFT, RIGHT]);
    return l && r && l.center.every((c, i) => Math.abs(c - r.center[i]) < 1e-6) && l.resolution === r.resolution ? l : null;
  };
  const start = present(await together(), 'pair of maps showing the same view');

  // by mouse: drag the left map; the right one follows
  await page.locator(LEFT).scrollIntoViewIfNeeded();
  const box = present(await page.locator(LEFT).boundingBox(), 'box of the left map');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 60, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await together())?.center[0] ?? null).toBeGreaterThan(start.center[0]);

  // by keyboard: pan and zoom the right map; the left one follows
  const moved = present(await together(), 'pair of maps showing the same view');
  await page.getByRole('region', { name: `Karte: ${south.title}` }).focus();
  await page.keyboard.press('ArrowDown');
  // (the zoom would cancel a pan still under way)
  await expect.poll(async () => (await together())?.center[1] ?? null).toBeLessThan(moved.center[1]);
  await page.keyboard.press('+');
  await expect.poll(async () => (await together())?.resolution ?? null).toBeLessThan(moved.resolution);

  // readable without the map
  const a = article(page, north.title);
  const b = article(page, south.title);
  await expect(a.getByRole('img', { name: VARIANTS[0].alt })).toBeVisible();
  await expect(a.getByRole('table', { name: `Kennzahlen: ${north.title}` })).toContainText('Grünfläche3,1 ha');
  await expect(b.getByRole('listitem').filter({ hasText: 'Platzkante' })).toBeVisible();

  // rate the first by mouse
  await a.getByRole('button', { name: /^Stimme zu/ }).click();
  await expect(a.getByRole('button', { name: /^Stimme zu/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(a.getByRole('button', { name: /^Stimme zu/ })).toContainText('1');
  await expect(a.getByText('Ihre Bewertung: Zustimmung.')).toBeVisible();

  // comment on the second by keyboard
  await b.getByLabel(`Ihr Kommentar zu „${south.title}“`).focus();
  await page.keyboard.type('Der Platz braucht mehr Schatten.');
  await page.keyboard.press('Tab');
  await expect(b.getByRole('button', { name: 'Kommentar senden' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(b.locator('.comment-list li')).toHaveText([/Der Platz braucht mehr Schatten\./]);
  await expect(b.getByRole('heading', { name: 'Kommentare zu dieser Variante (1)' })).toBeVisible();

  // live: another resident comments on the first meanwhile; it appears, is announced, and the count follows
  const other = await page.request.post(`/api/v1/procedures/${procedure.slug}/variants/${north.id}/comments`, {
    headers: { 'Idempotency-Key': crypto.randomUUID() },
    data: { text: 'Der Hain ist mir zu dunkel.' },
  });
  expect(other.status(), await other.text()).toBe(201);
  await expect(a.locator('.comment-list li')).toHaveText([/Der Hain ist mir zu dunkel\./]);
  await expect(page.getByRole('status').filter({ hasText: '1 neuer Kommentar' })).toBeVisible();
  await expect(a.getByRole('heading', { name: 'Kommentare zu dieser Variante (1)' })).toBeVisible();
  await expectNoAxeViolations(page, 'the variants page');

  const detail = await (await page.request.get(`/api/v1/procedures/${procedure.slug}/variants/${north.id}`)).json();
  expect(detail.rating).toMatchObject({ up: 1, down: 0 });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planning variants: Varianten im Vergleich');
  await expect(a.getByText('Your rating: in favour.')).toBeVisible();
  await expect(b.getByRole('heading', { name: 'Comments on this variant (1)' })).toBeVisible();
});

test('a comment a resident reports reaches the moderation queue, and a moderator hides it', async ({ page, request }) => {
  const signedIn = await request.post('/api/v1/auth/sign-in', { data: PLANNER_ADMIN });
  const { csrfToken } = await signedIn.json();
  const threshold = await request.patch(`/api/v1/procedures/${procedure.id}/setup`, { headers: { 'X-CSRF-Token': csrfToken }, data: { settings: { reportThreshold: 1 } } });
  expect(threshold.status(), await threshold.text()).toBe(200);
  const [, south] = await publicVariants(page);

  await page.goto(`/procedures/${procedure.slug}/variants`);
  const b = article(page, south.title);
  await b.getByRole('button', { name: 'Kommentar melden' }).click();
  const dialog = page.getByRole('dialog', { name: 'Inhalt melden' });
  await dialog.getByLabel('Grund der Meldung').fill('Das ist Werbung.');
  await dialog.getByRole('button', { name: 'Meldung senden' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Danke, Ihre Meldung ist eingegangen.' })).toBeVisible();

  await signIn(page, PLANNER_ADMIN);
  await page.goto(`/planner/procedures/${procedure.id}/moderation`);
  await page.locator('#queue-kind').selectOption({ label: 'Nur Kommentare zu Varianten' });
  const item = page.locator('li.item').filter({ hasText: 'Der Platz braucht mehr Schatten.' });
  await expect(item).toContainText(`Kommentar zur Variante: ${south.title}`);
  await expect(item).toContainText('Das ist Werbung.');
  await expect(item.locator('.badge.flagged')).toBeVisible();
  await expectNoAxeViolations(page, 'the moderation queue with a comment on a variant');
  await item.getByRole('button', { name: new RegExp(`^Verbergen\\s?: ${south.title}`) }).click();
  await expect.poll(async () => (await (await page.request.get(`/api/v1/procedures/${procedure.slug}/variants/${south.id}`)).json()).comments).toEqual([]);
});

test.describe('on a touch phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });

  test('one map with a toggle between the variants; rating and commenting by touch', async ({ page }) => {
    const [north, south] = await publicVariants(page);
    await page.goto(`/procedures/${procedure.slug}/variants`);
    const map = '.map-figure sd-procedure-map';
    await expect(page.locator(map)).toHaveCount(1);
    await expect.poll(() => mapState(page, map)).toMatchObject({ overlayUrl: north.overlay?.url, overlayImage: 2 });
    const before = present(await mapState(page, map), 'map');

    await page.locator('.toggle-option', { hasText: south.title }).tap();
    await expect(page.getByRole('radio', { name: south.title })).toBeChecked();
    await expect.poll(() => mapState(page, map)).toMatchObject({ overlayUrl: south.overlay?.url, overlayImage: 2, overlayWidth: 480, planned: 2 });
    // the map keeps where it looks: the two are compared at the same place
    expect(present(await mapState(page, map), 'map').center).toEqual(before.center);

    const b = article(page, south.title);
    await b.getByRole('button', { name: /^Stimme nicht zu/ }).tap();
    await expect(b.getByRole('button', { name: /^Stimme nicht zu/ })).toHaveAttribute('aria-pressed', 'true');

    const a = article(page, north.title);
    const field = a.getByLabel(`Ihr Kommentar zu „${north.title}“`);
    await field.tap();
    await field.fill('Mehr Hain, bitte!');
    await a.getByRole('button', { name: 'Kommentar senden' }).tap();
    await expect(a.locator('.comment-list li')).toHaveText([/Der Hain ist mir zu dunkel\./, /Mehr Hain, bitte!/]);
    await expectNoAxeViolations(page, 'the variants page on a phone');
  });
});
