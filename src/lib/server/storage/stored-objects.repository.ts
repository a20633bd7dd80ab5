// The stored_objects table: the object store kept in the database itself (FILE_STORAGE=postgres, object-store.ts).
import type { Queryable } from '../db/index.ts';

/** Stores the bytes under the key; an immutable object already stored is left as it is. */
export async function putObject(
  db: Queryable,
  key: string,
  bytes: Uint8Array,
  opts: { immutable?: boolean } = {}
): Promise<void> {
  await db.query(
    `insert into stored_objects (key, bytes, size_bytes) values ($1, $2, $3)
     on conflict (key) do ${opts.immutable ? 'nothing' : 'update set bytes = excluded.bytes, size_bytes = excluded.size_bytes, stored_at = now()'}`,
    [key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes.byteLength]
  );
}

/** The bytes stored under the key, or null. */
export async function getObject(db: Queryable, key: string): Promise<Uint8Array | null> {
  const { rows } = await db.query<{ bytes: Uint8Array }>('select bytes from stored_objects where key = $1', [key]);
  return rows[0] ? Buffer.from(rows[0].bytes) : null;
}
