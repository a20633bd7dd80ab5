// Boundary upload page (issue 3 "Where users meet it"): several loose shapefile parts dropped at once,
// the detected CRS and how it was decided, area in m² and 亩, the CAD layer picker and CRS override
// re-running the inspection, progress on a large file, and bad files explained in the user's language.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import proj4 from 'proj4';
import { baseUrl } from '../helpers/http.ts';
import { CRS_REGISTRY } from '../../src/lib/geo/crs/registry.ts';
import { writeDbf, writeShp } from '../../src/lib/server/export/shapefile-writer.ts';
import { dxf, lwpolyline } from '../unit/geo/cad/dxf-writer.ts';
import { CHROMIUM, CHROMIUM_ARGS, pudongParcelGeoJson } from './journey-steps.ts';

type Ring = [number, number][];

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`boundary-upload.test.ts skipped: no browser at ${CHROMIUM} (apt-get install chromium)`);

/** A parcel corner in Pudong (near sample parcel P03), projected into `code`. */
function corner(code: string): [number, number] {
  return proj4(CRS_REGISTRY['EPSG:4490'].proj4, CRS_REGISTRY[code].proj4, [121.66, 31.2]) as [number, number];
}
const square = ([x, y]: [number, number], w: number, h = w): Ring => [
  [x, y],
  [x, y + h],
  [x + w, y + h],
  [x + w, y],
  [x, y]
];

const shot = async (page: Page, name: string) => {
  if (process.env.ZL_SHOTS) await page.screenshot({ path: `${process.env.ZL_SHOTS}/${name}.png` });
};
const areaOf = async (page: Page) =>
  Number(/([\d,.]+) m²/.exec((await page.textContent('[data-testid=area]'))!)![1].replace(/,/g, ''));

describe.skipIf(!hasChromium)('boundary upload page', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl()}/login`);
    await page.fill('input[name=username]', 'pd_industry');
    await page.fill('input[name=password]', 'demo2026');
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form button.btn')]);
    await page.goto(`${baseUrl()}/upload`);
    await page.waitForSelector('[data-testid=parcel-map][data-ready=true]');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a loose shapefile dropped as three files is read together; CRS guessed from the values, 100 m square = 10,000 m² = 15 亩', async () => {
    const { shp, shx } = writeShp([[square(corner('EPSG:4549'), 100)]]);
    const dbf = writeDbf([{ name: 'NAME', type: 'C', length: 40 }], [['浦东示意地块']], { encoding: 'gbk' });
    await page.setInputFiles('[data-testid=boundary-input]', [
      { name: 'parcel.shp', mimeType: 'application/octet-stream', buffer: Buffer.from(shp) },
      { name: 'parcel.shx', mimeType: 'application/octet-stream', buffer: Buffer.from(shx) },
      { name: 'parcel.dbf', mimeType: 'application/octet-stream', buffer: Buffer.from(dbf) }
    ]);
    await page.waitForSelector('[data-testid=inspect-report]');
    expect(await page.locator('[data-testid=chosen-files] li').count()).toBe(3);
    expect(await page.textContent('[data-testid=crs-code]')).toContain('EPSG:4549');
    expect(await page.textContent('[data-testid=crs-rule]')).toContain('根据坐标值推断');
    expect(await page.textContent('[data-testid=inspect-report]')).toContain('推断所得，请核对');
    expect(await areaOf(page)).toBeCloseTo(10_000, -1);
    expect(await page.textContent('[data-testid=area]')).toContain('15.00 亩');
    expect(await page.getAttribute('[data-testid=parcel-map]', 'data-parcels')).toBe('1');
  });

  it('a DXF with several layers uses the red line; choosing another layer re-runs the inspection', async () => {
    const [x, y] = corner('EPSG:4528');
    const file = dxf({
      layers: ['红线', '建筑'],
      entities: [
        lwpolyline('红线', square([x, y], 100).slice(0, 4), true),
        lwpolyline('建筑', square([x + 20, y + 20], 60, 50).slice(0, 4), true)
      ]
    });
    await page.setInputFiles('[data-testid=boundary-input]', {
      name: '宗地图.dxf',
      mimeType: 'application/dxf',
      buffer: Buffer.from(file)
    });
    await page.waitForSelector('[data-testid=cad-layers]');
    expect(await page.textContent('[data-testid=crs-code]')).toContain('EPSG:4528');
    expect(await page.textContent('[data-testid=crs-rule]')).toContain('带号前缀');
    expect(await areaOf(page)).toBeCloseTo(10_000, -1);
    expect(await page.textContent('[data-testid=cad-layers] tr.used')).toContain('红线');
    await page.locator('[data-testid=cad-layers] tr', { hasText: '建筑' }).locator('button').click();
    await expect.poll(() => areaOf(page)).toBeCloseTo(3_000, -1);
    expect(await page.inputValue('[data-testid=layer-select]')).toBe('建筑');
    await shot(page, '10-upload-dxf-layers');
  });

  it('a wrong CRS chosen by hand is refused with the likely cause; back to automatic works again', async () => {
    await page.selectOption('[data-testid=crs-select]', 'EPSG:4326');
    await page.waitForSelector('[data-testid=upload-error]');
    const msg = (await page.textContent('[data-testid=upload-error]'))!;
    // In the page's language even though this browser's own language is English.
    expect(msg).toMatch(/上海/);
    expect(msg).not.toMatch(/Shanghai/);
    expect(msg).toContain('请按提示修改');
    await shot(page, '11-upload-wrong-crs');
    await page.selectOption('[data-testid=crs-select]', 'auto');
    await page.waitForSelector('[data-testid=upload-error]', { state: 'detached' });
    expect(await areaOf(page)).toBeCloseTo(3_000, -1);
  });

  it('a junk file named .dxf gets a clear Chinese error, and an English one after switching language', async () => {
    const junk = {
      name: 'broken.dxf',
      mimeType: 'application/dxf',
      buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))
    };
    await page.setInputFiles('[data-testid=boundary-input]', junk);
    await page.waitForSelector('[data-testid=upload-error]');
    expect(await page.textContent('[data-testid=upload-error]')).toMatch(/[\u4e00-\u9fff]{4}/);
    await Promise.all([page.waitForURL(/\/upload/), page.click('a.lang')]);
    await page.waitForSelector('[data-testid=parcel-map][data-ready=true]');
    await page.setInputFiles('[data-testid=boundary-input]', junk);
    await page.waitForSelector('[data-testid=upload-error]');
    const en = (await page.textContent('[data-testid=upload-error]'))!;
    expect(en).toContain('This file cannot be used');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    await page.click('a.lang');
    await page.waitForURL(/\/upload/);
  });

  it('a large file shows upload/parse progress before the result', async () => {
    await page.waitForSelector('[data-testid=parcel-map][data-ready=true]');
    // ~20 MB: the parcel plus a long attribute, as exported GIS files often carry.
    const base = JSON.parse(pudongParcelGeoJson().toString());
    base.features[0].properties.remarks = 'x'.repeat(20 * 1024 * 1024);
    await page.evaluate(() => {
      const w = window as unknown as { __seen: string[] };
      w.__seen = [];
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid=upload-progress]');
        if (el) w.__seen.push(el.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.setInputFiles('[data-testid=boundary-input]', {
      name: 'big.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(base))
    });
    await page.waitForSelector('[data-testid=inspect-report]');
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    expect(seen.some((s) => /上传|解析/.test(s))).toBe(true);
    expect(await areaOf(page)).toBeGreaterThan(42_000);
    expect(errors).toEqual([]);
  });
});
