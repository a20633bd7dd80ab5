import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { canEditStandard } from '$lib/domain/standard/permissions.ts';
import {
  codeTableInfo,
  discardDraft,
  getDraft,
  listRuleSets,
  publishDraft,
  saveDraft
} from '$lib/server/standard/index.ts';
import { failWith } from '$lib/server/http/page-errors.ts';

// The city's editor of the recognition standard: versions, the draft, publishing with an effective date.
export const load: PageServerLoad = async ({ locals }) => {
  const user = locals.user!;
  const db = await getDb();
  const [{ ruleSets, inForceId, today }, table] = await Promise.all([listRuleSets(db), codeTableInfo(db)]);
  const canEdit = canEditStandard(user.role);
  return { ruleSets, inForceId, today, table, canEdit, draft: canEdit ? await getDraft(db) : null };
};

const run = async <T>(lang: 'zh' | 'en', fn: () => Promise<T>) => {
  try {
    return { ok: true as const, value: await fn() };
  } catch (e) {
    return { ok: false as const, failure: failWith(e, lang) };
  }
};

export const actions: Actions = {
  newDraft: async ({ locals }) => {
    if (!locals.user) error(401);
    const r = await run(locals.lang, async () => saveDraft(await getDb(), locals.user!, null));
    return r.ok ? { created: true } : r.failure;
  },
  discard: async ({ locals }) => {
    if (!locals.user) error(401);
    const r = await run(locals.lang, async () => discardDraft(await getDb(), locals.user!));
    return r.ok ? { discarded: true } : r.failure;
  },
  publish: async ({ locals, request }) => {
    if (!locals.user) error(401);
    const form = await request.formData();
    const r = await run(locals.lang, async () =>
      publishDraft(await getDb(), locals.user!, String(form.get('effectiveFrom') ?? ''))
    );
    return r.ok ? { report: r.value } : r.failure;
  }
};
