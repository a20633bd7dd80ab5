// Policy with teeth (issue 12) through the built app with the demo users: one test per rule. Each refusal is a 409 or
// 403 whose one-line message names the rule and its clause, in the caller's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../helpers/http.ts';
import {
  COMPLETE_FORM,
  action,
  apply,
  doc,
  issueSheet,
  ok,
  parcelGeoJson,
  upload,
  type ProjectJson,
  REUSED_PARCEL
} from './projects-helpers.ts';

let ent: Client, ind: Client, ghzy: Client, gov: Client, city: Client, admin: Client, jdEnt: Client;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const message = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
// The policy view is read loosely, field by field.
const get = async (c: Client, id: string) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ok<ProjectJson & { policy: Record<string, any> }>(await c.request('GET', `/api/v1/projects/${id}`));

beforeAll(async () => {
  [ent, ind, ghzy, gov, city, admin, jdEnt] = await Promise.all(
    ['ent_pudong', 'pd_industry', 'pd_ghzy', 'pd_gov', 'city_jxw', 'admin', 'ent_jiading'].map((u) => loginAs(u))
  );
});
afterAll(async () => {
  // Whatever happened, Pudong keeps its authority for the other tests.
  await city.request('POST', '/api/v1/stats/measures', {
    authorityCode: 'pudong',
    measure: 'restore_authority',
    note: 'API 测试结束'
  });
});

/** A Pudong application (parcel P08) at the government's decision. */
async function atDecision(): Promise<string> {
  const p = await apply(ent, 'P08');
  await ok(await action(ent, p.id, 'submit'));
  await ok(await action(ind, p.id, 'accept', REUSED_PARCEL));
  await ok(await action(ind, p.id, 'start_joint_review', { departments: ['planning_resources'] }));
  await ok(await action(ghzy, p.id, 'record_opinion', { opinion: 'agree' }));
  await issueSheet(ind, p.id);
  await ok(await action(ind, p.id, 'close_joint_review'));
  return p.id;
}

describe('policy rules over HTTP', () => {
  let id = '';

  it("二.5 收回认定权: the city withdraws Pudong's authority; the government gets 403 naming it; the city restores it (reason required)", async () => {
    id = await atDecision();
    expect(
      (
        await ind.request('POST', '/api/v1/stats/measures', {
          authorityCode: 'pudong',
          measure: 'revoke_authority',
          note: 'x'
        })
      ).status
    ).toBe(403);
    await ok(
      await city.request('POST', '/api/v1/stats/measures', {
        authorityCode: 'pudong',
        measure: 'revoke_authority',
        note: '认定标准偏差较大（API 测试）'
      }),
      201
    );
    const refused = await action(gov, id, 'recognise', {
      documentId: await doc(gov, id, 'recognition'),
      justification: '区政府常务会议研究同意'
    });
    expect(refused.status).toBe(403);
    const e = await message(refused);
    expect(e.code).toBe('authority_withdrawn');
    expect(e.message).toContain('认定权');
    expect(e.message).toContain('二.5');
    const p = await get(gov, id);
    expect(p.policy.authority.withdrawn).toBe(true);
    expect(p.availableActions.map((a) => a.type)).not.toContain('recognise');
    expect((await get(ind, id)).availableActions.map((a) => a.type)).toContain('forward_to_city');
    expect(p.events.some((x) => x.action === 'policy_refusal')).toBe(true);
    expect(
      (await city.request('POST', '/api/v1/stats/measures', { authorityCode: 'pudong', measure: 'restore_authority' }))
        .status
    ).toBe(400);
    await ok(
      await city.request('POST', '/api/v1/stats/measures', {
        authorityCode: 'pudong',
        measure: 'restore_authority',
        note: '整改到位（API 测试）'
      }),
      201
    );
    const again = await city.request('POST', '/api/v1/stats/measures', {
      authorityCode: 'pudong',
      measure: 'restore_authority',
      note: '再次'
    });
    expect(again.status).toBe(409);
  });

  it('一.3 positive list: recognising with unmet criteria is refused without a justification and recorded with it', async () => {
    const p = await get(gov, id);
    expect(p.policy.positiveGaps.length).toBeGreaterThan(0);
    const recognition = await doc(gov, id, 'recognition');
    const refused = await action(gov, id, 'recognise', { documentId: recognition });
    expect(refused.status).toBe(409);
    const e = await message(refused);
    expect(e.code).toBe('positive_list_not_met');
    expect(e.message).toContain('正面清单');
    await ok(
      await action(gov, id, 'recognise', {
        documentId: recognition,
        justification: '区政府常务会议研究同意（API 测试）'
      })
    );
    const done = await get(gov, id);
    expect(done.stage).toBe('tracking');
    const ev = done.events.find((x) => x.action === 'recognise') as unknown as {
      payload: { positiveList: { justification: string } };
      comment: string;
    };
    expect(ev.payload.positiveList.justification).toContain('常务会议');
    const dash = await ok<{ districts: { authorityCode: string; recognisedBelowStandard: number }[] }>(
      await city.request('GET', '/api/v1/stats/dashboard')
    );
    expect(dash.districts.find((d) => d.authorityCode === 'pudong')!.recognisedBelowStandard).toBeGreaterThanOrEqual(1);
  });

  it('二.5 sanctions: 停止改扩建手续办理 needs a reason, stops the construction permit, and the city lifts it', async () => {
    const f = await ok<{ id: string }>(
      await city.request('POST', `/api/v1/projects/${id}/tracking/findings`, {
        kind: 'false_information',
        date: today(),
        description: '申报产值不实（API 测试）'
      }),
      201
    );
    const base = { kind: 'stop_procedures', findingId: f.id, date: today(), department: '市经济信息化委' };
    expect((await city.request('POST', `/api/v1/projects/${id}/tracking/measures`, base)).status).toBe(400);
    const m = await ok<{ id: string }>(
      await city.request('POST', `/api/v1/projects/${id}/tracking/measures`, { ...base, note: '申报信息不实' }),
      201
    );
    const permit = await doc(ind, id, 'other');
    const refused = await ind.request('POST', `/api/v1/projects/${id}/tracking/milestones`, {
      milestone: 'construction_permit',
      date: today(),
      documentId: permit
    });
    expect(refused.status).toBe(409);
    expect((await message(refused)).message).toContain('停止改扩建手续办理');
    expect((await get(ind, id)).policy.construction.blockingSanctions).toHaveLength(1);
    expect(
      (
        await ind.request('POST', `/api/v1/projects/${id}/tracking/lifts`, {
          measureId: m.id,
          date: today(),
          reason: 'x'
        })
      ).status
    ).toBe(403);
    await ok(
      await city.request('POST', `/api/v1/projects/${id}/tracking/lifts`, {
        measureId: m.id,
        date: today(),
        reason: '已整改（API 测试）'
      }),
      201
    );
    await ok(
      await ind.request('POST', `/api/v1/projects/${id}/tracking/milestones`, {
        milestone: 'construction_permit',
        date: today(),
        documentId: permit
      }),
      201
    );
  });

  it('一.4(2) 新建/改建/扩建: inside the boundary and not retained, 扩建 is refused at submit', async () => {
    const p = await apply(jdEnt, 'P02', 'geojson', {
      authorityCode: 'jiading',
      retainedInPlan: 'false',
      retainedPlanKind: '',
      constructionType: 'extend'
    });
    await ok(
      await jdEnt.request(
        'POST',
        `/api/v1/projects/${p.id}/files`,
        (await import('./projects-helpers.ts')).upload('承诺书.pdf', `commitment ${p.id}`, { kind: 'commitment' })
      ),
      201
    );
    const refused = await action(jdEnt, p.id, 'submit');
    expect(refused.status).toBe(409);
    const e = await message(refused);
    expect(e.code).toBe('construction_type_not_allowed');
    expect(e.message).toContain('一.4(2)');
    expect((await get(jdEnt, p.id)).policy.allowedConstructionTypes).toEqual(['rebuild']);
  });

  it('path facts: the district planning department corrects a declaration with a reason; the path is re-derived', async () => {
    const p = await apply(ent, 'P08');
    await ok(await action(ent, p.id, 'submit'));
    await ok(await action(ind, p.id, 'accept', REUSED_PARCEL));
    expect(
      (
        await ind.request('POST', `/api/v1/projects/${p.id}/facts`, {
          fact: 'retainedInPlan',
          value: false,
          reason: 'x'
        })
      ).status
    ).toBe(403);
    expect(
      (await ghzy.request('POST', `/api/v1/projects/${p.id}/facts`, { fact: 'retainedInPlan', value: false })).status
    ).toBe(400);
    const r = await ok<{ pathChanges: { flag: string }[] }>(
      await ghzy.request('POST', `/api/v1/projects/${p.id}/facts`, {
        fact: 'retainedInPlan',
        value: false,
        reason: '控详规划未予保留（API 测试）'
      }),
      201
    );
    expect(r.pathChanges.map((c) => c.flag)).toEqual(['commitmentRequired']);
    const after = await get(ind, p.id);
    expect((after.path as { commitmentRequired: boolean }).commitmentRequired).toBe(true);
    expect(after.events.some((e) => e.action === 'confirm_fact')).toBe(true);
  });

  it("12.9 one parcel, one live project: an upload on the demo project's land is flagged; acceptance needs the lead's reason", async () => {
    type Overlap = {
      projectId: string;
      code: string;
      title: string;
      stage: string;
      visible: boolean;
      overlapM2: number;
      acknowledged?: { reason: string } | null;
    };
    const p = await apply(ent, 'P03');
    // Uploading again answers with the overlaps: the seeded demo project on P03 (in joint review) holds the same land.
    const up = await ok<{ overlaps: Overlap[] }>(
      await ent.request('PUT', `/api/v1/projects/${p.id}/boundary`, upload('P03.geojson', parcelGeoJson('P03')))
    );
    const demo = up.overlaps.find((o) => o.title.startsWith('【示意】精密机械'))!;
    expect(demo).toMatchObject({ visible: true, stage: 'joint_review' });
    // The whole parcel (~4.3 ha) is shared.
    expect(demo.overlapM2).toBeGreaterThan(42_000);
    await ok(await action(ent, p.id, 'submit'));
    const refused = await action(ind, p.id, 'accept');
    expect(refused.status).toBe(409);
    const e = await message(refused);
    expect(e.code).toBe('overlap_unacknowledged');
    expect(e.message).toContain('一块地只能有一个在办或已认定的项目');
    expect(e.message).toContain(demo.code);
    expect(e.message).toContain('附件 二.1、二.5');
    const before = await get(ind, p.id);
    expect(before.stage).toBe('submitted');
    expect(before.policy.overlapGatedActions).toContain('accept');
    expect(before.events.some((x) => x.action === 'policy_refusal')).toBe(true);
    await ok(await action(ind, p.id, 'accept', REUSED_PARCEL));
    const after = await get(ind, p.id);
    expect(after.stage).toBe('preliminary_review');
    expect((after.policy.overlaps as Overlap[]).find((o) => o.projectId === demo.projectId)?.acknowledged?.reason).toBe(
      REUSED_PARCEL.overlapAcknowledgement
    );
    const ev = after.events.find((x) => x.action === 'accept') as unknown as {
      payload: { overlapAcknowledgement: { projectIds: string[] } };
    };
    expect(ev.payload.overlapAcknowledgement.projectIds).toContain(demo.projectId);
  });

  it('一.4(3) plan adjustment first: construction milestones are refused until the planning department records the adjustment', async () => {
    // A Pudong parcel outside the (sample) development boundary, not retained in the plan: recognition and a plan
    // adjustment, in that order, before anything is built. ~140 m × 165 m, away from every demo parcel.
    const ring = [
      [121.58, 31.015],
      [121.5815, 31.015],
      [121.5815, 31.0165],
      [121.58, 31.0165],
      [121.58, 31.015]
    ];
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '开发边界外（测试）' },
          geometry: { type: 'Polygon', coordinates: [ring] }
        }
      ]
    });
    // Name and checked boundary first, as the pages start an application (14.2); then the form.
    const inspected = await ok<{ upload: { id: string } }>(
      await ent.request('POST', '/api/v1/boundaries/inspect', upload('outside.geojson', geojson))
    );
    const { id } = await ok<{ id: string }>(
      await ent.request('POST', '/api/v1/projects', {
        title: '开发边界外改建项目（测试）',
        upload: inspected.upload.id
      }),
      201
    );
    const draft = await get(ent, id);
    await ok(
      await ent.request('PUT', `/api/v1/projects/${id}`, {
        form: {
          authorityCode: draft.authorityCode ?? undefined,
          ...COMPLETE_FORM,
          retainedInPlan: 'false',
          retainedPlanKind: ''
        },
        expectedVersion: draft.version
      })
    );
    await doc(ent, id, 'land_title');
    await doc(ent, id, 'land_contract');
    expect((await get(ent, id)).landType).toBe('outside_boundary');
    await ok(await action(ent, id, 'submit'));
    await ok(await action(ind, id, 'accept'));
    await ok(await action(ind, id, 'start_joint_review', { departments: ['planning_resources'] }));
    await ok(await action(ghzy, id, 'record_opinion', { opinion: 'agree' }));
    await issueSheet(ind, id);
    await ok(await action(ind, id, 'close_joint_review'));
    await ok(
      await action(gov, id, 'recognise', {
        documentId: await doc(gov, id, 'recognition'),
        justification: '区政府常务会议研究同意（API 测试）'
      })
    );
    const recognised = await get(ind, id);
    expect(recognised.stage).toBe('recognised');
    expect(recognised.policy.construction.planAdjustmentPending).toBe(true);

    const permit = await doc(ind, id, 'other');
    const milestone = { milestone: 'construction_permit', date: today(), documentId: permit };
    const refused = await ind.request('POST', `/api/v1/projects/${id}/tracking/milestones`, milestone);
    expect(refused.status).toBe(409);
    const e = await message(refused);
    expect(e.code).toBe('plan_adjustment_pending');
    expect(e.message).toContain('规划调整');
    expect(e.message).toContain('一.4(3)');
    expect((await get(ind, id)).events.some((x) => x.action === 'policy_refusal')).toBe(true);

    await ok(
      await action(ghzy, id, 'complete_plan_adjustment', { documentId: await doc(ghzy, id, 'plan_adjustment') })
    );
    const adjusted = await get(ind, id);
    expect(adjusted.stage).toBe('tracking');
    expect(adjusted.policy.construction.planAdjustmentPending).toBe(false);
    await ok(await ind.request('POST', `/api/v1/projects/${id}/tracking/milestones`, milestone), 201);
  });

  it('period of force: the project records the governing version; only the administrator records an extension or successor', async () => {
    const list = await ok<{
      versions: { id: number; docNumber: string; kind: string; effectiveTo: string | null }[];
      inForce: { docNumber: string } | null;
    }>(await ent.request('GET', '/api/v1/policy-versions'));
    const original = list.versions.find((v) => v.kind === 'original')!;
    expect(original).toMatchObject({ docNumber: '沪经信规范〔2020〕9号', effectiveTo: '2025-10-25' });
    expect(list.inForce?.docNumber).toContain('示意');
    const p = await get(gov, id);
    expect(p.policy.governingVersion.docNumber).toBe(list.inForce!.docNumber);
    expect(
      (
        await city.request('POST', '/api/v1/policy-versions', {
          docNumber: 'X',
          title: 'Y',
          kind: 'successor',
          effectiveFrom: '2027-10-26',
          basedOn: original.id
        })
      ).status
    ).toBe(403);
    const bad = await admin.request('POST', '/api/v1/policy-versions', {
      docNumber: 'X',
      title: 'Y',
      kind: 'successor',
      effectiveFrom: '2019-01-01',
      basedOn: original.id
    });
    expect(bad.status).toBe(400);
  });
});
