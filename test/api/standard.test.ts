// The standard over HTTP: the checklist with reasons in zh and en, an override recorded in the event log,
// the rule sets and the industry-code search, and the refusals a caller would meet.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../helpers/http.ts';
import { COMPLETE_FORM, newDraft, ok } from './projects-helpers.ts';

type Result = {
  criterionId: string;
  status: string;
  reason: string;
  title: string;
  i18n: { reason: { zh: string; en: string } };
};
type EvaluationBody = {
  evaluation: {
    outcome: string;
    results: Result[];
    blockingHits: string[];
    ruleSet: { sample: boolean; sampleNote: string | null };
    overrides: { eventId: number; reason: string }[];
  };
};

let ent: Client, entEn: Client, district: Client, otherDistrict: Client, admin: Client;
let projectId: string;

beforeAll(async () => {
  [ent, entEn, district, otherDistrict, admin] = await Promise.all([
    loginAs('ent_pudong'),
    loginAs('ent_pudong', 'en'),
    loginAs('pd_industry'),
    loginAs('jd_industry'),
    loginAs('admin')
  ]);
  // Steel rolling (C3130) on the "three highs" sample list: a negative-list hit.
  const created = await newDraft(ent, 'P03', { title: '示意轧钢改造' });
  projectId = created.id;
  await ok(
    await ent.request('PUT', `/api/v1/projects/${projectId}`, {
      form: { ...COMPLETE_FORM, authorityCode: 'pudong', industryCode: 'C3130' },
      expectedVersion: 1
    })
  );
});

describe('GET /api/v1/projects/:id/evaluation', () => {
  it('returns each criterion with its reason in Chinese, and both languages under i18n', async () => {
    const { evaluation } = await ok<EvaluationBody>(
      await ent.request('GET', `/api/v1/projects/${projectId}/evaluation`)
    );
    const ind = evaluation.results.find((r) => r.criterionId === 'N-IND')!;
    expect(ind.status).toBe('fail');
    expect(ind.reason).toContain('C3130');
    expect(ind.reason).toMatch(/属于清单所列/);
    expect(ind.i18n.reason.en).toContain('falls under the listed');
    expect(evaluation.outcome).toBe('blocked');
    expect(evaluation.blockingHits).toEqual(['N-IND']);
    expect(evaluation.ruleSet.sample).toBe(true);
    expect(evaluation.ruleSet.sampleNote).toContain('示意');
    // 1500 万元 on 12,000 m² (18.0 亩): 83.33 万元/亩 ≥ 50.
    expect(evaluation.results.find((r) => r.criterionId === 'P-TAX')!.reason).toContain('83.33 万元/亩');
  });

  it('speaks English to an English caller', async () => {
    const { evaluation } = await ok<EvaluationBody>(
      await entEn.request('GET', `/api/v1/projects/${projectId}/evaluation`)
    );
    const tax = evaluation.results.find((r) => r.criterionId === 'P-TAX')!;
    expect(tax.reason).toMatch(/Tax per mu CNY 833,3\d\d\/mu meets the requirement of at least CNY 500,000\/mu/); // not "83.33 10k CNY/mu" (issue 14.6)
    // The parcel (P03, uploaded before the draft existed) is checked against the red line, in English.
    const redline = evaluation.results.find((r) => r.criterionId === 'N-REDLINE')!.reason;
    expect(redline).toMatch(/parcel/i);
    expect(redline).not.toContain('地块');
  });

  it('another district gets 404', async () => {
    const res = await otherDistrict.request('GET', `/api/v1/projects/${projectId}/evaluation`);
    expect(res.status).toBe(404);
  });
});

describe('POST /api/v1/projects/:id/evaluation/override', () => {
  it('refuses the enterprise (403, message in its language) and a blank reason (400)', async () => {
    const res = await entEn.request('POST', `/api/v1/projects/${projectId}/evaluation/override`, {
      reason: 'we say so'
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/Only the district/);
    expect(
      (await district.request('POST', `/api/v1/projects/${projectId}/evaluation/override`, { reason: '  ' })).status
    ).toBe(400);
  });

  it('records the district override in the event log and unblocks', async () => {
    const reason = '区政府专题会议同意：短流程工艺改造，能耗低于行业标杆。';
    const body = await ok<{ eventId: number; criterionIds: string[] }>(
      await district.request('POST', `/api/v1/projects/${projectId}/evaluation/override`, { reason }),
      201
    );
    expect(body.criterionIds).toEqual(['N-IND']);
    const project = await ok<{
      events?: { action: string; comment?: string | null }[];
      project?: { events?: { action: string; comment?: string | null }[] };
    }>(await district.request('GET', `/api/v1/projects/${projectId}`));
    const events = project.events ?? project.project?.events ?? [];
    expect(events.find((e) => e.action === 'standard_override')?.comment).toBe(reason);
    const { evaluation } = await ok<EvaluationBody>(
      await district.request('GET', `/api/v1/projects/${projectId}/evaluation`)
    );
    expect(evaluation.blockingHits).toEqual([]);
    expect(evaluation.overrides.map((o) => o.reason)).toEqual([reason]);
  });
});

describe('rule sets and industry codes', () => {
  it('lists the sample version in force', async () => {
    const body = await ok<{
      inForceId: number;
      ruleSets: { id: number; sample: boolean; status: string; criteriaCount: number }[];
    }>(await ent.request('GET', '/api/v1/standard/rule-sets'));
    const inForce = body.ruleSets.find((r) => r.id === body.inForceId)!;
    expect(inForce).toMatchObject({ status: 'published', sample: true });
    expect(inForce.criteriaCount).toBeGreaterThan(10);
  });
  it('finds industry codes by name', async () => {
    const body = await ok<{ codes: { code: string; name: { zh: string } }[] }>(
      await ent.request('GET', `/api/v1/standard/industry-codes?q=${encodeURIComponent('医疗')}`)
    );
    expect(body.codes.map((c) => c.code)).toContain('C358');
  });
  it('only the administrator or city SHEITC may save a draft or publish', async () => {
    expect((await district.request('POST', '/api/v1/standard/draft', {})).status).toBe(403);
    expect((await district.request('POST', '/api/v1/standard/publish', { effectiveFrom: '2030-01-01' })).status).toBe(
      403
    );
    const bad = await admin.request('POST', '/api/v1/standard/publish', { effectiveFrom: '1 May' });
    expect(bad.status).toBe(400);
  });
});
