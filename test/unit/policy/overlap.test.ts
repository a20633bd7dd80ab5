// One parcel, one live project (issue 12 item 9): an overlap of more than 100 m² or more than 1 % of either parcel
// with a live or recognised project is flagged; the lead acknowledges it with a reason before taking the application on.
import { describe, expect, it } from 'vitest';
import {
  LIVE_STAGES,
  MIN_OVERLAP_REASON,
  OVERLAP_GATED_ACTIONS,
  acknowledgementRecord,
  checkOverlapAcknowledged,
  describeOverlap,
  heldBefore,
  isLiveStage,
  isSignificantOverlap,
  liveOverlaps,
  unacknowledged,
  type ParcelOverlap
} from '../../../src/lib/domain/policy/overlap.ts';

const ov = (o: Partial<ParcelOverlap> = {}): ParcelOverlap => ({
  projectId: 'p1',
  code: 'ZL-2026-0001',
  title: '示意项目',
  stage: 'joint_review',
  visible: true,
  overlapM2: 2000,
  areaM2: 40000,
  otherAreaM2: 40000,
  ...o
});

describe('significant overlap: more than 100 m² or more than 1 % of either parcel', () => {
  it('100 m² exactly is not enough on large parcels; 100.5 m² is', () => {
    // 1 % of 20 000 m² = 200 m²: only the absolute bound can trigger here.
    expect(isSignificantOverlap({ overlapM2: 100, areaM2: 20000, otherAreaM2: 20000 })).toBe(false);
    expect(isSignificantOverlap({ overlapM2: 100.5, areaM2: 20000, otherAreaM2: 20000 })).toBe(true);
  });

  it('1 % of the smaller parcel triggers below 100 m²; exactly 1 % does not', () => {
    // This parcel 5 000 m² (1 % = 50 m²), the other 50 000 m² (1 % = 500 m²).
    expect(isSignificantOverlap({ overlapM2: 50, areaM2: 5000, otherAreaM2: 50000 })).toBe(false);
    expect(isSignificantOverlap({ overlapM2: 51, areaM2: 5000, otherAreaM2: 50000 })).toBe(true);
    // Either side counts: the small parcel may be the other one.
    expect(isSignificantOverlap({ overlapM2: 51, areaM2: 50000, otherAreaM2: 5000 })).toBe(true);
    expect(isSignificantOverlap({ overlapM2: 50, areaM2: 50000, otherAreaM2: 5000 })).toBe(false);
  });

  it('no area, a touch along the boundary or an unknown parcel area is not an overlap', () => {
    expect(isSignificantOverlap({ overlapM2: 0, areaM2: 0, otherAreaM2: 0 })).toBe(false);
    expect(isSignificantOverlap({ overlapM2: 0.001, areaM2: 40000, otherAreaM2: 40000 })).toBe(false);
    expect(isSignificantOverlap({ overlapM2: Number.NaN, areaM2: 100, otherAreaM2: 100 })).toBe(false);
    // A zero-area parcel never makes the share rule fire.
    expect(isSignificantOverlap({ overlapM2: 5, areaM2: 0, otherAreaM2: 0 })).toBe(false);
  });
});

describe('which projects count', () => {
  it('applications in progress and recognised projects; not drafts, rejected or withdrawn ones', () => {
    for (const s of [
      'submitted',
      'preliminary_review',
      'returned',
      'joint_review',
      'city_review',
      'decision',
      'recognised',
      'tracking'
    ])
      expect(isLiveStage(s)).toBe(true);
    for (const s of ['draft', 'rejected', 'withdrawn']) expect(isLiveStage(s)).toBe(false);
    expect(LIVE_STAGES).toHaveLength(8);
  });

  it('keeps significant overlaps with live projects, largest first', () => {
    const rows = [
      ov({ projectId: 'small', overlapM2: 150 }),
      ov({ projectId: 'draft', stage: 'draft', overlapM2: 9000 }),
      ov({ projectId: 'noise', overlapM2: 3 }),
      ov({ projectId: 'big', stage: 'tracking', overlapM2: 12000 }),
      ov({ projectId: 'gone', stage: 'withdrawn', overlapM2: 12000 })
    ];
    expect(liveOverlaps(rows).map((r) => r.projectId)).toEqual(['big', 'small']);
  });

  it('the newer application bears the check: an older project is not held up by one submitted after it', () => {
    const list = [
      ov({ projectId: 'older', otherSubmittedAt: '2026-11-02T01:00:00.000Z' }),
      ov({ projectId: 'same', otherSubmittedAt: '2026-11-03T01:00:00.000Z' }),
      ov({ projectId: 'newer', otherSubmittedAt: '2026-11-04T01:00:00.000Z' }),
      ov({ projectId: 'unknown', otherSubmittedAt: null })
    ];
    expect(heldBefore(list, '2026-11-03T01:00:00.000Z').map((o) => o.projectId)).toEqual(['older', 'same', 'unknown']);
    // Not submitted yet (a draft at upload): every overlap is this application's to explain.
    expect(heldBefore(list, null)).toHaveLength(4);
  });

  it('an overlap acknowledged before is not asked again; a new one is', () => {
    const list = [ov({ projectId: 'a' }), ov({ projectId: 'b' })];
    expect(unacknowledged(list, [{ projectIds: ['a'] }]).map((o) => o.projectId)).toEqual(['b']);
    expect(unacknowledged(list, [{ projectIds: ['a'] }, { projectIds: ['b'] }])).toEqual([]);
    expect(unacknowledged(list, [])).toHaveLength(2);
  });
});

describe('the lead acknowledges with a reason', () => {
  it('only the lead steps that take the application on are gated', () => {
    expect([...OVERLAP_GATED_ACTIONS].sort()).toEqual([
      'accept',
      'close_joint_review',
      'forward_to_city',
      'start_joint_review'
    ]);
  });

  it('nothing pending: no refusal, with or without a reason', () => {
    expect(checkOverlapAcknowledged([], null)).toBeNull();
    expect(checkOverlapAcknowledged([], '')).toBeNull();
  });

  it('pending without a reason: 409 naming the rule, the clause and the other project, in Chinese then English', () => {
    const r = checkOverlapAcknowledged([ov({ overlapM2: 2345.6, areaM2: 43000 })], null)!;
    expect(r.status).toBe(409);
    expect(r.code).toBe('overlap_unacknowledged');
    expect(r.zh).toContain('一块地只能有一个在办或已认定的项目');
    expect(r.zh).toContain('ZL-2026-0001《示意项目》');
    expect(r.zh).toContain('2,346 m²');
    expect(r.zh).toContain('5.5%');
    expect(r.zh).toContain('（附件 二.1、二.5）');
    expect(r.en).toContain('One parcel, one live project');
    expect(r.en).toContain('project ZL-2026-0001 "示意项目" by 2,346 m² (5.5% of this parcel)');
    expect(r.en).toContain('(clause 附件 二.1、二.5)');
  });

  it('a reason shorter than four characters after trimming is no reason', () => {
    expect(MIN_OVERLAP_REASON).toBe(4);
    expect(checkOverlapAcknowledged([ov()], '  好的  ')).not.toBeNull();
    expect(checkOverlapAcknowledged([ov()], '同一企业')).toBeNull();
  });

  it('a project the lead may not see is not named', () => {
    const r = checkOverlapAcknowledged([ov({ visible: false, code: 'ZL-2026-0099', title: '别区项目' })], undefined)!;
    expect(r.zh).not.toContain('ZL-2026-0099');
    expect(r.zh).toContain('另一项目（您无权查看其详情）');
    expect(r.en).toContain('another project (not visible to you)');
    expect(describeOverlap(ov({ visible: false, title: '别区项目' }), 'en')).not.toContain('别区项目');
  });

  it('the event records the reason, the projects and the rounded overlap', () => {
    expect(acknowledgementRecord([ov({ projectId: 'x', overlapM2: 123.456 })], '  同一企业重新申报  ')).toEqual({
      reason: '同一企业重新申报',
      projectIds: ['x'],
      overlaps: [{ projectId: 'x', code: 'ZL-2026-0001', stage: 'joint_review', overlapM2: 123.5 }]
    });
  });

  it('the share is of this parcel, 0 % when its area is unknown', () => {
    expect(describeOverlap(ov({ overlapM2: 500, areaM2: 1000 }), 'zh')).toContain('占本地块 50%');
    expect(describeOverlap(ov({ overlapM2: 500, areaM2: 0 }), 'zh')).toContain('占本地块 0%');
  });
});
