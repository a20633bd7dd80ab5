// 站内信 (issue 13.5): the whole message each person reads, in both languages, with and without the optional
// parts (reason, reply date, department, working days used, measure), and every recipient of every event.
import { describe, expect, it } from 'vitest';
import {
  mailText,
  noticesForDeadline,
  noticesForEvent,
  noticeText,
  type NoticeFacts
} from '../../../src/lib/domain/notifications.ts';

const base = { code: 'ZL-2026-0007', title: '精密机械厂房改造' };
const ev = (action: string, payload: Record<string, unknown> = {}, comment: string | null = null) => ({
  action,
  to: null,
  comment,
  payload
});
const all = (action: string, payload: Record<string, unknown> = {}, comment: string | null = null) =>
  noticesForEvent(ev(action, payload, comment), base);

describe('who is told of each event', () => {
  it('a resubmission goes to the lead like a submission, carrying the comment', () => {
    expect(all('resubmit', {}, '已补充材料')).toEqual([
      { kind: 'submitted', audience: { to: 'lead' }, facts: { ...base, comment: '已补充材料' } }
    ]);
  });
  it('forwarding to the city asks the five city reviewers', () => {
    expect(all('forward_to_city')).toEqual([
      {
        kind: 'opinion_requested',
        audience: { to: 'roles', roles: ['city_sheitc', 'city_ndrc', 'city_stcsm', 'city_planning', 'city_ecology'] },
        facts: { ...base, comment: null }
      }
    ]);
  });
  it('a decision goes to the enterprise and the district lead', () => {
    expect(all('recognise').map((n) => [n.kind, n.audience])).toEqual([
      ['recognised', { to: 'owner' }],
      ['recognised', { to: 'lead' }]
    ]);
    expect(all('reject', {}, '不符合正面清单').map((n) => [n.kind, n.audience, n.facts.comment])).toEqual([
      ['rejected', { to: 'owner' }, '不符合正面清单'],
      ['rejected', { to: 'lead' }, '不符合正面清单']
    ]);
  });
  it('a sanction names its measure to the enterprise and the lead; an unknown measure is named by nobody', () => {
    const n = all('record_measure', { measure: 'land_recovery' });
    expect(n.map((x) => [x.kind, x.audience, x.facts.measure])).toEqual([
      ['sanction', { to: 'owner' }, { zh: '收回土地', en: 'Take the land back' }],
      ['sanction', { to: 'lead' }, { zh: '收回土地', en: 'Take the land back' }]
    ]);
    expect(all('record_measure', { measure: 'bogus' })[0].facts.measure).toBeNull();
  });
  it('a joint review without departments or a reply date asks nobody, or asks without a date', () => {
    expect(all('start_joint_review', { departments: 'planning_resources' })).toEqual([]);
    expect(all('start_joint_review', { departments: ['planning_resources'], dueOn: 20261110 })[0].facts.due).toBeNull();
  });
  it("a warning on the district's own clock goes to the lead only; its facts travel with it", () => {
    const w = noticesForDeadline(
      { clock: 'acceptance', subject: '', level: 'alert', used: 4, limit: 5, due: '2026-11-09' },
      base,
      null
    );
    expect(w).toEqual([
      {
        kind: 'warning',
        audience: { to: 'lead' },
        facts: { ...base, clock: 'acceptance', level: 'alert', used: 4, limit: 5, due: '2026-11-09', department: null }
      }
    ]);
    const op = noticesForDeadline(
      { clock: 'opinion', subject: 'planning_resources', level: 'warning', used: 3, limit: 5, due: null },
      base,
      null
    );
    expect(op.map((n) => [n.kind, n.audience])).toEqual([
      ['warning', { to: 'department', code: 'planning_resources' }]
    ]);
  });
});

describe('what each message says', () => {
  const t = (kind: Parameters<typeof noticeText>[0], f: Partial<NoticeFacts> = {}) =>
    noticeText(kind, { ...base, ...f });
  it('submitted, accepted, decision requested, recognised', () => {
    expect(t('submitted')).toEqual({
      subjectZh: '项目 ZL-2026-0007 已提交，待受理',
      bodyZh: '项目单位已提交申报 ZL-2026-0007「精密机械厂房改造」，请在受理时限内受理或退回补正。',
      subjectEn: 'Project ZL-2026-0007 submitted, to accept',
      bodyEn:
        'The enterprise submitted ZL-2026-0007 "精密机械厂房改造"; accept it or return it within the acceptance time limit.'
    });
    expect(t('decision_requested').bodyEn).toBe(
      'The joint review of ZL-2026-0007 "精密机械厂房改造" is closed; please decide.'
    );
    expect(t('recognised')).toMatchObject({
      subjectEn: 'Project ZL-2026-0007 recognised',
      bodyEn: 'ZL-2026-0007 "精密机械厂房改造" is recognised and moves to project tracking.'
    });
  });
  it('returned and rejected carry the reason when there is one, and no empty line when there is none', () => {
    expect(t('returned', { comment: '请补充土地权证' })).toMatchObject({
      bodyZh:
        '您的申报 ZL-2026-0007「精密机械厂房改造」 被退回，请按意见补充材料后重新提交。\n意见/理由：请补充土地权证',
      bodyEn:
        'Your application ZL-2026-0007 "精密机械厂房改造" was returned: supplement it as asked and resubmit.\nReason: 请补充土地权证'
    });
    expect(t('rejected')).toMatchObject({
      bodyZh: '申报 ZL-2026-0007「精密机械厂房改造」 未通过认定。',
      bodyEn: 'ZL-2026-0007 "精密机械厂房改造" was not recognised.'
    });
    expect(t('rejected', { comment: '不符合' }).bodyEn).toBe(
      'ZL-2026-0007 "精密机械厂房改造" was not recognised.\nReason: 不符合'
    );
  });
  it('an opinion request gives the reply date when known', () => {
    expect(t('opinion_requested', { due: '2026-11-10' })).toMatchObject({
      bodyZh: '项目 ZL-2026-0007「精密机械厂房改造」 征求贵单位意见，请于 2026-11-10 前反馈。',
      bodyEn: 'Your opinion on ZL-2026-0007 "精密机械厂房改造" is requested by 2026-11-10.'
    });
    expect(t('opinion_requested')).toMatchObject({
      bodyZh: '项目 ZL-2026-0007「精密机械厂房改造」 征求贵单位意见。',
      bodyEn: 'Your opinion on ZL-2026-0007 "精密机械厂房改造" is requested.'
    });
  });
  it('a warning names the clock, the department, the days used and the due date', () => {
    const dept = { zh: '区规划资源局', en: 'Planning bureau' };
    expect(
      t('warning', { clock: 'opinion', level: 'warning', used: 3, limit: 5, due: '2026-11-10', department: dept })
    ).toEqual({
      subjectZh: '【已过半（黄色预警）】项目 ZL-2026-0007 联审意见反馈期限（区规划资源局）',
      bodyZh:
        '项目 ZL-2026-0007「精密机械厂房改造」 的联审意见反馈期限（区规划资源局）已过半（黄色预警）：已用 3/5 个工作日，期限 2026-11-10。请尽快办理。',
      subjectEn: '[half used (yellow)] Project ZL-2026-0007: Joint-review reply deadline (Planning bureau)',
      bodyEn:
        'Joint-review reply deadline (Planning bureau) of ZL-2026-0007 "精密机械厂房改造" is half used (yellow): 3/5 working days used, due 2026-11-10. Please act.'
    });
  });
  it('without clock, level or counts: generic words, and no made-up numbers or dates', () => {
    expect(t('overdue')).toMatchObject({
      subjectZh: '【已超时】项目 ZL-2026-0007 办理时限',
      subjectEn: '[overdue] Project ZL-2026-0007: time limit'
    });
    expect(t('warning').subjectEn).toBe('[half used (yellow)] Project ZL-2026-0007: time limit');
    for (const f of [{}, { used: 3 }, { limit: 3 }]) {
      const w = t('warning', f);
      expect(w.bodyEn).not.toMatch(/working days|undefined|due/);
      expect(w.bodyZh).not.toMatch(/工作日|undefined|期限 /);
    }
  });
  it('an escalation says it went to the city', () => {
    expect(t('escalated', { clock: 'recognition', used: 11, limit: 10, due: '2026-10-19' })).toMatchObject({
      bodyZh:
        '项目 ZL-2026-0007「精密机械厂房改造」 的认定时限已超时（已用 11/10 个工作日，期限 2026-10-19），已提请市经济信息化委督办。',
      bodyEn:
        'Recognition time limit of ZL-2026-0007 "精密机械厂房改造" is overdue (11/10 working days used, due 2026-10-19) and is escalated to the city SHEITC.'
    });
  });
  it('a sanction names the measure when known', () => {
    expect(t('sanction', { measure: { zh: '收回土地', en: 'Take the land back' }, comment: '合同履约不达标' })).toEqual(
      {
        subjectZh: '项目 ZL-2026-0007 被采取处置措施：收回土地',
        bodyZh: '对项目 ZL-2026-0007「精密机械厂房改造」 采取处置措施“收回土地”。\n意见/理由：合同履约不达标',
        subjectEn: 'Sanction on project ZL-2026-0007: Take the land back',
        bodyEn:
          'A sanction (Take the land back) was applied to ZL-2026-0007 "精密机械厂房改造".\nReason: 合同履约不达标'
      }
    );
    expect(t('sanction')).toEqual({
      subjectZh: '项目 ZL-2026-0007 被采取处置措施',
      bodyZh: '对项目 ZL-2026-0007「精密机械厂房改造」 采取处置措施。',
      subjectEn: 'Sanction on project ZL-2026-0007',
      bodyEn: 'A sanction was applied to ZL-2026-0007 "精密机械厂房改造".'
    });
  });
  it('a mail without a project address has no link line', () => {
    const m = mailText(t('recognised'), null);
    expect(m).toBe(
      '申报 ZL-2026-0007「精密机械厂房改造」 已通过认定，转入产业项目跟踪。\n\n——\nZL-2026-0007 "精密机械厂房改造" is recognised and moves to project tracking.\n\n本邮件由零增地技术改造优质项目认定平台自动发送，请勿直接回复。\nSent by the zeroland platform; please do not reply.\n'
    );
  });
});
