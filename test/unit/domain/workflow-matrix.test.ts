// Every stage × action × role, on the two branches that between them reach every stage:
// the district branch (outside the development boundary, not retained, above the contract plot
// ratio: plan adjustment + filing) and the city branch (reserve area, newly transferred land).
// The expected tables below are written out by hand from 沪经信规范〔2020〕9号, not derived from the code.
import { describe, expect, it } from 'vitest';
import type { PathFacts } from '../../../src/lib/domain/paths.ts';
import { ROLES, type Role } from '../../../src/lib/domain/roles.ts';
import {
  ACTIONS,
  STAGES,
  applyAction,
  availableActions,
  type ActionType,
  type Stage,
  type WorkflowState
} from '../../../src/lib/domain/workflow.ts';
import { DOCS_BASIC, FACTS, Journey, actorsFor, at, fullRequest } from './workflow-helpers.ts';

type Table = Partial<Record<Stage, Partial<Record<ActionType, Role[]>>>>;
const CITY: Role[] = ['city_sheitc', 'city_ndrc', 'city_stcsm', 'city_planning', 'city_ecology'];

// ---- district branch -------------------------------------------------------------------------
const DISTRICT_ALLOWED: Table = {
  draft: { submit: ['enterprise', 'district_industry'], withdraw: ['enterprise'] },
  submitted: { accept: ['district_industry'], return: ['district_industry'], withdraw: ['enterprise'] },
  preliminary_review: {
    return: ['district_industry'],
    start_joint_review: ['district_industry'],
    withdraw: ['enterprise']
  },
  returned: { resubmit: ['enterprise', 'district_industry'], withdraw: ['enterprise'] },
  joint_review: {
    return: ['district_industry'],
    record_opinion: ['district_department'],
    enter_opinion: ['district_industry'],
    close_joint_review: ['district_industry'],
    withdraw: ['enterprise']
  },
  decision: {
    recognise: ['district_government', 'district_industry'],
    reject: ['district_government', 'district_industry'],
    withdraw: ['enterprise']
  },
  recognised: {
    complete_plan_adjustment: ['city_planning', 'district_department'],
    acknowledge_filing: ['city_sheitc', 'city_planning']
  },
  tracking: { acknowledge_filing: ['city_sheitc', 'city_planning'] },
  rejected: {},
  withdrawn: {}
};
/** Roles that take the action somewhere on this branch: when refused, theirs is "not now" (409). */
const DISTRICT_NOT_NOW: Record<ActionType, Role[]> = {
  submit: ['enterprise', 'district_industry'],
  withdraw: ['enterprise'],
  accept: ['district_industry'],
  return: ['district_industry'],
  resubmit: ['enterprise', 'district_industry'],
  start_joint_review: ['district_industry'],
  forward_to_city: ['district_industry'], // not on this branch: 409 not_on_path
  record_opinion: ['district_department'],
  enter_opinion: ['district_industry'],
  close_joint_review: ['district_industry'],
  record_city_opinion: CITY, // not on this branch: 409 not_on_path
  recognise: ['district_government', 'district_industry'],
  reject: ['district_government', 'district_industry'],
  complete_plan_adjustment: ['city_planning', 'district_department'],
  acknowledge_filing: ['city_sheitc', 'city_planning']
};

function districtStates(): Record<Stage, WorkflowState | null> {
  const f = FACTS.outsideNotRetainedExceeding;
  const draft = new Journey(f);
  const submitted = new Journey(f).do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC });
  const prelim = new Journey(f)
    .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
    .do('district_industry', 'accept');
  const toJoint = () =>
    new Journey(f)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
      .do('district_industry', 'accept')
      .do('district_industry', 'start_joint_review', { departments: ['planning_resources', 'ecology_environment'] });
  const returned = new Journey(f)
    .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC })
    .do('district_industry', 'accept')
    .do('district_industry', 'return', { comment: '补充土地权证' });
  const joint = toJoint();
  const eco = {
    id: 'eco-pd',
    role: 'district_department' as const,
    authorityCode: 'pudong',
    department: 'ecology_environment'
  };
  const toDecision = () =>
    toJoint()
      .do('district_department', 'record_opinion', { opinion: 'agree' })
      .do(eco, 'record_opinion', { opinion: 'agree' })
      .do('district_industry', 'close_joint_review');
  const decision = toDecision();
  const recognised = toDecision().do('district_government', 'recognise', { documentId: 'doc-rec' });
  const tracking = toDecision()
    .do('district_government', 'recognise', { documentId: 'doc-rec' })
    .do('city_planning', 'complete_plan_adjustment', { documentId: 'doc-adj' });
  const rejected = toDecision().do('district_government', 'reject', { comment: '不符合正面清单' });
  const withdrawn = new Journey(f).do('enterprise', 'withdraw', { comment: '不再改造' });
  return {
    draft: draft.state,
    submitted: submitted.state,
    preliminary_review: prelim.state,
    returned: returned.state,
    joint_review: joint.state,
    city_review: null, // not on this branch
    decision: decision.state,
    recognised: recognised.state,
    tracking: tracking.state,
    rejected: rejected.state,
    withdrawn: withdrawn.state
  };
}

// ---- city branch -----------------------------------------------------------------------------
const CITY_ALLOWED: Table = {
  draft: { submit: ['enterprise', 'district_industry'], withdraw: ['enterprise'] },
  submitted: { accept: ['district_industry'], return: ['district_industry'], withdraw: ['enterprise'] },
  preliminary_review: {
    return: ['district_industry'],
    forward_to_city: ['district_industry'],
    withdraw: ['enterprise']
  },
  returned: { resubmit: ['enterprise', 'district_industry'], withdraw: ['enterprise'] },
  city_review: {
    record_city_opinion: CITY,
    recognise: ['city_sheitc'],
    reject: ['city_sheitc'],
    withdraw: ['enterprise']
  },
  tracking: {},
  rejected: {}
};
const CITY_NOT_NOW: Record<ActionType, Role[]> = {
  ...DISTRICT_NOT_NOW,
  start_joint_review: ['district_industry'], // not on this branch: 409 not_on_path
  record_opinion: ['district_department'],
  enter_opinion: ['district_industry'],
  close_joint_review: ['district_industry'],
  record_city_opinion: CITY,
  recognise: ['city_sheitc'], // the district government does not decide here: 403
  reject: ['city_sheitc']
};

function cityStates(): Partial<Record<Stage, WorkflowState>> {
  const f = FACTS.reserveNew;
  const start = () =>
    new Journey(f).do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }).do('district_industry', 'accept');
  const review = () => start().do('district_industry', 'forward_to_city');
  const allOpinions = () => {
    const j = review();
    for (const r of CITY) j.do(r, 'record_city_opinion', { opinion: 'agree' });
    return j;
  };
  return {
    draft: new Journey(f).state,
    submitted: new Journey(f).do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }).state,
    preliminary_review: start().state,
    returned: start().do('district_industry', 'return', { comment: '补正' }).state,
    city_review: review().state,
    tracking: allOpinions().do('city_sheitc', 'recognise', { documentId: 'doc-city' }).state,
    rejected: allOpinions().do('city_sheitc', 'reject', { comment: '不符合' }).state
  };
}

function checkMatrix(
  name: string,
  states: Partial<Record<Stage, WorkflowState | null>>,
  allowed: Table,
  notNow: Record<ActionType, Role[]>,
  facts: PathFacts
) {
  const actors = actorsFor('pudong');
  describe(name, () => {
    for (const stage of STAGES) {
      const state = states[stage];
      if (!state) continue;
      it(`${stage}: every action × role gets the right answer`, () => {
        expect(state.stage).toBe(stage);
        const failures: string[] = [];
        for (const type of ACTIONS) {
          for (const role of ROLES) {
            const r = applyAction(state, fullRequest(type, state), actors[role], facts, at('2026-10-12'));
            const ok = allowed[stage]?.[type]?.includes(role) ?? false;
            const expected = ok ? 'ok' : notNow[type].includes(role) ? 409 : 403;
            const got = r.ok ? 'ok' : r.refusal.status;
            if (got !== expected)
              failures.push(
                `${type} by ${role}: expected ${expected}, got ${got}${r.ok ? '' : ` (${r.refusal.code})`}`
              );
            if (r.ok) {
              expect(r.event.from).toBe(stage);
              expect(r.event.role).toBe(role);
              expect(r.state.version).toBe(state.version + r.events.length);
              expect(r.events.map((e) => e.version)).toEqual(r.events.map((_, i) => state.version + 1 + i));
            } else {
              expect(r.refusal.zh.length).toBeGreaterThan(0);
              expect(r.refusal.en.length).toBeGreaterThan(0);
            }
          }
        }
        expect(failures).toEqual([]);
      });
      it(`${stage}: availableActions offers exactly the allowed actions`, () => {
        for (const role of ROLES) {
          const offered = availableActions(state, actors[role], facts).map((a) => a.type);
          const expected = ACTIONS.filter((t) => allowed[stage]?.[t]?.includes(role));
          expect({ role, offered }).toEqual({ role, offered: expected });
        }
      });
    }
  });
}

checkMatrix(
  'district branch (outside boundary, not retained, plot ratio above contract)',
  districtStates(),
  DISTRICT_ALLOWED,
  DISTRICT_NOT_NOW,
  FACTS.outsideNotRetainedExceeding
);
checkMatrix(
  'city branch (reserve area, newly transferred land)',
  cityStates(),
  CITY_ALLOWED,
  CITY_NOT_NOW,
  FACTS.reserveNew
);
