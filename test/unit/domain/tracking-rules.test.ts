// 产业项目跟踪 (二.3–二.5): the boundaries of the dates a record may carry (the recognition day and today are
// allowed), who is refused and what they are told, and findings and measures outside the tracking stages.
import { describe, expect, it } from 'vitest';
import {
  checkFinding,
  checkMeasure,
  checkMilestone,
  trackingSummary,
  type FindingRecord,
  type MilestoneInput,
  type MilestoneRecord
} from '../../../src/lib/domain/tracking.ts';
import { ROLES } from '../../../src/lib/domain/roles.ts';
import { DOCS_BASIC, FACTS, Journey } from './workflow-helpers.ts';

/** A Pudong project recognised on 2026-10-09 (Shanghai), now in tracking. */
const j = new Journey(FACTS.insideRetained)
  .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }, '2026-09-27')
  .do('district_industry', 'accept', {}, '2026-09-28')
  .do('district_industry', 'start_joint_review', { departments: ['planning_resources'] }, '2026-09-29')
  .do('district_department', 'record_opinion', { opinion: 'agree' }, '2026-09-30')
  .do('district_industry', 'close_joint_review', {}, '2026-09-30')
  .do('district_government', 'recognise', { documentId: 'rec' }, '2026-10-09');
const early = new Journey(FACTS.insideRetained).do(
  'enterprise',
  'submit',
  { attachedDocuments: DOCS_BASIC },
  '2026-09-27'
);
const ind = j.actors.district_industry;
const TODAY = '2026-12-31';
let n = 0;
const rec = (m: MilestoneInput): MilestoneRecord => ({
  ...m,
  id: `m${++n}`,
  actorId: 'x',
  role: 'district_industry',
  recordedAt: '2026-11-01T00:00:00Z'
});
const FINDING: FindingRecord = {
  id: 'f1',
  kind: 'contract_breach',
  date: '2026-12-01',
  description: '亩均产出未达合同约定',
  actorId: 'sheitc',
  role: 'city_sheitc',
  recordedAt: '2026-12-01T02:00:00Z'
};
const MEASURE = { kind: 'land_recovery' as const, findingId: 'f1', date: '2026-12-10', department: '市规划资源局' };

describe('milestone dates', () => {
  it('the recognition day itself and today are allowed; the day before recognition and tomorrow are not', () => {
    expect(checkMilestone(j.state, ind, { milestone: 'eia_filed', date: '2026-10-09' }, [], TODAY)).toBeNull();
    expect(checkMilestone(j.state, ind, { milestone: 'eia_filed', date: TODAY }, [], TODAY)).toBeNull();
    expect(checkMilestone(j.state, ind, { milestone: 'eia_filed', date: '2026-10-08' }, [], TODAY)).toEqual({
      status: 400,
      code: 'date_before_recognition',
      zh: '“环评报批”日期不能早于认定日期（2026-10-09）。',
      en: 'The date of "EIA submitted" cannot be before recognition (2026-10-09).'
    });
    expect(checkMilestone(j.state, ind, { milestone: 'eia_filed', date: '2027-01-01' }, [], TODAY)).toEqual({
      status: 400,
      code: 'date_in_future',
      zh: '“环评报批”日期不能晚于今天（2026-12-31），请在事项发生后登记。',
      en: 'The date of "EIA submitted" cannot be after today (2026-12-31); record it once it has happened.'
    });
  });

  it('a step may fall on the same day as the step it follows, not before it', () => {
    const before = [
      rec({ milestone: 'eia_filed', date: '2026-10-20' }),
      rec({ milestone: 'eia_approved', date: '2026-11-15', documentId: 'e' }),
      rec({ milestone: 'construction_permit', date: '2026-11-10', documentId: 'p' })
    ];
    expect(
      checkMilestone(j.state, ind, { milestone: 'construction_start', date: '2026-11-15' }, before, TODAY)
    ).toBeNull();
    expect(
      checkMilestone(j.state, ind, { milestone: 'construction_start', date: '2026-11-14' }, before, TODAY)
    ).toEqual({
      status: 400,
      code: 'date_before_prerequisite',
      zh: '“开工建设”日期不能早于“环评批复”（2026-11-15）。',
      en: '"Construction started" cannot be dated before "EIA approved" (2026-11-15).'
    });
  });
});

describe('what a refused milestone says', () => {
  it('the wrong role: who records it instead', () => {
    expect(
      checkMilestone(j.state, j.actors.enterprise, { milestone: 'eia_filed', date: '2026-10-20' }, [], TODAY)
    ).toEqual({
      status: 403,
      code: 'role_not_allowed',
      zh: '“环评报批”应由市、区生态环境部门或区产业部门登记。',
      en: '"EIA submitted" is recorded by City/district ecology and environment bureau or the district industry department.'
    });
  });
  it('a missing document, result, duplicate or prerequisite: what to do', () => {
    expect(
      checkMilestone(j.state, ind, { milestone: 'construction_permit', date: '2026-11-10' }, [], TODAY)
    ).toMatchObject({
      zh: '登记“施工许可”须上传相关文件。',
      en: 'Recording "Construction permit" needs the document uploaded.'
    });
    expect(
      checkMilestone(j.state, j.actors.city_planning, { milestone: 'planning_check', date: '2026-12-01' }, [], TODAY)
    ).toMatchObject({
      zh: '请填写“规划和土地利用执行情况检查”的结论（合格 / 不合格）。',
      en: 'Give the result of "Planning and land-use check" (pass / fail).'
    });
    const filed = rec({ milestone: 'eia_filed', date: '2026-10-20' });
    expect(checkMilestone(j.state, ind, { milestone: 'eia_filed', date: '2026-10-21' }, [filed], TODAY)).toMatchObject({
      zh: '“环评报批”已登记。',
      en: '"EIA submitted" is already recorded.'
    });
    const r = checkMilestone(
      j.state,
      ind,
      { milestone: 'eia_approved', date: '2026-11-01', documentId: 'e' },
      [],
      TODAY
    );
    expect(r).toMatchObject({ status: 409, code: 'prerequisite_missing' });
    expect(r!.en).toMatch(/^Record "EIA submitted" before "EIA approved" \(/);
  });
  it('outside its district or before recognition: the project is not visible, or not tracked', () => {
    const minhang = { id: 'm', role: 'district_industry' as const, authorityCode: 'minhang' };
    expect(checkMilestone(j.state, minhang, { milestone: 'eia_filed', date: '2026-10-20' }, [], TODAY)).toEqual({
      status: 403,
      code: 'not_visible',
      zh: '您无权查看该项目。',
      en: 'You cannot see this project.'
    });
    expect(checkMilestone(early.state, ind, { milestone: 'eia_filed', date: '2026-10-20' }, [], TODAY)).toEqual({
      status: 409,
      code: 'not_tracked',
      zh: '项目尚未通过认定，不在产业项目跟踪范围内。',
      en: 'The project is not recognised, so it is not under tracking.'
    });
  });
});

describe('findings (二.5)', () => {
  it('recorded by the city departments only', () => {
    expect(ROLES.filter((r) => checkFinding(j.state, j.actors[r], FINDING, TODAY) === null)).toEqual([
      'city_sheitc',
      'city_ndrc',
      'city_stcsm',
      'city_planning',
      'city_ecology'
    ]);
    expect(checkFinding(j.state, ind, FINDING, TODAY)).toEqual({
      status: 403,
      code: 'role_not_allowed',
      zh: '问题认定由市级部门登记。',
      en: 'Findings are recorded by city departments.'
    });
  });
  it('dated today at the latest; only for a project in tracking', () => {
    expect(checkFinding(j.state, j.actors.city_sheitc, { ...FINDING, date: TODAY }, TODAY)).toBeNull();
    expect(checkFinding(j.state, j.actors.city_sheitc, { ...FINDING, date: '2027-01-01' }, TODAY)).toEqual({
      status: 400,
      code: 'date_in_future',
      zh: '日期不能晚于今天。',
      en: 'The date cannot be after today.'
    });
    expect(checkFinding(early.state, j.actors.city_sheitc, FINDING, TODAY)).toMatchObject({
      status: 409,
      code: 'not_tracked'
    });
  });
});

describe('measures (二.5)', () => {
  it('recorded by the city departments only', () => {
    expect(ROLES.filter((r) => checkMeasure(j.state, j.actors[r], MEASURE, [FINDING], TODAY) === null)).toEqual([
      'city_sheitc',
      'city_ndrc',
      'city_stcsm',
      'city_planning',
      'city_ecology'
    ]);
    expect(checkMeasure(j.state, ind, MEASURE, [FINDING], TODAY)).toEqual({
      status: 403,
      code: 'role_not_allowed',
      zh: '处置措施由市级部门登记。',
      en: 'Measures are recorded by city departments.'
    });
    expect(checkMeasure(early.state, j.actors.city_sheitc, MEASURE, [FINDING], TODAY)).toMatchObject({
      status: 409,
      code: 'not_tracked'
    });
  });
  it("refer to a recorded finding, dated from the finding's day to today", () => {
    const c = (o: Partial<typeof MEASURE>, findings = [FINDING]) =>
      checkMeasure(j.state, j.actors.city_sheitc, { ...MEASURE, ...o }, findings, TODAY);
    expect(c({}, [])).toMatchObject({
      code: 'finding_missing',
      zh: '处置措施须对应一项已登记的问题（申报信息不实或合同履约不达标）。',
      en: 'A measure must refer to a recorded finding (false information or contract breach).'
    });
    expect(c({ date: '2026-12-01' })).toBeNull();
    expect(c({ date: TODAY })).toBeNull();
    expect(c({ date: '2026-11-30' })).toMatchObject({
      zh: '措施日期不能早于问题认定日期（2026-12-01）。',
      en: 'The measure cannot be dated before the finding (2026-12-01).'
    });
    expect(c({ date: '2027-01-01' })).toEqual({
      status: 400,
      code: 'date_in_future',
      zh: '日期不能晚于今天。',
      en: 'The date cannot be after today.'
    });
  });
});

describe('the tracking summary', () => {
  it('lists only failed checks, and keeps open the findings no measure refers to', () => {
    const ms = [
      rec({ milestone: 'planning_check', date: '2026-12-01', result: 'pass' }),
      rec({ milestone: 'planning_check', date: '2026-12-05', result: 'fail' })
    ];
    const f2: FindingRecord = { ...FINDING, id: 'f2' };
    const s = trackingSummary(
      ms,
      [FINDING, f2],
      [{ ...MEASURE, findingId: 'f2', id: 'x', actorId: 's', role: 'city_sheitc', recordedAt: '' }]
    );
    expect(s.failedChecks.map((r) => r.date)).toEqual(['2026-12-05']);
    expect(s.openFindings.map((f) => f.id)).toEqual(['f1']);
    expect(trackingSummary([])).toEqual({ done: [], next: 'eia_filed', failedChecks: [], openFindings: [] });
  });
});
