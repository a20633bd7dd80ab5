// What the workflow tells a user about an action they cannot take, and what each available action needs
// (issue 19: rules stated as tests, found by mutation testing). Each refusal names why, in both languages.
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  availableActions,
  todoActions,
  waitsOn,
  unansweredReviewers
} from '../../../src/lib/domain/workflow.ts';
import type { ActionType } from '../../../src/lib/domain/workflow-model.ts';
import { DOCS_BASIC, DOCS_WITH_COMMITMENT, FACTS, Journey, actorsFor, at, fullRequest } from './workflow-helpers.ts';

const A = actorsFor('pudong');

/** A project at the district government's decision on the ordinary path (joint review closed). */
const atDecision = () =>
  new Journey(FACTS.insideRetained)
    .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
    .do('district_industry', 'accept')
    .do('district_industry', 'start_joint_review', { departments: ['planning_resources'] })
    .do('district_department', 'record_opinion', { opinion: 'agree' })
    .do('district_industry', 'close_joint_review');

describe("an action that is not on this project's path says why (409 not_on_path)", () => {
  const refuse = (j: Journey, role: Parameters<Journey['try']>[0], type: ActionType) => {
    const r = j.try(role, type, fullRequest(type, j.state));
    if (r.ok) throw new Error(`${type} was allowed`);
    return r.refusal;
  };

  it('joint-review steps on the city path (三.1) name the city review', () => {
    const j = new Journey(FACTS.reserveNew)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept');
    for (const type of ['start_joint_review', 'record_opinion', 'enter_opinion', 'close_joint_review'] as const) {
      const r = refuse(j, type === 'record_opinion' ? 'district_department' : 'district_industry', type);
      expect(r).toMatchObject({ status: 409, code: 'not_on_path' });
      expect(r.zh).toContain('不经区级联审');
      expect(r.zh).toContain('三.1');
      expect(r.en).toContain('not to a district joint review');
    }
  });

  it('city-review steps on the ordinary path say only reserve-area new land goes to the city', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept');
    for (const [role, type] of [
      ['district_industry', 'forward_to_city'],
      ['city_ndrc', 'record_city_opinion']
    ] as const) {
      const r = refuse(j, role, type);
      expect(r.code).toBe('not_on_path');
      expect(r.zh).toContain('仅战略预留区内新出让土地的项目报市级审核（三.1）');
      expect(r.en).toContain('Only newly transferred land in a strategic reserve area goes to city review');
      expect(r.zh).not.toContain('不经区级联审');
    }
  });

  it('a plan adjustment where none is needed names 一.4(3); once recorded it says so', () => {
    const r = refuse(atDecision(), 'district_department', 'complete_plan_adjustment');
    expect(r.code).toBe('not_on_path');
    expect(r.zh).toContain('仅开发边界外、未经规划确认保留的项目需要规划调整（一.4(3)）');
    expect(r.en).toContain('need a plan adjustment (clause 一.4(3))');
    expect(r.zh).not.toContain('已登记完成');

    const j = new Journey(FACTS.outsideNotRetainedWithin)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: ['planning_resources'] })
      .do('district_department', 'record_opinion', { opinion: 'agree' })
      .do('district_industry', 'close_joint_review')
      .do('district_government', 'recognise', { documentId: 'doc-r' })
      .do('district_department', 'complete_plan_adjustment', { documentId: 'doc-p' });
    const done = refuse(j, 'district_department', 'complete_plan_adjustment');
    expect(done.zh).toContain('规划调整已登记完成。');
    expect(done.en).toContain('The plan adjustment is already recorded.');
  });

  it('acknowledging a filing that was never required names the plot-ratio rule', () => {
    const j = atDecision().do('district_government', 'recognise', { documentId: 'doc-r' });
    const r = refuse(j, 'city_sheitc', 'acknowledge_filing');
    expect(r.code).toBe('not_on_path');
    expect(r.zh).toContain('突破原土地出让合同容积率的项目需向市经济信息化委、市规划资源局报备');
    expect(r.en).toContain("exceed the land contract's plot ratio are filed with the city");
  });

  it('the wrong role hears who does it, each role named once', () => {
    const j = atDecision();
    const r = refuse(j, 'city_sheitc', 'recognise');
    expect(r).toMatchObject({ status: 403, code: 'role_not_allowed' });
    expect(r.zh).toMatch(/^本项目的“通过认定”应由“[^”]+”(或“[^”]+”)+办理。$/);
    expect(r.zh).toContain('“区政府”');
    expect(r.en).toMatch(/^On this project "Recognise" is for .+\.$/);
    const names = r.en
      .replace(/^On this project "Recognise" is for /, '')
      .replace(/\.$/, '')
      .split(' or ');
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(names.every((n) => n.length > 0)).toBe(true);
  });
});

describe('what an available action needs', () => {
  it('departments for starting the review, one department and its letter for entering its opinion, the decision document for recognition', () => {
    const review = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept');
    const start = availableActions(review.state, A.district_industry, FACTS.insideRetained).find(
      (a) => a.type === 'start_joint_review'
    )!;
    expect(start.needs).toMatchObject({ departments: true, department: false, document: null });
    const ret = availableActions(review.state, A.district_industry, FACTS.insideRetained).find(
      (a) => a.type === 'return'
    )!;
    expect(ret.needs).toMatchObject({ departments: false, department: false, document: null });

    const jr = review.do('district_industry', 'start_joint_review', { departments: ['planning_resources'] });
    const enter = availableActions(jr.state, A.district_industry, FACTS.insideRetained).find(
      (a) => a.type === 'enter_opinion'
    )!;
    expect(enter.needs).toMatchObject({ departments: false, department: true, document: 'opinion_letter' });

    const d = atDecision();
    const rec = availableActions(d.state, A.district_government, FACTS.insideRetained).find(
      (a) => a.type === 'recognise'
    )!;
    expect(rec.needs).toMatchObject({ departments: false, department: false, document: 'recognition' });
    const rej = availableActions(d.state, A.district_government, FACTS.insideRetained).find(
      (a) => a.type === 'reject'
    )!;
    expect(rej.needs.document).toBeNull();
  });

  it('recording the plan adjustment needs its approval document', () => {
    const j = new Journey(FACTS.outsideNotRetainedWithin)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: ['planning_resources'] })
      .do('district_department', 'record_opinion', { opinion: 'agree' })
      .do('district_industry', 'close_joint_review')
      .do('district_government', 'recognise', { documentId: 'doc-r' });
    const pa = availableActions(j.state, A.district_department, j.facts).find(
      (a) => a.type === 'complete_plan_adjustment'
    )!;
    expect(pa.needs.document).toBe('plan_adjustment');
    const refused = j.try('district_department', 'complete_plan_adjustment', {});
    expect(refused.ok).toBe(false);
  });
});

describe('what waits on whom (the inbox)', () => {
  it('the city reviewers who have not answered are waited on; one who has answered is not', () => {
    const j = new Journey(FACTS.reserveNew)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'forward_to_city', {});
    expect(unansweredReviewers(j.state)).toEqual([
      'city_sheitc',
      'city_ndrc',
      'city_stcsm',
      'city_planning',
      'city_ecology'
    ]);
    expect(waitsOn(j.state, A.city_ndrc, j.facts)).toBe(true);
    j.do('city_ndrc', 'record_city_opinion', { opinion: 'agree' });
    expect(waitsOn(j.state, A.city_ndrc, j.facts)).toBe(false);
    expect(todoActions(j.state, A.city_ndrc, j.facts)).toEqual([]);
    expect(unansweredReviewers(j.state)).not.toContain('city_ndrc');
    // The enterprise may withdraw, but withdrawing is never a to-do.
    expect(availableActions(j.state, A.enterprise, j.facts).map((a) => a.type)).toContain('withdraw');
    expect(waitsOn(j.state, A.enterprise, j.facts)).toBe(false);
  });

  it('each filing recipient waits until it has acknowledged; then it no longer does', () => {
    const j = new Journey(FACTS.outsideRetainedExceeding)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: ['planning_resources'] })
      .do('district_department', 'record_opinion', { opinion: 'agree' })
      .do('district_industry', 'close_joint_review')
      .do('district_government', 'recognise', { documentId: 'doc-r' });
    expect(waitsOn(j.state, A.city_sheitc, j.facts)).toBe(true);
    expect(waitsOn(j.state, A.city_planning, j.facts)).toBe(true);
    j.do('city_sheitc', 'acknowledge_filing');
    expect(waitsOn(j.state, A.city_sheitc, j.facts)).toBe(false);
    expect(waitsOn(j.state, A.city_planning, j.facts)).toBe(true);
    const again = j.try('city_sheitc', 'acknowledge_filing');
    expect(again.ok ? null : again.refusal.code).toBe('already_acknowledged');
    expect(j.events.at(-1)!.action).toBe('acknowledge_filing');
  });

  it('a department that has given its opinion is no longer waited on; one invited and silent is', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: ['planning_resources', 'ecology_environment'] });
    const eco = { ...A.district_department, id: 'eco', department: 'ecology_environment' };
    expect(waitsOn(j.state, A.district_department, j.facts)).toBe(true);
    j.do('district_department', 'record_opinion', { opinion: 'agree' });
    expect(waitsOn(j.state, A.district_department, j.facts)).toBe(false);
    expect(waitsOn(j.state, eco, j.facts)).toBe(true);
  });
});

describe('details of what an action records', () => {
  it('a return from the joint review is marked as a request for supplementary material; from preliminary review it is not', () => {
    const pre = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept');
    pre.do('district_industry', 'return', { comment: '缺材料' });
    expect(pre.events.at(-1)!.payload.supplement).toBeUndefined();
    const jr = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: ['planning_resources'] })
      .do('district_industry', 'return', { comment: '请补充环评材料' });
    expect(jr.events.at(-1)!.payload.supplement).toBe(true);
  });

  it('an opinion entered for a department without a channel is recorded as received by letter', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: ['planning_resources'] })
      .do('district_industry', 'enter_opinion', {
        department: 'planning_resources',
        opinion: 'agree',
        documentId: 'letter-1'
      });
    expect(j.state.jointOpinions.planning_resources?.onBehalf).toMatchObject({ documentId: 'letter-1', via: 'letter' });
    expect(j.events.at(-1)!.payload.via).toBe('letter');
  });

  it('closing with everyone answered records no override; with someone silent it needs and records one', () => {
    const full = atDecision();
    expect(full.events.at(-1)!.payload.override).toBeUndefined();
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: ['planning_resources', 'ecology_environment'] })
      .do('district_department', 'record_opinion', { opinion: 'agree' });
    const bare = j.try('district_industry', 'close_joint_review', {});
    expect(bare.ok).toBe(false);
    j.do('district_industry', 'close_joint_review', { override: true, comment: '生态环境局逾期未复' });
    expect(j.events.at(-1)!.payload.override).toBe(true);
  });

  it('the decision stops the clock on the decision day; recognition records the document and who recorded it for whom', () => {
    const j = atDecision().do('district_industry', 'recognise', { documentId: 'doc-r' }, '2026-10-09');
    expect(j.state.clock.stoppedOn).toBe('2026-10-09');
    const ev = j.events.find((e) => e.action === 'recognise')!;
    expect(ev.payload).toMatchObject({ documentId: 'doc-r', recordedFor: 'district_government' });
    const byGov = atDecision().do('district_government', 'recognise', { documentId: 'doc-r' });
    expect(byGov.events.find((e) => e.action === 'recognise')!.payload.recordedFor).toBeUndefined();
  });

  it('a new project starts with no invited departments and no filing required', () => {
    const j = new Journey(FACTS.insideRetained);
    expect(j.state.invitedDepartments).toEqual([]);
    expect(j.state.filing).toEqual({ required: false, acknowledgements: {} });
  });

  it('a reply date in the past is refused; today is accepted', () => {
    const j = new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_WITH_COMMITMENT })
      .do('district_industry', 'accept');
    const past = applyAction(
      j.state,
      {
        type: 'start_joint_review',
        expectedVersion: j.state.version,
        departments: ['planning_resources'],
        dueOn: '2026-09-27'
      },
      A.district_industry,
      j.facts,
      at('2026-09-28')
    );
    expect(past.ok).toBe(false);
    const today = applyAction(
      j.state,
      {
        type: 'start_joint_review',
        expectedVersion: j.state.version,
        departments: ['planning_resources'],
        dueOn: '2026-09-28'
      },
      A.district_industry,
      j.facts,
      at('2026-09-28')
    );
    expect(today.ok).toBe(true);
  });
});
