// Every path of issue 5 end to end through applyProjectAction on the real database.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { getProject, listProjects } from '../../../src/lib/server/projects/projects.service.ts';
import { inbox } from '../../../src/lib/server/workflow/workflow.service.ts';
import { recordFinding, recordMeasure, recordMilestone } from '../../../src/lib/server/tracking/tracking.service.ts';
import {
  JUSTIFIED,
  act,
  city,
  district,
  events,
  getDb,
  issueSheetFor,
  readyDraft,
  recognitionDoc,
  user
} from './harness.ts';
import { UserError } from '../../../src/lib/errors.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => null,
    (x) => x
  );
  if (!(e instanceof UserError)) throw new Error(`expected an UserError, got ${String(e)}`);
  return e;
}

describe('district path (inside the boundary, retained)', () => {
  it('goes draft → submitted → preliminary → joint review (two opinions) → government recognises → tracking', async () => {
    const pd = await district(db, 'pudong');
    const { id, version: v0 } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    let v = await act(db, pd.ent, id, v0, 'submit');
    // The district sees it now; accepting starts the clock.
    expect((await inbox(db, pd.industry)).map((i) => i.project.id)).toContain(id);
    v = await act(db, pd.industry, id, v, 'accept');
    let p = await getProject(db, pd.industry, id);
    expect(p.clock?.state).toBe('running');
    expect(p.clock?.dueDate).not.toBeNull();
    v = await act(db, pd.industry, id, v, 'start_joint_review', {
      departments: ['planning_resources', 'development_reform']
    });
    // The ecology bureau was not invited.
    expect((await refusal(act(db, pd.sthj, id, v, 'record_opinion', { opinion: 'agree' }))).status).toBe(403);
    v = await act(db, pd.fgw, id, v, 'record_opinion', { opinion: 'agree' });
    expect((await refusal(act(db, pd.industry, id, v, 'close_joint_review'))).code).toBe('review_incomplete');
    v = await act(db, pd.ghzy, id, v, 'record_opinion', { opinion: 'conditional', comment: '须按控详规划落实退界' });
    // A copy of the 项目信息表 goes to the district government (附件 二.1): no sheet, no 报请认定.
    const noSheet = await refusal(act(db, pd.industry, id, v, 'close_joint_review'));
    expect(noSheet.code).toBe('sheet_missing');
    expect(noSheet.text.zh).toContain('附件 二.1');
    await issueSheetFor(db, pd.industry, id);
    v = await act(db, pd.industry, id, v, 'close_joint_review');
    expect((await inbox(db, pd.gov)).map((i) => i.project.id)).toContain(id);
    // Recognition needs the document uploaded to the project first.
    expect((await refusal(act(db, pd.gov, id, v, 'recognise'))).code).toBe('recognition_document_missing');
    const doc = await recognitionDoc(db, pd.gov, id);
    v = await act(db, pd.gov, id, v, 'recognise', { justification: JUSTIFIED, documentId: doc });
    p = await getProject(db, pd.gov, id);
    expect(p.stage).toBe('tracking');
    expect(p.version).toBe(v);
    expect(p.clock?.state).toBe('stopped');
    expect(p.workflow.jointOpinions.planning_resources?.opinion).toBe('conditional');
    const log = (await events(db, id)).filter(
      (e) => e.version !== null && !['create', 'save_draft'].includes(e.action)
    );
    expect(log.map((e) => `${e.action}:${e.from_stage}→${e.to_stage}`)).toEqual([
      'submit:draft→submitted',
      'accept:submitted→preliminary_review',
      'start_joint_review:preliminary_review→joint_review',
      'record_opinion:joint_review→joint_review',
      'record_opinion:joint_review→joint_review',
      'close_joint_review:joint_review→decision',
      'recognise:decision→recognised',
      'enter_tracking:recognised→tracking'
    ]);
    expect(log.at(-1)!.actor_role).toBe('system');
    // Events carry labels for the timeline, newest last.
    expect(p.events.at(-1)!.actionLabel.zh).toBe('自动转入产业项目跟踪');
    expect(p.events.find((e) => e.action === 'recognise')!.actorName).toBe(pd.gov.displayName);
  });

  it('a return pauses the clock and the resubmission goes back to where it was returned from', async () => {
    const pd = await district(db, 'pudong');
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    let v = await act(db, pd.ent, id, version, 'submit');
    v = await act(db, pd.industry, id, v, 'accept');
    expect((await refusal(act(db, pd.industry, id, v, 'return'))).code).toBe('reason_missing');
    v = await act(db, pd.industry, id, v, 'return', { comment: '土地权证复印件不清晰' });
    let p = await getProject(db, pd.ent, id);
    expect(p.stage).toBe('returned');
    expect(p.clock?.state).toBe('paused');
    expect(p.canEdit).toBe(true);
    v = await act(db, pd.ent, id, v, 'resubmit');
    p = await getProject(db, pd.ent, id);
    expect(p.stage).toBe('preliminary_review');
    expect(p.canEdit).toBe(false);
  });
});

describe('Lingang', () => {
  it('the committee decides; a Pudong government user cannot even see the project', async () => {
    const lg = await district(db, 'lingang');
    const pdGov = await user(db, 'district_government', 'pudong');
    const { id, version } = await readyDraft(db, lg.ent, { landType: 'inside_boundary', authority: 'lingang' });
    let v = await act(db, lg.ent, id, version, 'submit');
    v = await act(db, lg.industry, id, v, 'accept');
    v = await act(db, lg.industry, id, v, 'start_joint_review', { departments: ['planning_resources'] });
    v = await act(db, lg.ghzy, id, v, 'record_opinion', { opinion: 'agree' });
    await issueSheetFor(db, lg.industry, id);
    v = await act(db, lg.industry, id, v, 'close_joint_review');
    expect((await getProject(db, lg.gov, id)).stageLabel.zh).toBe('临港新片区管委会认定');
    expect(
      (await refusal(act(db, pdGov, id, v, 'recognise', { justification: JUSTIFIED, documentId: 'x' }))).status
    ).toBe(404);
    v = await act(db, lg.gov, id, v, 'recognise', {
      justification: JUSTIFIED,
      documentId: await recognitionDoc(db, lg.gov, id)
    });
    expect((await getProject(db, lg.gov, id)).stage).toBe('tracking');
  });
});

describe('city path (strategic reserve, newly transferred land)', () => {
  it('district preliminary review, then the 三委两局 opinions and SHEITC decides', async () => {
    const jd = await district(db, 'jiading');
    const c = await city(db);
    const { id, version } = await readyDraft(db, jd.ent, {
      landType: 'reserve',
      authority: 'jiading',
      form: { newlyTransferred: true }
    });
    let v = await act(db, jd.ent, id, version, 'submit');
    v = await act(db, jd.industry, id, v, 'accept');
    expect(
      (await refusal(act(db, jd.industry, id, v, 'start_joint_review', { departments: ['planning_resources'] }))).code
    ).toBe('not_on_path');
    // 三.1 "由区政府初审后报市": the district government's copy of the sheet exists before the forward.
    expect((await refusal(act(db, jd.industry, id, v, 'forward_to_city', { reserveMechanism: '测试' }))).code).toBe(
      'sheet_missing'
    );
    await issueSheetFor(db, jd.industry, id);
    // 三.1: the forward records the reserve-area planning mechanism's step.
    expect((await refusal(act(db, jd.industry, id, v, 'forward_to_city'))).code).toBe('city_reserve_mechanism_missing');
    v = await act(db, jd.industry, id, v, 'forward_to_city', {
      reserveMechanism: '市规划资源局已启动战略预留区规划（测试）'
    });
    for (const u of [c.ndrc, c.stcsm, c.planning, c.ecology])
      v = await act(db, u, id, v, 'record_city_opinion', { opinion: 'agree' });
    v = await act(db, c.sheitc, id, v, 'record_city_opinion', { opinion: 'agree' });
    // The district government does not decide on this path.
    expect(
      (await refusal(act(db, jd.gov, id, v, 'recognise', { justification: JUSTIFIED, documentId: 'x' }))).status
    ).toBe(403);
    v = await act(db, c.sheitc, id, v, 'recognise', {
      justification: JUSTIFIED,
      documentId: await recognitionDoc(db, c.sheitc, id)
    });
    expect((await getProject(db, jd.industry, id)).stage).toBe('tracking');
  });
});

describe('inside the boundary, not retained: the commitment', () => {
  it('is refused without the commitment letter and accepted with it', async () => {
    const pd = await district(db, 'pudong');
    const noLetter = await readyDraft(db, pd.ent, {
      landType: 'inside_boundary',
      authority: 'pudong',
      form: { retainedInPlan: false, retainedPlanKind: '' }
    });
    const e = await refusal(act(db, pd.ent, noLetter.id, noLetter.version, 'submit'));
    expect(e.status).toBe(400);
    expect(e.text.zh).toContain('无条件服从政府实施规划收回土地承诺书');
    expect((await getProject(db, pd.ent, noLetter.id)).missingDocuments.map((d) => d.kind)).toEqual(['commitment']);
    const withLetter = await readyDraft(db, pd.ent, {
      landType: 'inside_boundary',
      authority: 'pudong',
      form: { retainedInPlan: false, retainedPlanKind: '' },
      commitment: true
    });
    await act(db, pd.ent, withLetter.id, withLetter.version, 'submit');
    expect((await getProject(db, pd.ent, withLetter.id)).stage).toBe('submitted');
  });
});

async function toDecision(d: Awaited<ReturnType<typeof district>>, id: string, version: number) {
  let v = await act(db, d.ent, id, version, 'submit');
  v = await act(db, d.industry, id, v, 'accept');
  v = await act(db, d.industry, id, v, 'start_joint_review', { departments: ['planning_resources'] });
  v = await act(db, d.ghzy, id, v, 'record_opinion', { opinion: 'agree' });
  await issueSheetFor(db, d.industry, id);
  return act(db, d.industry, id, v, 'close_joint_review');
}

describe('outside the boundary', () => {
  it('not retained: recognised, then the plan adjustment is recorded before tracking', async () => {
    const jd = await district(db, 'jiading');
    const { id, version } = await readyDraft(db, jd.ent, {
      landType: 'outside_boundary',
      authority: 'jiading',
      form: { retainedInPlan: false, retainedPlanKind: '' }
    });
    let v = await toDecision(jd, id, version);
    v = await act(db, jd.gov, id, v, 'recognise', {
      justification: JUSTIFIED,
      documentId: await recognitionDoc(db, jd.gov, id)
    });
    expect((await getProject(db, jd.gov, id)).stage).toBe('recognised');
    // The development and reform commission is not the planning side.
    expect((await refusal(act(db, jd.fgw, id, v, 'complete_plan_adjustment', { documentId: 'x' }))).status).toBe(403);
    const approval = await recognitionDoc(db, jd.ghzy, id, 'plan_adjustment');
    v = await act(db, jd.ghzy, id, v, 'complete_plan_adjustment', { documentId: approval });
    expect((await getProject(db, jd.gov, id)).stage).toBe('tracking');
  });

  it('plot ratio above the contract: recognised, then SHEITC and the planning bureau acknowledge the filing', async () => {
    const jd = await district(db, 'jiading');
    const c = await city(db);
    const { id, version } = await readyDraft(db, jd.ent, {
      landType: 'outside_boundary',
      authority: 'jiading',
      form: { plotRatioAfter: 3, contractPlotRatio: 1.2, retainedPlanKind: 'town' }
    });
    let v = await toDecision(jd, id, version);
    v = await act(db, jd.gov, id, v, 'recognise', {
      justification: JUSTIFIED,
      documentId: await recognitionDoc(db, jd.gov, id)
    });
    let p = await getProject(db, c.sheitc, id);
    expect(p.workflow.filing.required).toBe(true);
    expect((await inbox(db, c.planning)).map((i) => i.project.id)).toContain(id);
    v = await act(db, c.sheitc, id, v, 'acknowledge_filing');
    expect((await refusal(act(db, c.sheitc, id, v, 'acknowledge_filing'))).code).toBe('already_acknowledged');
    v = await act(db, c.planning, id, v, 'acknowledge_filing');
    p = await getProject(db, c.planning, id);
    expect(Object.keys(p.workflow.filing.acknowledgements).sort()).toEqual(['city_planning', 'city_sheitc']);
    expect((await inbox(db, c.planning)).map((i) => i.project.id)).not.toContain(id);
  });
});

describe('inside a planned industrial block', () => {
  it('cannot be submitted and the user is told why', async () => {
    const pd = await district(db, 'pudong');
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'industrial_block', authority: 'pudong' });
    const e = await refusal(act(db, pd.ent, id, version, 'submit'));
    expect(e.status).toBe(400);
    expect(e.code).toBe('out_of_scope_industrial_block');
    expect(e.text.zh).toContain('规划产业区块内');
  });
});

describe('tracking', () => {
  it('milestones in legal order, findings and measures by city users, all in the log', async () => {
    const pd = await district(db, 'pudong');
    const c = await city(db);
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    const v = await toDecision(pd, id, version);
    await act(db, pd.gov, id, v, 'recognise', {
      justification: JUSTIFIED,
      documentId: await recognitionDoc(db, pd.gov, id)
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await recordMilestone(db, pd.sthj, id, { milestone: 'eia_filed', date: today });
    expect((await refusal(recordMilestone(db, pd.sthj, id, { milestone: 'eia_filed', date: today }))).code).toBe(
      'already_recorded'
    );
    expect(
      (await refusal(recordMilestone(db, pd.industry, id, { milestone: 'construction_start', date: today }))).code
    ).toBe('prerequisite_missing');
    expect(
      (
        await refusal(
          recordFinding(db, pd.industry, id, { kind: 'false_information', date: today, description: '虚报产值' })
        )
      ).status
    ).toBe(403);
    const finding = await recordFinding(db, c.sheitc, id, {
      kind: 'contract_breach',
      date: today,
      description: '未按合同约定投产'
    });
    await recordMeasure(db, c.sheitc, id, {
      kind: 'credit_record',
      findingId: finding.id,
      date: today,
      department: '市经济信息化委',
      note: '未按合同约定投产'
    });
    const p = await getProject(db, pd.industry, id);
    expect(p.tracking.milestones.map((m) => m.milestone)).toEqual(['eia_filed']);
    expect(p.tracking.findings).toHaveLength(1);
    expect(p.tracking.measures[0].findingId).toBe(finding.id);
    expect(p.tracking.summary.openFindings).toHaveLength(0);
    expect(p.events.filter((e) => e.action.startsWith('record_')).map((e) => e.action)).toEqual([
      'record_opinion',
      'record_milestone',
      'record_finding',
      'record_measure'
    ]);
  });
});

describe('visibility', () => {
  it('a district user sees only its district, an enterprise only its own, a city user both', async () => {
    const pd = await district(db, 'pudong');
    const jdInd = await user(db, 'district_industry', 'jiading');
    const otherEnt = await user(db, 'enterprise');
    const c = await city(db);
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    await act(db, pd.ent, id, version, 'submit');
    expect((await refusal(getProject(db, jdInd, id))).status).toBe(404);
    expect((await refusal(getProject(db, otherEnt, id))).status).toBe(404);
    expect((await listProjects(db, jdInd, {})).map((p) => p.id)).not.toContain(id);
    expect((await listProjects(db, otherEnt, {})).map((p) => p.id)).not.toContain(id);
    expect((await listProjects(db, pd.industry, { stage: 'submitted' })).map((p) => p.id)).toContain(id);
    expect((await listProjects(db, c.ndrc, { authority: 'pudong' })).map((p) => p.id)).toContain(id);
    // A not-found and a not-visible project give the same answer.
    const missing = await refusal(getProject(db, jdInd, '00000000-0000-4000-8000-000000000000'));
    const hidden = await refusal(getProject(db, jdInd, id));
    expect([missing.status, missing.code, missing.text.zh]).toEqual([hidden.status, hidden.code, hidden.text.zh]);
  });
});
