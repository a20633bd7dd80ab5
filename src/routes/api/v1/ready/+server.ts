import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { checkReadiness } from '$lib/server/ops/readiness.ts';

// Readiness for a load balancer or orchestrator: 200 when this instance can take traffic, else 503 with
// the failing checks. /api/v1/health stays the cheap liveness check.
export async function GET() {
  const r = await checkReadiness(getDb);
  return json(
    { status: r.ready ? 'ready' : 'not_ready', checks: r.checks },
    { status: r.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } }
  );
}
