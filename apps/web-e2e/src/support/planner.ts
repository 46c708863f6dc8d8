import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The first admin playwright.config.ts creates through ADMIN_EMAIL / ADMIN_PASSWORD. */
export const PLANNER_ADMIN = {
  email: process.env['E2E_ADMIN_EMAIL'] ?? 'admin@stadtdialog.test',
  password: process.env['E2E_ADMIN_PASSWORD'] ?? 'e2e admin password 2026',
};

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core finds no WCAG 2.1 AA violation on the page as it is now; `what` names the page in the report. */
export async function expectNoViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  expect(
    violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    `axe violations on ${what}`,
  ).toEqual([]);
}

/** Waits until the OpenLayers map inside `scope` exists and has drawn once. */
export async function waitForMap(page: Page, scope: string): Promise<void> {
  await page.waitForFunction((selector) => {
    const host = document.querySelector(`${selector} sd-procedure-map`) as (Element & { olMap?: { getSize(): number[] | undefined } }) | null;
    const size = host?.olMap?.getSize();
    return !!size && size[0] > 0 && size[1] > 0;
  }, scope);
}

export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto('/planner/sign-in');
  await page.getByLabel('E-Mail-Adresse').fill(account.email);
  await page.getByLabel('Passwort').fill(account.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verfahren');
}

/** Copies the demo procedure through the procedures page; returns the new procedure's id. */
export async function cloneDemo(page: Page, title: string): Promise<string> {
  await page.goto('/planner');
  const form = page.getByRole('region', { name: 'Verfahren aus Vorlage anlegen' });
  await form.getByLabel('Vorlage').selectOption({ label: 'Grüne Mitte Altona' });
  await form.getByLabel('Titel').fill(title);
  await form.getByRole('button', { name: 'Aus Vorlage anlegen' }).click();
  await expect(page).toHaveURL(/\/planner\/procedures\/[0-9a-f-]{36}\/setup$/);
  return /procedures\/([0-9a-f-]{36})\//.exec(page.url())?.[1] as string;
}

/** A small WMS 1.3.0 capabilities document with two named layers under an unnamed root. */
export const WMS_CAPABILITIES = `<?xml version="1.0" encoding="UTF-8"?>
<WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms">
  <Service><Name>WMS</Name><Title>Bebauungspläne</Title></Service>
  <Capability>
    <Layer>
      <Title>Pläne</Title>
      <EX_GeographicBoundingBox>
        <westBoundLongitude>9.7</westBoundLongitude><eastBoundLongitude>10.3</eastBoundLongitude>
        <southBoundLatitude>53.4</southBoundLatitude><northBoundLatitude>53.7</northBoundLatitude>
      </EX_GeographicBoundingBox>
      <Layer><Name>bplan_festgestellt</Name><Title>Festgestellte Pläne</Title></Layer>
      <Layer><Name>bplan_verfahren</Name><Title>Pläne im Verfahren</Title></Layer>
    </Layer>
  </Capability>
</WMS_Capabilities>`;
