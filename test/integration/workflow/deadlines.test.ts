// Issue 13.4 on the stored 2026 calendar: the deadline sweep warns at the right working day (yellow at 50 %,
// red at 80 %), escalates an overdue case to the city (超时督办) as an event, a message and an item in the city's
// inbox, notices each level once, clocks submission → acceptance with its own limit, and follows the limits
// the city administrator configures. Dates are fixed: the clocks are set to known days, the sweep is given "now".
import { beforeAll, describe, expect, it } from 'vitest';
import { act, city, district, getDb, readyDraft, user } from './harness.ts';
import { sweepDeadlines } from '../../../src/lib/server/deadlines/sweep.service.ts';
import { loadDeadlineSettings, saveDeadlineSettings } from '../../../src/lib/server/deadlines/settings.service.ts';
import { DEFAULT_DEADLINES } from '../../../src/lib/domain/deadlines.ts';
import { inbox } from '../../../src/lib/server/workflow/workflow.service.ts';
import { listNotifications } from '../../../src/lib/server/notifications/notify.service.ts';
import type { Db } from '../../../src/lib/server/db/index.ts';
import type { UserError } from '../../../src/lib/errors.ts';

/** 10:00 in Shanghai on that day. */
const at = (d: string) => new Date(`${d}T02:00:00Z`);

async function setClock(db: Db, id: string, clock: Record<string, unknown>) {
  await db.query(
    `update projects set workflow = jsonb_set(workflow, '{clock}', (workflow->'clock') || $2::jsonb) where id = $1`,
    [id, JSON.stringify(clock)]
  );
}
async function noticed(db: Db, id: string) {
  return (
    await db.query<{ action: string; payload: { clock: string; level: string; used: number; escalated?: string } }>(
      `select action, payload from events where project_id = $1 and action like 'deadline_%' order by id`,
      [id]
    )
  ).rows.map(
    (e) => `${e.payload.clock}:${e.payload.level}:${e.payload.used}${e.payload.escalated ? ':escalated' : ''}`
  );
}
const mine = (sweep: Awaited<ReturnType<typeof sweepDeadlines>>, id: string) =>
  sweep.notices.filter((n) => n.projectId === id).map((n) => `${n.clock}:${n.level}`);

// Opening the embedded PostGIS is the slow part on a loaded machine; it belongs to the hook, not a test.
beforeAll(async () => {
  await getDb();
});

describe('deadline sweep on a fixed calendar', () => {
  it('accepted 2026-09-29: yellow on 10-12, red on 10-15, overdue and 超时督办 on 10-20 — each once', async () => {
    const db = await getDb();
    const pd = await district(db, 'pudong');
    const { sheitc } = await city(db);
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    let v = await act(db, pd.ent, id, version, 'submit');
    v = await act(db, pd.industry, id, v, 'accept');
    await setClock(db, id, { startedOn: '2026-09-29', submittedOn: '2026-09-28' });

    // Working days after 9-29: 9-30=1, [National Day], 10-8=2, 10-9=3, Sat 10-10 (make-up)=4, 10-12=5 …
    expect(mine(await sweepDeadlines(db, at('2026-10-10')), id)).toEqual([]);
    expect(mine(await sweepDeadlines(db, at('2026-10-12')), id)).toEqual(['recognition:warning']);
    expect(mine(await sweepDeadlines(db, at('2026-10-14')), id)).toEqual([]); // still yellow: nothing new
    expect(mine(await sweepDeadlines(db, at('2026-10-15')), id)).toEqual(['recognition:alert']);
    expect(mine(await sweepDeadlines(db, at('2026-10-19')), id)).toEqual([]); // day 10 = the due date
    expect(mine(await sweepDeadlines(db, at('2026-10-20')), id)).toEqual(['recognition:overdue']);
    expect(mine(await sweepDeadlines(db, at('2026-10-21')), id)).toEqual([]);
    expect(await noticed(db, id)).toEqual([
      'recognition:warning:5',
      'recognition:alert:8',
      'recognition:overdue:11:escalated'
    ]);

    // The lead was told each time; the city SHEITC got the escalation and sees the case in its inbox.
    const lead = await listNotifications(db, pd.industry.id);
    expect(lead.filter((n) => n.projectId === id).map((n) => n.kind)).toEqual([
      'overdue',
      'warning',
      'warning',
      'submitted'
    ]);
    expect(lead.find((n) => n.projectId === id && n.kind === 'warning')?.subject.zh).toContain('认定时限');
    const cityMsgs = (await listNotifications(db, sheitc.id)).filter((n) => n.projectId === id);
    expect(cityMsgs.map((n) => n.subject.zh)).toEqual([
      expect.stringMatching(/^【超时督办】项目 ZL-\d{4}-\d+ 认定时限已超时$/)
    ]);
    const item = (await inbox(db, sheitc)).find((i) => i.project.id === id);
    expect(item).toMatchObject({ escalated: true, overdue: true, actions: [{ type: 'escalated', zh: '超时督办' }] });
    // The enterprise is not told about the district's internal deadline.
    expect(
      (await listNotifications(db, pd.ent.id)).filter((n) => n.kind === 'warning' || n.kind === 'escalated')
    ).toEqual([]);

    // Once decided, the case leaves the city's inbox (the district acted).
    v = await act(db, pd.industry, id, v, 'start_joint_review', { departments: ['planning_resources'] });
    expect((await inbox(db, sheitc)).some((i) => i.project.id === id)).toBe(true); // still running and overdue
    v = await act(db, pd.industry, id, v, 'forward_to_city').catch(() => v); // not allowed on this path: ignored
    await db.query(
      `update projects set workflow = jsonb_set(workflow, '{clock,stoppedOn}', '"2026-10-22"') where id = $1`,
      [id]
    );
    expect((await inbox(db, sheitc)).some((i) => i.project.id === id)).toBe(false);
  });

  it('the acceptance clock: submitted Monday 2026-11-02, yellow on day 3, red on day 4, overdue and escalated on day 6', async () => {
    const db = await getDb();
    const pd = await district(db, 'pudong');
    const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
    await act(db, pd.ent, id, version, 'submit');
    await setClock(db, id, { submittedOn: '2026-11-02' });
    expect(mine(await sweepDeadlines(db, at('2026-11-04')), id)).toEqual([]);
    expect(mine(await sweepDeadlines(db, at('2026-11-05')), id)).toEqual(['acceptance:warning']);
    expect(mine(await sweepDeadlines(db, at('2026-11-06')), id)).toEqual(['acceptance:alert']);
    expect(mine(await sweepDeadlines(db, at('2026-11-10')), id)).toEqual(['acceptance:overdue']);
    expect(await noticed(db, id)).toEqual([
      'acceptance:warning:3',
      'acceptance:alert:4',
      'acceptance:overdue:6:escalated'
    ]);
    const msg = (await listNotifications(db, pd.industry.id)).find((n) => n.projectId === id && n.kind === 'overdue');
    expect(msg?.body.zh).toContain('受理时限已超时：已用 6/5 个工作日，期限 2026-11-09');
  });

  it('the limits are configuration: only the administrator or the city SHEITC may change them, and the sweep follows', async () => {
    const db = await getDb();
    const pd = await district(db, 'pudong');
    const admin = await user(db, 'admin');
    const refused = await saveDeadlineSettings(db, pd.industry, {
      ...DEFAULT_DEADLINES,
      recognitionWorkingDays: 30
    }).then(
      () => null,
      (e) => e as UserError
    );
    expect(refused?.status).toBe(403);
    const bad = await saveDeadlineSettings(db, admin, { ...DEFAULT_DEADLINES, warnAt: 0.9, alertAt: 0.8 }).then(
      () => null,
      (e) => e as UserError
    );
    expect(bad?.status).toBe(400);
    await saveDeadlineSettings(db, admin, {
      ...DEFAULT_DEADLINES,
      recognitionWorkingDays: 20,
      warnAt: 0.6,
      alertAt: 0.9
    });
    try {
      const { id, version } = await readyDraft(db, pd.ent, { landType: 'inside_boundary', authority: 'pudong' });
      const v = await act(db, pd.ent, id, version, 'submit');
      await act(db, pd.industry, id, v, 'accept');
      await setClock(db, id, { startedOn: '2026-11-02' });
      expect(mine(await sweepDeadlines(db, at('2026-11-16')), id)).toEqual([]); // day 10 of 20
      expect(mine(await sweepDeadlines(db, at('2026-11-18')), id)).toEqual(['recognition:warning']); // day 12 = 60 %
      expect(mine(await sweepDeadlines(db, at('2026-11-26')), id)).toEqual(['recognition:alert']); // day 18 = 90 %
      const change = await db.query<{ payload: { after: { recognitionWorkingDays: number } } }>(
        `select payload from events where action = 'deadlines_changed' order by id desc limit 1`
      );
      expect(change.rows[0].payload.after.recognitionWorkingDays).toBe(20);
    } finally {
      await saveDeadlineSettings(db, admin, DEFAULT_DEADLINES);
    }
    expect(await loadDeadlineSettings(db)).toEqual(DEFAULT_DEADLINES);
  });
});
