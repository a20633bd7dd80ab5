import { redirect } from '@sveltejs/kit';
import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { addProjectFile, getProject, saveDraft } from '$lib/server/projects/projects.service.ts';
import { applyProjectAction } from '$lib/server/workflow/workflow.service.ts';
import { apiError } from '$lib/server/http/api.ts';
import { checkSubmission, FIELD_LABELS } from '$lib/domain/application.ts';
import { fileFrom, pageUser, str } from '../../page-helpers.server.ts';
import { failWith, orErrorPage } from '$lib/server/http/page-errors.ts';
import { loadChecklist } from '$lib/server/standard/present.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = pageUser(locals, url);
  const db = await getDb();
  const project = await orErrorPage(getProject(db, user, params.id), locals.lang);
  // Once submitted, the form is read on the project page; edits go through a return for correction.
  if (!project.canEdit) redirect(303, `/projects/${project.id}`);
  // The 承诺声明 are part of the form (issue 13.3): the enterprise answers them here before submitting.
  const checklist = await loadChecklist(db, user, params.id, locals.lang).catch(
    (e) => (console.error('checklist:', e), null)
  );
  return { project, checklist };
};

/** The form's fields as posted (text; the shared zod schema turns them into numbers and yes/no). */
function formFields(data: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(FIELD_LABELS)) {
    const v = data.get(key);
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

export const actions: Actions = {
  save: async ({ locals, url, params, request }) => {
    const user = pageUser(locals, url);
    const data = await request.formData();
    try {
      await saveDraft(await getDb(), user, params.id, formFields(data), Number(data.get('expectedVersion')));
      return { saved: true };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  },

  /** Save, then submit: every missing or wrong field is returned to be shown next to it. */
  submit: async ({ locals, url, params, request }) => {
    const user = pageUser(locals, url);
    const db = await getDb();
    const data = await request.formData();
    const fields = formFields(data);
    try {
      const { version } = await saveDraft(db, user, params.id, fields, Number(data.get('expectedVersion')));
      const check = checkSubmission(fields);
      const project = await getProject(db, user, params.id);
      const missingDocs = project.missingDocuments.map((m) => m[locals.lang]);
      if (!check.ok || missingDocs.length > 0 || project.path.blocker) {
        return fail(400, {
          saved: true,
          problems: check.ok ? [] : check.problems,
          missingDocs,
          blocker: project.path.blocker?.[locals.lang] ?? null
        });
      }
      const type = project.availableActions.find((a) => a.type === 'submit' || a.type === 'resubmit')?.type;
      if (!type)
        throw apiError(409, 'cannot_submit', {
          zh: '当前阶段不能提交。',
          en: 'The application cannot be submitted at this stage.'
        });
      await applyProjectAction(db, user, params.id, { action: type, expectedVersion: version });
    } catch (e) {
      return failWith(e, locals.lang);
    }
    redirect(303, `/projects/${params.id}?submitted=1`);
  },

  upload: async ({ locals, url, params, request }) => {
    const user = pageUser(locals, url);
    const data = await request.formData();
    const file = await fileFrom(data, 'file');
    try {
      if (!file) throw apiError(400, 'file_missing', { zh: '请选择要上传的文件。', en: 'Choose a file to upload.' });
      await addProjectFile(await getDb(), user, params.id, str(data, 'kind') ?? 'other', file);
      return { uploaded: true };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  }
};
