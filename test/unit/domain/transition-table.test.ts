// The one transition table (domain/workflow-transitions.ts WORKFLOW): the guards, the next stage, the
// action forms and the roles a refusal names all read it, so a move added there reaches all of them.
import { describe, expect, it } from 'vitest';
import { pathOf } from '../../../src/lib/domain/paths.ts';
import { FINAL_STAGES, ACTIONS, initialState, type WorkflowState } from '../../../src/lib/domain/workflow.ts';
import {
  ACTION_ROLES,
  OPINION_ACTIONS,
  REASON_REQUIRED,
  WORKFLOW,
  stageRoles,
  targetStage
} from '../../../src/lib/domain/workflow-transitions.ts';
import { FACTS } from './workflow-helpers.ts';

const at = (stage: WorkflowState['stage'], more: Partial<WorkflowState> = {}): WorkflowState => ({
  ...initialState('p', 'pudong', 'o'),
  stage,
  ...more
});

describe('the transition table', () => {
  it('leaves no closed stage and names roles for every move', () => {
    for (const a of ACTIONS) {
      expect(WORKFLOW[a].moves.length).toBeGreaterThan(0);
      for (const m of WORKFLOW[a].moves) {
        expect(m.from.some((s) => FINAL_STAGES.includes(s))).toBe(false);
        expect(m.roles.length).toBeGreaterThan(0);
      }
    }
  });

  it('derives who takes an action on some path and what the request must carry', () => {
    expect([...ACTION_ROLES.recognise].sort()).toEqual([
      'city_sheitc',
      'district_government',
      'district_industry',
      'lingang_committee'
    ]);
    expect(REASON_REQUIRED).toEqual(['withdraw', 'return', 'reject']);
    expect(OPINION_ACTIONS).toEqual(['record_opinion', 'enter_opinion', 'record_city_opinion']);
  });

  it('opens the joint review on the district path and the city review on the city path (三.1)', () => {
    const district = pathOf(FACTS.insideRetained);
    const city = pathOf(FACTS.reserveNew);
    expect(stageRoles('start_joint_review', district, at('preliminary_review'))).toEqual({
      preliminary_review: ['district_industry']
    });
    expect(stageRoles('start_joint_review', city, at('preliminary_review'))).toEqual({});
    expect(stageRoles('recognise', district, at('decision'))).toEqual({
      decision: ['district_government', 'district_industry']
    });
    expect(stageRoles('recognise', city, at('city_review'))).toEqual({ city_review: ['city_sheitc'] });
    expect(targetStage('forward_to_city', city, at('preliminary_review'))).toBe('city_review');
  });

  it('leads a resubmission back to where the application was returned from, and opinions to the same stage', () => {
    const path = pathOf(FACTS.insideRetained);
    expect(targetStage('resubmit', path, at('returned', { returnedFrom: 'joint_review' }))).toBe('joint_review');
    expect(targetStage('resubmit', path, at('returned'))).toBe('submitted');
    expect(targetStage('record_opinion', path, at('joint_review'))).toBe('joint_review');
    expect(targetStage('return', path, at('joint_review'))).toBe('returned');
  });
});
