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
