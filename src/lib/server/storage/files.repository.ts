// The files table: one row per stored blob (storage.ts writes the blob and names the row).
import type { Queryable } from '../db/index.ts';

export async function insertFile(
  db: Queryable,
  f: { sha256: string; name: string; size: number; mime: string | null; uploadedBy: string }
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into files (sha256, original_name, size_bytes, mime, uploaded_by) values ($1, $2, $3, $4, $5) returning id`,
    [f.sha256, f.name, f.size, f.mime, f.uploadedBy]
  );
  return rows[0].id;
}
