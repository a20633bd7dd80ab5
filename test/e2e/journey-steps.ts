// The recognition journey driven through the real pages, shared by the browser test and by a manual
// screenshot run. Every step waits for what a user would see before going on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { USCC_CHARSET } from '../../src/lib/domain/uscc.ts';

const root = path.resolve(import.meta.dirname, '../..');

// CHROMIUM_PATH chooses the browser (default /usr/bin/chromium), as for every browser test.
export { CHROMIUM } from '../helpers/browser.ts';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];

/** A Pudong parcel inside the development boundary (sample parcel P03, not Lingang) as a GeoJSON upload. */
export function pudongParcelGeoJson(): Buffer {
  return sampleParcelGeoJson('P03', '浦东示意地块');
}

/** One demo parcel of seed/sample-layers/sample-parcels.geojson as an upload file. */
export function sampleParcelGeoJson(id: string, name = `${id} 示意地块`): Buffer {
  const fc = JSON.parse(readFileSync(path.join(root, 'seed/sample-layers/sample-parcels.geojson'), 'utf8'));
  const f = fc.features.find((x: { properties: { id: string } }) => x.properties.id === id);
  return Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name }, geometry: f.geometry }]
    })
  );
}

export const pdf = (title: string) => ({
  name: `${title}.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`)
});

/** A USCC whose last character is wrong (the check digit error the form must explain). */
export function withWrongCheckDigit(code: string): string {
  const last = code[17];
  const other = USCC_CHARSET[(USCC_CHARSET.indexOf(last) + 1) % USCC_CHARSET.length];
  return code.slice(0, 17) + other;
}

export class Journey {
  errors: string[] = [];
  ctx!: BrowserContext;
  page!: Page;
  projectUrl = '';
  code = '';
  constructor(
    private browser: Browser,
    private base: string,
    private shots: string | null = null
  ) {}

  async start() {
    this.ctx = await this.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    this.page = await this.newPage();
  }

  async newPage() {
    const page = await this.ctx.newPage();
    page.on('pageerror', (e) => this.errors.push(`${page.url()}: ${e.message}`));
    page.setDefaultTimeout(60_000);
    return page;
  }

  async shot(name: string) {
    if (this.shots) await this.page.screenshot({ path: path.join(this.shots, `${name}.png`), fullPage: true });
  }

  async login(username: string) {
    await this.ctx.clearCookies();
    const page = this.page;
    await page.goto(`${this.base}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', 'demo2026');
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form button.btn')]);
  }

  /**
   * 新建申报 (issue 14.2): name the project, drop the parcel file, see the CRS, area and the scope check,
   * then create the draft. Returns the CRS and area texts shown before anything was created.
   */
  async createApplication(
    file: Buffer = pudongParcelGeoJson(),
    title = '年产 20 万套精密零件智能化技术改造项目（演示）'
  ) {
    const page = this.page;
    await page.goto(`${this.base}/projects`);
    await page.waitForLoadState('networkidle');
    await Promise.all([page.waitForURL(/\/projects\/new$/), page.click('[data-testid=new-application]')]);
    await page.fill('[data-testid=project-title]', title);
    await page.waitForSelector('[data-testid=parcel-map][data-ready=true]');
    await page.setInputFiles('[data-testid=boundary-input]', {
      name: 'pudong-parcel.geojson',
      mimeType: 'application/geo+json',
      buffer: file
    });
    await page.waitForSelector('[data-testid=inspect-report]');
    const crs = (await page.textContent('[data-testid=crs-code]'))!;
    const area = (await page.textContent('[data-testid=area]'))!;
    await page.waitForSelector('[data-testid=boundary-check][data-ok=true]');
    await this.shot('02-boundary-preview');
    await Promise.all([page.waitForURL(/\/application$/), page.click('[data-testid=create-application]')]);
    await page.waitForSelector('[data-testid=boundary-summary]');
    this.projectUrl = page.url().replace(/\/application$/, '');
    this.code = (await page.locator('.crumbs a').nth(1).textContent())!.trim();
    return { crs, area };
  }

  async submitApplication() {
    await Promise.all([
      this.page.waitForResponse((r) => r.url().includes('/submit') && r.request().method() === 'POST'),
      this.page.click('[data-testid=submit-application]')
    ]);
  }

  async fillForm(uscc: string) {
    const page = this.page;
    const set = (f: string, v: string) => page.fill(`#in-${f}`, v);
    await set('uscc', uscc);
    await set('contactPerson', '张工');
    await set('contactPhone', '13812345678');
    await set('parcelAddress', '浦东新区示意路 88 号');
    await page.selectOption('#in-authorityCode', 'pudong');
    await set('landTitleNumber', '沪(2019)浦字不动产权第000123号');
    await set('landArea', '43000');
    await set('floorAreaExisting', '21000');
    await set('floorAreaPlanned', '51600');
    await set('plotRatioBefore', '0.49');
    await set('plotRatioAfter', '1.2');
    await set('contractPlotRatio', '1.5');
    await page.check('input[name=newlyTransferred][value=false]');
    await page.check('input[name=retainedInPlan][value=true]');
    await page.selectOption('#in-retainedPlanKind', 'regulatory_detailed');
    await set('investment', '18000');
    await set('expectedAnnualOutput', '52000');
    await set('expectedAnnualTax', '3100');
    await set('industryCode', 'C3484');
    await set('annualEnergyUse', '2400');
    await set('description', '拆除老旧单层厂房，在原用地上新建四层智能制造车间，不新增用地。');
    await page.check('input[name=constructionType][value=rebuild]');
  }

  async uploadDocument(kind: string, title: string) {
    const page = this.page;
    await page.setInputFiles(`[data-testid=doc-file-${kind}]`, pdf(title));
    await page.waitForSelector(`[data-testid=documents] tr[data-kind=${kind}] .ok`);
  }

  async openProject() {
    await this.page.goto(this.projectUrl);
    await this.page.waitForSelector('[data-testid=project-page]');
    await this.page.waitForLoadState('networkidle');
  }

  stage() {
    return this.page.getAttribute('[data-testid=project-page]', 'data-stage');
  }

  /** Open an action's form, fill what it needs, confirm, and wait for the page to show the new state. */
  async act(type: string, fill: (page: Page) => Promise<void> = async () => {}, page = this.page) {
    await page.click(`[data-testid=action-${type}]`);
    await page.waitForSelector(`[data-testid=action-form-${type}]`);
    await fill(page);
    const before = await page.getAttribute('[data-testid=project-page]', 'data-version');
    await page.click(`[data-testid=confirm-${type}]`);
    await page.waitForSelector('[data-testid=action-message]');
    const msg = (await page.textContent('[data-testid=action-message]'))!;
    if (!msg.startsWith('已办理')) return msg;
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid=project-page]')?.getAttribute('data-version') !== v,
      before
    );
    return msg;
  }
}
