// The deadline sweep (issue 13.4): every open case's running clocks (domain/deadline-watch.ts) on today's
// Shanghai date, with the configured limits and the stored calendar. Each level of each run is noticed once
// (table deadline_notices; two instances racing insert the same key and only one wins): an event in the
// project's log (deadline_warning / deadline_overdue, 超时督办 when escalated to the city) and 站内信 to whoever
// must act. Runs every 15 minutes in the server (startDeadlineTimer) and on demand in tests with a fixed date.
import type { Db } from '../db/index.ts';
import { log } from '../ops/log.ts';
import { isStopping, onShutdown } from '../ops/lifecycle.ts';
import { shanghaiDate } from '../../domain/dates.ts';
import { dueNotices, escalates, noticeKey, runningClocks } from '../../domain/deadline-watch.ts';
import { noticesForDeadline } from '../../domain/notifications.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { loadDeadlineSettings } from './settings.service.ts';
import * as repo from '../projects/projects.repository.ts';
import { claimNotice, sentNotices } from './deadline-notices.repository.ts';
import { incompleteWorkflow, stateOf } from '../projects/project-view.ts';
import { deliveriesSettled, kickDelivery, notify, requeueStuck } from '../notifications/notify.service.ts';

/** Stages in which some clock may run (acceptance, recognition, reply dates). */
const CLOCK_STAGES = ['submitted', 'preliminary_review', 'joint_review', 'decision'];

export interface SweepResult {
  today: string;
  projects: number;
  notices: { projectId: string; clock: string; subject: string; level: string }[];
}

export async function sweepDeadlines(db: Db, now = new Date()): Promise<SweepResult> {
  const today = shanghaiDate(now);
  const [settings, cal, rows] = await Promise.all([
    loadDeadlineSettings(db),
    loadCalendar(db),
    repo.listProjectRows(db, { stages: CLOCK_STAGES })
  ]);
  const result: SweepResult = { today, projects: rows.length, notices: [] };
  for (const row of rows) {
    if (isStopping()) break; // the server is stopping: the next start sweeps again
    if (incompleteWorkflow(row)) continue;
    const state = stateOf(row);
    const clocks = runningClocks(
      state,
      cal,
      today,
      settings,
      row.submitted_at ? shanghaiDate(new Date(row.submitted_at)) : null
    );
    if (!clocks.some((c) => c.level !== 'ok')) continue;
    const sentRows = await sentNotices(db, row.id);
    const sent = new Set(sentRows.map((r) => noticeKey(r, r.level)));
    for (const c of dueNotices(clocks, sent)) {
      const level = c.level as 'warning' | 'alert' | 'overdue';
      const recorded = await db.transaction(async (tx) => {
        const won = await claimNotice(tx, {
          projectId: row.id,
          clock: c.clock,
          subject: c.subject,
          cycle: c.cycle,
          level,
          on: today
        });
        if (!won) return false;
        const inv = c.subject ? state.invitations?.[c.subject] : undefined;
        const department = inv ? { zh: inv.zh, en: inv.en } : null;
        await repo.insertEvent(tx, {
          projectId: row.id,
          actorId: null,
          role: 'system',
          action: level === 'overdue' ? 'deadline_overdue' : 'deadline_warning',
          from: row.stage,
          to: row.stage,
          comment: null,
          version: null,
          payload: {
            clock: c.clock,
            level,
            used: c.used,
            limit: c.limit,
            due: c.due,
            startedOn: c.cycle,
            ...(c.subject ? { department: c.subject, departmentName: department } : {}),
            ...(escalates(c) ? { escalated: 'city_sheitc' } : {})
          }
        });
        await notify(tx, row, noticesForDeadline({ ...c, level }, row, department), null);
        return true;
      });
      if (recorded) result.notices.push({ projectId: row.id, clock: c.clock, subject: c.subject, level });
    }
  }
  if (result.notices.length) void kickDelivery(db);
  return result;
}

const EVERY_MS = 15 * 60_000;

/** Sweep shortly after start and every 15 minutes; also retries e-mail left pending. Stopped on shutdown. */
export function startDeadlineTimer(db: Db): void {
  let current: Promise<void> | null = null;
  const tick = () => {
    if (isStopping() || current) return;
    current = run().finally(() => {
      current = null;
    });
  };
  const run = async () => {
    try {
      const r = await sweepDeadlines(db);
      if (r.notices.length) log.info('deadline_sweep', { projects: r.projects, notices: r.notices.length });
      await requeueStuck(db);
      void kickDelivery(db);
    } catch (e) {
      log.error('deadline_sweep_failed', { msg: (e as Error).message });
    }
  };
  const first = setTimeout(tick, 10_000);
  const every = setInterval(tick, EVERY_MS);
  first.unref();
  every.unref();
  // A sweep or e-mail delivery in flight finishes before the database closes (the hook is given up to 1 s).
  onShutdown('deadline timer', async () => {
    clearTimeout(first);
    clearInterval(every);
    await current;
    await deliveriesSettled();
  });
}
