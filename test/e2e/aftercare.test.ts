// Browser journey (issue 16): the Lingang district lead uploads the as-built survey of the recognised demo
// project, sees the encroachment on the map; the city planning bureau signs it off 不通过; the supervision
// map colours the project as encroaching.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { planeConverter } from '../../src/lib/geo/crs/transform.ts';
import { hasChromium, launch, loginInBrowser, newPage } from '../helpers/browser.ts';
import { baseUrl } from '../helpers/http.ts';
import { mtext, text } from '../helpers/asbuilt-fixtures.ts';
import { dxf, lwpolyline } from '../unit/geo/cad/dxf-writer.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SHOTS = process.env.AFTERCARE_SHOTS ?? null;

/** A CAD survey of demo parcel P07 (EPSG:4528): one building around the parcel's centre, one over its east corner. */
function p07Survey(): Buffer {
  const fc = JSON.parse(readFileSync(path.join(root, 'seed/sample-layers/sample-parcels.geojson'), 'utf8'));
  const ring: [number, number][] = fc.features.find((f: { properties: { id: string } }) => f.properties.id === 'P07')
    .geometry.coordinates[0];
  const c = planeConverter('EPSG:4549');
  const pts = ring.map((p) => c.forward(p) as [number, number]);
  const cx = pts.slice(0, -1).reduce((s, p) => s + p[0], 0) / (pts.length - 1);
  const cy = pts.slice(0, -1).reduce((s, p) => s + p[1], 0) / (pts.length - 1);
  const east = pts.reduce((a, b) => (b[0] > a[0] ? b : a));
  const sq = (x: number, y: number, h: number): [number, number][] =>
    [
      [x - h, y - h],
      [x + h, y - h],
      [x + h, y + h],
      [x - h, y + h]
    ].map(([a, b]) => [40_000_000 + a, b] as [number, number]);
  // Labels use the fixture helpers, which add the zone prefix and an offset from (E0, N0): undo the offset.
  const E0 = 643_000,
    N0 = 3_457_000;
  const s = dxf({
    version: 'AC1027',
    insunits: 6,
    layers: ['建筑', '注记'],
    entities: [
      lwpolyline('建筑', sq(cx, cy, 15), true),
      lwpolyline('建筑', sq(east[0], east[1], 10), true),
      mtext('注记', cx - E0, cy - N0, '{\\fSimSun;1#厂房\\P4层}'),
      text('注记', east[0] - 5 - E0, east[1] - N0, '2F')
    ]
  });
  return Buffer.from(s);
}

describe.skipIf(!hasChromium)('as-built check in the browser', () => {
  let browser: Browser;
  beforeAll(async () => (browser = await launch()));
  afterAll(async () => browser?.close());

  it('upload the survey of the recognised demo project, see the encroachment, planning bureau signs off, supervision map shows the colour', async () => {
    const { page, errors } = await newPage(browser);
    page.setDefaultTimeout(60_000);
    await loginInBrowser(page, 'lg_industry');
    const list = (await (await page.request.get(`${baseUrl()}/api/v1/projects`)).json()) as {
      projects: { id: string; title: string }[];
    };
    const demo = list.projects.find((p) => p.title.includes('已认定转入跟踪'))!;
    expect(demo).toBeTruthy();
    await page.goto(`${baseUrl()}/projects/${demo.id}#aftercare`);
    await expect.poll(() => page.locator('[data-testid=asbuilt-none]').count()).toBe(1);
    await page.setInputFiles('[data-testid=asbuilt-upload] input[name=file]', {
      name: '竣工测绘.dxf',
      mimeType: 'application/dxf',
      buffer: p07Survey()
    });
    await page.click('[data-testid=asbuilt-upload] button[type=submit]');
    const map = page.locator('[data-testid=asbuilt-map]');
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    expect(await map.getAttribute('data-buildings')).toBe('2');
    expect(await map.getAttribute('data-encroaching')).toBe('1');
    const enc = Number((await page.locator('[data-testid=encroachment]').innerText()).replace(/[^\d.]/g, ''));
    expect(enc).toBeGreaterThan(50); // a 20 m square over a corner of the parcel
    expect(enc).toBeLessThan(400);
    expect(await page.locator('[data-testid=compliance]').getAttribute('data-compliance')).toBe('encroaching');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'aftercare-upload.png'), fullPage: true });

    const planner = await newPage(browser);
    planner.page.setDefaultTimeout(60_000);
    await loginInBrowser(planner.page, 'city_ghzy');
    await planner.page.goto(`${baseUrl()}/projects/${demo.id}#aftercare`);
    await planner.page.check('[data-testid=signoff-form] input[value=fail]');
    await planner.page.fill('[data-testid=signoff-form] textarea', '东侧建筑超出认定地块，违反零增地要求');
    await planner.page.click('[data-testid=signoff-form] button[type=submit]');
    await expect
      .poll(() =>
        planner.page
          .locator('[data-testid=signoff-result]')
          .innerText()
          .catch(() => '')
      )
      .toContain('不通过');
    // The planning bureau may confirm the land-use finding the failure proposes.
    const proposal = planner.page.locator('[data-testid=proposals] li[data-key^="contract_breach:land_use"]');
    await proposal.locator('button', { hasText: '确认问题' }).click();
    await expect.poll(() => proposal.getAttribute('data-status')).toBe('confirmed');

    await planner.page.goto(`${baseUrl()}/supervision`);
    const legend = planner.page.locator('[data-testid=sup-legend]');
    expect(await legend.getAttribute('data-colour')).toBe('compliance');
    await expect.poll(() => legend.locator('li[data-compliance=encroaching] small').innerText()).toBe('(1)');
    if (SHOTS) await planner.page.screenshot({ path: path.join(SHOTS, 'aftercare-supervision.png'), fullPage: true });
    await planner.page.goto(`${baseUrl()}/projects/${demo.id}#aftercare`);
    if (SHOTS) await planner.page.screenshot({ path: path.join(SHOTS, 'aftercare-signed.png'), fullPage: true });
    expect([...errors, ...planner.errors]).toEqual([]);
  });
});
