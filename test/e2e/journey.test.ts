// Browser journey (issue 5): enterprise applies with a boundary file → district industry department
// accepts and starts the joint review → two departments give opinions → the review is closed →
// the district government recognises with a document → the project is in tracking.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { baseUrl } from '../helpers/http.ts';
import { generateUscc } from '../../src/lib/domain/uscc.ts';
import { shanghaiDate } from '../../src/lib/domain/dates.ts';
import { CHROMIUM, CHROMIUM_ARGS, Journey, pdf, pudongParcelGeoJson, withWrongCheckDigit } from './journey-steps.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`journey.test.ts skipped: no browser at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!hasChromium)('recognition journey in the browser', () => {
  let browser: Browser;
  let j: Journey;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    j = new Journey(browser, baseUrl(), process.env.ZL_SHOTS ?? null);
    await j.start();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('enterprise uploads a boundary, sees the CRS and area, and attaches it', async () => {
    await j.login('ent_pudong');
    const { crs, area } = await j.createApplication(pudongParcelGeoJson());
    expect(j.code).toMatch(/^ZL-\d{4}-\d{4}$/);
    expect(crs).toContain('EPSG:4490');
    // P03 is ~189 m × 240 m at 31.2°N: about 4.3 ha, shown in m² and 亩.
    const m2 = Number(/([\d,.]+) m²/.exec(area)![1].replace(/,/g, ''));
    expect(m2).toBeGreaterThan(42_000);
    expect(m2).toBeLessThan(44_500);
    expect(area).toContain('亩');
    expect(await j.page.textContent('[data-testid=boundary-summary]')).toContain('城市开发边界内');
    // The demo's own P03 project (in joint review) holds the same land: flagged at once, naming it to its owner (12.9).
    const overlap = (await j.page.textContent('[data-testid=overlap-notice]'))!;
    expect(overlap).toContain('一块地只能有一个在办或已认定的项目');
    expect(overlap).toContain('【示意】精密机械');
  });

  it('submitting an empty form lists every missing field next to it; a wrong USCC check digit is explained', async () => {
    const page = j.page;
    await j.submitApplication();
    await page.waitForSelector('[data-testid=submit-problems]');
    expect(await page.textContent('[data-testid=field-error-uscc]')).toContain('统一社会信用代码');
    expect(await page.textContent('[data-testid=field-error-industryCode]')).toContain('国民经济行业分类代码');
    // Documents are listed as missing too.
    expect(await page.textContent('[data-testid=missing-docs]')).toContain('土地权证');

    const uscc = generateUscc(20260501);
    await j.fillForm(withWrongCheckDigit(uscc));
    expect(await page.textContent('[data-testid=uscc-live]')).toContain('校验');
    await j.submitApplication();
    await page.waitForSelector('[data-testid=field-error-uscc]');
    expect(await page.textContent('[data-testid=field-error-uscc]')).toContain('校验');
    expect(await page.locator('[data-testid^=field-error-]').count()).toBe(1);
    await j.shot('03-form-errors');

    await page.fill('#in-uscc', uscc);
    await page.click('[data-testid=save-draft]');
    await page.waitForSelector('[data-testid=saved]');
  });

  it('enterprise uploads the land title and contract and submits', async () => {
    await j.uploadDocument('land_title', '土地权证');
    await j.uploadDocument('land_contract', '土地出让合同');
    await j.shot('04-form-complete');
    await Promise.all([
      j.page.waitForURL(/\/projects\/[^/]+\?submitted=1$/),
      j.page.click('[data-testid=submit-application]')
    ]);
    await j.page.waitForSelector('[data-testid=project-page]');
    expect(await j.stage()).toBe('submitted');
    expect(await j.page.textContent('[data-testid=stage-label]')).toContain('已提交');
    // The enterprise may only withdraw now: no review buttons.
    expect(await j.page.locator('[data-testid=action-accept]').count()).toBe(0);
  });

  it('district industry department finds it in the inbox, accepts it and starts the joint review', async () => {
    await j.login('pd_industry');
    await j.page.goto(`${baseUrl()}/inbox`);
    const item = j.page.locator(`[data-testid=inbox-item][data-code="${j.code}"]`);
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('受理');
    await j.shot('06-inbox-district');
    await j.openProject();
    // The same land as the demo's P03 project: the lead checks the overlap and gives a reason (12.9).
    await j.act('accept', async (p) => {
      expect(await p.textContent('[data-testid=action-form-accept] [data-testid=overlap-notice]')).toContain(
        '【示意】精密机械'
      );
      await p.fill('[data-testid=overlap-reason]', '同一企业对同一地块重新申报，原申请将撤回（已电话核实）');
    });
    expect(await j.stage()).toBe('preliminary_review');
    expect(await j.page.locator('[data-testid=overlap-item]', { hasText: '【示意】精密机械' }).textContent()).toContain(
      '已核实'
    );
    // The clock started on acceptance: 0 of 10 working days used, with a due date.
    expect(await j.page.textContent('[data-testid=clock]')).toContain('/ 10');
    await j.act('start_joint_review', async (p) => {
      expect(await p.isChecked('[data-testid=dept-planning_resources]')).toBe(true);
      // The district's default invitation set is preselected; this review asks two of them.
      expect(await p.isChecked('[data-testid=dept-development_reform]')).toBe(true);
      await p.uncheck('[data-testid=dept-town_government]');
      await p.uncheck('[data-testid=dept-ecology_environment]');
    });
    expect(await j.stage()).toBe('joint_review');
    const table = await j.page.textContent('[data-testid=joint-review-table]');
    expect(table).toContain('区发展改革委');
    expect(table).toContain('区规划资源局');
    expect(table).toContain('待提交');
  });

  it('the two invited departments give their opinions', async () => {
    await j.login('pd_fgw');
    await j.openProject();
    await j.act('record_opinion', (p) => p.check('[data-testid=opinion-agree]'));
    await j.login('pd_ghzy');
    await j.openProject();
    await j.act('record_opinion', async (p) => {
      await j.shot('07-opinion-form');
      await p.check('[data-testid=opinion-conditional]');
      await p.fill('[data-testid=action-comment]', '须按控详规划控制建筑高度不超过 24 米。');
    });
    const rows = j.page.locator('[data-testid=joint-review-table] tbody tr');
    expect(await rows.filter({ hasText: '区发展改革委' }).textContent()).toContain('同意');
    expect(await rows.filter({ hasText: '区规划资源局' }).textContent()).toContain('有条件同意');
    expect(await rows.filter({ hasText: '区规划资源局' }).textContent()).toContain('24 米');
    // A department may revise its own opinion while the review is open, but never close it or decide.
    expect(await j.page.locator('[data-testid=action-close_joint_review]').count()).toBe(0);
    expect(await j.page.locator('[data-testid=action-recognise]').count()).toBe(0);
  });

  it('the lead closes the review; a second tab acting on the old version gets a clear conflict', async () => {
    await j.login('pd_industry');
    await j.openProject();
    // 附件 二.1: the sheet goes to the district government with the case, so it is issued first.
    expect(await j.page.textContent('[data-testid=sheet-needed]')).toContain('附件 二.1');
    await j.page.click('[data-testid=issue-sheet]');
    await j.page.waitForSelector('[data-testid=sheet-download]');
    expect(await j.page.locator('[data-testid=sheet-needed]').count()).toBe(0);
    const stale = await j.newPage();
    await stale.goto(j.projectUrl);
    await stale.waitForLoadState('networkidle');
    await j.act('close_joint_review');
    expect(await j.stage()).toBe('decision');
    const msg = await j.act('close_joint_review', async () => {}, stale).catch((e) => String(e));
    // The stale tab still shows version N and the form for it: the server answers with the version conflict
    // (checked before the stage), naming both versions, not with some other refusal.
    expect(msg).toMatch(/已被他人更新/);
    expect(msg).toMatch(/当前版本 \d+.*您看到的是版本 \d+/);
    await stale.waitForFunction(
      () => document.querySelector('[data-testid=project-page]')?.getAttribute('data-stage') === 'decision'
    );
    await stale.close();
  });

  it("the city withdraws Pudong's recognition authority (二.5): the Pudong government sees the banner and cannot recognise", async () => {
    const page = j.page;
    await j.login('city_jxw');
    await page.goto(`${baseUrl()}/stats/dashboard`);
    const form = page.locator('[data-testid=district-measure-form]');
    await form.locator('select[name=authorityCode]').selectOption('pudong');
    await form.locator('select[name=measure]').selectOption('revoke_authority');
    await form.locator('input[name=note]').fill('认定标准偏差较大，收回认定权（演示）');
    await form.locator('button.btn').click();
    await page.waitForSelector('[data-testid=withdrawn-pudong]');
    await j.shot('05a-city-withdraws');

    await j.login('pd_gov');
    await page.waitForSelector('[data-testid=authority-banner]');
    expect(await page.textContent('[data-testid=authority-banner]')).toContain('认定权');
    await j.openProject();
    expect(await page.textContent('[data-testid=authority-banner]')).toContain('浦东新区');
    expect(await page.locator('[data-testid=action-recognise]').count()).toBe(0);
    await j.shot('05b-pudong-banner');
    // The lead is offered to forward the project to the city review meanwhile.
    await j.login('pd_industry');
    await j.openProject();
    expect(await page.locator('[data-testid=action-forward_to_city]').count()).toBe(1);
  });

  it('the city restores the authority; the banner is gone', async () => {
    const page = j.page;
    await j.login('city_jxw');
    await page.goto(`${baseUrl()}/stats/dashboard`);
    await page.fill('[data-testid=restore-reason-pudong]', '已约谈整改，恢复认定权（演示）');
    await page.click('[data-testid=restore-pudong]');
    await page.waitForSelector('[data-testid=no-withdrawn]');
    await j.login('pd_gov');
    await j.openProject();
    expect(await page.locator('[data-testid=authority-banner]').count()).toBe(0);
  });

  it('the district government recognises with the recognition document; the project moves to tracking', async () => {
    await j.login('pd_gov');
    await j.page.goto(`${baseUrl()}/inbox`);
    await expect.poll(() => j.page.locator(`[data-testid=inbox-item][data-code="${j.code}"]`).count()).toBe(1);
    await j.openProject();
    // The positive list is not fully met (P-PLAN is a reviewer's judgement not yet recorded): the dialog shows the
    // rows first and asks for a justification, which the log keeps.
    const justification = '区政府常务会议研究认为项目符合区产业发展规划，同意认定（演示）';
    await j.act('recognise', async (p) => {
      await p.waitForSelector('[data-testid=positive-gaps] [data-testid=gap-P-PLAN]');
      expect(await p.textContent('[data-testid=positive-gaps]')).toContain('正面清单');
      await j.shot('05c-positive-gaps');
      await p.fill('[data-testid=justification]', justification);
      await p.setInputFiles(
        '[data-testid=action-document]',
        pdf('浦东新区人民政府关于认定零增地技术改造优质项目的通知')
      );
    });
    expect(await j.stage()).toBe('tracking');
    expect(await j.page.textContent('[data-testid=event-log]')).toContain(justification);
    expect(await j.page.textContent('[data-testid=governing-version]')).toContain('示意');
    await j.page.waitForSelector('[data-testid=tracking] [data-testid=milestones]');
    expect(await j.page.textContent('[data-testid=milestones]')).toContain('环评报批');
    expect(await j.page.textContent('[data-testid=documents]')).toContain('浦东新区人民政府关于认定');
    expect(await j.page.textContent('[data-testid=event-log]')).toContain('自动转入产业项目跟踪');
    // The classification that chose the path is on the page: inside the development boundary, Pudong.
    expect(await j.page.getAttribute('[data-testid=classification-table]', 'data-land-type')).toBe('inside_boundary');
    expect(await j.page.getAttribute('[data-testid=classification-table]', 'data-authority')).toBe('pudong');
    await j.shot('05-recognised');
  });

  it('tracking: the district records a milestone; the city records a finding and a measure', async () => {
    const page = j.page;
    const today = shanghaiDate(new Date());
    await j.login('pd_industry');
    await j.openProject();
    const ms = page.locator('[data-testid=milestone-form]');
    await ms.locator('select[name=milestone]').selectOption('eia_filed');
    await ms.locator('input[name=date]').fill(today);
    await ms.locator('input[name=department]').fill('浦东新区生态环境局');
    await ms.locator('button.btn').click();
    // The answer may take seconds on a loaded machine (the default poll gives up after one).
    await expect
      .poll(async () => page.locator('[data-testid=milestones] tr[data-milestone=eia_filed]').textContent(), {
        timeout: 30_000
      })
      .toContain(today);
    expect(await page.textContent('[data-testid=tracking-message]')).toContain('已登记');
    // The next step moves on to the EIA approval.
    expect(await page.getAttribute('[data-testid=milestones] tr.next', 'data-milestone')).toBe('eia_approved');
    // District users do not record findings.
    expect(await page.locator('[data-testid=finding-form]').count()).toBe(0);

    await j.login('city_jxw');
    await j.openProject();
    const fd = page.locator('[data-testid=finding-form]');
    await fd.locator('select[name=kind]').selectOption('contract_breach');
    await fd.locator('input[name=date]').fill(today);
    await fd.locator('textarea[name=description]').fill('投产后亩均税收未达到出让合同约定。');
    await fd.locator('button.btn').click();
    await page.waitForSelector('[data-testid=finding]');
    expect(await page.textContent('[data-testid=finding]')).toContain('待处置');
    const me = page.locator('[data-testid=measure-form]');
    await me.locator('select[name=kind]').selectOption('credit_record');
    await me.locator('input[name=date]').fill(today);
    await me.locator('input[name=department]').fill('市经济信息化委');
    await me.locator('input[name=note]').fill('出让合同履约不达标，纳入信用监管（演示）');
    await me.locator('button.btn').click();
    await expect.poll(() => page.textContent('[data-testid=finding]')).toContain('纳入信用监管');
    expect(await page.textContent('[data-testid=finding]')).not.toContain('待处置');
    await j.shot('06b-tracking-city');
  });

  it('the project shows in the tracking list and its page has no page errors anywhere on the way', async () => {
    await j.page.goto(`${baseUrl()}/projects?stage=tracking`);
    await expect.poll(() => j.page.locator(`[data-testid=project-row][data-code="${j.code}"]`).count()).toBe(1);
    await j.login('pd_industry');
    await j.page.goto(`${baseUrl()}/projects`);
    await j.page.waitForSelector('[data-testid=project-list]');
    await j.shot('08-list-district');
    expect(j.errors).toEqual([]);
  });

  it('the English switch shows the same project in English', async () => {
    await j.openProject();
    await Promise.all([j.page.waitForURL(j.projectUrl), j.page.click('a.lang')]);
    await j.page.waitForSelector('[data-testid=project-page]');
    expect(await j.page.textContent('[data-testid=stage-label]')).toBe('Project tracking');
    expect(await j.page.textContent('[data-testid=milestones]')).toContain('EIA submitted');
    expect(await j.page.textContent('[data-testid=joint-review-table]')).toContain('Agree with conditions');
    await j.shot('09-project-en');
    await j.page.click('a.lang');
    expect(j.errors).toEqual([]);
  });
});
