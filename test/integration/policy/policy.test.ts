// Policy with teeth (issue 12) on the real database: each rule refuses before anything is written, the refusal is
// logged with who and why, and the override (a justification, a lift, a restore) is an event too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db/index.ts';
import {
  applySanction,
  liftSanction,
  recordFinding,
  recordMilestone
} from '../../../src/lib/server/tracking/tracking.service.ts';
import { getProject } from '../../../src/lib/server/projects/projects.service.ts';
import { recordDistrictMeasure } from '../../../src/lib/server/supervision/supervision.service.ts';
import { cityDashboard } from '../../../src/lib/server/stats/stats.service.ts';
import { recordPolicyVersion } from '../../../src/lib/server/policy/versions.service.ts';
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
} from '../workflow/harness.ts';
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
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

type Cast = Awaited<ReturnType<typeof district>>;
async function toDecision(d: Cast, id: string, version: number) {
  let v = await act(db, d.ent, id, version, 'submit');
  v = await act(db, d.industry, id, v, 'accept');
  v = await act(db, d.industry, id, v, 'start_joint_review', { departments: ['planning_resources'] });
  v = await act(db, d.ghzy, id, v, 'record_opinion', { opinion: 'agree' });
  await issueSheetFor(db, d.industry, id);
  return act(db, d.industry, id, v, 'close_joint_review');
}
const policyEvents = async (id: string) =>
  (
    await db.query<{
      action: string;
      comment: string | null;
      payload: Record<string, unknown>;
      actor_id: string | null;
    }>(
      `select action, comment, payload, actor_id from events where project_id = $1 and action = 'policy_refusal' order by id`,
      [id]
    )
  ).rows;

describe('收回认定权 (二.5)', () => {
  let c: Awaited<ReturnType<typeof city>>;
  afterAll(async () => {
    // Never leave the district withdrawn for other test files.
    await recordDistrictMeasure(db, c.sheitc, {
      authorityCode: 'songjiang',
      measure: 'restore_authority',
      note: '测试结束恢复'
    }).catch(() => {});
  });

  it('the district cannot decide while withdrawn; the lead forwards to the city, which decides; after the restore it decides again', async () => {
    const sj = await district(db, 'songjiang');
    c = await city(db);
    const a = await readyDraft(db, sj.ent, { landType: 'inside_boundary', authority: 'songjiang' });
    let v = await toDecision(sj, a.id, a.version);
    await recordDistrictMeasure(db, c.sheitc, {
      authorityCode: 'songjiang',
      measure: 'revoke_authority',
      note: '认定标准偏差较大（测试）'
    });
    expect(
      (
        await refusal(
          recordDistrictMeasure(db, c.sheitc, { authorityCode: 'songjiang', measure: 'revoke_authority', note: '再次' })
        )
      ).code
    ).toBe('authority_already_withdrawn');

    const doc = await recognitionDoc(db, sj.gov, a.id);
    const r = await refusal(act(db, sj.gov, a.id, v, 'recognise', { documentId: doc, justification: JUSTIFIED }));
    expect(r.status).toBe(403);
    expect(r.code).toBe('authority_withdrawn');
    expect(r.text.zh).toContain('认定权');
    expect(r.text.en).toContain('(clause 二.5)');
    // The district industry department recording for the government is refused too; nothing moved.
    expect(
      (await refusal(act(db, sj.industry, a.id, v, 'recognise', { documentId: doc, justification: JUSTIFIED }))).code
    ).toBe('authority_withdrawn');
    const p = await getProject(db, sj.gov, a.id);
    expect(p.stage).toBe('decision');
    expect(p.policy.authority?.withdrawn).toBe(true);
    expect(p.availableActions.map((x) => x.type)).not.toContain('recognise');
    // Both refusals are in the log with who and why.
    const logged = await policyEvents(a.id);
    expect(logged.map((e) => [e.payload.code, e.actor_id])).toEqual([
      ['authority_withdrawn', sj.gov.id],
      ['authority_withdrawn', sj.industry.id]
    ]);

    // Who decides meanwhile: the city's 三委两局 review.
    v = await act(db, sj.industry, a.id, v, 'forward_to_city');
    for (const who of [c.ndrc, c.stcsm, c.planning, c.ecology])
      v = await act(db, who, a.id, v, 'record_city_opinion', { opinion: 'agree' });
    v = await act(db, c.sheitc, a.id, v, 'record_city_opinion', { opinion: 'agree' });
    await act(db, c.sheitc, a.id, v, 'recognise', {
      documentId: await recognitionDoc(db, c.sheitc, a.id),
      justification: JUSTIFIED
    });
    expect((await getProject(db, c.sheitc, a.id)).stage).toBe('tracking');

    await recordDistrictMeasure(db, c.sheitc, {
      authorityCode: 'songjiang',
      measure: 'restore_authority',
      note: '整改到位（测试）'
    });
    expect(
      (
        await refusal(
          recordDistrictMeasure(db, c.sheitc, {
            authorityCode: 'songjiang',
            measure: 'restore_authority',
            note: '再次'
          })
        )
      ).code
    ).toBe('authority_not_withdrawn');
    const b = await readyDraft(db, sj.ent, { landType: 'inside_boundary', authority: 'songjiang' });
    const vb = await toDecision(sj, b.id, b.version);
    await act(db, sj.gov, b.id, vb, 'recognise', {
      documentId: await recognitionDoc(db, sj.gov, b.id),
      justification: JUSTIFIED
    });
    expect((await getProject(db, sj.gov, b.id)).stage).toBe('tracking');
  });
});

describe('the positive list is a gate (一.3、一.4) and the dashboard counts the exceptions', () => {
  it('refuses without a justification, records it with the criteria, and flags the district', async () => {
    const fx = await district(db, 'fengxian');
    const c = await city(db);
    const a = await readyDraft(db, fx.ent, { landType: 'inside_boundary', authority: 'fengxian' });
    const v = await toDecision(fx, a.id, a.version);
    const before = await getProject(db, fx.gov, a.id);
    expect(before.policy.positiveGaps.map((g) => g.criterionId)).toContain('P-PLAN');
    const doc = await recognitionDoc(db, fx.gov, a.id);
    const r = await refusal(act(db, fx.gov, a.id, v, 'recognise', { documentId: doc }));
    expect(r).toMatchObject({ status: 409, code: 'positive_list_not_met' });
    expect(r.text.zh).toContain('正面清单');
    expect((await getProject(db, fx.gov, a.id)).stage).toBe('decision');
    await act(db, fx.gov, a.id, v, 'recognise', { documentId: doc, justification: JUSTIFIED });
    const rec = (
      await db.query<{
        actor_id: string;
        comment: string;
        payload: { positiveList: { justification: string; criteria: { id: string }[] } };
      }>(`select actor_id, comment, payload from events where project_id = $1 and action = 'recognise'`, [a.id])
    ).rows[0];
    expect(rec.actor_id).toBe(fx.gov.id);
    expect(rec.payload.positiveList.justification).toBe(JUSTIFIED);
    expect(rec.payload.positiveList.criteria.map((x) => x.id)).toContain('P-PLAN');
    expect(rec.comment).toContain(JUSTIFIED);
    const dash = await cityDashboard(db, c.sheitc);
    const f = dash.districts.find((d) => d.authorityCode === 'fengxian')!;
    expect(f.recognisedBelowStandard).toBeGreaterThanOrEqual(1);
    expect(f.flags.map((x) => x.kind)).toContain('standard_deviation');
  });
});

describe('construction is refused while the plan adjustment is pending (一.4(3)) or 停止改扩建手续办理 is in force (二.5)', () => {
  it('plan adjustment first', async () => {
    const qp = await district(db, 'qingpu');
    const a = await readyDraft(db, qp.ent, {
      landType: 'outside_boundary',
      authority: 'qingpu',
      form: { retainedInPlan: false, retainedPlanKind: '' }
    });
    const v = await toDecision(qp, a.id, a.version);
    await act(db, qp.gov, a.id, v, 'recognise', {
      documentId: await recognitionDoc(db, qp.gov, a.id),
      justification: JUSTIFIED
    });
    const permit = await recognitionDoc(db, qp.industry, a.id, 'other');
    const r = await refusal(
      recordMilestone(db, qp.industry, a.id, { milestone: 'construction_permit', date: today(), documentId: permit })
    );
    expect(r).toMatchObject({ status: 409, code: 'plan_adjustment_pending' });
    expect(r.text.zh).toContain('一.4(3)');
    expect((await getProject(db, qp.industry, a.id)).policy.construction.planAdjustmentPending).toBe(true);
  });

  it('a sanction needs a reason, stops construction, and the city lifts it with a reason', async () => {
    const bs = await district(db, 'baoshan');
    const c = await city(db);
    const a = await readyDraft(db, bs.ent, { landType: 'inside_boundary', authority: 'baoshan' });
    const v = await toDecision(bs, a.id, a.version);
    await act(db, bs.gov, a.id, v, 'recognise', {
      documentId: await recognitionDoc(db, bs.gov, a.id),
      justification: JUSTIFIED
    });
    const finding = await recordFinding(db, c.sheitc, a.id, {
      kind: 'false_information',
      date: today(),
      description: '虚报产值（测试）'
    });
    const base = { kind: 'stop_procedures', findingId: finding.id, date: today(), department: '市经济信息化委' };
    expect((await refusal(applySanction(db, c.sheitc, a.id, base))).code).toBe('sanction_reason_missing');
    expect((await refusal(applySanction(db, bs.industry, a.id, { ...base, note: '区里不能' }))).status).toBe(403);
    const m = await applySanction(db, c.sheitc, a.id, { ...base, note: '申报信息不实' });
    const permit = await recognitionDoc(db, bs.industry, a.id, 'other');
    const r = await refusal(
      recordMilestone(db, bs.industry, a.id, { milestone: 'construction_permit', date: today(), documentId: permit })
    );
    expect(r).toMatchObject({ status: 409, code: 'sanction_in_force' });
    expect(r.text.zh).toContain('停止改扩建手续办理');
    // EIA is not construction: still recorded.
    await recordMilestone(db, bs.sthj, a.id, { milestone: 'eia_filed', date: today() });
    expect(
      (await refusal(liftSanction(db, bs.industry, a.id, { measureId: m.id, date: today(), reason: '整改' }))).status
    ).toBe(403);
    await liftSanction(db, c.sheitc, a.id, { measureId: m.id, date: today(), reason: '已更正申报信息（测试）' });
    await recordMilestone(db, bs.industry, a.id, {
      milestone: 'construction_permit',
      date: today(),
      documentId: permit
    });
    const log = (await events(db, a.id)).map((e) => e.action);
    expect(log.filter((x) => ['record_measure', 'policy_refusal', 'lift_measure'].includes(x))).toEqual([
      'record_measure',
      'policy_refusal',
      'lift_measure'
    ]);
    const p = await getProject(db, c.sheitc, a.id);
    expect(p.policy.sanctions).toEqual([]);
  });
});

describe('新建 / 改建 / 扩建 (一.4(2))', () => {
  it('the commitment path refuses 扩建 at submit with the clause; 改建 goes through', async () => {
    const mh = await district(db, 'minhang');
    const a = await readyDraft(db, mh.ent, {
      landType: 'inside_boundary',
      authority: 'minhang',
      commitment: true,
      form: { retainedInPlan: false, retainedPlanKind: '', constructionType: 'extend' }
    });
    const r = await refusal(act(db, mh.ent, a.id, a.version, 'submit'));
    expect(r).toMatchObject({ status: 409, code: 'construction_type_not_allowed' });
    expect(r.text.zh).toContain('一.4(2)');
    expect((await getProject(db, mh.ent, a.id)).stage).toBe('draft');
    expect((await policyEvents(a.id)).map((e) => e.payload.code)).toEqual(['construction_type_not_allowed']);
  });
});

describe("the guideline's period of force", () => {
  it('recognition is refused after the version expired until the administrator records a successor; the project keeps it', async () => {
    const js = await district(db, 'jinshan');
    const admin = await user(db, 'admin');
    const a = await readyDraft(db, js.ent, { landType: 'inside_boundary', authority: 'jinshan' });
    const v = await toDecision(js, a.id, a.version);
    expect((await getProject(db, js.gov, a.id)).policy.governingVersion?.docNumber).toBeTruthy();
    // As if no extension had been recorded: only 沪经信规范〔2020〕9号, expired on 2025-10-25.
    const { rows: ext } = await db.query<{ id: number; effective_from: string; effective_to: string | null }>(
      `select id, effective_from::text, effective_to::text from policy_versions where kind <> 'original'`
    );
    await db.query(
      `update policy_versions set effective_from = '2025-10-25', effective_to = '2025-10-25' where kind <> 'original'`
    );
    try {
      const doc = await recognitionDoc(db, js.gov, a.id);
      const r = await refusal(act(db, js.gov, a.id, v, 'recognise', { documentId: doc, justification: JUSTIFIED }));
      expect(r).toMatchObject({ status: 409, code: 'policy_expired' });
      expect(r.text.zh).toContain('2025-10-25');
      expect(
        (
          await refusal(
            recordPolicyVersion(db, js.gov, {
              docNumber: 'X',
              title: 'Y',
              kind: 'successor',
              effectiveFrom: today(),
              basedOn: 1
            })
          )
        ).status
      ).toBe(403);
      const original = (await db.query<{ id: number }>(`select id from policy_versions where kind = 'original'`))
        .rows[0].id;
      const successor = await recordPolicyVersion(db, admin, {
        docNumber: '测试〔2026〕1号',
        title: '后续文件（测试）',
        kind: 'successor',
        effectiveFrom: today(),
        effectiveTo: today(),
        basedOn: original,
        note: '测试'
      });
      await act(db, js.gov, a.id, v, 'recognise', { documentId: doc, justification: JUSTIFIED });
      const p = await getProject(db, js.gov, a.id);
      expect(p.policy.governingVersion?.id).toBe(successor.id);
      expect(p.events.find((e) => e.action === 'recognise')!.payload.policyVersion).toMatchObject({
        docNumber: '测试〔2026〕1号'
      });
    } finally {
      for (const e of ext)
        await db.query('update policy_versions set effective_from = $2, effective_to = $3 where id = $1', [
          e.id,
          e.effective_from,
          e.effective_to
        ]);
      await db.query(
        `update policy_versions set effective_to = '2026-01-01', effective_from = '2026-01-01' where doc_number = '测试〔2026〕1号'`
      );
    }
  });
});

describe('path-deciding facts confirmed by the district planning department', () => {
  it('a correction with a reason re-derives the path (commitment now required) and is an event', async () => {
    const hk = await district(db, 'hongkou');
    const { confirmFact } = await import('../../../src/lib/server/policy/facts.service.ts');
    const a = await readyDraft(db, hk.ent, { landType: 'inside_boundary', authority: 'hongkou' });
    let v = await act(db, hk.ent, a.id, a.version, 'submit');
    v = await act(db, hk.industry, a.id, v, 'accept');
    expect((await getProject(db, hk.industry, a.id)).path.commitmentRequired).toBe(false);
    expect(
      (await refusal(confirmFact(db, hk.industry, a.id, { fact: 'retainedInPlan', value: false, reason: 'x' }))).status
    ).toBe(403);
    expect((await refusal(confirmFact(db, hk.ghzy, a.id, { fact: 'retainedInPlan', value: false }))).code).toBe(
      'correction_reason_missing'
    );
    const r = await confirmFact(db, hk.ghzy, a.id, {
      fact: 'retainedInPlan',
      value: false,
      reason: '控详规划未予保留（测试）'
    });
    expect(r.pathChanges).toEqual([{ flag: 'commitmentRequired', from: false, to: true }]);
    await confirmFact(db, hk.ghzy, a.id, { fact: 'plotRatioAfter', value: 2.0 });
    const p = await getProject(db, hk.industry, a.id);
    expect(p.path.commitmentRequired).toBe(true);
    expect(p.policy.facts.find((f) => f.fact === 'retainedInPlan')!.confirmed).toMatchObject({
      corrected: true,
      value: false,
      declared: true
    });
    expect(p.policy.facts.find((f) => f.fact === 'plotRatioAfter')!.confirmed).toMatchObject({ corrected: false });
    const ev = p.events.filter((e) => e.action === 'confirm_fact');
    expect(ev).toHaveLength(2);
    expect(ev[0].comment).toContain('控详规划未予保留');
    void v;
  });
});
