// Issue 14.3: the administrator sets a basemap (here an XYZ service on a local tile server the test starts);
// every map then draws it under the layers, the page's CSP allows its origin, and nothing else is fetched
// from outside. Unset again, the maps are offline: no request leaves the installation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch, loginInBrowser, newPage } from '../helpers/browser.ts';
import { baseUrl } from '../helpers/http.ts';
import { startTileServer, type TileServer } from '../helpers/tile-server.ts';

/** Every request the page makes that does not go to the app itself. */
function foreignRequests(page: Page) {
  const out: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== baseUrl()) out.push(r.url());
  });
  return out;
}

function cspViolations(page: Page) {
  const out: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && out.push(m.text()));
  return out;
}

describe.skipIf(!hasChromium)('the basemap the administrator sets', () => {
  let browser: Browser;
  let tiles: TileServer;
  beforeAll(async () => {
    browser = await launch();
    tiles = await startTileServer();
  });
  afterAll(async () => {
    // Leave the installation offline for the other tests, whatever happened above.
    const { page } = await newPage(browser);
    await loginInBrowser(page, 'admin');
    await page.goto(baseUrl() + '/admin/basemap');
    if (await page.getByTestId('basemap-clear').count())
      await Promise.all([page.waitForLoadState('networkidle'), page.getByTestId('basemap-clear').click()]);
    await browser?.close();
    await tiles?.close();
  });

  it('unset: the map is offline, no request leaves the installation', async () => {
    const { page, errors } = await newPage(browser);
    const foreign = foreignRequests(page);
    await loginInBrowser(page, 'pd_industry');
    await expect
      .poll(() => page.getByTestId('zoning-map').getAttribute('data-ready'), { timeout: 60_000 })
      .toBe('true');
    await page.waitForLoadState('networkidle');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('an administrator sets an XYZ service; a wrong address is refused with the reason; maps fetch its tiles under the CSP', async () => {
    const { page, errors } = await newPage(browser);
    await loginInBrowser(page, 'admin');
    await page.goto(baseUrl() + '/admin/basemap');
    await expect.poll(() => page.getByTestId('basemap-status').textContent()).toContain('离线底图');
    const form = page.getByTestId('basemap-form');
    // no {z}/{x}/{y}: refused, naming what is missing
    await form.locator('input[name=url]').fill(`${tiles.origin}/tiles/map.png`);
    await Promise.all([page.waitForLoadState('networkidle'), form.getByRole('button', { name: '保存底图' }).click()]);
    await expect.poll(() => page.getByTestId('basemap-error').textContent()).toContain('{z}、{x}、{y}');
    await form.locator('input[name=url]').fill(`${tiles.origin}/tiles/{z}/{x}/{y}.png`);
    await form.locator('input[name=attribution]').fill('本地测试底图');
    await Promise.all([page.waitForLoadState('networkidle'), form.getByRole('button', { name: '保存底图' }).click()]);
    await expect
      .poll(() => page.getByTestId('basemap-status').textContent())
      .toContain(`${tiles.origin}/tiles/{z}/{x}/{y}.png`);
    expect(errors).toEqual([]);

    const user = await newPage(browser);
    const violations = cspViolations(user.page);
    const foreign = foreignRequests(user.page);
    await loginInBrowser(user.page, 'pd_industry');
    const res = await user.page.goto(baseUrl() + '/');
    expect(res?.headers()['content-security-policy']).toMatch(
      new RegExp(`img-src [^;]*${tiles.origin.replace(/[.:/]/g, '\\$&')}`)
    );
    await expect
      .poll(() => user.page.getByTestId('zoning-map').getAttribute('data-ready'), { timeout: 60_000 })
      .toBe('true');
    await expect
      .poll(() => tiles.hits.filter((h) => h.startsWith('/tiles/')).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => user.page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('本地测试底图');
    // the only foreign origin is the basemap's
    expect(foreign.filter((u) => !u.startsWith(tiles.origin + '/tiles/'))).toEqual([]);
    expect(violations).toEqual([]);
    expect(user.errors).toEqual([]);
    if (process.env.SCREENSHOTS) {
      for (const width of [1280, 1920]) {
        await user.page.setViewportSize({ width, height: 900 });
        await user.page.waitForTimeout(1000);
        await user.page.screenshot({ path: `${process.env.SCREENSHOTS}/basemap-home-${width}.png` });
        await page.setViewportSize({ width, height: 1200 });
        await page.screenshot({ path: `${process.env.SCREENSHOTS}/basemap-admin-zh-${width}.png`, fullPage: true });
      }
      await page.goto(`${baseUrl()}/lang?to=en&next=/admin/basemap`);
      await page.screenshot({ path: `${process.env.SCREENSHOTS}/basemap-admin-en-1920.png`, fullPage: true });
      await page.goto(`${baseUrl()}/lang?to=zh&next=/admin/basemap`);
    }
  });
});
