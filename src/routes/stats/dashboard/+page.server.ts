import { getDb } from '$lib/server/db/index.ts';
import { cityDashboard } from '$lib/server/stats/stats.service.ts';
import { FLAG_RULES, STAGE_GROUP_LABELS } from '$lib/server/stats/stats.model.ts';
import { districtMeasures, recordDistrictMeasure } from '$lib/server/supervision/supervision.service.ts';
import { DISTRICT_MEASURE_LABELS } from '$lib/domain/tracking.ts';
import { withdrawnAuthorities } from '$lib/server/policy/authority.service.ts';
import type { Actions, PageServerLoad } from './$types';
import { failWith, orErrorPage } from '$lib/server/http/page-errors.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const db = await getDb();
  return orErrorPage(
    (async () => {
      const [dashboard, measures, withdrawn] = await Promise.all([
        cityDashboard(db, locals.user!),
        districtMeasures(db, locals.user!),
        withdrawnAuthorities(db)
      ]);
      return {
        dashboard,
        measures,
        rules: FLAG_RULES,
        stageGroups: STAGE_GROUP_LABELS,
        measureLabels: DISTRICT_MEASURE_LABELS,
        withdrawn: [...withdrawn.values()]
      };
    })(),
    locals.lang
  );
};

export const actions: Actions = {
  // 约谈 / 通报 / 收回认定权 against a district, recorded as an event naming it (二.5).
  measure: async ({ request, locals }) => {
    const form = await request.formData();
    try {
      const m = await recordDistrictMeasure(await getDb(), locals.user!, {
        authorityCode: String(form.get('authorityCode') ?? ''),
        measure: String(form.get('measure') ?? ''),
        note: String(form.get('note') ?? ''),
        flags: form.getAll('flag').map(String)
      });
      return { recorded: m.id };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  }
};
