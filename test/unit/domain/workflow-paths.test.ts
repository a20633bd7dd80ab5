// Every branch of 沪经信规范〔2020〕9号 end to end, plus the checks a user notices: Lingang, other
// districts, stale versions, missing reasons/documents, pausing the clock.
import { describe, expect, it } from 'vitest';
import { seedCalendar } from '../../../src/lib/domain/seed-calendar.ts';
import { buildCalendar } from '../../../src/lib/domain/working-days.ts';
import { clockStatus } from '../../../src/lib/domain/clock.ts';
import {
  applyAction,
  availableActions,
  outstandingFiling,
  stageLabel,
  unansweredReviewers
} from '../../../src/lib/domain/workflow.ts';
import { DOCS_BASIC, DOCS_WITH_COMMITMENT, FACTS, Journey, at } from './workflow-helpers.ts';

const seed = seedCalendar();
const cal = buildCalendar(seed.days, seed.years);
const JOINT = { departments: ['planning_resources', 'ecology_environment'] as const };
const eco = (authority = 'pudong') => ({
  id: `eco-${authority}`,
  role: 'district_department' as const,
  authorityCode: authority,
  department: 'ecology_environment'
});

/** Application through the district joint review, ready for the decision. */
function toDecision(j: Journey, docs = DOCS_BASIC) {
  return j
    .do('enterprise', 'submit', { attachedDocuments: docs })
    .do('district_industry', 'accept')
    .do('district_industry', 'start_joint_review', { departments: [...JOINT.departments] })
    .do('district_department', 'record_opinion', { opinion: 'agree' })
    .do(eco(j.authority), 'record_opinion', { opinion: 'conditional', comment: '须落实废气治理措施' })
    .do('district_industry', 'close_joint_review');
}

describe('inside the development boundary, retained in the plan (the plain district path)', () => {
  it('goes draft → … → recognised → tracking automatically, one version per event', () => {
    const j = toDecision(new Journey(FACTS.insideRetained)).do('district_government', 'recognise', {
      documentId: 'doc-rec'
    });
    expect(j.state.stage).toBe('tracking');
    expect(j.events.map((e) => `${e.from}>${e.to}`)).toEqual([
      'draft>submitted',
      'submitted>preliminary_review',
      'preliminary_review>joint_review',
      'joint_review>joint_review',
      'joint_review>joint_review',
      'joint_review>decision',
      'decision>recognised',
      'recognised>tracking'
    ]);
    expect(j.events.at(-1)).toMatchObject({ action: 'enter_tracking', role: 'system' });
    expect(j.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(j.state.version).toBe(8);
    expect(j.state.jointOpinions.ecology_environment).toMatchObject({
      opinion: 'conditional',
      comment: '须落实废气治理措施'
    });
    expect(j.state).toMatchObject({
      planAdjustment: 'not_required',
      filing: { required: false },
      decision: { outcome: 'recognised', documentId: 'doc-rec' }
    });
  });

  it("the district industry department may record the government's decision (附件 二.3)", () => {
    const j = toDecision(new Journey(FACTS.insideRetained)).do('district_industry', 'recognise', {
      documentId: 'doc-rec'
    });
    expect(j.events.find((e) => e.action === 'recognise')?.payload.recordedFor).toBe('district_government');
  });

  it('the lead closes only when all invited departments answered, or overrides with a reason', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: [...JOINT.departments] })
      .do('district_department', 'record_opinion', { opinion: 'agree' });
    expect(unansweredReviewers(j.state)).toEqual(['ecology_environment']);
    const early = j.try('district_industry', 'close_joint_review');
    expect(early.ok ? null : early.refusal).toMatchObject({ status: 409, code: 'review_incomplete' });
    expect(early.ok ? '' : early.refusal.zh).toContain('区生态环境局');
    const noReason = j.try('district_industry', 'close_joint_review', { override: true });
    expect(noReason.ok ? null : noReason.refusal).toMatchObject({ status: 400, code: 'override_reason_missing' });
    j.do('district_industry', 'close_joint_review', { override: true, comment: '生态环境局逾期未反馈' });
    expect(j.state).toMatchObject({ stage: 'decision', jointReviewOverride: '生态环境局逾期未反馈' });
    expect(j.events.at(-1)?.payload).toMatchObject({ override: true, unanswered: ['ecology_environment'] });
  });

  it('departments give 同意 / 有条件同意 / 不同意; the last two need a comment; only invited ones answer', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: [...JOINT.departments] });
    const noComment = j.try('district_department', 'record_opinion', { opinion: 'disagree' });
    expect(noComment.ok ? null : noComment.refusal).toMatchObject({ status: 400, code: 'comment_missing' });
    const noOpinion = j.try('district_department', 'record_opinion');
    expect(noOpinion.ok ? null : noOpinion.refusal).toMatchObject({ status: 400, code: 'opinion_missing' });
    const notInvited = j.try(
      { id: 'x', role: 'district_department', authorityCode: 'pudong', department: 'market_regulation' },
      'record_opinion',
      { opinion: 'agree' }
    );
    expect(notInvited.ok ? null : notInvited.refusal).toMatchObject({ status: 403, code: 'department_not_invited' });
    const otherDistrict = j.try(
      { id: 'y', role: 'district_department', authorityCode: 'minhang', department: 'planning_resources' },
      'record_opinion',
      { opinion: 'agree' }
    );
    expect(otherDistrict.ok ? null : otherDistrict.refusal).toMatchObject({ status: 403, code: 'not_visible' });
  });

  it('the joint review must invite the planning department', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept');
    const r = j.try('district_industry', 'start_joint_review', { departments: ['ecology_environment'] });
    expect(r.ok ? null : r.refusal).toMatchObject({ status: 400, code: 'department_required' });
    expect(r.ok ? '' : r.refusal.zh).toContain('区规划资源局');
    const none = j.try('district_industry', 'start_joint_review', { departments: [] });
    expect(none.ok ? null : none.refusal).toMatchObject({ status: 400, code: 'departments_missing' });
  });

  it('rejection needs reasons and is final', () => {
    const j = toDecision(new Journey(FACTS.insideRetained));
    const bare = j.try('district_government', 'reject');
    expect(bare.ok ? null : bare.refusal).toMatchObject({ status: 400, code: 'reason_missing' });
    j.do('district_government', 'reject', { comment: '亩均税收未达正面清单标准' });
    expect(j.state).toMatchObject({
      stage: 'rejected',
      decision: { outcome: 'rejected', reason: '亩均税收未达正面清单标准' }
    });
    expect(availableActions(j.state, j.actors.enterprise, j.facts)).toEqual([]);
  });

  it('recognition needs the recognition document', () => {
    const r = toDecision(new Journey(FACTS.insideRetained)).try('district_government', 'recognise');
    expect(r.ok ? null : r.refusal).toMatchObject({ status: 400, code: 'recognition_document_missing' });
  });
});

describe('inside the boundary, NOT retained: unconditional land-surrender commitment (一.4(2))', () => {
  it('cannot be submitted without the commitment, and says so', () => {
    const j = new Journey(FACTS.insideNotRetained);
    const r = j.try('enterprise', 'submit', { attachedDocuments: DOCS_BASIC });
    expect(r.ok ? null : r.refusal).toMatchObject({ status: 400, code: 'documents_missing' });
    expect(r.ok ? '' : r.refusal.zh).toContain('无条件服从政府实施规划收回土地承诺书');
  });
  it('with the commitment it is recognised; recognition re-checks it', () => {
    const j = toDecision(new Journey(FACTS.insideNotRetained), DOCS_WITH_COMMITMENT);
    const without = j.try('district_government', 'recognise', { documentId: 'doc-rec', attachedDocuments: DOCS_BASIC });
    expect(without.ok ? null : without.refusal).toMatchObject({ status: 400, code: 'commitment_missing' });
    j.do('district_government', 'recognise', { documentId: 'doc-rec', attachedDocuments: DOCS_WITH_COMMITMENT });
    expect(j.state.stage).toBe('tracking');
  });
});

describe('outside the boundary (一.4(3))', () => {
  it('not retained + above the contract plot ratio: plan adjustment before tracking, filing acknowledged by SHEITC and planning', () => {
    const j = toDecision(new Journey(FACTS.outsideNotRetainedExceeding)).do('district_government', 'recognise', {
      documentId: 'doc-rec'
    });
    expect(j.state).toMatchObject({
      stage: 'recognised',
      planAdjustment: 'pending',
      filing: { required: true, acknowledgements: {} }
    });
    expect(outstandingFiling(j.state)).toEqual(['city_sheitc', 'city_planning']);
    j.do('city_sheitc', 'acknowledge_filing');
    expect(outstandingFiling(j.state)).toEqual(['city_planning']);
    const again = j.try('city_sheitc', 'acknowledge_filing');
    expect(again.ok ? null : again.refusal).toMatchObject({ status: 409, code: 'already_acknowledged' });
    const noDoc = j.try('city_planning', 'complete_plan_adjustment');
    expect(noDoc.ok ? null : noDoc.refusal).toMatchObject({ status: 400, code: 'plan_adjustment_document_missing' });
    const wrongDept = j.try(
      { id: 'e', role: 'district_department', authorityCode: 'pudong', department: 'ecology_environment' },
      'complete_plan_adjustment',
      { documentId: 'd' }
    );
    expect(wrongDept.ok ? null : wrongDept.refusal).toMatchObject({ status: 403, code: 'not_planning_department' });
    j.do('district_department', 'complete_plan_adjustment', { documentId: 'doc-adj' });
    expect(j.state).toMatchObject({ stage: 'tracking', planAdjustment: 'done' });
    j.do('city_planning', 'acknowledge_filing');
    expect(Object.keys(j.state.filing.acknowledgements).sort()).toEqual(['city_planning', 'city_sheitc']);
  });
  it('retained + above the contract plot ratio: straight to tracking, filing still required', () => {
    const j = toDecision(new Journey(FACTS.outsideRetainedExceeding)).do('district_government', 'recognise', {
      documentId: 'doc-rec'
    });
    expect(j.state).toMatchObject({ stage: 'tracking', planAdjustment: 'not_required', filing: { required: true } });
    expect(availableActions(j.state, j.actors.city_planning, j.facts).map((a) => a.type)).toEqual([
      'acknowledge_filing'
    ]);
  });
  it('not retained, within the contract plot ratio: plan adjustment only, nothing to file', () => {
    const j = toDecision(new Journey(FACTS.outsideNotRetainedWithin)).do('district_government', 'recognise', {
      documentId: 'doc-rec'
    });
    expect(j.state).toMatchObject({ stage: 'recognised', planAdjustment: 'pending', filing: { required: false } });
    const ack = j.try('city_sheitc', 'acknowledge_filing');
    expect(ack.ok ? null : ack.refusal).toMatchObject({ status: 409, code: 'not_on_path' });
  });
});

describe('strategic reserve area', () => {
  it('newly transferred land: district preliminary review, then every city department, SHEITC decides (三.1)', () => {
    const j = new Journey(FACTS.reserveNew)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept');
    const joint = j.try('district_industry', 'start_joint_review', { departments: [...JOINT.departments] });
    expect(joint.ok ? null : joint.refusal).toMatchObject({ status: 409, code: 'not_on_path' });
    j.do('district_industry', 'forward_to_city');
    j.do('city_ndrc', 'record_city_opinion', { opinion: 'agree' });
    const early = j.try('city_sheitc', 'recognise', { documentId: 'doc-city' });
    expect(early.ok ? null : early.refusal).toMatchObject({ status: 409, code: 'review_incomplete' });
    for (const r of ['city_sheitc', 'city_stcsm', 'city_planning'] as const)
      j.do(r, 'record_city_opinion', { opinion: 'agree' });
    j.do('city_ecology', 'record_city_opinion', { opinion: 'conditional', comment: '须完成环评' });
    const gov = j.try('district_government', 'recognise', { documentId: 'doc' });
    expect(gov.ok ? null : gov.refusal).toMatchObject({ status: 403 });
    j.do('city_sheitc', 'recognise', { documentId: 'doc-city' });
    expect(j.state).toMatchObject({ stage: 'tracking', decision: { role: 'city_sheitc' } });
    expect(Object.keys(j.state.cityOpinions)).toHaveLength(5);
  });
  it('existing (not newly transferred) land follows the district path', () => {
    const j = toDecision(new Journey(FACTS.reserveExisting)).do('district_government', 'recognise', {
      documentId: 'doc'
    });
    expect(j.state.stage).toBe('tracking');
  });
});

describe('inside a planned industrial block', () => {
  it('cannot be submitted; the user is told why in both languages', () => {
    const j = new Journey(FACTS.block);
    expect(availableActions(j.state, j.actors.enterprise, j.facts).map((a) => a.type)).toEqual(['withdraw']);
    const r = j.try('enterprise', 'submit', { attachedDocuments: DOCS_BASIC });
    expect(r.ok ? null : r.refusal).toMatchObject({ status: 400, code: 'out_of_scope_industrial_block' });
    expect(r.ok ? '' : r.refusal.zh).toContain('规划产业区块内');
    expect(r.ok ? '' : r.refusal.en).toContain('industrial block');
  });
  it('an unclassified parcel cannot be submitted either', () => {
    const r = new Journey({ ...FACTS.insideRetained, landType: null }).try('enterprise', 'submit', {
      attachedDocuments: DOCS_BASIC
    });
    expect(r.ok ? null : r.refusal).toMatchObject({ status: 400, code: 'land_type_unknown' });
  });
});

describe('Lingang New Area (三.2): the committee acts as district government', () => {
  it('the Lingang committee recognises; a district government may not', () => {
    const j = toDecision(new Journey(FACTS.lingang, 'lingang'));
    expect(stageLabel(j.state.stage, j.facts).zh).toBe('临港新片区管委会认定');
    expect(stageLabel(j.state.stage, FACTS.insideRetained).zh).toBe('区政府认定');
    const pudongGov = j.try({ id: 'gov-pd', role: 'district_government', authorityCode: 'pudong' }, 'recognise', {
      documentId: 'd'
    });
    expect(pudongGov.ok ? null : pudongGov.refusal).toMatchObject({ status: 403, code: 'not_visible' });
    // Even a district-government account scoped to Lingang is the wrong role there.
    const govRole = j.try({ id: 'gov-lg', role: 'district_government', authorityCode: 'lingang' }, 'recognise', {
      documentId: 'd'
    });
    expect(govRole.ok ? null : govRole.refusal).toMatchObject({ status: 403, code: 'role_not_allowed' });
    expect(govRole.ok ? '' : govRole.refusal.zh).toContain('临港新片区管委会');
    expect(availableActions(j.state, j.actors.lingang_committee, j.facts).map((a) => a.type)).toEqual([
      'recognise',
      'reject'
    ]);
    j.do('lingang_committee', 'recognise', { documentId: 'doc-lg' });
    expect(j.state).toMatchObject({ stage: 'tracking', decision: { role: 'lingang_committee' } });
  });
  it('the Lingang committee cannot decide a Pudong project', () => {
    const j = toDecision(new Journey(FACTS.insideRetained));
    const r = j.try('lingang_committee', 'recognise', { documentId: 'd' });
    expect(r.ok ? null : r.refusal).toMatchObject({ status: 403 });
  });
});

describe('scope, concurrency and withdrawal', () => {
  it("another district's officer and another enterprise are refused with 403", () => {
    const j = new Journey(FACTS.insideRetained).do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC });
    const minhang = j.try({ id: 'ind-mh', role: 'district_industry', authorityCode: 'minhang' }, 'accept');
    expect(minhang.ok ? null : minhang.refusal).toMatchObject({ status: 403, code: 'not_visible' });
    const stranger = j.try({ id: 'ent-other', role: 'enterprise', authorityCode: null }, 'withdraw', { comment: 'x' });
    expect(stranger.ok ? null : stranger.refusal).toMatchObject({ status: 403, code: 'not_visible' });
    expect(
      availableActions(j.state, { id: 'ind-mh', role: 'district_industry', authorityCode: 'minhang' }, j.facts)
    ).toEqual([]);
  });
  it('two people acting on the same version: the second gets 409', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: [...JOINT.departments] });
    const seen = j.state;
    const first = applyAction(
      seen,
      { type: 'record_opinion', expectedVersion: seen.version, opinion: 'agree' },
      j.actors.district_department,
      j.facts,
      at('2026-09-29')
    );
    expect(first.ok).toBe(true);
    const after = first.ok ? first.state : seen;
    const second = applyAction(
      after,
      { type: 'close_joint_review', expectedVersion: seen.version, override: true, comment: 'x' },
      j.actors.district_industry,
      j.facts,
      at('2026-09-29')
    );
    expect(second.ok ? null : second.refusal).toMatchObject({ status: 409, code: 'version_conflict' });
    expect(seen.version).toBe(3); // the input state is never mutated
    expect(seen.jointOpinions).toEqual({});
  });
  it('the enterprise may withdraw before the decision, with a reason, and not after', () => {
    const j = toDecision(new Journey(FACTS.insideRetained));
    const noReason = j.try('enterprise', 'withdraw');
    expect(noReason.ok ? null : noReason.refusal).toMatchObject({ status: 400, code: 'reason_missing' });
    const done = toDecision(new Journey(FACTS.insideRetained)).do('district_government', 'recognise', {
      documentId: 'd'
    });
    const late = done.try('enterprise', 'withdraw', { comment: '不改造了' });
    expect(late.ok ? null : late.refusal).toMatchObject({ status: 409, code: 'stage_conflict' });
    j.do('enterprise', 'withdraw', { comment: '企业经营调整' }, '2026-10-09');
    expect(j.state).toMatchObject({ stage: 'withdrawn', clock: { stoppedOn: '2026-10-09' } });
  });
  it('an unknown action from a client is a 400, not a crash', () => {
    const j = new Journey(FACTS.insideRetained);
    const r = applyAction(
      j.state,
      { type: 'approve_everything' as never, expectedVersion: 0 },
      j.actors.enterprise,
      j.facts,
      at('2026-09-28')
    );
    expect(r.ok ? null : r.refusal).toMatchObject({ status: 400, code: 'unknown_action' });
  });
  it('the admin sees everything but takes no workflow action', () => {
    const j = new Journey(FACTS.insideRetained).do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC });
    expect(availableActions(j.state, j.actors.admin, j.facts)).toEqual([]);
  });
});

describe('returns to the enterprise and the 10-working-day clock', () => {
  it('a return before acceptance goes back to "submitted"; the clock has not started', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }, '2026-09-21')
      .do('district_industry', 'return', { comment: '土地权证不清晰' }, '2026-09-22')
      .do('enterprise', 'resubmit', { attachedDocuments: DOCS_BASIC }, '2026-09-24');
    expect(j.state).toMatchObject({ stage: 'submitted', clock: { startedOn: null, pauses: [] } });
    // The acceptance clock (deadlines.ts) runs again from the resubmission.
    expect(j.state.clock.submittedOn).toBe('2026-09-24');
  });

  it('accept 9-28, return 9-30, resubmit 10-09 (across National Day 2026): paused days do not count', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }, '2026-09-27')
      .do('district_industry', 'accept', {}, '2026-09-28')
      .do('district_industry', 'return', { comment: '补充容积率测算' }, '2026-09-30');
    const whileReturned = clockStatus(j.state.clock, cal, '2026-10-09');
    expect(whileReturned).toMatchObject({ state: 'paused', used: 2, due: null, pausedDays: 2 });
    j.do('enterprise', 'resubmit', { attachedDocuments: DOCS_BASIC }, '2026-10-09');
    expect(j.state.stage).toBe('preliminary_review');
    expect(j.state.clock).toEqual({
      startedOn: '2026-09-28',
      pauses: [{ from: '2026-09-30', to: '2026-10-09' }],
      stoppedOn: null,
      submittedOn: '2026-09-27'
    });
    // Working days after 9-28 to 10-12: 9-29, 9-30, [10-08, 10-09 paused], 10-10 (make-up Sat), 10-12 → 4 used.
    // Due: 9-29, 9-30, 10-10, 10-12, 10-13, 10-14, 10-15, 10-16, 10-19, 10-20 → 2026-10-20.
    expect(clockStatus(j.state.clock, cal, '2026-10-12')).toMatchObject({
      state: 'running',
      used: 4,
      remaining: 6,
      due: '2026-10-20',
      overdue: false,
      pausedDays: 2,
      provisional: false
    });
    expect(clockStatus(j.state.clock, cal, '2026-10-20')).toMatchObject({ used: 10, overdue: false });
    expect(clockStatus(j.state.clock, cal, '2026-10-21')).toMatchObject({ used: 11, remaining: -1, overdue: true });
  });

  it('Spring Festival 2026: accepted 2-11, decided 3-03 is on time, 3-04 is late', () => {
    const run = (decisionDay: string) =>
      new Journey(FACTS.insideRetained)
        .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }, '2026-02-10')
        .do('district_industry', 'accept', {}, '2026-02-11')
        .do('district_industry', 'start_joint_review', { departments: [...JOINT.departments] }, '2026-02-12')
        .do('district_industry', 'close_joint_review', { override: true, comment: '节前集中审议' }, '2026-02-13')
        .do('district_government', 'recognise', { documentId: 'd' }, decisionDay);
    expect(clockStatus(run('2026-03-03').state.clock, cal, '2026-06-01')).toMatchObject({
      state: 'stopped',
      used: 10,
      due: '2026-03-03',
      late: false
    });
    expect(clockStatus(run('2026-03-04').state.clock, cal, '2026-06-01')).toMatchObject({
      state: 'stopped',
      used: 11,
      late: true
    });
  });

  it('a project accepted in 2030 is on a provisional (weekends-only) clock', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }, '2030-09-29')
      .do('district_industry', 'accept', {}, '2030-09-30');
    expect(clockStatus(j.state.clock, cal, '2030-10-02')).toMatchObject({
      due: '2030-10-14',
      provisional: true,
      used: 2
    });
  });

  it("the clock day is the Shanghai date of the action, not the server's", () => {
    const j = new Journey(FACTS.insideRetained).do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC });
    const r = applyAction(
      j.state,
      { type: 'accept', expectedVersion: j.state.version },
      j.actors.district_industry,
      j.facts,
      new Date('2026-09-30T17:00:00Z')
    );
    expect(r.ok && r.state.clock.startedOn).toBe('2026-10-01');
  });
});
