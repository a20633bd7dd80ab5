// The app works under its own Content-Security-Policy (issue 11.7): the main pages — the map with its
// MapLibre worker, the project page with its parcel map, statistics with charts, supervision, upload —
// load without a single CSP violation and without page errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch, loginInBrowser, newPage } from '../helpers/browser.ts';
import { baseUrl, loginAs } from '../helpers/http.ts';

async function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|create|connect|frame)/i.test(m.text()))
      violations.push(m.text());
  });
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`
      )
    );
  });
  return violations;
}

describe.skipIf(!hasChromium)('the app under its Content-Security-Policy', () => {
  let browser: Browser;
  beforeAll(async () => (browser = await launch()));
  afterAll(async () => browser?.close());

  it('a district officer goes through the main pages, maps included, with no CSP violation', async () => {
    const api = await loginAs('pd_industry');
    const list = await (await api.request('GET', '/api/v1/projects')).json();
    const project = (list.projects ?? list).find((p: { authorityCode: string }) => p.authorityCode === 'pudong');
    expect(project, 'a seeded Pudong demo project').toBeTruthy();

    const { page, errors } = await newPage(browser);
    const violations = await watchCsp(page);
    await loginInBrowser(page, 'pd_industry');
    // the start page's zoning map: MapLibre's worker must start for the sources to load
    const map = page.getByTestId('zoning-map');
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    await expect
      .poll(async () => (await map.getAttribute('data-loaded-sources')) ?? '', { timeout: 60_000 })
      .toContain('district');

    await page.goto(`${baseUrl()}/projects/${project.id}`);
    await expect
      .poll(() => page.getByTestId('parcel-map').getAttribute('data-ready'), { timeout: 60_000 })
      .toBe('true');
    for (const path of ['/projects', '/inbox', '/stats', '/supervision', '/upload']) {
      const res = await page.goto(baseUrl() + path);
      expect(res?.status(), path).toBe(200);
      expect(res?.headers()['content-security-policy'], path).toMatch(/default-src 'self'/);
      await page.waitForLoadState('networkidle');
    }
    await expect.poll(() => page.locator('canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the city dashboard (charts and choropleth) with no CSP violation', async () => {
    const { page, errors } = await newPage(browser, 'en-US');
    const violations = await watchCsp(page);
    await loginInBrowser(page, 'city_jxw');
    const res = await page.goto(baseUrl() + '/stats/dashboard');
    expect(res?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
