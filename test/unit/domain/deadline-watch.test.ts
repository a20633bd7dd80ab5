// Issue 13.4 on the real 2026 calendar (State Council schedule via the seed): the 10 working days warn at 50 %
// (yellow) and 80 % (red), are overdue on the 11th working day and then escalate to the city; the acceptance
// clock runs from submission; an invited department's reply date has its own clock; each notice is sent once.
import { describe, expect, it } from 'vitest';
import { seedCalendar } from '../../../src/lib/domain/seed-calendar.ts';
import { buildCalendar } from '../../../src/lib/domain/working-days.ts';
import { DEFAULT_DEADLINES, levelDays, levelOf } from '../../../src/lib/domain/deadlines.ts';
import {
  dueNotices,
  escalates,
  noticeKey,
  runningClocks,
  type RunningClock
} from '../../../src/lib/domain/deadline-watch.ts';
import { initialState } from '../../../src/lib/domain/workflow.ts';
import type { WorkflowState } from '../../../src/lib/domain/workflow-model.ts';

const seed = seedCalendar();
const cal = buildCalendar(seed.days, seed.years);
const S = DEFAULT_DEADLINES;

function inReview(startedOn: string): WorkflowState {
  const s = initialState('p1', 'pudong', 'u1');
  return {
    ...s,
    stage: 'preliminary_review',
    clock: { startedOn, pauses: [], stoppedOn: null, submittedOn: '2026-09-25' }
  };
}
const level = (state: WorkflowState, today: string, clock = 'recognition') =>
  runningClocks(state, cal, today, S).find((c) => c.clock === clock)?.level;

describe('levels of the 10 working days (50 % yellow, 80 % red)', () => {
  it('yellow from day 5, red from day 8, overdue from day 11', () => {
    expect(levelDays(10, S)).toEqual({ warning: 5, alert: 8, overdue: 11 });
    expect([4, 5, 7, 8, 10, 11].map((d) => levelOf(d, 10, S))).toEqual([
      'ok',
      'warning',
      'warning',
      'alert',
      'alert',
      'overdue'
    ]);
  });

  it('accepted on 2026-09-29: yellow on 10-12, red on 10-15, overdue on 10-20 (National Day off, Saturday 10-10 worked)', () => {
    const st = inReview('2026-09-29');
    // 9-30=1, [10-1..10-7 off], 10-8=2, 10-9=3, Sat 10-10=4, 10-12=5, 10-13=6, 10-14=7, 10-15=8, 10-16=9, 10-19=10.
    expect(level(st, '2026-10-10')).toBe('ok');
    expect(level(st, '2026-10-11')).toBe('ok'); // Sunday: still 4 used
    expect(level(st, '2026-10-12')).toBe('warning');
    expect(level(st, '2026-10-14')).toBe('warning');
    expect(level(st, '2026-10-15')).toBe('alert');
    expect(level(st, '2026-10-19')).toBe('alert');
    expect(level(st, '2026-10-20')).toBe('overdue');
    const c = runningClocks(st, cal, '2026-10-20', S)[0];
    expect(c).toMatchObject({ clock: 'recognition', cycle: '2026-09-29', used: 11, limit: 10, due: '2026-10-19' });
    expect(escalates(c)).toBe(true);
  });

  it('the limits are configuration: 20 days at 60 %/90 % warn on day 12 and 18', () => {
    const s = { ...S, recognitionWorkingDays: 20, warnAt: 0.6, alertAt: 0.9 };
    const st = inReview('2026-11-02'); // Monday; November 2026 has no holidays
    const on = (d: string) => runningClocks(st, cal, d, s).find((c) => c.clock === 'recognition')!.level;
    expect(on('2026-11-16')).toBe('ok'); // day 10
    expect(on('2026-11-18')).toBe('warning'); // day 12
    expect(on('2026-11-25')).toBe('warning'); // day 17
    expect(on('2026-11-26')).toBe('alert'); // day 18
    expect(on('2026-12-01')).toBe('overdue'); // day 21
  });

  it('a paused clock (returned to the enterprise) and a stopped one do not run', () => {
    const st = inReview('2026-09-29');
    expect(
      runningClocks(
        { ...st, stage: 'returned', clock: { ...st.clock, pauses: [{ from: '2026-10-09', to: null }] } },
        cal,
        '2026-10-30',
        S
      )
    ).toEqual([]);
    expect(
      runningClocks(
        { ...st, stage: 'recognised', clock: { ...st.clock, stoppedOn: '2026-10-09' } },
        cal,
        '2026-10-30',
        S
      )
    ).toEqual([]);
  });
});

describe('the acceptance clock (submission → 受理), 5 working days by default', () => {
  it('submitted Monday 2026-11-02: yellow on day 3, red on day 4, overdue on day 6; it stops on acceptance', () => {
    const st: WorkflowState = { ...initialState('p1', 'pudong', 'u1'), stage: 'submitted' };
    st.clock.submittedOn = '2026-11-02';
    expect(level(st, '2026-11-04', 'acceptance')).toBe('ok');
    expect(level(st, '2026-11-05', 'acceptance')).toBe('warning');
    expect(level(st, '2026-11-06', 'acceptance')).toBe('alert');
    expect(level(st, '2026-11-09', 'acceptance')).toBe('alert'); // day 5 = the due date
    const over = runningClocks(st, cal, '2026-11-10', S)[0];
    expect(over).toMatchObject({ clock: 'acceptance', level: 'overdue', used: 6, limit: 5, due: '2026-11-09' });
    expect(escalates(over)).toBe(true);
    expect(
      runningClocks({ ...st, stage: 'preliminary_review' }, cal, '2026-11-10', S).some((c) => c.clock === 'acceptance')
    ).toBe(false);
  });

  it('falls back to the stored submission date for states recorded before the acceptance clock existed', () => {
    const st: WorkflowState = { ...initialState('p1', 'pudong', 'u1'), stage: 'submitted' };
    expect(runningClocks(st, cal, '2026-11-10', S)).toEqual([]);
    expect(runningClocks(st, cal, '2026-11-10', S, '2026-11-02')[0].level).toBe('overdue');
  });
});

describe('reply dates of invited departments', () => {
  const st: WorkflowState = {
    ...inReview('2026-11-02'),
    stage: 'joint_review',
    invitedDepartments: ['planning_resources', 'development_reform'],
    invitations: {
      planning_resources: { zh: '区规划资源局', en: 'Planning', invitedOn: '2026-11-03', dueOn: '2026-11-10' },
      development_reform: { zh: '区发展改革委', en: 'NDRC', invitedOn: '2026-11-03', dueOn: '2026-11-10' }
    },
    jointOpinions: { development_reform: { opinion: 'agree', comment: null, actorId: 'x', at: '2026-11-04T02:00:00Z' } }
  };

  it('only the department that has not answered has a clock; overdue the day after its reply date, not escalated to the city', () => {
    const on = (d: string) => runningClocks(st, cal, d, S).filter((c) => c.clock === 'opinion');
    expect(on('2026-11-05').map((c) => [c.subject, c.limit, c.used, c.level])).toEqual([
      ['planning_resources', 5, 2, 'ok']
    ]);
    expect(on('2026-11-06')[0].level).toBe('warning'); // 3 of 5
    expect(on('2026-11-09')[0].level).toBe('alert'); // 4 of 5
    expect(on('2026-11-10')[0].level).toBe('alert'); // the reply date itself
    const late = on('2026-11-11')[0];
    expect(late.level).toBe('overdue');
    expect(escalates(late)).toBe(false);
  });

  it('reply dates only run during the joint review: once it moves on, an unanswered department has no clock', () =>
    expect(runningClocks({ ...st, stage: 'city_review' }, cal, '2026-11-11', S).map((c) => c.clock)).toEqual([
      'recognition'
    ]));

  it('an invitation recorded without a reply date (older cases) has no clock and breaks nothing', () => {
    const { invitations: _omitted, ...older } = st;
    expect(runningClocks(older, cal, '2026-11-11', S).map((c) => c.clock)).toEqual(['recognition']);
    const partial = { ...st, invitations: { development_reform: st.invitations!.development_reform } };
    expect(runningClocks(partial, cal, '2026-11-11', S).map((c) => c.clock)).toEqual(['recognition']);
  });
});

describe('each notice once', () => {
  const clock = (lv: RunningClock['level']): RunningClock => ({
    clock: 'recognition',
    subject: '',
    cycle: '2026-09-29',
    used: 0,
    limit: 10,
    due: null,
    level: lv
  });

  it('sends the current level once; a skipped level is not sent afterwards; a new run starts afresh', () => {
    expect(dueNotices([clock('ok')], new Set())).toEqual([]);
    expect(dueNotices([clock('warning')], new Set())).toHaveLength(1);
    const sent = new Set([noticeKey(clock('warning'), 'warning')]);
    expect(dueNotices([clock('warning')], sent)).toEqual([]);
    expect(dueNotices([clock('alert')], sent)).toHaveLength(1);
    // Straight to overdue (nobody swept for days): only the overdue notice.
    expect(dueNotices([clock('overdue')], new Set()).map((c) => c.level)).toEqual(['overdue']);
    const afterOverdue = new Set([noticeKey(clock('overdue'), 'overdue')]);
    expect(dueNotices([clock('alert')], afterOverdue)).toEqual([]);
    expect(dueNotices([{ ...clock('warning'), cycle: '2026-11-02' }], sent)).toHaveLength(1);
  });

  it('acceptance and recognition notices are keyed without a department; only overdue ones go to the city', () => {
    const st: WorkflowState = { ...inReview('2026-11-02'), stage: 'submitted' };
    st.clock.submittedOn = '2026-11-02';
    const [acceptance, recognition] = runningClocks(st, cal, '2026-11-10', S);
    expect(noticeKey(acceptance, acceptance.level)).toBe('acceptance||2026-11-02|overdue');
    expect(noticeKey(recognition, recognition.level)).toBe('recognition||2026-11-02|warning');
    expect(escalates(recognition)).toBe(false);
    expect(escalates({ clock: 'recognition', level: 'alert' })).toBe(false);
  });
});
