import { describe, expect, it } from 'vitest';
import {
  checkFinding,
  checkMeasure,
  checkMilestone,
  milestoneInputSchema,
  trackingSummary,
  type FindingRecord,
  type MilestoneInput,
  type MilestoneRecord
} from '../../../src/lib/domain/tracking.ts';
import { DOCS_BASIC, FACTS, Journey } from './workflow-helpers.ts';

/** A Pudong project recognised on 2026-10-09 (10:00 Shanghai), now in tracking. */
function tracked() {
  return new Journey(FACTS.insideRetained)
    .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }, '2026-09-27')
    .do('district_industry', 'accept', {}, '2026-09-28')
    .do('district_industry', 'start_joint_review', { departments: ['planning_resources'] }, '2026-09-29')
    .do('district_department', 'record_opinion', { opinion: 'agree' }, '2026-09-30')
    .do('district_industry', 'close_joint_review', {}, '2026-09-30')
    .do('district_government', 'recognise', { documentId: 'rec' }, '2026-10-09');
}
let n = 0;
const rec = (m: MilestoneInput): MilestoneRecord => ({
  ...m,
  id: `m${++n}`,
  actorId: 'x',
  role: 'district_industry',
  recordedAt: '2026-11-01T00:00:00Z'
});
const TODAY = '2026-12-31';

describe('tracking milestones', () => {
  const j = tracked();
  const ind = j.actors.district_industry;

  it('a recognised project is in tracking and accepts EIA filing', () => {
    expect(j.state.stage).toBe('tracking');
    expect(checkMilestone(j.state, ind, { milestone: 'eia_filed', date: '2026-10-20' }, [], TODAY)).toBeNull();
  });

  it('refuses dates before recognition or after today', () => {
    expect(checkMilestone(j.state, ind, { milestone: 'eia_filed', date: '2026-10-08' }, [], TODAY)).toMatchObject({
      status: 400,
      code: 'date_before_recognition'
    });
    expect(checkMilestone(j.state, ind, { milestone: 'eia_filed', date: '2027-01-05' }, [], TODAY)).toMatchObject({
      status: 400,
      code: 'date_in_future'
    });
  });

  it('construction cannot start before the permit and the EIA approval (建筑法 7, 环评法 25)', () => {
    const permit = rec({ milestone: 'construction_permit', date: '2026-11-10', documentId: 'p' });
    const r = checkMilestone(j.state, ind, { milestone: 'construction_start', date: '2026-11-12' }, [permit], TODAY);
    expect(r).toMatchObject({ status: 409, code: 'prerequisite_missing' });
    expect(r?.zh).toContain('环评批复');
    const eia = [
      rec({ milestone: 'eia_filed', date: '2026-10-20' }),
      rec({ milestone: 'eia_approved', date: '2026-11-15', documentId: 'e' })
    ];
    expect(
      checkMilestone(j.state, ind, { milestone: 'construction_start', date: '2026-11-12' }, [permit, ...eia], TODAY)
    ).toMatchObject({ code: 'date_before_prerequisite' });
    expect(
      checkMilestone(j.state, ind, { milestone: 'construction_start', date: '2026-11-16' }, [permit, ...eia], TODAY)
    ).toBeNull();
  });

  it('documents, results, duplicates', () => {
    expect(
      checkMilestone(j.state, ind, { milestone: 'construction_permit', date: '2026-11-10' }, [], TODAY)
    ).toMatchObject({ code: 'document_missing' });
    const planner = j.actors.city_planning;
    expect(
      checkMilestone(j.state, planner, { milestone: 'planning_check', date: '2026-12-01' }, [], TODAY)
    ).toMatchObject({ code: 'result_missing' });
    const check = { milestone: 'planning_check' as const, date: '2026-12-01', result: 'fail' as const };
    expect(checkMilestone(j.state, planner, check, [rec(check)], TODAY)).toBeNull(); // inspections recur
    const filed = rec({ milestone: 'eia_filed', date: '2026-10-20' });
    expect(checkMilestone(j.state, ind, { milestone: 'eia_filed', date: '2026-10-21' }, [filed], TODAY)).toMatchObject({
      status: 409,
      code: 'already_recorded'
    });
  });

  it('who records: the planning check by the planning side, not by the ecology department', () => {
    const eco = {
      id: 'e',
      role: 'district_department' as const,
      authorityCode: 'pudong',
      department: 'ecology_environment'
    };
    expect(
      checkMilestone(j.state, eco, { milestone: 'planning_check', date: '2026-12-01', result: 'pass' }, [], TODAY)
    ).toMatchObject({ status: 403 });
    expect(checkMilestone(j.state, eco, { milestone: 'eia_filed', date: '2026-10-20' }, [], TODAY)).toBeNull();
    expect(
      checkMilestone(j.state, j.actors.enterprise, { milestone: 'operation', date: '2026-12-01' }, [], TODAY)
    ).toMatchObject({ status: 403 });
    const minhang = { id: 'm', role: 'district_industry' as const, authorityCode: 'minhang' };
    expect(checkMilestone(j.state, minhang, { milestone: 'eia_filed', date: '2026-10-20' }, [], TODAY)).toMatchObject({
      status: 403,
      code: 'not_visible'
    });
  });

  it('a project not yet recognised is not tracked', () => {
    const early = new Journey(FACTS.insideRetained).do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC });
    expect(checkMilestone(early.state, ind, { milestone: 'eia_filed', date: '2026-10-20' }, [], TODAY)).toMatchObject({
      status: 409,
      code: 'not_tracked'
    });
  });

  it('the input schema rejects impossible dates', () => {
    expect(milestoneInputSchema.safeParse({ milestone: 'operation', date: '2026-02-30' }).success).toBe(false);
  });
});

describe('findings and measures (二.5)', () => {
  const j = tracked();
  const finding: FindingRecord = {
    id: 'f1',
    kind: 'contract_breach',
    date: '2026-12-01',
    description: '亩均产出未达合同约定',
    actorId: 'sheitc',
    role: 'city_sheitc',
    recordedAt: '2026-12-01T02:00:00Z'
  };

  it('only city users record them', () => {
    expect(checkFinding(j.state, j.actors.city_sheitc, finding, TODAY)).toBeNull();
    expect(checkFinding(j.state, j.actors.district_industry, finding, TODAY)).toMatchObject({ status: 403 });
  });
  it('a measure refers to a finding and is not dated before it', () => {
    const m = { kind: 'land_recovery' as const, findingId: 'f1', date: '2026-12-10', department: '市规划资源局' };
    expect(checkMeasure(j.state, j.actors.city_planning, m, [finding], TODAY)).toBeNull();
    expect(checkMeasure(j.state, j.actors.city_planning, { ...m, findingId: 'nope' }, [finding], TODAY)).toMatchObject({
      code: 'finding_missing'
    });
    expect(checkMeasure(j.state, j.actors.city_planning, { ...m, date: '2026-11-30' }, [finding], TODAY)).toMatchObject(
      { code: 'date_before_finding' }
    );
  });
  it('the summary shows progress, failed checks and open findings', () => {
    const ms = [
      rec({ milestone: 'eia_filed', date: '2026-10-20' }),
      rec({ milestone: 'planning_check', date: '2026-12-01', result: 'fail' })
    ];
    const s = trackingSummary(ms, [finding], []);
    expect(s.done).toEqual(['eia_filed', 'planning_check']);
    expect(s.next).toBe('eia_approved');
    expect(s.failedChecks).toHaveLength(1);
    expect(s.openFindings.map((f) => f.id)).toEqual(['f1']);
    const closed = trackingSummary(
      ms,
      [finding],
      [
        {
          id: 'x',
          kind: 'credit_record',
          findingId: 'f1',
          date: '2026-12-10',
          department: '市经济信息化委',
          actorId: 's',
          role: 'city_sheitc',
          recordedAt: ''
        }
      ]
    );
    expect(closed.openFindings).toEqual([]);
  });
});
