// Issue 11.8 in the browser: the login page says it is a demo; the administrator creates a user with a
// temporary password, which must be changed at the first sign-in; disable, re-enable and reset work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch, loginInBrowser, newPage } from '../helpers/browser.ts';
import { baseUrl, Client } from '../helpers/http.ts';

const signIn = async (page: Page, username: string, password: string) => {
  await page.goto(baseUrl() + '/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('form button');
};

describe.skipIf(!hasChromium)('accounts in the browser', () => {
  let browser: Browser;
  beforeAll(async () => (browser = await launch()));
  afterAll(async () => browser?.close());

  it('a new colleague: created by the administrator, forced to choose a password, then disabled, re-enabled and reset', async () => {
    const username = `jd_staff_${Date.now().toString(36)}`;
    const admin = await newPage(browser);
    // This test server is a demo installation, and the login page says so.
    await admin.page.goto(baseUrl() + '/login');
    expect(await admin.page.locator('.hint').textContent()).toMatch(/演示安装.*demo2026/);
    await loginInBrowser(admin.page, 'admin');
    await admin.page.goto(baseUrl() + '/admin/users');
    await admin.page.fill('input[name=username]', username);
    await admin.page.fill('input[name=displayName]', '嘉定区规划资源局 新同事');
    await admin.page.selectOption('select[name=role]', 'district_department');
    await admin.page.selectOption('select[name=authorityCode]', 'jiading');
    await admin.page.fill('input[name=department]', '区规划资源局');
    await admin.page.click('form[action="?/create"] button');
    const temp = (await admin.page.getByTestId('temporary-password').textContent({ timeout: 30_000 }))!.trim();
    expect(temp).toHaveLength(14);
    await expect.poll(() => admin.page.locator(`tr[data-username="${username}"]`).textContent()).toMatch(/待改密/);

    // First sign-in: the temporary password leads to the password page, whatever was asked for.
    const colleague = await newPage(browser);
    await colleague.page.goto(baseUrl() + '/projects');
    await colleague.page.waitForURL((u) => u.pathname === '/login');
    await colleague.page.fill('input[name=username]', username);
    await colleague.page.fill('input[name=password]', temp);
    await Promise.all([
      colleague.page.waitForURL((u) => u.pathname === '/account/password'),
      colleague.page.click('form button')
    ]);
    expect(await colleague.page.getByTestId('must-change').textContent()).toMatch(/临时密码/);
    await colleague.page.goto(baseUrl() + '/inbox');
    await colleague.page.waitForURL((u) => u.pathname === '/account/password');
    await colleague.page.fill('input[name=current]', temp);
    await colleague.page.fill('input[name=next]', 'jiading planning 2026');
    await colleague.page.fill('input[name=repeat]', 'jiading planning 2026');
    await Promise.all([
      colleague.page.waitForURL((u) => u.pathname === '/inbox'),
      colleague.page.click('main form button')
    ]);
    expect(await colleague.page.getByTestId('current-user').textContent()).toContain('新同事');

    // Disabled: signed out at once, and the login is refused; re-enabled: in again.
    await admin.page.goto(baseUrl() + '/admin/users');
    admin.page.once('dialog', (d) => d.accept());
    await admin.page.locator(`tr[data-username="${username}"] form[action="?/disable"] button`).click();
    await expect.poll(() => admin.page.locator(`tr[data-username="${username}"]`).textContent()).toMatch(/已停用/);
    await colleague.page.goto(baseUrl() + '/inbox');
    await colleague.page.waitForURL((u) => u.pathname === '/login');
    await signIn(colleague.page, username, 'jiading planning 2026');
    expect(await colleague.page.locator('[role=alert]').textContent()).toMatch(/用户名或密码错误/);
    await admin.page.locator(`tr[data-username="${username}"] form[action="?/enable"] button`).click();
    await expect.poll(() => admin.page.locator(`tr[data-username="${username}"]`).textContent()).not.toMatch(/已停用/);
    expect(
      (await new Client().request('POST', '/api/v1/session', { username, password: 'jiading planning 2026' })).status
    ).toBe(200);

    // Reset: a new temporary password, which again must be changed (the API says so too).
    await admin.page.locator(`tr[data-username="${username}"] form[action="?/reset"] button`).click();
    const reset = (await admin.page.getByTestId('temporary-password').textContent({ timeout: 30_000 }))!.trim();
    expect(reset).not.toBe(temp);
    const api = new Client('en');
    const res = await api.request('POST', '/api/v1/session', { username, password: reset });
    expect((await res.json()).mustChangePassword).toBe(true);
    const blocked = await api.request('GET', '/api/v1/projects');
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.message).toMatch(/temporary password/);
    // Every act is in the account history.
    expect(await admin.page.locator('section', { hasText: '最近的账号操作' }).textContent()).toMatch(
      /重置密码[\s\S]*启用[\s\S]*停用[\s\S]*修改密码[\s\S]*创建用户/
    );
    await admin.page.screenshot({ path: '/tmp/zeroland-admin-users.png', fullPage: true });
    expect([...admin.errors, ...colleague.errors]).toEqual([]);
  });
});
