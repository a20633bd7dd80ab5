// Workflow transitions on stored projects. The domain decides (applyAction); this module loads the
// state, fills in what only the server knows (attached documents, the document's existence), and
// writes the new state and its events in ONE transaction, guarded by
// `update … where id = $1 and version = $2`: of two concurrent actions with the same expected version
// exactly one updates a row; the other gets 0 rows → 409 and writes nothing.
import { evaluateProject, recognitionBlock } from '../standard/index.ts';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { applyAction, availableActions, todoActions, waitsOn, type AvailableAction } from '../../domain/workflow.ts';
import { escalates, runningClocks } from '../../domain/deadline-watch.ts';
import {
  FINAL_STAGES,
  workflowActionSchema,
  type ActionType,
  type WorkflowState
} from '../../domain/workflow-model.ts';
import { clockStatus } from '../../domain/clock.ts';
import { checkSubmission } from '../../domain/application.ts';
import { canView } from '../../domain/permissions.ts';
import { isCityRole } from '../../domain/roles.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { toActor } from '../auth/actor.ts';
import { lateMilestoneItems } from '../aftercare/milestones.service.ts';
import { departmentDirectory } from '../departments/departments.service.ts';
import { loadDeadlineSettings } from '../deadlines/settings.service.ts';
import { addWorkingDays } from '../../domain/working-days.ts';
import * as repo from '../projects/projects.repository.ts';
import { factsOf, incompleteWorkflow, stateOf, summaryOf, todayInShanghai } from '../projects/project-view.ts';
import type { InboxItem } from '../projects/projects.types.ts';
import { attachedKinds, loadVisible, versionConflict } from '../projects/project-access.ts';
import { policyFacts } from '../policy/facts.ts';
import { withdrawnAuthorities } from '../policy/authority.service.ts';
import { cityPathGate, recognitionGate, submissionGate, type GateOutcome } from '../policy/gates.service.ts';
import { logPolicyRefusal } from '../policy/refusal-log.ts';
import { kickDelivery, notify } from '../notifications/notify.service.ts';
import { noticesForEvent } from '../../domain/notifications.ts';
import { overlapGate } from '../policy/overlap.service.ts';
import { refusalError } from '../../errors.ts';
import { actionDocumentRefusal } from '../../domain/attachments.ts';
import { ACTIONS_NEEDING_SHEET, SHEET_FILE_KIND, sheetRefusal } from '../../domain/project-sheet.ts';
import { latestIssued } from '../documents/documents.repository.ts';

/** Accepts the API's `action` as well as the domain's `type` for the action name. */
function parseAction(body: unknown) {
  const raw = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  if (raw.type === undefined && typeof raw.action === 'string') raw.type = raw.action;
  delete raw.action;
  // The server decides which documents are attached; a client cannot claim them.
  delete raw.attachedDocuments;
  delete raw.directory;
  const r = workflowActionSchema.safeParse(raw);
  if (!r.success) {
    const fields = [...new Set(r.error.issues.map((i) => String(i.path[0] ?? '')))].join(', ');
    if (r.error.issues.some((i) => i.path[0] === 'type')) {
      throw apiError(400, 'unknown_action', {
        zh: `未知或缺少操作（action）：${String(raw.type ?? '')}`,
        en: `Unknown or missing action: ${String(raw.type ?? '')}`
      });
    }
    if (r.error.issues.some((i) => i.path[0] === 'expectedVersion')) {
      throw apiError(400, 'version_missing', {
        zh: '请求须带上您看到的项目版本号（expectedVersion）。',
        en: 'The request must carry the project version you saw (expectedVersion).'
      });
    }
    throw apiError(400, 'bad_action', { zh: `操作参数有误：${fields}`, en: `Invalid action fields: ${fields}` });
  }
  return r.data;
}

export interface ActionResult {
  state: WorkflowState;
  version: number;
  stage: string;
  events: number;
}

export async function applyProjectAction(db: Db, actor: SessionUser, id: string, body: unknown): Promise<ActionResult> {
  const action = parseAction(body);
  try {
    return await applyParsedAction(db, actor, id, action, body);
  } catch (e) {
    // The action wrote nothing; a refusal by a rule of the guideline is recorded on its own (issue 12).
    await logPolicyRefusal(db, actor, id, action.type, e);
    throw e;
  }
}

async function applyParsedAction(
  db: Db,
  actor: SessionUser,
  id: string,
  action: ReturnType<typeof parseAction>,
  body: unknown
): Promise<ActionResult> {
  const a = toActor(actor);
  const now = new Date();
  const done = await db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    const state = stateOf(row);
    const facts = await policyFacts(tx, row);
    // Submitting validates the whole form first and says exactly what is missing.
    if (action.type === 'submit' || action.type === 'resubmit') {
      const check = checkSubmission(row.form);
      // Only once the actor may submit at all (role, stage): otherwise the refusal below explains better.
      if (!check.ok && availableActions(state, a, facts).some((x) => x.type === action.type)) {
        throw apiError(400, 'form_incomplete', {
          zh: `申请表不完整：${check.problems.map((p) => p.zh).join(' ')}`,
          en: `The application form is incomplete: ${check.problems.map((p) => p.en).join(' ')}`
        });
      }
    }
    const extra: Partial<typeof action> = {};
    if (action.type === 'start_joint_review') {
      // The district's own departments, and the configured reply time unless the lead set a date.
      extra.directory = await departmentDirectory(tx, row.authority_code);
      if (!action.dueOn) {
        const settings = await loadDeadlineSettings(tx);
        extra.dueOn = addWorkingDays(await loadCalendar(tx), todayInShanghai(now), settings.opinionWorkingDays);
      }
    }
    const result = applyAction(
      state,
      { ...action, ...extra, attachedDocuments: await attachedKinds(tx, id) },
      a,
      facts,
      now
    );
    if (!result.ok) throw refusalError(result.refusal);
    // The 项目信息表 goes to the district government with the case (附件 二.1, domain/project-sheet.ts).
    if (ACTIONS_NEEDING_SHEET.includes(action.type)) {
      const missing = sheetRefusal(action.type, { issued: (await latestIssued(tx, id, SHEET_FILE_KIND)) !== null });
      if (missing) throw refusalError(missing);
    }
    // Policy rules (issue 12) before anything is written: construction type and governing version on submit;
    // period of force, construction type and the positive list on recognition.
    const today = todayInShanghai(now);
    let gate: GateOutcome | null = null;
    if (action.type === 'submit' || action.type === 'resubmit')
      gate = await submissionGate(tx, row.form ?? {}, facts, today);
    // The negative list (正面和负面清单) blocks recognition unless the district recorded an override.
    if (action.type === 'recognise') {
      const why = await recognitionBlock(tx, id);
      if (why) throw apiError(409, 'negative_list_hit', why);
      gate = await recognitionGate(tx, id, row.form ?? {}, facts, today, body);
    }
    if (action.type === 'forward_to_city') gate = cityPathGate(facts, body);
    // One parcel, one live project: the lead acknowledges overlaps before taking the application on (issue 12.9).
    const overlap = await overlapGate(tx, id, a, action.type, body);
    for (const g of [gate, overlap]) {
      if (!g) continue;
      Object.assign(result.events[0].payload, g.payload);
      if (g.comment)
        result.events[0].comment = result.events[0].comment ? `${result.events[0].comment}\n${g.comment}` : g.comment;
    }
    // After the domain's checks, so a wrong role hears "not yours" rather than "no such document".
    if (action.documentId) await assertProjectDocument(tx, id, action.documentId, action.type);
    const next = result.state;
    const cal = await loadCalendar(tx);
    const clock = clockStatus(next.clock, cal, todayInShanghai(now));
    const ok = await repo.updateProjectGuarded(tx, id, action.expectedVersion, {
      workflow: next,
      submittedAt: action.type === 'submit',
      decidedAt: action.type === 'recognise' || action.type === 'reject',
      dueDate: clock.state === 'stopped' ? null : clock.due
    });
    // Someone else's transaction committed between our read and our write.
    if (!ok) throw versionConflict(action.expectedVersion, action.expectedVersion + 1);
    if (gate?.policyVersionId) await repo.setPolicyVersion(tx, id, gate.policyVersionId);
    for (const e of result.events) {
      await repo.insertEvent(tx, {
        projectId: id,
        actorId: e.actorId === 'system' ? null : e.actorId,
        role: e.role,
        action: e.action,
        from: e.from,
        to: e.to,
        comment: e.comment,
        payload: e.payload,
        version: e.version,
        at: e.at
      });
    }
    if (action.type === 'submit' || action.type === 'resubmit') await evaluateProject(tx, id, 'submit');
    // 站内信 for whoever the event needs (issue 13.5), committed with the event; e-mail only after the commit.
    const ref = { id, code: row.code, title: row.title, owner_id: row.owner_id, authority_code: row.authority_code };
    for (const e of result.events) {
      await notify(
        tx,
        ref,
        noticesForEvent({ action: e.action, to: e.to, comment: e.comment, payload: e.payload }, ref),
        actor.id
      );
    }
    return { state: next, version: next.version, stage: next.stage, events: result.events.length };
  });
  void kickDelivery(db);
  return done;
}

/** The document an action rests on must be a file of this project, of the kind the action needs (domain/attachments.ts). */
async function assertProjectDocument(db: Queryable, projectId: string, fileId: string, action: ActionType) {
  const refusal = actionDocumentRefusal(action, fileId, await repo.listProjectFiles(db, projectId));
  if (refusal) throw refusalError(refusal);
}

/** Stages that never wait on anyone (nothing is left to do in the recognition workflow). */
const QUIET_STAGES = [...FINAL_STAGES]; // the stage table's closed phase

/** What waits for this user now: overdue first, then red, yellow, then by due date, then oldest first. */
export async function inbox(db: Queryable, actor: SessionUser): Promise<InboxItem[]> {
  const a = toActor(actor);
  const scope: repo.ScopeFilter = { excludeStages: QUIET_STAGES };
  if (actor.role === 'enterprise') scope.ownerId = actor.id;
  else if (actor.role !== 'admin' && !isCityRole(actor.role)) {
    if (!actor.authorityCode) return [];
    scope.authorityCode = actor.authorityCode;
  }
  const rows = await repo.listProjectRows(db, scope);
  const [cal, settings] = await Promise.all([loadCalendar(db), loadDeadlineSettings(db)]);
  const today = todayInShanghai();
  const items: InboxItem[] = [];
  const withdrawn = await withdrawnAuthorities(db);
  for (const row of rows) {
    if (!canView(a, { authorityCode: row.authority_code, ownerId: row.owner_id })) continue;
    // Someone else's draft is not this official's work yet.
    if (row.stage === 'draft' && row.owner_id !== actor.id) continue;
    // Whom an incomplete row waits on is unknown: leave it out here (the project list names it).
    const problem = incompleteWorkflow(row);
    if (problem) {
      console.warn(`inbox: ${problem.en}`);
      continue;
    }
    const state = stateOf(row);
    const facts = {
      ...factsOf(row),
      authorityWithdrawnSince: (row.authority_code && withdrawn.get(row.authority_code)?.since) || null
    };
    const clocks = runningClocks(
      state,
      cal,
      today,
      settings,
      row.submitted_at ? todayInShanghai(new Date(row.submitted_at)) : null
    );
    if (!waitsOn(state, a, facts)) {
      // 超时督办 (issue 13.4): a district's overdue acceptance or recognition waits on the city SHEITC too.
      const late = actor.role === 'city_sheitc' ? clocks.find(escalates) : undefined;
      if (late) {
        items.push({
          project: summaryOf(row, cal, today, settings),
          actions: [{ type: 'escalated', zh: '超时督办', en: 'Escalated: overdue' }],
          dueDate: late.due,
          overdue: true,
          level: 'overdue',
          escalated: true,
          clock: { kind: late.clock, used: late.used, limit: late.limit }
        });
      }
      continue;
    }
    const project = summaryOf(row, cal, today, settings);
    const actions: AvailableAction[] = todoActions(state, a, facts);
    // The clock this person answers to: their department's reply date, else acceptance or the 10 working days.
    const mine =
      a.role === 'district_department'
        ? clocks.find((c) => c.clock === 'opinion' && c.subject === a.department)
        : clocks.find((c) => c.clock !== 'opinion');
    const dueDate = mine?.due ?? project.clock?.dueDate ?? null;
    const level = mine?.level ?? 'ok';
    items.push({
      project,
      actions: actions.map(({ type, zh, en }) => ({ type, zh, en })),
      dueDate,
      overdue: level === 'overdue' || (project.clock?.overdue ?? false),
      level,
      clock: mine ? { kind: mine.clock, used: mine.used, limit: mine.limit } : null
    });
  }
  // Tracking milestones past their contract due date wait on the district lead (issue 16 §6).
  for (const late of await lateMilestoneItems(db, actor)) {
    const same = items.find((i) => i.project.id === late.project.id);
    if (same) {
      same.actions.push(...late.actions);
      same.overdue = true;
    } else items.push(late);
  }
  const rank = { overdue: 3, alert: 2, warning: 1, ok: 0 } as const;
  return items.sort(
    (x, y) =>
      Number(y.overdue) - Number(x.overdue) ||
      rank[y.level ?? 'ok'] - rank[x.level ?? 'ok'] ||
      (x.dueDate ?? '9999').localeCompare(y.dueDate ?? '9999') ||
      x.project.updatedAt.localeCompare(y.project.updatedAt)
  );
}
