// 项目信息表 in the procedure (附件 二.1): the acts that send the case to the deciders need an issued sheet.
import { describe, expect, it } from 'vitest';
import { ACTIONS, type ActionType } from '../../../src/lib/domain/workflow-model.ts';
import {
  ACTIONS_NEEDING_SHEET,
  SHEET_CLAUSE,
  SHEET_RULE,
  sheetRefusal,
  sheetState
} from '../../../src/lib/domain/project-sheet.ts';

describe('the project information sheet must exist before the case goes to the deciders', () => {
  it('closing the joint review and forwarding to the city are refused without a sheet, naming the rule and clause', () => {
    for (const action of ['close_joint_review', 'forward_to_city']) {
      const r = sheetRefusal(action, { issued: false });
      expect(r).toMatchObject({ status: 409, code: 'sheet_missing' });
      expect(r!.zh).toContain('附件 二.1');
      expect(r!.zh).toContain('一份报区政府');
      expect(r!.zh).toContain('一键成表');
      expect(r!.en).toContain('district government');
    }
  });

  it('with an issued sheet every act goes ahead', () => {
    for (const action of ACTIONS) expect(sheetRefusal(action, { issued: true })).toBeNull();
  });

  it('no other act of the workflow needs the sheet (submitting, reviewing, deciding on a case already sent)', () => {
    const others = ACTIONS.filter((a: ActionType) => !ACTIONS_NEEDING_SHEET.includes(a));
    expect(others).toContain('submit');
    expect(others).toContain('recognise');
    for (const action of others) expect(sheetRefusal(action, { issued: false })).toBeNull();
    expect(ACTIONS.filter((a) => ACTIONS_NEEDING_SHEET.includes(a)).sort()).toEqual([
      'close_joint_review',
      'forward_to_city'
    ]);
  });

  it('the card says whether the sheet is due: from acceptance until the decision, unless issued', () => {
    expect(sheetState('draft', { issued: false })).toBe('not_yet');
    expect(sheetState('submitted', { issued: false })).toBe('not_yet');
    for (const stage of ['preliminary_review', 'joint_review', 'city_review', 'decision'])
      expect(sheetState(stage, { issued: false })).toBe('due');
    expect(sheetState('recognised', { issued: false })).toBe('not_yet');
    expect(sheetState('joint_review', { issued: true })).toBe('issued');
    expect(SHEET_RULE.zh).toContain(SHEET_CLAUSE);
  });
});
