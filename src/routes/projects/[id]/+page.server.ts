import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { inTransaction } from '$lib/server/db/in-transaction.ts';
import { apiError } from '$lib/server/http/api.ts';
import { listLayerInfo } from '$lib/server/layers/layers.service.ts';
import { addProjectFile, getProject } from '$lib/server/projects/projects.service.ts';
import { applyProjectAction } from '$lib/server/workflow/workflow.service.ts';
import { liftSanction, recordFinding, recordMeasure, recordMilestone } from '$lib/server/tracking/tracking.service.ts';
import { fileFrom, pageUser, str } from '../page-helpers.server.ts';
import { failWith, orErrorPage } from '$lib/server/http/page-errors.ts';
import { deleteDraft } from '$lib/server/projects/application-start.service.ts';
import { loadChecklist } from '$lib/server/standard/present.ts';
import { issuedSheets, issueSheet, uploadSheetScan } from '$lib/server/documents/documents.service.ts';
import { publicOrigin } from '$lib/server/documents/origin.ts';
import { aftercarePage } from '$lib/server/aftercare/compliance.service.ts';
import { departmentDirectory } from '$lib/server/departments/departments.service.ts';
import { loadDeadlineSettings } from '$lib/server/deadlines/settings.service.ts';
import { loadCalendar } from '$lib/server/calendar/calendar.service.ts';
import { addWorkingDays } from '$lib/domain/working-days.ts';
import { shanghaiDate } from '$lib/domain/dates.ts';
import { logPolicyRefusal } from '$lib/server/policy/refusal-log.ts';
import { confirmFact } from '$lib/server/policy/facts.service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = pageUser(locals, url);
  const db = await getDb();
  const [project, layers] = await Promise.all([
    orErrorPage(getProject(db, user, params.id), locals.lang),
    listLayerInfo(db)
  ]);
  // Secondary panels: a failure there must not take the project page down with it.
  const [checklist, sheets, aftercare] = await Promise.all([
    loadChecklist(db, user, params.id, locals.lang).catch((e) => (console.error('checklist:', e), null)),
    issuedSheets(db, user, params.id).catch(() => []),
    aftercarePage(db, user, params.id).catch((e) => (console.error('aftercare:', e), null))
  ]);
  // The district's departments and the default reply date, for starting the joint review.
  const lead = project.availableActions.some((a) => a.type === 'start_joint_review');
  const departments = lead ? await departmentDirectory(db, project.authorityCode) : [];
  const defaultDueOn = lead
    ? addWorkingDays(
        await loadCalendar(db),
        shanghaiDate(new Date()),
        (await loadDeadlineSettings(db)).opinionWorkingDays
      )
    : '';
  return { project, layers, checklist, sheets, aftercare, departments, defaultDueOn };
};

export const actions: Actions = {
  /** One workflow action; a decision's document is uploaded first and referenced by id. */
  act: async ({ locals, url, params, request }) => {
    const user = pageUser(locals, url);
    const db = await getDb();
    const data = await request.formData();
    const type = str(data, 'type') ?? '';
    try {
      const doc = await fileFrom(data, 'document');
      const departments = data.getAll('departments').filter((d): d is string => typeof d === 'string');
      // The action and its document commit together: a refused action leaves no document behind.
      await inTransaction(db, async (txDb) => {
        let documentId: string | undefined;
        if (doc) {
          const kind =
            type === 'recognise'
              ? 'recognition'
              : type === 'complete_plan_adjustment'
                ? 'plan_adjustment'
                : type === 'enter_opinion'
                  ? 'joint_review_opinion'
                  : 'joint_review_material';
          documentId = (await addProjectFile(txDb, user, params.id, kind, doc)).id;
        }
        await applyProjectAction(txDb, user, params.id, {
          action: type,
          expectedVersion: Number(data.get('expectedVersion')),
          comment: str(data, 'comment'),
          opinion: str(data, 'opinion'),
          departments: departments.length > 0 ? departments : undefined,
          department: str(data, 'department'),
          via: str(data, 'via'),
          dueOn: str(data, 'dueOn'),
          documentId,
          override: data.get('override') === 'true' ? true : undefined,
          justification: str(data, 'justification'),
          reserveMechanism: str(data, 'reserveMechanism'),
          overlapAcknowledgement: str(data, 'overlapAcknowledgement')
        });
      });
      return { done: type };
    } catch (e) {
      // The joined transaction rolled back the refusal's own log entry: record it now (issue 12).
      await logPolicyRefusal(db, user, params.id, type, e);
      return failWith(e, locals.lang);
    }
  },

  /** The owner deletes a never-submitted draft (issue 14.2); the list then says which one went. */
  deleteDraft: async ({ locals, url, params, request }) => {
    const user = pageUser(locals, url);
    const data = await request.formData();
    let code: string;
    try {
      code = (await getProject(await getDb(), user, params.id)).code;
      await deleteDraft(await getDb(), user, params.id, {
        expectedVersion: Number(data.get('expectedVersion')),
        reason: str(data, 'reason')
      });
    } catch (e) {
      return failWith(e, locals.lang);
    }
    redirect(303, `/projects?deleted=${encodeURIComponent(code)}`);
  },

  /** 一键成表: issue the 项目信息表; the page then offers the download and shows the new code. */
  issueSheet: async ({ locals, url, params }) => {
    const user = pageUser(locals, url);
    try {
      const s = await issueSheet(await getDb(), user, params.id, publicOrigin(url));
      return { issued: s.code };
    } catch (e) {
      return sheetFail(e, locals.lang);
    }
  },

  sheetScan: async ({ locals, url, params, request }) => {
    const user = pageUser(locals, url);
    const file = await fileFrom(await request.formData(), 'file');
    if (!file) return sheetFail(noFile(), locals.lang);
    try {
      await uploadSheetScan(await getDb(), user, params.id, file);
      return { uploaded: true };
    } catch (e) {
      return sheetFail(e, locals.lang);
    }
  },

  upload: async ({ locals, url, params, request }) => {
    const user = pageUser(locals, url);
    const data = await request.formData();
    const file = await fileFrom(data, 'file');
    if (!file) return failWith(noFile(), locals.lang);
    try {
      await addProjectFile(await getDb(), user, params.id, str(data, 'kind') ?? 'other', file);
      return { uploaded: true };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  },

  milestone: trackingAction('milestone', (db, user, id, data, documentId) =>
    recordMilestone(db, user, id, {
      milestone: str(data, 'milestone'),
      date: str(data, 'date'),
      department: str(data, 'department'),
      result: str(data, 'result'),
      note: str(data, 'note'),
      documentId
    })
  ),

  finding: trackingAction('finding', (db, user, id, data, documentId) =>
    recordFinding(db, user, id, {
      kind: str(data, 'kind'),
      date: str(data, 'date'),
      description: str(data, 'description'),
      documentId
    })
  ),

  lift: (event) => liftAction(event),

  /** The planning department confirms or corrects a path-deciding fact (issue 12). */
  confirmFact: async ({ locals, url, params, request }) => {
    const user = pageUser(locals, url);
    const data = await request.formData();
    const fact = str(data, 'fact');
    const raw = str(data, 'value') ?? '';
    const value = fact === 'plotRatioAfter' ? Number(raw.replace(/[,，\s]/g, '')) : raw === 'true';
    try {
      await confirmFact(await getDb(), user, params.id, { fact, value, reason: str(data, 'reason') });
      return { recorded: 'fact' };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  },

  measure: trackingAction('measure', (db, user, id, data, documentId) =>
    recordMeasure(db, user, id, {
      kind: str(data, 'kind'),
      findingId: str(data, 'findingId'),
      date: str(data, 'date'),
      department: str(data, 'department'),
      note: str(data, 'note'),
      documentId
    })
  )
};

/** A city department lifts a sanction with a reason (二.5). */
const liftAction = async ({ locals, url, params, request }: Parameters<Actions[string]>[0]) => {
  const user = pageUser(locals, url);
  const data = await request.formData();
  try {
    await liftSanction(await getDb(), user, params.id!, {
      measureId: str(data, 'measureId'),
      date: str(data, 'date'),
      reason: str(data, 'reason')
    });
    return { recorded: 'lift' };
  } catch (e) {
    return failWith(e, locals.lang);
  }
};

type Db = Awaited<ReturnType<typeof getDb>>;
type PageUser = App.Locals['user'] & object;

/** A tracking record (milestone, finding, measure) and the evidence document attached to it, if any, in one
 *  transaction: a refused record leaves no file behind. */
function trackingAction(
  recorded: 'milestone' | 'finding' | 'measure',
  record: (db: Db, user: PageUser, id: string, data: FormData, documentId: string | undefined) => Promise<unknown>
) {
  return async ({ locals, url, params, request }: Parameters<Actions[string]>[0]) => {
    const user = pageUser(locals, url);
    const db = await getDb();
    const data = await request.formData();
    try {
      await inTransaction(db, async (txDb) => {
        const documentId = await documentOf(txDb, user, params.id!, data);
        await record(txDb, user, params.id!, data, documentId);
      });
      return { recorded };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  };
}

async function documentOf(db: Db, user: PageUser, id: string, data: FormData) {
  const doc = await fileFrom(data, 'document');
  return doc ? (await addProjectFile(db, user, id, 'other', doc)).id : undefined;
}

/** A refusal of the sheet card's forms, shown on that card. */
function sheetFail(e: unknown, lang: App.Locals['lang']) {
  const r = failWith(e, lang);
  return fail(r.status, { ...r.data, sheet: true });
}

const noFile = () => apiError(400, 'file_missing', { zh: '请选择要上传的文件。', en: 'Choose a file to upload.' });
