// Content-addressed file storage under files/<sha256> in the object store (DATA_DIR/files/<first 2 hex>/<sha256>
// on disk; PostgreSQL or S3-compatible storage when several instances share them). The `files` table keeps
// the original name, size and uploader; the same bytes uploaded twice are stored once. Writing the bytes
// before the database transaction commits is harmless: an orphan blob is just unreferenced content.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { dataDir, type Queryable } from '../db/index.ts';
import { insertFile } from './files.repository.ts';
import { diskPath, diskStore, objectStore } from './object-store.ts';

export const filesRoot = () => path.join(dataDir(), 'files');

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function blobPath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return diskPath(`files/${sha256}`);
}

/** Stores the bytes under their hash (disk, PostgreSQL or object storage: see object-store.ts) unless already there;
 *  `sha` when the caller has already hashed them. */
export async function putBlob(bytes: Uint8Array, sha = sha256Hex(bytes)): Promise<string> {
  await objectStore().put(`files/${sha}`, bytes, { immutable: true });
  return sha;
}

export async function getBlob(sha256: string): Promise<Buffer> {
  const store = objectStore();
  // Files written to disk before the installation moved them to PostgreSQL or S3 are still found there.
  const bytes =
    (await store.get(`files/${sha256}`)) ?? (store.kind === 'disk' ? null : await diskStore.get(`files/${sha256}`));
  if (!bytes) throw Object.assign(new Error(`stored file ${sha256} is missing`), { code: 'ENOENT' });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface StoredFile {
  id: string;
  sha256: string;
  originalName: string;
  sizeBytes: number;
  mime: string | null;
}

/** Names are shown and offered as download names: keep them printable and short. */
export function cleanFileName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}

/** Records a stored blob in `files` (inside the caller's transaction). */
export async function insertFileRow(
  db: Queryable,
  f: { sha256: string; name: string; size: number; mime?: string | null; uploadedBy: string }
): Promise<StoredFile> {
  const id = await insertFile(db, {
    sha256: f.sha256,
    name: cleanFileName(f.name),
    size: f.size,
    mime: f.mime ?? null,
    uploadedBy: f.uploadedBy
  });
  return { id, sha256: f.sha256, originalName: cleanFileName(f.name), sizeBytes: f.size, mime: f.mime ?? null };
}

/**
 * Removes temporary files a crashed upload left behind (`<sha>.<random>.tmp`, see putBlob). Run at start;
 * files younger than `olderThanMs` are kept, as another app instance may be writing them right now.
 */
export async function cleanLeftoverTemp(olderThanMs = 60 * 60 * 1000): Promise<number> {
  const { readdir, unlink } = await import('node:fs/promises');
  const root = filesRoot();
  const dirs = await readdir(root).catch(() => [] as string[]);
  let removed = 0;
  for (const d of dirs.filter((x) => /^[0-9a-f]{2}$/.test(x))) {
    for (const f of await readdir(path.join(root, d)).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{64}\.[0-9a-f]{12}\.tmp$/.test(f)) continue;
      const p = path.join(root, d, f);
      const s = await stat(p).catch(() => null);
      if (
        s &&
        Date.now() - s.mtimeMs >= olderThanMs &&
        (await unlink(p).then(
          () => true,
          () => false
        ))
      )
        removed++;
    }
  }
  return removed;
}
