import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { shanghaiDate } from '$lib/domain/dates.ts';
import { versionInForce } from '$lib/domain/policy/versions.ts';
import { policyVersions, recordPolicyVersion } from '$lib/server/policy/versions.service.ts';
import type { Actions, PageServerLoad } from './$types';
import { failWith } from '$lib/server/http/page-errors.ts';

// The guideline's versions (沪经信规范〔2020〕9号, in force 2020-10-26 – 2025-10-25) and their extensions or successors.
export const load: PageServerLoad = async ({ locals }) => {
  if (locals.user?.role !== 'admin')
    error(403, locals.lang === 'zh' ? '仅系统管理员可登记政策文件' : 'Only administrators record policy versions');
  const versions = await policyVersions(await getDb());
  return { versions, inForce: versionInForce(versions, shanghaiDate(new Date())) };
};

export const actions: Actions = {
  record: async ({ request, locals }) => {
    const f = await request.formData();
    const s = (k: string) => String(f.get(k) ?? '').trim();
    try {
      await recordPolicyVersion(await getDb(), locals.user!, {
        docNumber: s('docNumber'),
        title: s('title'),
        kind: s('kind'),
        effectiveFrom: s('effectiveFrom'),
        effectiveTo: s('effectiveTo') || null,
        basedOn: Number(s('basedOn')),
        note: s('note')
      });
      return { recorded: true };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  }
};
