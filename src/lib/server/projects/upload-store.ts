// Uploads by hash: inspect reads the files, then stores them (content-addressed blobs) and a small manifest under
// uploads/<id>.json in the object store (shared by every instance), id = sha256 of the files' names and hashes. A CRS or layer change, and the
// attachment to a project, then name the upload by its id instead of sending the bytes again. Only the
// users who uploaded it may name it (an id seen elsewhere gives nobody else the file). Files are stored only
// once they have been read: a refused (hostile, broken, over-budget) upload leaves nothing behind.
import { createHash } from 'node:crypto';
import { apiError } from '../http/api.ts';
import { getBlob, putBlob, sha256Hex } from '../storage/storage.ts';
import { objectStore } from '../storage/object-store.ts';
import type { InputFile } from '../../geo/types.ts';

export interface UploadManifest {
  id: string;
  files: { name: string; sha256: string; size: number }[];
  /** User ids allowed to name this upload. */
  users: string[];
  at: string;
}

export const isUploadId = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

export const uploadIdOf = (files: { name: string; sha256: string }[]) =>
  createHash('sha256')
    .update(JSON.stringify(files.map((f) => [f.name, f.sha256])))
    .digest('hex');

async function readManifest(id: string): Promise<UploadManifest | null> {
  try {
    const bytes = await objectStore().get(`uploads/${id}.json`);
    if (!bytes) return null;
    const m = JSON.parse(Buffer.from(bytes).toString('utf8')) as UploadManifest;
    return m && m.id === id && Array.isArray(m.files) && Array.isArray(m.users) ? m : null;
  } catch {
    return null;
  }
}

async function writeManifest(m: UploadManifest): Promise<void> {
  await objectStore().put(`uploads/${m.id}.json`, Buffer.from(JSON.stringify(m)));
}

export interface DescribedUpload {
  id: string;
  files: UploadManifest['files'];
}

/** The upload's id and its files' hashes, before anything is stored (the same files by the same names give the same id). */
export function describeUpload(files: InputFile[]): DescribedUpload {
  const refs = files.map((f) => ({ name: f.name, sha256: sha256Hex(f.bytes), size: f.bytes.byteLength }));
  return { id: uploadIdOf(refs), files: refs };
}

/** Stores an upload's files, once read, and returns its manifest. */
export async function storeUpload(
  files: InputFile[],
  userId: string,
  described = describeUpload(files)
): Promise<UploadManifest> {
  const stored = await Promise.all(
    files.map(async (f, i) => ({ ...described.files[i], sha256: await putBlob(f.bytes, described.files[i].sha256) }))
  );
  const id = described.id;
  const old = await readManifest(id);
  const m: UploadManifest = {
    id,
    files: stored,
    users: [...new Set([...(old?.users ?? []), userId])],
    at: new Date().toISOString()
  };
  if (!old || !old.users.includes(userId)) await writeManifest(m);
  return old?.users.includes(userId) ? old : m;
}

const unknownUpload = () =>
  apiError(404, 'upload_not_found', {
    zh: '找不到该上传（编号无效或已过期），请重新上传文件。',
    en: 'Upload not found (unknown or expired id); upload the file again.'
  });

/** The manifest of an upload the user may name; 404 otherwise (also for another user's upload). */
export async function uploadFor(id: unknown, userId: string): Promise<UploadManifest> {
  if (!isUploadId(id)) throw unknownUpload();
  const m = await readManifest(id);
  if (!m || !m.users.includes(userId)) throw unknownUpload();
  return m;
}

/** The stored bytes of an upload (read only when no warm worker holds its parsed form). */
export async function uploadFiles(m: DescribedUpload): Promise<InputFile[]> {
  try {
    return await Promise.all(
      m.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await getBlob(f.sha256)) }))
    );
  } catch {
    throw unknownUpload();
  }
}
