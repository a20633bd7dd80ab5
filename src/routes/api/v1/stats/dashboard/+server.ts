import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { cityDashboard } from '$lib/server/stats/stats.service.ts';
import { FLAG_RULES } from '$lib/server/stats/stats.model.ts';

// GET /api/v1/stats/dashboard — per-district figures and flags (city departments only).
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  return json({ ...(await cityDashboard(await getDb(), user)), rules: FLAG_RULES });
});
