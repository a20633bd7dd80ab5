import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launch, loginInBrowser, newPage } from '../helpers/browser.ts';

describe.skipIf(!hasChromium)('the map of Shanghai', () => {
  let browser: Browser;
  beforeAll(async () => (browser = await launch()));
  afterAll(async () => browser?.close());

  it('shows a district officer the districts and zoning layers, in Chinese, and a layer can be switched off', async () => {
    const { page, errors } = await newPage(browser);
    await loginInBrowser(page, 'pd_industry');
    const map = page.getByTestId('zoning-map');
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    // The sources really loaded features, not just a blank canvas.
    await expect
      .poll(
        async () =>
          Object.fromEntries(
            ((await map.getAttribute('data-loaded-sources')) ?? '')
              .split(',')
              .filter(Boolean)
              .map((p) => p.split(':'))
          ),
        { timeout: 60_000 }
      )
      .toMatchObject({
        district: expect.any(String),
        industrial_block: expect.any(String),
        development_boundary: expect.any(String)
      });
    await expect.poll(() => page.locator('.district-label').allTextContents()).toContain('浦东新区');
    await expect.poll(() => page.locator('.district-label').count()).toBe(16);
    expect(await page.getByText('示意数据，非官方数据').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('current-user').textContent()).toContain('浦东新区');

    await page.getByTestId('toggle-industrial_block').uncheck();
    await expect.poll(() => map.getAttribute('data-hidden-layers')).toContain('industrial_block');
    expect(errors).toEqual([]);
  });

  it('switches to English', async () => {
    const { page, errors } = await newPage(browser);
    await loginInBrowser(page, 'jd_industry');
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.getByText('Planned industrial blocks').count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.district-label').allTextContents(), { timeout: 60_000 })
      .toContain('Jiading');
    expect(errors).toEqual([]);
  });
});
