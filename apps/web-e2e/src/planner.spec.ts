import { randomUUID } from 'node:crypto';
import type { Contribution, ProcedureDetail } from '@stadtdialog/shared/contract';
import { DEMO_SLUG, expect, test } from './support/fixtures';
import { cloneDemo, expectNoViolations, localDateTime, PLANNER_ADMIN, signIn, waitForMap, WMS_CAPABILITIES } from './support/planner';

test.describe('planner workspace', () => {
  test('sign-in explains wrong credentials and the back-off with its wait time', async ({ page }) => {
    await page.goto('/planner');
    await expect(page).toHaveURL(/\/planner\/sign-in\?returnUrl=%2Fplanner$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung für Planende');

    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByLabel('E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#sign-in-email-error')).toHaveText('Bitte ausfüllen.');

    // An unknown account: three failures are free, then the API makes people wait (1 s, 2 s, …).
    await page.getByLabel('E-Mail-Adresse').fill('niemand@stadtdialog.test');
    const status = page.locator('sd-form-status');
    let sawBackOff = false;
    for (let attempt = 0; attempt < 6 && !sawBackOff; attempt++) {
      await page.getByLabel('Passwort').fill(`falsch ${attempt}`);
      await expect(page.getByRole('button', { name: 'Anmelden' })).toBeEnabled();
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await expect(status).toHaveText(/falsch|Ein neuer Versuch ist in \d+ s möglich/);
      sawBackOff = /Ein neuer Versuch/.test((await status.textContent()) ?? '');
      if (!sawBackOff) await expect(status).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
    }
    expect(sawBackOff, 'the API answered 429 within six failed attempts').toBe(true);
    await expectNoViolations(page, 'the sign-in page with errors');
  });

  test('a planner sets up a procedure from the template, moderates a live contribution and answers it officially', async ({
    page,
    request,
    browser,
  }) => {
    test.setTimeout(180_000);
    const suffix = Date.now().toString(36);
    const title = `Neue Mitte ${suffix}`;
    const categoryName = `Spielplätze ${suffix}`;

    // Sign in; the guard leads back to where the planner wanted to go.
    await page.goto('/');
    await page.getByRole('link', { name: 'Für Planende' }).click();
    await expect(page).toHaveURL(/\/planner\/sign-in/);
    await expectNoViolations(page, 'the sign-in page');
    await page.getByLabel('E-Mail-Adresse').fill(PLANNER_ADMIN.email);
    await page.getByLabel('Passwort').fill(PLANNER_ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verfahren');
    await expect(page.getByText(/Angemeldet als/)).toBeVisible();
    await expect(page.getByRole('rowheader', { name: /Grüne Mitte Altona/ })).toBeVisible();
    await expectNoViolations(page, 'the procedures page');

    // A new procedure from the demo procedure as template.
    const cloneForm = page.getByRole('region', { name: 'Verfahren aus Vorlage anlegen' });
    await cloneForm.getByLabel('Vorlage').selectOption({ label: 'Grüne Mitte Altona' });
    await cloneForm.getByLabel('Titel').fill(title);
    const slug = await cloneForm.getByLabel('Kurzadresse').inputValue();
    expect(slug).toBe(`neue-mitte-${suffix}`);
    await page.getByRole('button', { name: 'Aus Vorlage anlegen' }).click();
    await expect(page).toHaveURL(/\/planner\/procedures\/[0-9a-f-]{36}\/setup$/);
    const procedureId = /procedures\/([0-9a-f-]{36})\//.exec(page.url())?.[1] as string;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Allgemeine Einstellungen');
    await expect(page.getByText('Dieses Verfahren ist intern: Nur Planende sehen es.')).toBeVisible();
    await expectNoViolations(page, 'the general setup page');

    // Pre-moderation, so that the contribution waits in the queue; then publish.
    await page.getByLabel('Vorab: Beiträge erscheinen erst nach Freigabe').check();
    await page.getByRole('button', { name: 'Regeln speichern' }).click();
    await expect(page.getByRole('region', { name: 'Regeln der Beteiligung' }).getByRole('status')).toHaveText('Gespeichert.');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await expect(page.getByText('Das Verfahren ist jetzt öffentlich.')).toBeVisible();

    // The planning area, drawn by clicking four corners on the map and the first one again.
    await page.getByRole('link', { name: 'Karte & Plangebiet' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Karte & Plangebiet');
    await waitForMap(page, 'sd-area-editor');
    await page.getByRole('button', { name: 'Neu zeichnen' }).click();
    const viewport = page.getByRole('region', { name: 'Karte zum Zeichnen des Plangebiets' });
    const box = await viewport.boundingBox();
    if (!box) throw new Error('the map has no box');
    const corners: [number, number][] = [
      [0.35, 0.35],
      [0.65, 0.35],
      [0.65, 0.65],
      [0.35, 0.65],
      [0.35, 0.35],
    ];
    for (const [x, y] of corners) {
      await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
      await page.waitForTimeout(350);
    }
    await expect(page.getByText('Fläche mit 4 Eckpunkten geschlossen – bereit zum Speichern.')).toBeVisible();
    await page.getByRole('button', { name: 'Plangebiet speichern' }).click();
    await expect(page.getByText('Plangebiet gespeichert.')).toBeVisible();
    await expectNoViolations(page, 'the map page');

    // A new category; the participation phase starts yesterday, so the procedure is open.
    await page.getByRole('link', { name: 'Ablauf & Kategorien' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ablauf & Kategorien');
    const newCategory = page.getByRole('form', { name: 'Kategorie hinzufügen' });
    await newCategory.getByLabel('Name', { exact: true }).fill(categoryName);
    await newCategory.getByLabel('Farbe').fill('#6a1b9a');
    await newCategory.getByLabel('Symbol').selectOption({ label: 'Ball' });
    await newCategory.getByRole('button', { name: 'Kategorie hinzufügen' }).click();
    await expect(page.getByText(`Kategorie „${categoryName}“ hinzugefügt.`)).toBeVisible();
    await expect(page.locator('input[id^="category-name-"]').last()).toHaveValue(categoryName);

    const participation = page.getByRole('group', { name: /^Phase \d+$/ }).filter({
      has: page.locator('select option:checked', { hasText: 'Beteiligung' }),
    });
    await expect(participation).toHaveCount(1);
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000);
    await participation.getByLabel('Beginn').fill(localDateTime(yesterday));
    await page.getByRole('button', { name: 'Phasen speichern' }).click();
    await expect(page.getByRole('region', { name: 'Ablauf' }).getByRole('status')).toHaveText('Gespeichert.');
    await expectNoViolations(page, 'the phases and categories page');

    // The moderation queue listens to the API's event stream.
    await page.getByRole('link', { name: 'Moderation', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Moderation');
    await expect(page.getByText('Live: Neue Einträge erscheinen von selbst.')).toBeVisible();
    await expectNoViolations(page, 'the moderation queue');
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    // A resident writes a contribution (through the public API) inside the drawn area.
    const procedure = (await (await request.get(`/api/v1/procedures/${slug}`)).json()) as ProcedureDetail;
    expect(procedure.state).toBe('open');
    const category = procedure.categories.find((c) => c.name === categoryName);
    expect(category, 'the new category is public').toBeDefined();
    const ring = procedure.planningArea?.coordinates[0][0] ?? [];
    expect(ring).toHaveLength(5);
    const [lon, lat] = ring.slice(0, 4).reduce(([a, b], [x, y]) => [a + x / 4, b + y / 4], [0, 0]);
    const contribute = async (title: string, text: string): Promise<Contribution> => {
      const reply = await request.post(`/api/v1/procedures/${slug}/contributions`, {
        headers: { 'Idempotency-Key': randomUUID() },
        data: { title, text, categoryId: category?.id, rubricId: procedure.rubrics[0].id, geometry: { type: 'Point', coordinates: [lon, lat] } },
      });
      expect(reply.status()).toBe(201);
      return (await reply.json()) as Contribution;
    };
    const contributionTitle = `Wasserspielplatz ${suffix}`;
    const contribution = await contribute(contributionTitle, 'Ein Wasserspielplatz für heiße Sommertage wäre schön.');
    expect(contribution.status).toBe('pending');

    // It arrives in the queue without a reload, and is announced.
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: contributionTitle }) });
    await expect(item).toBeVisible();
    await expect(item).toContainText('Wartet auf Freigabe');
    await expect(item).toContainText(categoryName);
    await expect(page.getByText(/1 neuer Eintrag in der Warteschlange/)).toBeAttached();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await expectNoViolations(page, 'the moderation queue with an item');

    // Approve it.
    await item.getByRole('button', { name: /^Freigeben/ }).click();
    await expect(page.getByText(`„${contributionTitle}“ freigegeben.`)).toBeVisible();
    await expect(item).toHaveCount(0);

    // Two more arrive; both are rejected at once with one reason.
    await contribute(`Werbung eins ${suffix}`, 'Billige Uhren, hier klicken.');
    await contribute(`Werbung zwei ${suffix}`, 'Billige Uhren, jetzt noch billiger.');
    await expect(page.getByRole('heading', { name: /^Werbung (eins|zwei)/ })).toHaveCount(2);
    await page.getByLabel('Alle auswählen').check();
    await expect(page.getByText('2 ausgewählt')).toBeVisible();
    await page.getByRole('button', { name: 'Ausgewählte ablehnen …' }).click();
    await page.getByLabel('Begründung der Ablehnung').fill('Werbung');
    await page.getByRole('button', { name: 'Ablehnen', exact: true }).click();
    await expect(page.getByText('2 Einträge erledigt.')).toBeVisible();
    await expect(page.getByText('Nichts zu tun.')).toBeVisible();

    // Answer it officially from its moderation page, found through the filter.
    await page.getByLabel('Anzeigen').selectOption({ label: 'Veröffentlicht' });
    await item.getByRole('link', { name: /^Details & Bearbeiten/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(contributionTitle);
    const answer = `Danke für die Anregung! Wir prüfen einen Wasserspielplatz im Entwurf (${suffix}).`;
    await page.getByLabel('Antwort der Planenden').fill(answer);
    await page.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
    await expect(page.getByText('Die Antwort ist veröffentlicht.')).toBeVisible();
    await expect(page.getByRole('region', { name: /^Kommentare/ })).toContainText(answer);

    // A moderator edit: the text shortened and the category changed; the author's original stays.
    const edit = page.getByRole('region', { name: 'Bearbeiten' });
    await edit.getByLabel('Text', { exact: true }).fill('Ein Wasserspielplatz für heiße Tage.');
    await edit.getByLabel('Kategorie').selectOption({ label: 'Spiel & Sport' });
    await edit.getByLabel('Grund der Bearbeitung').fill('Kürzer, passendere Kategorie');
    await edit.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect(page.getByText('Änderungen gespeichert; die ursprüngliche Fassung bleibt erhalten.')).toBeVisible();
    await expect(page.locator('.text').first()).toHaveText('Ein Wasserspielplatz für heiße Tage.');
    await edit.getByText('Ursprüngliche Fassung der Person, die ihn verfasst hat').click();
    await expect(edit.locator('details.original')).toContainText('Ein Wasserspielplatz für heiße Sommertage wäre schön.');
    await expect(edit.locator('details.original')).toContainText(categoryName);

    const contributionAudit = page.getByRole('region', { name: 'Protokoll dieses Beitrags' });
    await expect(contributionAudit).toContainText('Beitrag bearbeitet');
    await expect(contributionAudit).toContainText('Offizielle Antwort veröffentlicht');
    await expect(contributionAudit).toContainText('Beitrag freigegeben');
    await expectNoViolations(page, 'the moderation page of a contribution');

    // The resident sees the answer on the contribution's page.
    const resident = await browser.newContext();
    const residentPage = await resident.newPage();
    await residentPage.goto(`/procedures/${slug}/contributions/${contribution.id}`);
    await expect(residentPage.getByRole('heading', { level: 1 })).toHaveText(contributionTitle);
    const official = residentPage.locator('.comment.official');
    await expect(official).toContainText(answer);
    await expect(official).toContainText('Antwort der Planung');
    await expect(residentPage.getByText('Ein Wasserspielplatz für heiße Tage.')).toBeVisible();
    await resident.close();

    // The audit log of the procedure shows every step.
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Protokoll');
    const log = page.getByRole('table', { name: 'Protokoll' });
    for (const step of [
      'Verfahren aus Vorlage angelegt',
      'Verfahren geändert',
      'Kategorie angelegt',
      'Phasen geändert',
      'Beitrag freigegeben',
      'Beitrag abgelehnt',
      'Offizielle Antwort veröffentlicht',
      'Beitrag bearbeitet',
    ]) {
      await expect(log, step).toContainText(step);
    }
    const newest = log.locator('tbody tr').first();
    await expect(newest).toContainText('Beitrag bearbeitet');
    await expect(newest).toContainText(PLANNER_ADMIN.email.split('@')[0]);
    await expectNoViolations(page, 'the audit log');

    // English works the same way.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
    await expect(page.getByRole('table', { name: 'Audit log' })).toContainText('Contribution approved');
    await expectNoViolations(page, 'the audit log in English');
    await page.getByRole('button', { name: 'Deutsch' }).click();

    // The template itself is untouched.
    const template = (await (await request.get(`/api/v1/procedures/${DEMO_SLUG}`)).json()) as ProcedureDetail;
    expect(template.categories.some((c) => c.name === categoryName)).toBe(false);

    // Sign out.
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByText('Sie haben sich abgemeldet.')).toBeVisible();
    await page.goto(`/planner/procedures/${procedureId}/moderation`);
    await expect(page).toHaveURL(/\/planner\/sign-in\?returnUrl=/);
  });
});

test.describe('procedure map setup', () => {
  test('the planning area drawn from the keyboard alone, and WMS layers picked from the capabilities', async ({ page }) => {
    const suffix = Date.now().toString(36);
    await signIn(page, PLANNER_ADMIN);
    const procedureId = await cloneDemo(page, `Tastatur ${suffix}`);
    await page.goto(`/planner/procedures/${procedureId}/map`);
    await waitForMap(page, 'sd-area-editor');

    // A planning area of two parts from a GeoJSON file.
    const square = (x: number) => [[[x, 53.556], [x + 0.004, 53.556], [x + 0.004, 53.559], [x, 53.559], [x, 53.556]]];
    const file = {
      type: 'FeatureCollection',
      features: [9.928, 9.934].map((x) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(x) } })),
    };
    await page.getByLabel('Plangebiet aus GeoJSON-Datei').setInputFiles({
      name: 'plangebiet.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await expect(page.getByText('Plangebiet aus der Datei übernommen (2 Flächen).')).toBeVisible();
    const uploaded = (await (await page.request.get(`/api/v1/procedures/${procedureId}/setup`)).json()) as { planningArea: { coordinates: unknown[] } };
    expect(uploaded.planningArea.coordinates).toHaveLength(2);

    // Keyboard: Tab to the map, arrows move it under the centre, Enter places a corner there.
    await page.getByRole('button', { name: 'Neu zeichnen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Karte zum Zeichnen des Plangebiets' }).focus();
    await page.keyboard.press('Enter');
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft']) {
      for (let i = 0; i < 3; i++) await page.keyboard.press(key);
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
    }
    await expect(page.getByText('4 Eckpunkte gesetzt.')).toBeVisible();
    await page.keyboard.press('Backspace');
    await expect(page.getByText('3 Eckpunkte gesetzt.')).toBeVisible();
    await page.getByRole('button', { name: 'Fläche schließen' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Fläche mit 3 Eckpunkten geschlossen – bereit zum Speichern.')).toBeVisible();
    await page.getByRole('button', { name: 'Plangebiet speichern' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Plangebiet gespeichert.')).toBeVisible();

    // A WMS overlay: its host is allowed once the layer is saved (Content-Security-Policy), then the
    // capabilities list its layers.
    const wmsUrl = 'https://geodienste.example.org/wms';
    await page.getByRole('button', { name: 'Ebene hinzufügen' }).click();
    const layer = page.getByRole('group', { name: /^Ebene 2:/ });
    await layer.getByLabel('Name', { exact: true }).fill('Bebauungspläne');
    await layer.getByLabel('Dienst', { exact: true }).selectOption('wms');
    await layer.getByLabel('Adresse', { exact: true }).fill(wmsUrl);
    await page.getByRole('button', { name: 'Karte speichern' }).click();
    await expect(page.getByRole('region', { name: 'Kartenansicht und Ebenen' }).getByText('Gespeichert.')).toBeVisible();

    await page.route(`${wmsUrl}?**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/xml',
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: WMS_CAPABILITIES,
      }),
    );
    await page.reload();
    const saved = page.getByRole('group', { name: 'Ebene 2: Bebauungspläne' });
    await saved.getByRole('button', { name: 'Ebenen vom Dienst laden' }).click();
    await expect(saved.getByText('2 Ebenen gefunden.')).toBeVisible();
    await saved.getByLabel('Pläne im Verfahren (bplan_verfahren)').check();
    await expect(saved.getByLabel('Ebenen des Dienstes')).toHaveValue('bplan_verfahren');
    await expectNoViolations(page, 'the map page with WMS capabilities');
    await page.getByRole('button', { name: 'Karte speichern' }).click();
    await expect(page.getByRole('region', { name: 'Kartenansicht und Ebenen' }).getByText('Gespeichert.')).toBeVisible();

    const setup = await page.request.get(`/api/v1/procedures/${procedureId}/setup`);
    const map = (await setup.json()).map as ProcedureDetail['map'];
    expect(map.layers.find((l) => l.title === 'Bebauungspläne')).toMatchObject({ kind: 'wms', url: wmsUrl, layers: 'bplan_verfahren', role: 'overlay' });
  });
});

test.describe('planner accounts', () => {
  test('an admin creates a moderator for one procedure, who sees only moderation; disabling ends the session', async ({
    page,
    browser,
  }) => {
    const suffix = Date.now().toString(36);
    const email = `moderation-${suffix}@stadtdialog.test`;

    await page.goto('/planner/accounts');
    await page.getByLabel('E-Mail-Adresse').fill(PLANNER_ADMIN.email);
    await page.getByLabel('Passwort').fill(PLANNER_ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konten der Planenden');
    await expectNoViolations(page, 'the accounts page');

    // A new account with a generated password, shown once.
    const form = page.getByRole('region', { name: 'Neues Konto' });
    await form.getByLabel('E-Mail-Adresse').fill(email);
    await form.getByLabel('Name').fill(`Mo ${suffix}`);
    await form.getByRole('button', { name: 'Konto anlegen' }).click();
    await expect(page.getByText(`Das Konto ${email} ist angelegt.`)).toBeVisible();
    const password = (await page.locator('.password-once code').textContent())?.trim() ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    await expectNoViolations(page, 'the accounts page with a generated password');

    // Moderator of the demo procedure.
    const account = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Mo ${suffix}` }) });
    await account.getByLabel('Verfahren').selectOption({ label: 'Grüne Mitte Altona' });
    await account.getByLabel('Rolle').selectOption({ label: 'Moderation' });
    await account.getByRole('button', { name: /^Zuordnen/ }).click();
    await expect(page.getByText(`Rolle für ${email} gespeichert.`)).toBeVisible();
    await expect(account).toContainText('Grüne Mitte Altona – Moderation');

    // The moderator signs in elsewhere and sees moderation and audit only.
    const other = await browser.newContext();
    const moderator = await other.newPage();
    await moderator.goto('/planner/sign-in');
    await moderator.getByLabel('E-Mail-Adresse').fill(email);
    await moderator.getByLabel('Passwort').fill(password);
    await moderator.getByRole('button', { name: 'Anmelden' }).click();
    await expect(moderator.getByRole('heading', { level: 1 })).toHaveText('Verfahren');
    await expect(moderator.getByRole('link', { name: 'Konten' })).toHaveCount(0);
    await expect(moderator.locator('tbody tr')).toHaveCount(1);
    await expect(moderator.locator('tbody tr')).toContainText('Moderation');
    await moderator.getByRole('link', { name: /^Moderation\W+Grüne Mitte Altona/ }).click();
    const sections = moderator.getByRole('navigation', { name: 'Bereiche des Verfahrens' });
    await expect(sections.getByRole('link')).toHaveText(['Moderation', 'Protokoll', 'Auswertung']);
    await expect(moderator.getByText('Live: Neue Einträge erscheinen von selbst.')).toBeVisible();

    // Disabled by the admin: the moderator's next step leads to the sign-in page.
    page.once('dialog', (dialog) => void dialog.accept());
    await account.getByRole('button', { name: /^Sperren/ }).click();
    await expect(page.getByText(`Das Konto ${email} ist gesperrt.`)).toBeVisible();
    await expect(account).toContainText('Gesperrt');
    const log = page.getByRole('table', { name: 'Protokoll' });
    for (const step of ['Konto angelegt', 'Rolle im Verfahren vergeben', 'Konto gesperrt']) await expect(log).toContainText(step);
    await expectNoViolations(page, 'the accounts page with its audit log');
    await sections.getByRole('link', { name: 'Protokoll' }).click();
    await expect(moderator).toHaveURL(/\/planner\/sign-in\?reason=expired/);
    await expect(moderator.getByText('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.')).toBeVisible();
    await other.close();
  });
});
