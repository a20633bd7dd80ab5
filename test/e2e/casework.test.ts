// Browser journey of issue 13 (real Chromium): the enterprise declares in its form and submits; the district lead
// sees the to-do count in the navigation, accepts, invites three departments, enters two of their opinions from
// their signed letters; the third department is told (站内信), answers itself and its to-do clears; the lead closes
// the review; the enterprise finds the "accepted" message. The administrator imports next year's holidays in the
// calendar page. Screenshots (ZL_SHOTS=dir) of the new pages, Chinese first, then English.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { baseUrl, loginAs } from '../helpers/http.ts';
import { apply } from '../api/projects-helpers.ts';
import { CHROMIUM, CHROMIUM_ARGS, Journey, pdf } from './journey-steps.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`casework.test.ts skipped: no browser at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!hasChromium)('working the case in the browser', () => {
  let browser: Browser;
  let j: Journey;
  const navCount = (name: string) => j.page.locator(`[data-testid=nav-count-${name}]`);

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    j = new Journey(browser, baseUrl(), process.env.ZL_SHOTS ?? null);
    await j.start();
    // The application itself (form, boundary, documents) is the other journey's subject: made over the API.
    const p = await apply(await loginAs('ent_pudong'), 'P03');
    j.projectUrl = `${baseUrl()}/projects/${p.id}`;
    j.code = String(p.code);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the enterprise answers the declarations in its form with evidence files, then submits', async () => {
    const page = j.page;
    await j.login('ent_pudong');
    await page.goto(`${j.projectUrl}/application`);
    await page.waitForSelector('[data-testid=form-declarations]');
    const rows = page.locator('[data-testid=form-declarations] tr[data-criterion]');
    const ids = await rows.evaluateAll((trs) =>
      trs
        .map((tr) => tr.getAttribute('data-criterion')!)
        .filter((id) => document.querySelector(`[data-testid=declare-yes-${id}]`))
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      await page.setInputFiles(`[data-testid=evidence-${id}]`, pdf(`承诺声明-${id}`));
      await page.click(`[data-testid=declare-yes-${id}]`);
      await page.waitForSelector(`[data-testid=act-${id}]`);
    }
    expect(await page.textContent(`[data-testid=act-${ids[0]}]`)).toContain('声明');
    await j.submitApplication();
    await page.waitForSelector('[data-testid=project-page]');
    expect(await j.stage()).toBe('submitted');
  });

  it('the lead sees the count, accepts, invites three departments and enters two opinions from letters', async () => {
    const page = j.page;
    await j.login('pd_industry');
    await expect.poll(async () => Number(await navCount('inbox').textContent())).toBeGreaterThan(0);
    await page.goto(`${baseUrl()}/inbox`);
    const item = page.locator(`[data-testid=inbox-item][data-code="${j.code}"]`);
    await expect.poll(() => item.count()).toBe(1);
    // One deadline per item: the acceptance time limit, with the working days used.
    expect(await item.locator('[data-testid=inbox-due]').textContent()).toMatch(/受理时限：.*已用 \d+\/5 个工作日/);
    await j.shot('cw-01-inbox-lead');
    await j.openProject();
    // P03 is the demo project's parcel too: the lead gives the overlap's reason on accept (12.9).
    await j.act('accept', (p) => p.fill('[data-testid=overlap-reason]', '同一地块的重复申报已核实（测试）'));
    await j.act('start_joint_review', async (p) => {
      await p.uncheck('[data-testid=dept-ecology_environment]');
      for (const d of ['town_government', 'development_reform', 'planning_resources'])
        await p.check(`[data-testid=dept-${d}]`);
    });
    expect(await j.stage()).toBe('joint_review');
    for (const [dept, letter] of [
      ['town_government', '周浦镇人民政府意见函'],
      ['development_reform', '浦东新区发展改革委意见函']
    ]) {
      await j.act('enter_opinion', async (p) => {
        await p.selectOption('[data-testid=enter-department]', dept);
        await p.check('[data-testid=via-letter]');
        await p.check('[data-testid=opinion-agree]');
        await p.setInputFiles('[data-testid=action-document]', pdf(letter));
      });
    }
    const table = page.locator('[data-testid=joint-review-table]');
    expect(await table.locator('tbody tr', { hasText: '区发展改革委' }).textContent()).toContain('同意');
    expect(await page.textContent('[data-testid=event-log]')).toContain('代区发展改革委录入联审意见');
  });

  it('the planning department is told, answers itself, and its to-do clears', async () => {
    const page = j.page;
    await j.login('pd_ghzy');
    await expect.poll(async () => Number(await navCount('notifications').textContent())).toBeGreaterThan(0);
    await page.goto(`${baseUrl()}/notifications`);
    const msg = page.locator('[data-testid=notification][data-kind=opinion_requested]', { hasText: j.code });
    await expect.poll(() => msg.count()).toBe(1);
    expect(await msg.textContent()).toMatch(/请于 \d{4}-\d{2}-\d{2} 前反馈/);
    await j.shot('cw-02-notifications-department');
    await msg.locator('a', { hasText: '查看项目' }).click();
    await page.waitForSelector('[data-testid=project-page]');
    await page.waitForLoadState('networkidle');
    await j.act('record_opinion', (p) => p.check('[data-testid=opinion-agree]'));
    await page.goto(`${baseUrl()}/inbox`);
    await page.waitForLoadState('networkidle');
    expect(await page.locator(`[data-testid=inbox-item][data-code="${j.code}"]`).count()).toBe(0);
  });

  it('the lead closes the review; the enterprise finds the "accepted" message', async () => {
    const page = j.page;
    await j.login('pd_industry');
    await j.openProject();
    // 附件 二.1: the 项目信息表 goes to the district government with the case, so it is issued first.
    await page.click('[data-testid=issue-sheet]');
    await page.waitForSelector('[data-testid=sheet-download]');
    await j.act('close_joint_review');
    expect(await j.stage()).toBe('decision');
    await j.login('ent_pudong');
    await page.goto(`${baseUrl()}/notifications`);
    const accepted = page.locator('[data-testid=notification][data-kind=accepted]', { hasText: j.code });
    await expect.poll(() => accepted.count()).toBe(1);
    await j.shot('cw-03-notifications-enterprise');
    await page.click('[data-testid=mark-all-read]');
    await page.waitForSelector('[data-testid=mark-all-read]', { state: 'detached' });
    expect(await navCount('notifications').count()).toBe(0);
  });

  it("the administrator imports next year's holidays in the calendar page; the change is logged", async () => {
    const page = j.page;
    await j.login('admin');
    await page.goto(`${baseUrl()}/admin/calendar?year=2033`);
    await page.waitForSelector('[data-testid=calendar-admin]');
    expect(await page.textContent('[data-testid=year-status]')).toContain('未公布');
    const form = page.locator('[data-testid=import-form]');
    await form.locator('input[name=year]').fill('2033');
    await form
      .locator('textarea')
      .fill('2033-01-01,holiday,元旦\n2033-01-30~2033-02-05,放假,春节\n2033-01-29,上班,春节\n');
    await form.locator('[data-testid=import-submit]').click();
    await page.waitForSelector('[data-testid=imported]');
    expect(await page.textContent('[data-testid=imported]')).toContain('已导入 9 天');
    await page.goto(`${baseUrl()}/admin/calendar?year=2033`);
    expect(await page.textContent('[data-testid=year-status]')).toContain('已公布');
    expect(await page.textContent('[data-testid=calendar-days]')).toContain('调休上班');
    expect(await page.textContent('[data-testid=calendar-log]')).toContain('导入 2033 年节假日安排：9 天');
    expect(await page.textContent('[data-testid=deadline-explain]')).toContain(
      '第 5 个工作日起黄色预警，第 8 个工作日起红色预警'
    );
    await j.shot('cw-04-calendar-admin-zh');
    await page.goto(`${baseUrl()}/lang?to=en&next=${encodeURIComponent('/admin/calendar?year=2033')}`);
    await page.waitForSelector('[data-testid=calendar-admin]');
    expect(await page.textContent('h1')).toContain('Working-day calendar');
    await j.shot('cw-05-calendar-admin-en');
    await page.goto(`${baseUrl()}/lang?to=zh&next=/`);
    expect(j.errors).toEqual([]);
  });
});
