// Where uploaded files (content-addressed blobs) and upload manifests live (issue 17.4), so that every app
// instance behind a load balancer sees them:
//   s3       — S3-compatible object storage, when S3_BUCKET is set (S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID,
//              S3_SECRET_ACCESS_KEY; path-style requests, signed with AWS Signature V4 by aws4fetch);
//   postgres — the database's stored_objects table, when DATABASE_URL is set;
//   disk     — DATA_DIR (the embedded database's single instance).
// FILE_STORAGE=disk|postgres|s3 overrides the choice. Keys: files/<sha256>, uploads/<id>.json.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';
import { dataDir, getDb } from '../db/index.ts';
import { getObject, putObject } from './stored-objects.repository.ts';

export type StoreKind = 'disk' | 'postgres' | 's3';

export interface ObjectStore {
  kind: StoreKind;
  /** Stores the bytes under the key; an existing object of the same size is kept when `immutable`. */
  put(key: string, bytes: Uint8Array, opts?: { immutable?: boolean }): Promise<void>;
  /** The bytes, or null when there is no such object. */
  get(key: string): Promise<Uint8Array | null>;
}

const KEY = /^(files\/[0-9a-f]{64}|uploads\/[0-9a-f]{64}\.json)$/;
function checkKey(key: string) {
  if (!KEY.test(key)) throw new Error(`not a storage key: ${key}`);
}

/** files/<sha> lives at DATA_DIR/files/<first two hex>/<sha>, as before (backups read that tree). */
export function diskPath(key: string): string {
  checkKey(key);
  const [dir, name] = key.split('/');
  return dir === 'files' ? path.join(dataDir(), 'files', name.slice(0, 2), name) : path.join(dataDir(), dir, name);
}

export const diskStore: ObjectStore = {
  kind: 'disk',
  async put(key, bytes, opts = {}) {
    const target = diskPath(key);
    if (
      opts.immutable &&
      (await stat(target).then(
        (s) => s.size === bytes.byteLength,
        () => false
      ))
    )
      return;
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  },
  async get(key) {
    try {
      return await readFile(diskPath(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
};

export const postgresStore: ObjectStore = {
  kind: 'postgres',
  async put(key, bytes, opts = {}) {
    checkKey(key);
    await putObject(await getDb(), key, bytes, opts);
  },
  async get(key) {
    checkKey(key);
    return getObject(await getDb(), key);
  }
};

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function s3Store(c: S3Config): ObjectStore {
  const aws = new AwsClient({
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    region: c.region,
    service: 's3'
  });
  const url = (key: string) => `${c.endpoint.replace(/\/$/, '')}/${encodeURIComponent(c.bucket)}/${key}`;
  const fail = async (what: string, res: Response) =>
    new Error(`object storage ${what}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return {
    kind: 's3',
    async put(key, bytes, opts = {}) {
      checkKey(key);
      if (opts.immutable) {
        const head = await aws.fetch(url(key), { method: 'HEAD' });
        if (head.ok && Number(head.headers.get('content-length')) === bytes.byteLength) return;
      }
      const res = await aws.fetch(url(key), {
        method: 'PUT',
        body: bytes as unknown as BodyInit,
        headers: { 'content-type': 'application/octet-stream' }
      });
      if (!res.ok) throw await fail(`PUT ${key}`, res);
    },
    async get(key) {
      checkKey(key);
      const res = await aws.fetch(url(key));
      if (res.status === 404) return null;
      if (!res.ok) throw await fail(`GET ${key}`, res);
      return new Uint8Array(await res.arrayBuffer());
    }
  };
}

/** The store this process uses, from the environment (see the top of this file and README). */
export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): ObjectStore {
  const chosen = env.FILE_STORAGE ?? (env.S3_BUCKET ? 's3' : env.DATABASE_URL ? 'postgres' : 'disk');
  if (chosen === 'disk') return diskStore;
  if (chosen === 'postgres') return postgresStore;
  if (chosen === 's3') {
    const missing = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((k) => !env[k]);
    if (missing.length) throw new Error(`FILE_STORAGE=s3 needs ${missing.join(', ')}`);
    return s3Store({
      endpoint: env.S3_ENDPOINT!,
      bucket: env.S3_BUCKET!,
      region: env.S3_REGION ?? 'us-east-1',
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!
    });
  }
  throw new Error(`FILE_STORAGE must be disk, postgres or s3, not "${chosen}"`);
}

let current: ObjectStore | null = null;
export const objectStore = () => (current ??= storeFromEnv());
/** Tests: use this store from now on (null: from the environment again). */
export const useObjectStore = (s: ObjectStore | null) => void (current = s);
