import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';

export async function GET() {
  const db = await getDb();
  const { rows } = await db.query<{ v: string }>('select postgis_lib_version() as v');
  return json({ status: 'ok', db: db.kind, postgis: rows[0].v });
}
