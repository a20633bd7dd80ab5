// Shared fixtures for the workflow tests: one actor per role, the path facts of every branch, and a
// driver that applies real actions (no hand-built states) and fails loudly when one is refused.
import { expect } from 'vitest';
import type { Actor } from '../../../src/lib/domain/permissions.ts';
import type { PathFacts } from '../../../src/lib/domain/paths.ts';
import { DOCUMENT_KINDS } from '../../../src/lib/domain/paths.ts';
import type { Role } from '../../../src/lib/domain/roles.ts';
import {
  applyAction,
  initialState,
  type ActionType,
  type WorkflowAction,
  type WorkflowState,
  type WorkflowEvent
} from '../../../src/lib/domain/workflow.ts';

export const OWNER = 'ent-owner';

/** One actor per role for a project in `authority` (scoped roles belong to it; Lingang's committee to 'lingang'). */
export function actorsFor(authority: string): Record<Role, Actor> {
  return {
    enterprise: { id: OWNER, role: 'enterprise', authorityCode: null },
    district_industry: { id: `ind-${authority}`, role: 'district_industry', authorityCode: authority },
    district_department: {
      id: `plan-${authority}`,
      role: 'district_department',
      authorityCode: authority,
      department: 'planning_resources'
    },
    district_government: { id: `gov-${authority}`, role: 'district_government', authorityCode: authority },
    lingang_committee: { id: 'lingang-cmte', role: 'lingang_committee', authorityCode: 'lingang' },
    city_sheitc: { id: 'sheitc', role: 'city_sheitc', authorityCode: null },
    city_ndrc: { id: 'ndrc', role: 'city_ndrc', authorityCode: null },
    city_stcsm: { id: 'stcsm', role: 'city_stcsm', authorityCode: null },
    city_planning: { id: 'planning', role: 'city_planning', authorityCode: null },
    city_ecology: { id: 'ecology', role: 'city_ecology', authorityCode: null },
    admin: { id: 'admin', role: 'admin', authorityCode: null }
  };
}

const base: PathFacts = {
  landType: 'inside_boundary',
  lingang: false,
  newlyTransferred: false,
  retainedInPlan: true,
  plotRatioAfter: 1.5,
  contractPlotRatio: 2.0
};
export const FACTS = {
  insideRetained: base,
  insideNotRetained: { ...base, retainedInPlan: false },
  reserveNew: { ...base, landType: 'reserve', newlyTransferred: true },
  reserveExisting: { ...base, landType: 'reserve', newlyTransferred: false },
  outsideNotRetainedExceeding: {
    ...base,
    landType: 'outside_boundary',
    retainedInPlan: false,
    plotRatioAfter: 2.4,
    contractPlotRatio: 1.2
  },
  outsideRetainedExceeding: {
    ...base,
    landType: 'outside_boundary',
    retainedInPlan: true,
    plotRatioAfter: 2.4,
    contractPlotRatio: 1.2
  },
  outsideNotRetainedWithin: {
    ...base,
    landType: 'outside_boundary',
    retainedInPlan: false,
    plotRatioAfter: 1.0,
    contractPlotRatio: 1.2
  },
  block: { ...base, landType: 'industrial_block' },
  lingang: { ...base, lingang: true }
} satisfies Record<string, PathFacts>;

/** A request carrying everything any action could need (so only role/stage/path decide). */
export function fullRequest(type: ActionType, state: WorkflowState): WorkflowAction {
  return {
    type,
    expectedVersion: state.version,
    comment: '理由：测试',
    opinion: 'agree',
    departments: ['planning_resources', 'ecology_environment'],
    department: 'ecology_environment',
    documentId: 'doc-1',
    attachedDocuments: [...DOCUMENT_KINDS],
    override: true
  };
}

export const at = (shanghaiDay: string) => new Date(`${shanghaiDay}T10:00:00+08:00`);

export class Journey {
  state: WorkflowState;
  events: WorkflowEvent[] = [];
  constructor(
    public facts: PathFacts,
    public authority = 'pudong',
    public actors = actorsFor(authority)
  ) {
    this.state = initialState('p-1', authority, OWNER);
  }
  /** Apply an action that must succeed; extra fields override the minimal request. */
  do(role: Role | Actor, type: ActionType, extra: Partial<WorkflowAction> = {}, day = '2026-09-28'): this {
    const actor = typeof role === 'string' ? this.actors[role] : role;
    const r = applyAction(
      this.state,
      { type, expectedVersion: this.state.version, ...extra },
      actor,
      this.facts,
      at(day)
    );
    if (!r.ok)
      expect.fail(
        `${actor.role} ${type} at ${this.state.stage} refused: ${r.refusal.status} ${r.refusal.code} ${r.refusal.en}`
      );
    this.state = r.state;
    this.events.push(...r.events);
    return this;
  }
  try(role: Role | Actor, type: ActionType, extra: Partial<WorkflowAction> = {}, day = '2026-09-28') {
    const actor = typeof role === 'string' ? this.actors[role] : role;
    return applyAction(this.state, { type, expectedVersion: this.state.version, ...extra }, actor, this.facts, at(day));
  }
}

export const DOCS_BASIC: WorkflowAction['attachedDocuments'] = ['boundary', 'land_title', 'land_contract'];
export const DOCS_WITH_COMMITMENT: WorkflowAction['attachedDocuments'] = [
  'boundary',
  'land_title',
  'land_contract',
  'commitment'
];
