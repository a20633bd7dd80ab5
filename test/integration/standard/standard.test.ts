// The standard against a real database: evaluation stored with its version, declarations and judgements,
// a new version re-evaluating open projects with a report of differences, overrides in the event log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import type { SessionUser } from '../../../src/lib/server/auth/session.ts';
import {
  evaluateProject,
  getProjectEvaluation,
  publishDraft,
  recognitionBlock,
  recordDeclaration,
  recordJudgement,
  recordOverride,
  ruleSetInForce,
  saveDraft,
  searchCodes
} from '../../../src/lib/server/standard/index.ts';
import { sampleContent } from '../../../src/lib/server/standard/reference-data.ts';
import { today } from '../../../src/lib/server/standard/evaluation.service.ts';
import { GOOD_FORM, classification, makeFile, makeProject, sessionUser } from './helpers.ts';

let db: Db;
let admin: SessionUser, ent: SessionUser, district: SessionUser, otherDistrict: SessionUser;

const DECLARATIONS = ['N-CATALOGUE', 'N-THREEHIGH', 'N-COMPLIANCE', 'N-ILLEGAL'];

/** The enterprise declares in its form (declarations are part of the application: draft stage), with evidence files. */
async function declareAll(projectId: string) {
  const { rows } = await db.query<{ stage: string }>('select stage from projects where id = $1', [projectId]);
  await db.query(`update projects set stage = 'draft' where id = $1`, [projectId]);
  for (const criterionId of DECLARATIONS) {
    const fileId = await makeFile(db, ent, projectId);
    await recordDeclaration(db, ent, projectId, { criterionId, affirmed: true, fileId });
  }
  await db.query('update projects set stage = $2 where id = $1', [projectId, rows[0].stage]);
}

/** Leave the database with the sample content in force again (other test files share it). */
async function restoreSample() {
  await saveDraft(db, admin, sampleContent());
  await publishDraft(db, admin, today());
}

beforeAll(async () => {
  db = await getDb();
  admin = await sessionUser(db, 'admin');
  ent = await sessionUser(db, 'enterprise');
  district = await sessionUser(db, 'district_industry', 'pudong');
  otherDistrict = await sessionUser(db, 'district_industry', 'jiading');
});

describe('evaluation of a project', () => {
  it('is stored with the rule-set version, and reaches "meets" after declarations and the judgement', async () => {
    const id = await makeProject(db, ent);
    const first = (await evaluateProject(db, id, 'form'))!;
    expect(first.stored).toBe(true);
    expect(first.evaluation.outcome).toBe('incomplete');
    expect(first.evaluation.results.find((r) => r.criterionId === 'P-TAX')).toMatchObject({ status: 'pass' });
    // Same inputs again: nothing new stored.
    expect((await evaluateProject(db, id, 'form'))!.stored).toBe(false);

    await declareAll(id);
    await recordJudgement(db, district, id, { criterionId: 'P-PLAN', verdict: 'pass', comment: '符合区产业规划' });
    const view = await getProjectEvaluation(db, district, id);
    expect(view.evaluation.results.filter((r) => r.status !== 'pass').map((r) => r.criterionId)).toEqual([]);
    expect(view.evaluation.outcome).toBe('meets');
    expect(view.ruleSet.id).toBe((await ruleSetInForce(db)).id);
  });

  it('names industry codes from the code table in its reasons', async () => {
    const id = await makeProject(db, ent);
    const e = (await evaluateProject(db, id))!.evaluation;
    expect(e.results.find((r) => r.criterionId === 'P-IND')!.reason.zh).toContain(
      'C39 计算机、通信和其他电子设备制造业'
    );
  });

  it('a judgement without a comment is refused; another district cannot see the project', async () => {
    const id = await makeProject(db, ent);
    await expect(
      recordJudgement(db, district, id, { criterionId: 'P-PLAN', verdict: 'pass', comment: ' ' })
    ).rejects.toMatchObject({ status: 400 });
    await expect(getProjectEvaluation(db, otherDistrict, id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('negative-list hit and override', () => {
  it('blocks recognition until the district records an override, which is in the event log', async () => {
    const id = await makeProject(db, ent, { form: { ...GOOD_FORM, industryCode: 'C3130' } }); // steel rolling: "three highs"
    const block = await recognitionBlock(db, id);
    expect(block?.zh).toContain('不属于“三高”');
    await expect(recordOverride(db, ent, id, { reason: '自行豁免' })).rejects.toMatchObject({ status: 403 });
    await expect(recordOverride(db, district, id, { reason: '' })).rejects.toMatchObject({ status: 400 });

    const reason = '经区政府专题会议研究，该项目为短流程电炉改造，能耗低于行业标杆，同意豁免。';
    const { eventId, criterionIds } = await recordOverride(db, district, id, { reason });
    expect(criterionIds).toEqual(['N-IND']);
    const { rows } = await db.query<{
      action: string;
      comment: string;
      actor_id: string;
      payload: { criteria: { id: string }[] };
    }>(`select action, comment, actor_id, payload from events where id = $1 and project_id = $2`, [eventId, id]);
    expect(rows[0]).toMatchObject({ action: 'standard_override', comment: reason, actor_id: district.id });
    expect(rows[0].payload.criteria.map((c) => c.id)).toEqual(['N-IND']);
    expect(await recognitionBlock(db, id)).toBeNull();
    const view = await getProjectEvaluation(db, district, id);
    expect(view.blockingHits).toEqual([]);
    expect(view.overrides[0]).toMatchObject({ reason, criterionIds: ['N-IND'] });
  });

  it('an override of a criterion that is not a hit is refused', async () => {
    const id = await makeProject(db, ent);
    await expect(recordOverride(db, district, id, { reason: '理由', criterionIds: ['P-TAX'] })).rejects.toMatchObject({
      status: 400
    });
  });
});

describe('a new rule-set version', () => {
  afterAll(restoreSample);

  it('re-evaluates open projects, reports their differences, and leaves decided projects on their version', async () => {
    const open = await makeProject(db, ent); // 80 万元/亩
    const decided = await makeProject(db, ent, { stage: 'recognised' });
    const notAffected = await makeProject(db, ent, { form: { ...GOOD_FORM, expectedAnnualTax: 1500 } }); // 150 万元/亩
    for (const id of [open, decided, notAffected]) await evaluateProject(db, id);
    const before = await ruleSetInForce(db);

    const content = sampleContent();
    const tax = content.criteria.find((c) => c.id === 'P-TAX')!;
    if (tax.check.kind === 'threshold') tax.check.value = 100;
    const draft = await saveDraft(db, admin, content);
    expect(draft.status).toBe('draft');
    await expect(publishDraft(db, district, today())).rejects.toMatchObject({ status: 403 });

    const report = await publishDraft(db, admin, today());
    expect(report.inForce).toBe(true);
    expect(report.version).toBeGreaterThan(before.version!);
    const mine = report.changes.filter((c) => [open, decided, notAffected].includes(c.projectId));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ projectId: open, criteria: [{ criterionId: 'P-TAX', from: 'pass', to: 'fail' }] });

    const openView = await getProjectEvaluation(db, admin, open);
    expect(openView.ruleSet.version).toBe(report.version);
    expect(openView.evaluation.results.find((r) => r.criterionId === 'P-TAX')!.status).toBe('fail');
    expect(openView.newer).toBeNull();

    const decidedView = await getProjectEvaluation(db, admin, decided);
    expect(decidedView.ruleSet.version).toBe(before.version);
    expect(decidedView.newer?.version).toBe(report.version);
    expect(decidedView.newer?.diff.criteria.map((c) => [c.criterionId, c.from, c.to])).toEqual([
      ['P-TAX', 'pass', 'fail']
    ]);
  });

  it('a version effective in the future re-evaluates nothing yet but shows as "would change"', async () => {
    const id = await makeProject(db, ent, { form: { ...GOOD_FORM, plotRatioAfter: 1.5 } });
    await evaluateProject(db, id);
    const inForce = await ruleSetInForce(db);
    const content = structuredClone({
      title: inForce.title,
      sample: inForce.sample,
      notes: inForce.notes,
      criteria: inForce.criteria
    });
    const far = content.criteria.find((c) => c.id === 'P-FAR')!;
    if (far.check.kind === 'threshold') far.check.value = 2.0;
    await saveDraft(db, admin, content);
    const report = await publishDraft(db, admin, '2099-01-01');
    expect(report).toMatchObject({ inForce: false, projectsChecked: 0, changes: [] });
    const view = await getProjectEvaluation(db, admin, id);
    expect(view.evaluation.results.find((r) => r.criterionId === 'P-FAR')!.status).toBe('pass');
    expect(view.newer).toMatchObject({ version: report.version, effectiveFrom: '2099-01-01' });
    expect(view.newer!.diff.criteria.map((c) => c.criterionId)).toEqual(['P-FAR']);
  });

  it('an invalid draft is refused with the criterion named', async () => {
    const content = sampleContent();
    (content.criteria[1].check as { value: unknown }).value = 'fifty';
    await expect(saveDraft(db, admin, content)).rejects.toMatchObject({
      status: 400,
      text: { zh: expect.stringContaining('P-TAX') }
    });
  });
});

describe('industry codes', () => {
  it('finds codes by name and by code prefix', async () => {
    expect((await searchCodes(db, '集成电路')).map((c) => c.code)).toContain('C3973');
    const byCode = await searchCodes(db, 'C358');
    expect(byCode[0].code).toBe('C358');
    expect(byCode.map((c) => c.code)).toContain('C3581');
  });
});

describe('spatial criteria from the stored classification', () => {
  it('an eco red-line overlap fails the negative spatial criterion', async () => {
    const id = await makeProject(db, ent, {
      classification: classification({
        conflicts: [{ kind: 'eco_redline', name: '示意红线', code: null, zoneId: 1, areaM2: 120 }]
      })
    });
    const r = (await evaluateProject(db, id))!.evaluation.results.find((x) => x.criterionId === 'N-REDLINE')!;
    expect(r.status).toBe('fail');
    expect(r.reason.zh).toContain('生态保护红线“示意红线”');
  });
});
