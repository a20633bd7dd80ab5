// Issue 17.1 in the browser: the administrator creates a service account for another government system,
// issues it a token (shown once), the system calls the API with it, and a revocation on the page stops it
// at once. The page's log shows each act.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launch, loginInBrowser, newPage } from '../helpers/browser.ts';
import { baseUrl, Client } from '../helpers/http.ts';
import { bearer } from '../helpers/api-tokens.ts';

describe.skipIf(!hasChromium)('API tokens page', () => {
  let browser: Browser;
  beforeAll(async () => (browser = await launch()));
  afterAll(async () => browser?.close());

  it('creates an account, issues a token once, and revokes it; the token works until then', async () => {
    const username = `jd_feed_${Date.now().toString(36)}`;
    const { page, errors } = await newPage(browser);
    page.setDefaultTimeout(60_000);
    await loginInBrowser(page, 'admin');
    await page.goto(baseUrl() + '/admin/api-tokens');
    await page.fill('input[name=username]', username);
    await page.fill('input[name=displayName]', '嘉定区政务数据平台');
    await page.selectOption('select[name=role]', 'district_industry');
    await page.selectOption('select[name=authorityCode]', 'jiading');
    await page.click('form[action="?/account"] button');
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain(username);

    await page.selectOption('form[action="?/issue"] select[name=userId]', {
      label: `嘉定区政务数据平台 (${username})`
    });
    await page.fill('form[action="?/issue"] input[name=name]', '项目数据同步');
    await page.check('form[action="?/issue"] input[value="projects:read"]');
    await page.click('form[action="?/issue"] button');
    const token = (await page.getByTestId('token').textContent())!.trim();
    expect(token).toMatch(/^zlt_[A-Za-z0-9_-]{43}$/);

    // The calling system: its district's projects only.
    const system = new Client('zh');
    const listed = await system.request('GET', '/api/v1/projects', undefined, bearer(token));
    expect(listed.status).toBe(200);
    const { projects } = (await listed.json()) as { projects: { authorityCode: string | null }[] };
    expect(projects.every((p) => p.authorityCode === 'jiading')).toBe(true);

    // Shown once: after a reload only the prefix is on the page, never the token.
    await page.reload();
    const row = page.locator(`tr[data-token="${token.slice(0, 10)}"]`);
    expect(await row.textContent()).toContain('有效');
    expect(await page.content()).not.toContain(token);

    page.once('dialog', (d) => void d.accept());
    await row.locator('button', { hasText: '吊销' }).click();
    await expect.poll(() => row.textContent()).toContain('已吊销');
    expect((await system.request('GET', '/api/v1/projects', undefined, bearer(token))).status).toBe(401);
    // The log on the page names the acts: account created, token issued, call, token revoked.
    const history = await page.locator('section.card').last().textContent();
    for (const act of ['创建服务账号', '签发令牌', '吊销令牌']) expect(history).toContain(act);
    expect(errors).toEqual([]);
  });
});
