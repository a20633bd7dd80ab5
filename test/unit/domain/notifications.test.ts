// 站内信 (issue 13.5): who is told of what, and that the message says it in Chinese with what to do.
import { describe, expect, it } from 'vitest';
import {
  mailText,
  noticesForDeadline,
  noticesForEvent,
  noticeText,
  NOTICE_KINDS
} from '../../../src/lib/domain/notifications.ts';

const base = { code: 'ZL-2026-0007', title: '精密机械厂房改造' };
const ev = (action: string, payload: Record<string, unknown> = {}, comment: string | null = null) => ({
  action,
  to: null,
  comment,
  payload
});
const who = (action: string, payload: Record<string, unknown> = {}) =>
  noticesForEvent(ev(action, payload), base).map((n) => [n.kind, n.audience]);

describe('which event needs whom', () => {
  it('the enterprise is told when accepted, returned, recognised or rejected', () => {
    expect(who('accept')).toEqual([['accepted', { to: 'owner' }]]);
    expect(who('return')).toEqual([['returned', { to: 'owner' }]]);
    expect(who('recognise')).toContainEqual(['recognised', { to: 'owner' }]);
    expect(who('reject')).toContainEqual(['rejected', { to: 'owner' }]);
  });

  it('each invited department is asked for its opinion with the reply date; the decider hears when the review closes', () => {
    const n = noticesForEvent(
      ev('start_joint_review', { departments: ['planning_resources', 'town_government'], dueOn: '2026-11-10' }),
      base
    );
    expect(n.map((x) => x.audience)).toEqual([
      { to: 'department', code: 'planning_resources' },
      { to: 'department', code: 'town_government' }
    ]);
    expect(n[0].facts.due).toBe('2026-11-10');
    expect(who('close_joint_review')).toEqual([['decision_requested', { to: 'decider' }]]);
    expect(who('submit')).toEqual([['submitted', { to: 'lead' }]]);
    expect(who('record_measure', { measure: 'stop_procedures' })).toContainEqual(['sanction', { to: 'owner' }]);
  });

  it('events that need nobody send nothing', () => {
    expect(who('save_draft')).toEqual([]);
    expect(who('record_opinion')).toEqual([]);
  });

  it('an overdue recognition clock goes to the lead and is escalated to the city SHEITC; an overdue reply goes to the department and the lead', () => {
    const rec = noticesForDeadline(
      { clock: 'recognition', subject: '', level: 'overdue', used: 11, limit: 10, due: '2026-10-19' },
      base,
      null
    );
    expect(rec.map((n) => [n.kind, n.audience])).toEqual([
      ['overdue', { to: 'lead' }],
      ['escalated', { to: 'roles', roles: ['city_sheitc'] }]
    ]);
    const warn = noticesForDeadline(
      { clock: 'recognition', subject: '', level: 'warning', used: 5, limit: 10, due: '2026-10-19' },
      base,
      null
    );
    expect(warn.map((n) => n.kind)).toEqual(['warning']);
    const op = noticesForDeadline(
      { clock: 'opinion', subject: 'planning_resources', level: 'overdue', used: 6, limit: 5, due: '2026-11-10' },
      base,
      { zh: '区规划资源局', en: 'Planning' }
    );
    expect(op.map((n) => n.audience)).toEqual([{ to: 'department', code: 'planning_resources' }, { to: 'lead' }]);
  });
});

describe('what people read', () => {
  it('every kind has a Chinese subject naming the project and an English one', () => {
    for (const k of NOTICE_KINDS) {
      const t = noticeText(k, {
        ...base,
        clock: 'recognition',
        level: 'overdue',
        used: 11,
        limit: 10,
        due: '2026-10-19'
      });
      expect(t.subjectZh).toContain('ZL-2026-0007');
      expect(t.subjectZh).toMatch(/[\u4e00-\u9fa5]/);
      expect(t.subjectEn).toContain('ZL-2026-0007');
      expect(t.bodyZh).toContain('精密机械厂房改造');
    }
  });

  it('a return says what is missing; a warning says how many working days are used and the due date', () => {
    const r = noticeText('returned', { ...base, comment: '请补充土地权证扫描件' });
    expect(r.bodyZh).toContain('请补充土地权证扫描件');
    const w = noticeText('warning', {
      ...base,
      clock: 'recognition',
      level: 'alert',
      used: 8,
      limit: 10,
      due: '2026-10-19'
    });
    expect(w.subjectZh).toBe('【临近期限（红色预警）】项目 ZL-2026-0007 认定时限');
    expect(w.bodyZh).toContain('已用 8/10 个工作日，期限 2026-10-19');
    const e = noticeText('escalated', {
      ...base,
      clock: 'acceptance',
      level: 'overdue',
      used: 6,
      limit: 5,
      due: '2026-11-09'
    });
    expect(e.subjectZh).toBe('【超时督办】项目 ZL-2026-0007 受理时限已超时');
  });

  it('the mail is Chinese first and links to the project', () => {
    const m = mailText(noticeText('accepted', base), 'https://zeroland.example.gov.cn/projects/abc');
    expect(m.indexOf('已由区产业部门受理')).toBeLessThan(m.indexOf('was accepted'));
    expect(m).toContain('https://zeroland.example.gov.cn/projects/abc');
  });
});
