// 一键成表 from the project page: the district industry department issues the 项目信息表, the page shows
// its verification code, the PDF downloads, and the public /verify page confirms it. The checklist of the
// recognition standard is on the same page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launch, loginInBrowser, newPage } from '../helpers/browser.ts';
import { baseUrl, loginAs } from '../helpers/http.ts';

describe.skipIf(!hasChromium)('project information sheet on the project page', () => {
  let browser: Browser;
  beforeAll(async () => (browser = await launch()));
  afterAll(async () => browser?.close());

  it('pd_industry issues the sheet for the demo Pudong project; the code verifies publicly', async () => {
    const api = await loginAs('pd_industry');
    const list = await (await api.request('GET', '/api/v1/projects?stage=joint_review')).json();
    // The seeded demo project by its title: API tests that ran before may have added Pudong projects too.
    const project = (list.projects ?? list).find(
      (p: { authorityCode: string; title?: string }) =>
        p.authorityCode === 'pudong' && p.title?.includes('【示意】精密机械')
    );
    expect(project, 'the seeded Pudong demo project in joint review').toBeTruthy();

    const { page, errors } = await newPage(browser);
    await loginInBrowser(page, 'pd_industry');
    await page.goto(`${baseUrl()}/projects/${project.id}`);
    await expect.poll(() => page.getByTestId('standard-checklist').count()).toBe(1);
    // The demo form states 20,000 m² while its boundary measures about 43,170 m²: the officer is told.
    expect(await page.getByTestId('land-area-gap').textContent()).toMatch(/20,000 m².*43,1\d\d m².*相差/);
    const panel = page.getByTestId('issued-documents');
    await panel.getByTestId('issue-sheet').click();
    await expect.poll(() => panel.getByTestId('sheet-download').count(), { timeout: 60_000 }).toBe(1);
    const code = (await panel.locator('code').first().textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const pdf = await api.request('GET', `/api/v1/projects/${project.id}/sheet.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('x-verification-code')).toBe(code);
    const verify = await fetch(`${baseUrl()}/verify/${code}`);
    expect(verify.status).toBe(200);
    expect(await verify.text()).toContain(project.title);
    expect(errors).toEqual([]);
  });
});
