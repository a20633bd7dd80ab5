// The joint review as 附件 二.2 describes it (issue 13.1): the lead enters a department's opinion from its
// signed letter; departments may still answer themselves; invitations carry a deadline; the lead may return
// the file for supplements (退回补充材料), which pauses the clock and comes back to the joint review.
import { describe, expect, it } from 'vitest';
import { clockStatus } from '../../../src/lib/domain/clock.ts';
import { buildCalendar } from '../../../src/lib/domain/working-days.ts';
import { todoActions } from '../../../src/lib/domain/workflow.ts';
import { DOCS_BASIC, FACTS, Journey } from './workflow-helpers.ts';

const DIR = [
  { code: 'planning_resources', zh: '区规划资源局', en: 'Planning', defaultInvited: true, active: true },
  { code: 'development_reform', zh: '区发展改革委', en: 'NDRC', defaultInvited: true, active: true },
  { code: 'town_zhoupu', zh: '周浦镇人民政府', en: 'Zhoupu town', defaultInvited: false, active: true }
];
const toJoint = () =>
  new Journey(FACTS.insideRetained)
    .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }, '2026-09-21')
    .do('district_industry', 'accept', {}, '2026-09-21')
    .do(
      'district_industry',
      'start_joint_review',
      { departments: ['planning_resources', 'development_reform', 'town_zhoupu'], directory: DIR, dueOn: '2026-09-28' },
      '2026-09-22'
    );

describe('joint review (附件 二.2)', () => {
  it('invitations keep the department names of the day and their deadline', () => {
    const j = toJoint();
    expect(j.state.invitations?.town_zhoupu).toEqual({
      zh: '周浦镇人民政府',
      en: 'Zhoupu town',
      invitedOn: '2026-09-22',
      dueOn: '2026-09-28'
    });
    expect(j.events.at(-1)!.payload).toMatchObject({
      departments: ['planning_resources', 'development_reform', 'town_zhoupu'],
      dueOn: '2026-09-28'
    });
  });

  it('a deadline in the past is refused', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept');
    const r = j.try('district_industry', 'start_joint_review', {
      departments: ['planning_resources'],
      directory: DIR,
      dueOn: '2026-09-01'
    });
    expect(r.ok === false && r.refusal.code).toBe('due_in_past');
  });

  it('the lead enters a department opinion from its signed letter; the record says on whose behalf', () => {
    const j = toJoint().do(
      'district_industry',
      'enter_opinion',
      { department: 'town_zhoupu', opinion: 'agree', documentId: 'letter-1', via: 'letter' },
      '2026-09-23'
    );
    expect(j.state.jointOpinions.town_zhoupu).toMatchObject({
      opinion: 'agree',
      actorId: 'ind-pudong',
      onBehalf: { documentId: 'letter-1', via: 'letter' }
    });
    expect(j.events.at(-1)).toMatchObject({
      action: 'enter_opinion',
      role: 'district_industry',
      payload: { enteredFor: 'town_zhoupu', documentId: 'letter-1' }
    });
  });

  it('without the signed document, or for a department not invited, the lead is refused (400, bilingual)', () => {
    const j = toJoint();
    const noDoc = j.try('district_industry', 'enter_opinion', { department: 'town_zhoupu', opinion: 'agree' });
    expect(noDoc.ok === false && [noDoc.refusal.status, noDoc.refusal.code]).toEqual([400, 'opinion_document_missing']);
    const notInvited = j.try('district_industry', 'enter_opinion', {
      department: 'ecology_environment',
      opinion: 'agree',
      documentId: 'x'
    });
    expect(notInvited.ok === false && notInvited.refusal.code).toBe('department_not_invited');
    // Only the lead enters on behalf: a department cannot enter for another (403).
    const byDept = j.try('district_department', 'enter_opinion', {
      department: 'town_zhoupu',
      opinion: 'agree',
      documentId: 'x'
    });
    expect(byDept.ok === false && byDept.refusal.status).toBe(403);
  });

  it('a department still answers itself, and its to-do clears once it has', () => {
    const j = toJoint();
    const plan = j.actors.district_department; // bound to planning_resources
    expect(todoActions(j.state, plan, j.facts).map((a) => a.type)).toEqual(['record_opinion']);
    j.do(plan, 'record_opinion', { opinion: 'conditional', comment: '按控详规划退界' }, '2026-09-23');
    expect(todoActions(j.state, plan, j.facts)).toEqual([]);
    expect(j.state.jointOpinions.planning_resources).toMatchObject({ actorId: plan.id, opinion: 'conditional' });
    expect(j.state.jointOpinions.planning_resources?.onBehalf).toBeUndefined();
  });

  it('退回补充材料: return from the joint review pauses the clock; resubmission goes back with the opinions kept', () => {
    const cal = buildCalendar([], [2026]);
    const j = toJoint()
      .do(
        'district_industry',
        'enter_opinion',
        { department: 'town_zhoupu', opinion: 'agree', documentId: 'l' },
        '2026-09-23'
      )
      .do('district_industry', 'return', { comment: '请补充环评意向说明' }, '2026-09-24');
    expect(j.state.stage).toBe('returned');
    expect(j.events.at(-1)!.payload).toMatchObject({ supplement: true });
    expect(clockStatus(j.state.clock, cal, '2026-09-30').state).toBe('paused');
    j.do('enterprise', 'resubmit', { attachedDocuments: DOCS_BASIC }, '2026-09-30');
    expect(j.state.stage).toBe('joint_review');
    expect(j.state.jointOpinions.town_zhoupu?.opinion).toBe('agree');
    // 21 Sep accepted; 22–24 count (3), 25–30 paused (4 working days), so on 1 Oct 4 days are used.
    const c = clockStatus(j.state.clock, cal, '2026-10-01');
    expect([c.used, c.pausedDays]).toEqual([4, 4]);
  });
});
