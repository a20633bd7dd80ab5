import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { liftSanction, recordFinding, recordMeasure, recordMilestone } from '$lib/server/tracking/tracking.service.ts';

// POST /api/v1/projects/:id/tracking/milestones | findings | measures | lifts — 产业项目跟踪 records; a lift ends a
// sanction ({measureId, date, reason}, city only, 二.5).
const RECORDERS = {
  milestones: recordMilestone,
  findings: recordFinding,
  measures: recordMeasure,
  lifts: liftSanction
} as const;

export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const kind = event.params.kind as keyof typeof RECORDERS;
  const recorder = RECORDERS[kind];
  if (!recorder)
    throw apiError(404, 'not_found', { zh: '未知的跟踪记录类型。', en: 'Unknown kind of tracking record.' });
  const body = await readJson(event);
  return json(await recorder(await getDb(), user, event.params.id!, body), { status: 201 });
});
