import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { health } from '$lib/server/ops/readiness.ts';

export async function GET() {
  return json(await health(await getDb()));
}
