// Issue 14.2, 14.5 and 14.6 in the browser: a Chinese page carries no stray English words (beyond codes,
// formats and names); a parcel in an industrial block is refused before any draft exists; the owner
// deletes an empty draft; the statistics table fits 1,280 px; the project page prints without navigation
// and buttons. Screenshots in zh and en at 1,280 and 1,920 px go to ZL_SHOTS when set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch, loginInBrowser } from '../helpers/browser.ts';
import { baseUrl, loginAs } from '../helpers/http.ts';
import { ok } from '../api/projects-helpers.ts';
import { sampleParcelGeoJson } from './journey-steps.ts';
import { overflowingCards, shot, sideways } from './page-layout.ts';

/**
 * Latin words a Chinese page may show: formats, standards and codes (EPSG:4528, CGCS2000, GB/T, ZL-2026-0001,
 * C3484), units, the language switch, and the sample data's own names. Anything else is English leaking in.
 */
const ALLOWED = new Set([
  'English',
  'EPSG',
  'CGCS',
  'GB',
  'ZL',
  'PDF',
  'Excel',
  'xlsx',
  'XLSX',
  'GeoJSON',
  'KML',
  'KMZ',
  'DWG',
  'DXF',
  'SHP',
  'zip',
  'GIS',
  'TXT',
  'CSV',
  'JPG',
  'PNG',
  'MB',
  'KB',
  'GB',
  'UTF',
  'GBK',
  'SHA',
  'RFC',
  'WGS',
  'GCJ',
  'CAD',
  'XYZ',
  'WMTS',
  'URL',
  'ID',
  'OIDC',
  'SSO',
  'API',
  'SMTP',
  'QR',
  'README',
  'JSON',
  'km',
  'mm',
  'ha',
  'kg',
  'tce',
  'No',
  'vs',
  'Shapefile',
  'SHCITY',
  'Web',
  // The administrator's pages show usernames, layer source labels and command lines verbatim.
  'admin',
  'zeroland',
  'standard',
  'load-codes',
  'schematic',
  'sample',
  'seed'
]);

/** Latin words of two letters or more that are neither allowed nor part of a code like EPSG:4528 or C3484. */
function strayWords(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![A-Za-z0-9._:/-])[A-Za-z][A-Za-z'’-]+(?![A-Za-z0-9])/g)) {
    const w = m[0];
    const next = text.slice(m.index! + w.length, m.index! + w.length + 1);
    if (ALLOWED.has(w) || /[0-9:.\-_/]/.test(next)) continue; // EPSG:4528, GB/T, RFC 7946 forms
    out.add(w);
  }
  return [...out];
}

async function visible(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

describe.skipIf(!hasChromium)('pages in Chinese, the new application, statistics and print', () => {
  let browser: Browser;
  beforeAll(async () => (browser = await launch()));
  afterAll(async () => browser?.close());

  async function as(user: string, lang: 'zh' | 'en' = 'zh', width = 1280) {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: lang === 'zh' ? 'zh-CN' : 'en-GB'
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginInBrowser(page, user);
    if (lang === 'en') await page.goto(`${baseUrl()}/lang?to=en&next=/`);
    return { page, errors };
  }

  it('Chinese pages show no English words beyond codes, formats and names', async () => {
    const pd = await ok<{ projects: { id: string; title: string }[] }>(
      await (await loginAs('pd_industry')).request('GET', '/api/v1/projects')
    );
    const demo = pd.projects.find((p) => p.title.includes('【示意】精密机械'))!;
    const tour: [string, string[]][] = [
      ['ent_pudong', ['/', '/projects', '/projects/new', '/inbox', '/account/password']],
      ['pd_industry', ['/projects', '/inbox', `/projects/${demo.id}`, '/upload', '/stats']],
      ['city_jxw', ['/stats', '/stats/dashboard', '/supervision']],
      ['admin', ['/admin/layers', '/admin/users', '/admin/departments', '/admin/policy', '/admin/standard']]
    ];
    const found: string[] = [];
    for (const [user, paths] of tour) {
      const { page, errors } = await as(user);
      for (const p of paths) {
        await page.goto(baseUrl() + p);
        await page.waitForLoadState('networkidle');
        const words = strayWords(await visible(page));
        if (words.length) found.push(`${user} ${p}: ${words.join(', ')}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
    expect(found).toEqual([]);
  });

  it('a parcel in an industrial block is refused at upload with the clause; nothing is created', async () => {
    const { page, errors } = await as('ent_jiading');
    const before = (
      await ok<{ projects: unknown[] }>(await (await loginAs('ent_jiading')).request('GET', '/api/v1/projects'))
    ).projects.length;
    await page.goto(`${baseUrl()}/projects`);
    await Promise.all([page.waitForURL(/\/projects\/new$/), page.click('[data-testid=new-application]')]);
    await page.fill('[data-testid=project-title]', '示意电子科技智能化改造项目');
    await page.setInputFiles('[data-testid=boundary-input]', {
      name: 'P06.geojson',
      mimeType: 'application/geo+json',
      buffer: sampleParcelGeoJson('P06')
    });
    await page.waitForSelector('[data-testid=boundary-check][data-ok=false]');
    expect(await page.textContent('[data-testid=check-land-type]')).toContain('规划产业区块内');
    expect(await page.textContent('[data-testid=check-refusal]')).toMatch(/不能通过本程序申报.*一\.4/);
    expect(await page.isDisabled('[data-testid=create-application]')).toBe(true);
    await shot(page, 'new-refused-zh-1280');
    expect(
      (await ok<{ projects: unknown[] }>(await (await loginAs('ent_jiading')).request('GET', '/api/v1/projects')))
        .projects.length
    ).toBe(before);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the owner deletes a draft; the list says which one went', async () => {
    const { page, errors } = await as('ent_pudong');
    await page.goto(`${baseUrl()}/projects/new`);
    await page.fill('[data-testid=project-title]', '待删除的重复草稿（测试）');
    await page.setInputFiles('[data-testid=boundary-input]', {
      name: 'P03.geojson',
      mimeType: 'application/geo+json',
      buffer: sampleParcelGeoJson('P03')
    });
    await page.waitForSelector('[data-testid=boundary-check][data-ok=true]');
    expect(await page.textContent('[data-testid=check-land-type]')).toContain('城市开发边界内');
    await Promise.all([page.waitForURL(/\/application$/), page.click('[data-testid=create-application]')]);
    const code = (await page.locator('.crumbs a').nth(1).textContent())!.trim();
    await page.click('.crumbs a >> nth=1');
    await page.waitForSelector('[data-testid=delete-draft]');
    page.once('dialog', (d) => d.accept());
    await Promise.all([page.waitForURL(/\/projects\?deleted=/), page.click('[data-testid=delete-draft]')]);
    expect(await page.textContent('[data-testid=draft-deleted]')).toContain(code);
    expect(await page.locator(`[data-testid=project-row][data-code="${code}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const lang of ['zh', 'en'] as const) {
    for (const width of [1280, 1920]) {
      it(`statistics and the new-application page fit ${width} px in ${lang}`, async () => {
        const { page, errors } = await as('city_jxw', lang, width);
        await page.goto(`${baseUrl()}/stats`);
        await page.waitForSelector('[data-testid=stats-table]');
        // Every column, 认定 and 超期 included, is on screen without scrolling the table.
        const fit = await page.$eval('[data-testid=stats-table]', (t) => ({
          table: t.scrollWidth,
          box: t.parentElement!.clientWidth
        }));
        expect(fit.table).toBeLessThanOrEqual(fit.box);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        await shot(page, `stats-${lang}-${width}`);
        await page.context().close();
        const ent = await as('ent_pudong', lang, width);
        await ent.page.goto(`${baseUrl()}/projects/new`);
        await ent.page.waitForSelector('[data-testid=new-application-page]');
        expect(await overflowingCards(ent.page)).toEqual([]);
        await shot(ent.page, `new-${lang}-${width}`);
        expect([...errors, ...ent.errors]).toEqual([]);
        await ent.page.context().close();
      });
    }
  }

  it('the project page prints without navigation, buttons or forms, in one column', async () => {
    const pd = await ok<{ projects: { id: string; title: string }[] }>(
      await (await loginAs('pd_industry')).request('GET', '/api/v1/projects')
    );
    const demo = pd.projects.find((p) => p.title.includes('【示意】精密机械'))!;
    const { page, errors } = await as('pd_industry');
    await page.goto(`${baseUrl()}/projects/${demo.id}`);
    await page.waitForSelector('[data-testid=project-page]');
    await page.emulateMedia({ media: 'print' });
    const shown = (sel: string) =>
      page.$$eval(sel, (els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
    expect(await shown('.topbar')).toBe(0);
    expect(await shown('[data-testid=project-page] button')).toBe(0);
    expect(await shown('[data-testid=project-page] form')).toBe(0);
    expect(await shown('.print-head')).toBe(1);
    expect(await page.$eval('.cols', (e) => getComputedStyle(e).display)).toBe('block');
    // The print hook runs around window.print(): closed sections open for paper and close again after.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(
      await page.$$eval('[data-testid=project-page] details', (ds) => ds.every((d) => (d as HTMLDetailsElement).open))
    ).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
