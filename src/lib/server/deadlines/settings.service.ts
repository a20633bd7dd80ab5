// The configurable time limits (issue 13.4): read by the workflow, the inbox and the deadline sweep;
// changed by the administrator or the city SHEITC, every change an event.
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { insertDeadlinesEvent, storedDeadlines, writeDeadlines } from './settings.repository.ts';
import { DEFAULT_DEADLINES, deadlineSettingsSchema, type DeadlineSettings } from '../../domain/deadlines.ts';

export async function loadDeadlineSettings(db: Queryable): Promise<DeadlineSettings> {
  const stored = await storedDeadlines(db);
  const parsed = deadlineSettingsSchema.safeParse({ ...DEFAULT_DEADLINES, ...((stored as object) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_DEADLINES;
}

/** The city's administrators: the system administrator and 市经济信息化委 (who supervises the districts). */
export const canConfigureDeadlines = (role: string) => role === 'admin' || role === 'city_sheitc';

export async function saveDeadlineSettings(db: Db, actor: SessionUser, input: unknown): Promise<DeadlineSettings> {
  if (!canConfigureDeadlines(actor.role)) {
    throw apiError(403, 'forbidden', {
      zh: '只有系统管理员或市经济信息化委可以修改办理时限。',
      en: 'Only the administrator or the city SHEITC may change the time limits.'
    });
  }
  const p = deadlineSettingsSchema.safeParse(input);
  if (!p.success) {
    throw apiError(400, 'bad_deadlines', {
      zh: '时限设置有误：天数须为正整数，预警比例须在 5%–99% 之间且黄色预警低于红色预警。',
      en: 'Invalid time limits: days are positive whole numbers; warning shares lie between 5 % and 99 %, yellow below red.'
    });
  }
  return db.transaction(async (tx) => {
    const before = await loadDeadlineSettings(tx);
    await writeDeadlines(tx, p.data, actor.id);
    await insertDeadlinesEvent(tx, actor, { before, after: p.data });
    return p.data;
  });
}
