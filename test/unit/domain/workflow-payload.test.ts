// What a request must carry (workflow-payload.ts), read as the user reads a refusal: its code and the sentence
// in both languages, naming what is missing. Also: a comment of spaces is no comment, and the override of a
// city review names the city reviewers still to answer, for a rejection as for a recognition.
import { describe, expect, it } from 'vitest';
import { checkPayload, needsOverride } from '../../../src/lib/domain/workflow-payload.ts';
import { initialState, type WorkflowAction, type WorkflowState } from '../../../src/lib/domain/workflow.ts';
import { FACTS } from './workflow-helpers.ts';

const AGREED = { opinion: 'agree' as const, comment: null, actorId: 'x', at: '2026-11-30T00:00:00Z' };
const NOW = new Date('2026-12-01T02:00:00Z');
const at = (stage: WorkflowState['stage'], more: Partial<WorkflowState> = {}): WorkflowState => ({
  ...initialState('p1', 'jiading', 'owner'),
  stage,
  ...more
});
const check = (state: WorkflowState, action: Partial<WorkflowAction>, facts = FACTS.insideRetained) =>
  checkPayload(state, { expectedVersion: state.version, ...action } as WorkflowAction, facts, NOW);

describe('refusals name what is missing, in both languages', () => {
  it('a rejection without a reason, and with a reason of spaces only', () => {
    for (const comment of [undefined, '   ']) {
      expect(check(at('decision'), { type: 'reject', comment })).toEqual({
        status: 400,
        code: 'reason_missing',
        zh: '“未通过认定”须填写理由。',
        en: '"Do not recognise" needs a reason.'
      });
    }
  });

  it('an incomplete application lists every missing document', () => {
    const r = check(at('draft'), { type: 'submit', attachedDocuments: ['boundary'] });
    expect(r).toMatchObject({
      code: 'documents_missing',
      zh: '申报材料不齐，缺少：土地权证、土地出让合同。',
      en: 'The application is incomplete; missing: Land title certificate, Land transfer contract.'
    });
  });

  it('a joint review deadline in the past gives the date', () => {
    const r = check(at('preliminary_review'), {
      type: 'start_joint_review',
      departments: ['planning_resources'],
      dueOn: '2026-11-30'
    });
    expect(r).toMatchObject({
      code: 'due_in_past',
      zh: '反馈期限（2026-11-30）不能早于今天。',
      en: 'The reply deadline (2026-11-30) cannot be in the past.'
    });
  });

  it('an opinion entered for a department not invited, or without its letter', () => {
    const state = at('joint_review', { invitedDepartments: ['planning_resources'] });
    expect(check(state, { type: 'enter_opinion', department: 'ecology_environment', opinion: 'agree' })).toMatchObject({
      code: 'department_not_invited',
      zh: '“区生态环境局”未被邀请参加本项目的区级联审，不能代其录入意见。',
      en: '"District ecology and environment bureau" is not invited to this joint review; its opinion cannot be entered.'
    });
    expect(check(state, { type: 'enter_opinion', department: 'planning_resources', opinion: 'agree' })).toMatchObject({
      code: 'opinion_document_missing',
      zh: '代部门录入意见须上传该部门盖章的意见函或会议纪要（附件 二.2）。',
      en: "Entering a department's opinion needs its signed letter or the meeting minutes uploaded (Annex 2.2)."
    });
  });

  it('an opinion not chosen, or a conditional one without its conditions', () => {
    const state = at('joint_review', { invitedDepartments: ['planning_resources'] });
    expect(check(state, { type: 'record_opinion' })).toMatchObject({
      code: 'opinion_missing',
      zh: '请选择意见：同意、有条件同意或不同意。',
      en: 'Choose an opinion: agree, agree with conditions, or disagree.'
    });
    expect(check(state, { type: 'record_opinion', opinion: 'disagree', comment: ' ' })).toMatchObject({
      code: 'comment_missing',
      zh: '“有条件同意”或“不同意”须写明条件或理由。',
      en: 'Agreeing with conditions or disagreeing needs the conditions or reasons in a comment.'
    });
  });

  it('recognition without its document', () => {
    expect(check(at('decision'), { type: 'recognise' })).toMatchObject({
      code: 'recognition_document_missing',
      zh: '“通过认定”须上传认定文件。',
      en: 'Recognition needs the recognition document uploaded.'
    });
    expect(check(at('decision'), { type: 'recognise', documentId: 'doc-7' }, FACTS.insideNotRetained)).toMatchObject({
      code: 'commitment_missing',
      zh: '该地块位于城市开发边界内且未在规划中保留，认定前须有企业“无条件服从政府实施规划收回土地”的承诺书（一.4(2)）。'
    });
  });

  it('a plan adjustment completed without its approval', () => {
    expect(check(at('recognised', { planAdjustment: 'pending' }), { type: 'complete_plan_adjustment' })).toMatchObject({
      code: 'plan_adjustment_document_missing',
      zh: '请上传规划调整批复文件。',
      en: 'Upload the plan adjustment approval.'
    });
  });
});

describe('closing a review before every answer is in', () => {
  it('the joint review: names the departments still to answer, and an override needs a reason', () => {
    const state = at('joint_review', {
      invitedDepartments: ['planning_resources', 'ecology_environment'],
      jointOpinions: { planning_resources: AGREED }
    });
    expect(check(state, { type: 'close_joint_review' })).toEqual({
      status: 409,
      code: 'review_incomplete',
      zh: '尚有 1 个部门未提交意见：区生态环境局。请等待，或选择“强制结束”并说明理由。',
      en: '1 still to answer: District ecology and environment bureau. Wait, or override with a reason.'
    });
    expect(check(state, { type: 'close_joint_review', override: true })).toMatchObject({
      code: 'override_reason_missing',
      zh: '强制结束审核须说明理由。',
      en: 'Overriding the review needs a reason.'
    });
    expect(check(state, { type: 'close_joint_review', override: true, comment: '逾期未复' })).toBeNull();
  });

  it('the city review: a rejection as a recognition waits for the five city reviewers, named', () => {
    const state = at('city_review', {
      cityOpinions: {
        city_sheitc: AGREED,
        city_ndrc: AGREED,
        city_stcsm: AGREED
      }
    });
    expect(needsOverride(state, 'reject')).toBe(true);
    expect(needsOverride(at('decision'), 'reject')).toBe(false);
    const r = check(state, { type: 'reject', comment: '不符合条件' });
    expect(r).toMatchObject({ status: 409, code: 'review_incomplete' });
    expect(r!.zh).toContain('尚有 2 个部门未提交意见：市规划资源局、市生态环境局。');
    expect(r!.en).toMatch(/^2 still to answer: .+, .+\. Wait/);
  });
});
