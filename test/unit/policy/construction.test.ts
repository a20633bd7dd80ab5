// Construction milestones (施工许可, 开工, 竣工) are refused while a plan adjustment is pending (一.4(3)) or the
// sanction 停止改扩建手续办理 / 收回土地 is in force (二.5); lifting needs a city department and a reason.
import { describe, expect, it } from 'vitest';
import {
  checkConstruction,
  constructionGate,
  CONSTRUCTION_MILESTONES
} from '../../../src/lib/domain/policy/construction.ts';
import { activeSanctions, checkLift, checkSanctionReason } from '../../../src/lib/domain/policy/sanctions.ts';
import type { MeasureRecord } from '../../../src/lib/domain/tracking.ts';
import { actorsFor } from '../domain/workflow-helpers.ts';

const measure = (id: string, kind: MeasureRecord['kind'], date = '2026-11-10'): MeasureRecord => ({
  id,
  kind,
  findingId: 'f1',
  date,
  department: '市经济信息化委',
  note: '合同履约不达标',
  actorId: 's',
  role: 'city_sheitc',
  recordedAt: ''
});
const state = { planAdjustment: 'not_required' as const, authorityCode: 'pudong', ownerId: 'ent' };
const A = actorsFor('pudong');

describe('construction gate', () => {
  it('passes with nothing in force; EIA and operation are never construction', () => {
    const g = constructionGate(state, []);
    for (const m of CONSTRUCTION_MILESTONES) expect(checkConstruction(m, g)).toBeNull();
    expect(checkConstruction('eia_filed', constructionGate({ planAdjustment: 'pending' }, []))).toBeNull();
  });

  it('refuses every construction milestone while the plan adjustment is pending, naming 一.4(3)', () => {
    const g = constructionGate({ planAdjustment: 'pending' }, []);
    for (const m of CONSTRUCTION_MILESTONES)
      expect(checkConstruction(m, g)).toMatchObject({ status: 409, code: 'plan_adjustment_pending' });
    expect(checkConstruction('construction_permit', g)!.zh).toContain('一.4(3)');
    expect(checkConstruction('construction_permit', constructionGate({ planAdjustment: 'done' }, []))).toBeNull();
  });

  it('停止改扩建手续办理 and 收回土地 stop construction until lifted; 纳入信用监管 does not', () => {
    const stop = [measure('m1', 'stop_procedures')];
    const r = checkConstruction('construction_start', constructionGate(state, activeSanctions(stop, [])))!;
    expect(r).toMatchObject({ status: 409, code: 'sanction_in_force' });
    expect(r.zh).toContain('停止改扩建手续办理');
    expect(r.zh).toContain('二.5');
    expect(
      checkConstruction(
        'completion_acceptance',
        constructionGate(state, activeSanctions([measure('m2', 'land_recovery')], []))
      )
    ).toMatchObject({ code: 'sanction_in_force' });
    expect(
      checkConstruction(
        'construction_start',
        constructionGate(state, activeSanctions([measure('m3', 'credit_record')], []))
      )
    ).toBeNull();
    // Lifted: construction may be recorded again.
    expect(
      checkConstruction('construction_start', constructionGate(state, activeSanctions(stop, [{ measureId: 'm1' }])))
    ).toBeNull();
  });
});

describe('sanctions and their lifting', () => {
  it('a sanction needs a reason', () => {
    expect(checkSanctionReason(undefined)).toMatchObject({ status: 400, code: 'sanction_reason_missing' });
    expect(checkSanctionReason('  ')).toMatchObject({ code: 'sanction_reason_missing' });
    expect(checkSanctionReason('合同履约不达标')).toBeNull();
  });

  it('only a city department lifts, with a date not before the sanction (same day allowed) and not after today, once', () => {
    const ms = [measure('m1', 'stop_procedures', '2026-11-10')];
    const input = { measureId: 'm1', date: '2026-11-10', reason: '已整改到位' };
    expect(checkLift(state, A.city_sheitc, input, ms, [], '2026-11-30')).toBeNull();
    expect(checkLift(state, A.district_industry, input, ms, [], '2026-11-30')).toMatchObject({ status: 403 });
    expect(checkLift(state, A.city_sheitc, { ...input, date: '2026-11-09' }, ms, [], '2026-11-30')).toMatchObject({
      code: 'date_before_sanction'
    });
    expect(checkLift(state, A.city_sheitc, { ...input, date: '2026-12-01' }, ms, [], '2026-11-30')).toMatchObject({
      code: 'date_in_future'
    });
    expect(checkLift(state, A.city_sheitc, { ...input, measureId: 'x' }, ms, [], '2026-11-30')).toMatchObject({
      code: 'sanction_missing'
    });
    expect(checkLift(state, A.city_sheitc, input, ms, [{ measureId: 'm1' }], '2026-11-30')).toMatchObject({
      status: 409,
      code: 'sanction_already_lifted'
    });
  });
});

describe('sanctions in force and what a refused lift says', () => {
  it('lifted measures drop out; the rest are listed oldest first with their details', () => {
    const ms = [
      measure('m1', 'credit_record', '2026-11-20'),
      measure('m2', 'stop_procedures', '2026-11-05'),
      measure('m3', 'land_recovery', '2026-11-12')
    ];
    expect(activeSanctions(ms, [{ measureId: 'm3' }])).toEqual([
      {
        id: 'm2',
        kind: 'stop_procedures',
        date: '2026-11-05',
        findingId: 'f1',
        note: '合同履约不达标',
        department: '市经济信息化委'
      },
      {
        id: 'm1',
        kind: 'credit_record',
        date: '2026-11-20',
        findingId: 'f1',
        note: '合同履约不达标',
        department: '市经济信息化委'
      }
    ]);
  });

  it('each refusal names the rule 二.5 and says why, in both languages', () => {
    const ms = [measure('m1', 'stop_procedures', '2026-11-10'), measure('m2', 'land_recovery', '2026-11-10')];
    const input = { measureId: 'm1', date: '2026-11-10', reason: '已整改到位' };
    const lift = (over: object, lifts: { measureId: string }[] = [], actor = A.city_sheitc) =>
      checkLift(state, actor, { ...input, ...over }, ms, lifts, '2026-11-30');
    expect(checkSanctionReason('')).toEqual({
      status: 400,
      code: 'sanction_reason_missing',
      clause: '二.5',
      zh: '采取处置措施须写明理由（二.5）',
      en: 'A sanction needs a reason (clause 二.5)'
    });
    expect(lift({}, [], A.district_industry)).toEqual({
      status: 403,
      code: 'role_not_allowed',
      clause: '二.5',
      zh: '处置措施由市级部门解除（二.5）',
      en: 'Sanctions are lifted by city departments (clause 二.5)'
    });
    expect(lift({ measureId: 'x' })).toMatchObject({
      zh: '没有这项处置措施（二.5）',
      en: 'No such sanction on this project (clause 二.5)'
    });
    // Another measure lifted does not count as this one lifted.
    expect(lift({}, [{ measureId: 'm2' }])).toBeNull();
    expect(lift({}, [{ measureId: 'm1' }])).toMatchObject({
      zh: '“停止改扩建手续办理”已解除（二.5）',
      en: '"Stop renovation procedures" is already lifted (clause 二.5)'
    });
    expect(lift({ date: '2026-11-09' })).toMatchObject({
      clause: '二.5',
      zh: '解除日期不能早于措施日期（2026-11-10）（二.5）',
      en: 'The lift cannot be dated before the sanction (2026-11-10) (clause 二.5)'
    });
    // Today itself is allowed; tomorrow is not.
    expect(lift({ date: '2026-11-30' })).toBeNull();
    expect(lift({ date: '2026-12-01' })).toEqual({
      status: 400,
      code: 'date_in_future',
      zh: '日期不能晚于今天。',
      en: 'The date cannot be after today.'
    });
  });

  it('a district user of another district is told the project is not visible, not merely that the role is wrong', () =>
    expect(
      checkLift(
        state,
        actorsFor('jiading').district_industry,
        { measureId: 'm1', date: '2026-11-10', reason: 'x' },
        [],
        [],
        '2026-11-30'
      )
    ).toEqual({
      status: 403,
      code: 'not_visible',
      zh: '您无权查看该项目。',
      en: 'You cannot see this project.'
    }));
});
