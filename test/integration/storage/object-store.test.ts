// Issue 17.4: uploaded files where every instance sees them — in PostgreSQL (the stored_objects table) or in
// S3-compatible object storage (here a local s3rver started by the test), with disk for the embedded
// database. The same store interface, the same content-addressed keys, the same answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import S3rver from 's3rver';
import { getDb } from '../../../src/lib/server/db/index.ts';
import {
  diskStore,
  postgresStore,
  s3Store,
  storeFromEnv,
  useObjectStore,
  type ObjectStore
} from '../../../src/lib/server/storage/object-store.ts';
import { getBlob, putBlob, sha256Hex } from '../../../src/lib/server/storage/storage.ts';
import { storeUpload, uploadFor } from '../../../src/lib/server/projects/upload-store.ts';

const s3dir = mkdtempSync(path.join(tmpdir(), 'zeroland-s3-'));
let s3server: S3rver;
let s3: ObjectStore;
const S3_CONF = { bucket: 'zeroland-files', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

beforeAll(async () => {
  await getDb();
  s3server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: s3dir,
    configureBuckets: [{ name: S3_CONF.bucket, configs: [] }]
  });
  const { port } = (await s3server.run()) as { port: number };
  s3 = s3Store({ ...S3_CONF, endpoint: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  useObjectStore(null);
  await s3server?.close();
  rmSync(s3dir, { recursive: true, force: true });
});

const bytesOf = (s: string) => new Uint8Array(Buffer.from(s));

describe.each([
  ['disk', () => diskStore],
  ['postgres', () => postgresStore],
  ['s3', () => s3]
])('file store: %s', (name, store) => {
  it('keeps files by content: what goes in comes out, the same bytes are stored once, a missing file is null', async () => {
    useObjectStore(store());
    const body = bytesOf(`土地权证 ${name} ${Math.random()}`);
    const sha = await putBlob(body);
    expect(sha).toBe(sha256Hex(body));
    expect(await putBlob(body)).toBe(sha);
    expect(Buffer.from(await getBlob(sha)).equals(Buffer.from(body))).toBe(true);
    expect(await store().get(`files/${'0'.repeat(64)}`)).toBeNull();
    await expect(getBlob('0'.repeat(64))).rejects.toMatchObject({ code: 'ENOENT' });
    if (name === 'postgres') {
      const { rows } = await (
        await getDb()
      ).query<{ n: number }>('select count(*)::int n from stored_objects where key = $1', [`files/${sha}`]);
      expect(rows[0].n).toBe(1);
    }
  });

  it('an inspected upload can be named by its id from anywhere the store is shared', async () => {
    useObjectStore(store());
    const m = await storeUpload(
      [{ name: '四至.geojson', bytes: bytesOf(`{"type":"FeatureCollection","features":[],"n":${Math.random()}}`) }],
      'u1'
    );
    expect((await uploadFor(m.id, 'u1')).files[0].name).toBe('四至.geojson');
    await expect(uploadFor(m.id, 'someone-else')).rejects.toMatchObject({ status: 404 });
  });

  it('refuses keys outside files/<sha256> and uploads/<id>.json', async () => {
    await expect(store().put('../etc/passwd', bytesOf('x'))).rejects.toThrow(/not a storage key/);
    await expect(store().get('files/../../x')).rejects.toThrow(/not a storage key/);
  });
});

describe('choosing the store from the environment', () => {
  it('S3 when a bucket is configured, PostgreSQL with DATABASE_URL, disk otherwise; FILE_STORAGE decides when set', () => {
    expect(storeFromEnv({}).kind).toBe('disk');
    expect(storeFromEnv({ DATABASE_URL: 'postgres://x' }).kind).toBe('postgres');
    expect(
      storeFromEnv({
        DATABASE_URL: 'postgres://x',
        S3_BUCKET: 'b',
        S3_ENDPOINT: 'http://s3',
        S3_ACCESS_KEY_ID: 'a',
        S3_SECRET_ACCESS_KEY: 's'
      }).kind
    ).toBe('s3');
    expect(storeFromEnv({ DATABASE_URL: 'postgres://x', FILE_STORAGE: 'disk' }).kind).toBe('disk');
    expect(() => storeFromEnv({ FILE_STORAGE: 's3', S3_BUCKET: 'b' })).toThrow(
      /S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/
    );
    expect(() => storeFromEnv({ FILE_STORAGE: 'nfs' })).toThrow(/disk, postgres or s3/);
  });
});
