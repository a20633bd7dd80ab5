// The one stage table (domain/workflow-model.ts STAGE_TABLE): the guards, the timeline, the statistics and
// the inbox read their stage lists from it, so a stage added there reaches all of them.
import { describe, expect, it } from 'vitest';
import {
  EDITABLE_STAGES,
  FINAL_STAGES,
  mainLine,
  OPEN_STAGES,
  REVIEW_STAGES,
  STAGE_LABELS,
  STAGES
} from '../../../src/lib/domain/workflow-model.ts';
import { WITHDRAWABLE_STAGES } from '../../../src/lib/domain/workflow-transitions.ts';
import { CONFIRMING_STAGES } from '../../../src/lib/domain/policy/facts.ts';
import { STAGE_GROUPS } from '../../../src/lib/server/stats/stats.model.ts';

describe('the stage table', () => {
  it('gives the main line of each path (一.4, 三.1, 一.4(3))', () => {
    expect(mainLine({ cityReview: false, planAdjustmentRequired: false })).toEqual([
      'draft',
      'submitted',
      'preliminary_review',
      'joint_review',
      'decision',
      'tracking'
    ]);
    expect(mainLine({ cityReview: true, planAdjustmentRequired: false })).toEqual([
      'draft',
      'submitted',
      'preliminary_review',
      'city_review',
      'tracking'
    ]);
    expect(mainLine({ cityReview: false, planAdjustmentRequired: true })).toEqual([
      'draft',
      'submitted',
      'preliminary_review',
      'joint_review',
      'decision',
      'recognised',
      'tracking'
    ]);
  });

  it("splits the stages into the applicant's turn, the review, after recognition and closed", () => {
    expect(EDITABLE_STAGES).toEqual(['draft', 'returned']);
    expect(REVIEW_STAGES).toEqual(['submitted', 'preliminary_review', 'joint_review', 'city_review', 'decision']);
    expect(CONFIRMING_STAGES).toEqual(['preliminary_review', 'joint_review', 'city_review', 'decision']);
    expect(WITHDRAWABLE_STAGES).toEqual(OPEN_STAGES);
    expect(OPEN_STAGES).toEqual([
      'draft',
      'submitted',
      'preliminary_review',
      'returned',
      'joint_review',
      'city_review',
      'decision'
    ]);
    expect(FINAL_STAGES).toEqual(['rejected', 'withdrawn']);
  });

  it('labels every stage in both languages and counts every stage but the draft in one statistics group', () => {
    for (const s of STAGES) expect(STAGE_LABELS[s].zh && STAGE_LABELS[s].en).toBeTruthy();
    expect(Object.values(STAGE_GROUPS).flat().sort()).toEqual(STAGES.filter((s) => s !== 'draft').sort());
    expect(Object.keys(STAGE_GROUPS)).toEqual([
      'applying',
      'joint_review',
      'city_review',
      'decision',
      'recognised',
      'rejected',
      'withdrawn'
    ]);
  });
});
