// 产业项目跟踪 records (附件 三.2; 二.3–二.5): milestones, findings, measures. Each record is an event in
// the append-only log (action record_milestone / record_finding / record_measure, the record in the
// payload), so the history and the records can never disagree. The domain's validators (tracking.ts)
// decide; the project row is locked (select … for update) so two officers cannot record the same
// one-off milestone twice.
import { randomUUID } from 'node:crypto';
import { kickDelivery, notify } from '../notifications/notify.service.ts';
import { noticesForEvent } from '../../domain/notifications.ts';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { refusalError as refused } from '../../errors.ts';
import {
  checkFinding,
  checkMeasure,
  checkMilestone,
  findingInputSchema,
  measureInputSchema,
  milestoneInputSchema,
  type FindingRecord,
  type MeasureRecord,
  type MilestoneRecord
} from '../../domain/tracking.ts';
import type { Refusal } from '../../domain/workflow-model.ts';
import type { Role } from '../../domain/roles.ts';
import type { z } from 'zod';
import { toActor } from '../auth/actor.ts';
import {
  activeSanctions,
  checkLift,
  checkSanctionReason,
  liftInputSchema,
  type LiftRecord
} from '../../domain/policy/sanctions.ts';
import { checkConstruction, constructionGate } from '../../domain/policy/construction.ts';
import { logPolicyRefusal } from '../policy/refusal-log.ts';
import { listEvents, insertEvent, listProjectFiles } from '../projects/projects.repository.ts';
import { loadVisible } from '../projects/project-access.ts';
import { stateOf, todayInShanghai } from '../projects/project-view.ts';

const ACTIONS = {
  milestone: 'record_milestone',
  finding: 'record_finding',
  measure: 'record_measure',
  lift: 'lift_measure'
} as const;

export async function trackingRecords(
  db: Queryable,
  projectId: string
): Promise<{
  milestones: MilestoneRecord[];
  findings: FindingRecord[];
  measures: MeasureRecord[];
  lifts: LiftRecord[];
}> {
  const events = await listEvents(db, projectId, Object.values(ACTIONS));
  const pick = <T>(action: string) =>
    events
      .filter((e) => e.action === action)
      .map(
        (e) =>
          ({
            ...(e.payload as object),
            actorId: e.actor_id ?? '',
            role: e.actor_role as Role,
            recordedAt: new Date(e.at).toISOString()
          }) as T
      );
  return {
    milestones: pick<MilestoneRecord>(ACTIONS.milestone),
    findings: pick<FindingRecord>(ACTIONS.finding),
    measures: pick<MeasureRecord>(ACTIONS.measure),
    lifts: pick<LiftRecord>(ACTIONS.lift)
  };
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const r = schema.safeParse(body);
  if (!r.success) {
    const fields = [...new Set(r.error.issues.map((i) => String(i.path[0] ?? '')))].join(', ');
    throw apiError(400, 'bad_record', { zh: `填写有误或缺少：${fields}`, en: `Missing or invalid: ${fields}` });
  }
  return r.data;
}

async function assertDocument(db: Queryable, projectId: string, documentId: string | undefined) {
  if (!documentId) return;
  const files = await listProjectFiles(db, projectId);
  if (!files.some((f) => f.id === documentId)) {
    throw apiError(400, 'document_not_attached', {
      zh: '所引用的文件不是本项目已上传的材料。',
      en: 'The referenced document is not uploaded to this project.'
    });
  }
}

type Kind = keyof typeof ACTIONS;

async function record<R extends { id: string }>(
  db: Db | Queryable,
  actor: SessionUser,
  projectId: string,
  kind: Kind,
  input: Omit<R, 'id' | 'actorId' | 'role' | 'recordedAt'> & { documentId?: string },
  check: (ctx: {
    state: ReturnType<typeof stateOf>;
    records: Awaited<ReturnType<typeof trackingRecords>>;
    today: string;
  }) => Refusal | null
): Promise<R> {
  const run = async (tx: Queryable) => {
    const row = await loadVisible(tx, actor, projectId, { forUpdate: true });
    const records = await trackingRecords(tx, projectId);
    const refusal = check({ state: stateOf(row), records, today: todayInShanghai() });
    if (refusal) throw refused(refusal);
    await assertDocument(tx, projectId, input.documentId);
    const rec = { id: randomUUID(), ...input };
    const comment =
      kind === 'measure' || kind === 'lift'
        ? String((input as { note?: string; reason?: string }).note ?? (input as { reason?: string }).reason ?? '') ||
          null
        : null;
    await insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: ACTIONS[kind],
      from: row.stage,
      to: row.stage,
      comment,
      payload: rec,
      version: null
    });
    // A sanction is told to the enterprise and the district lead (站内信, issue 13.5).
    if (kind === 'measure')
      await notify(
        tx,
        row,
        noticesForEvent({ action: ACTIONS[kind], to: row.stage, comment, payload: rec }, row),
        actor.id
      );
    return { ...rec, actorId: actor.id, role: actor.role, recordedAt: new Date().toISOString() } as unknown as R;
  };
  // Inside a caller's transaction (e.g. another module applying a sanction with its own records), or in our own.
  if ('transaction' in db) {
    try {
      const out = await db.transaction(run);
      void kickDelivery(db);
      return out;
    } catch (e) {
      await logPolicyRefusal(db, actor, projectId, ACTIONS[kind], e);
      throw e;
    }
  }
  return run(db);
}

export async function recordMilestone(
  db: Db,
  actor: SessionUser,
  projectId: string,
  body: unknown
): Promise<MilestoneRecord> {
  const input = parse(milestoneInputSchema, body);
  return record<MilestoneRecord>(
    db,
    actor,
    projectId,
    'milestone',
    input,
    ({ state, records, today }) =>
      checkMilestone(state, toActor(actor), input, records.milestones, today) ??
      // 一.4(3) plan adjustment first; 二.5 停止改扩建手续办理 / 收回土地 in force (policy/construction.ts).
      checkConstruction(input.milestone, constructionGate(state, activeSanctions(records.measures, records.lifts)))
  );
}

export async function recordFinding(
  db: Db,
  actor: SessionUser,
  projectId: string,
  body: unknown
): Promise<FindingRecord> {
  const input = parse(findingInputSchema, body);
  return record<FindingRecord>(db, actor, projectId, 'finding', input, ({ state, today }) =>
    checkFinding(state, toActor(actor), input, today)
  );
}

export async function recordMeasure(
  db: Db,
  actor: SessionUser,
  projectId: string,
  body: unknown
): Promise<MeasureRecord> {
  return applySanction(db, actor, projectId, body);
}

/**
 * Apply a project sanction (二.5: 停止改扩建手续办理 / 收回土地 / 纳入信用监管) against a recorded finding, with a reason
 * (`note`). Pass a Db to run in its own transaction, or the caller's transaction (a Queryable) to commit together
 * with the caller's own records. Refusals throw UserErrors (403 not a city department, 400 no finding or reason).
 */
export async function applySanction(
  db: Db | Queryable,
  actor: SessionUser,
  projectId: string,
  body: unknown
): Promise<MeasureRecord> {
  const input = parse(measureInputSchema, body);
  return record<MeasureRecord>(
    db,
    actor,
    projectId,
    'measure',
    input,
    ({ state, records, today }) =>
      checkMeasure(state, toActor(actor), input, records.findings, today) ?? checkSanctionReason(input.note)
  );
}

/** A city department lifts a sanction, with a reason (二.5). */
export async function liftSanction(db: Db, actor: SessionUser, projectId: string, body: unknown): Promise<LiftRecord> {
  const input = parse(liftInputSchema, body);
  return record<LiftRecord>(db, actor, projectId, 'lift', input, ({ state, records, today }) =>
    checkLift(state, toActor(actor), input, records.measures, records.lifts, today)
  );
}
