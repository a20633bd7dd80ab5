// Backups that restore (issue 18.2) and readiness (18.3), on the engine under test: a second database of
// its own (an embedded data directory, or a scratch PostgreSQL database) holding projects, events and
// uploaded files; backup → wipe → restore gives the same rows and file hashes; a truncated or foreign
// archive is refused with a reason and changes nothing; readiness fails once the database is gone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { migrate } from '../../../src/lib/server/db/migrate.ts';
import { addProjectFile, createProject, saveDraft } from '../../../src/lib/server/projects/projects.service.ts';
import { blobPath } from '../../../src/lib/server/storage/storage.ts';
import { checkReadiness } from '../../../src/lib/server/ops/readiness.ts';
import { writeArchive } from '../../../src/lib/server/ops/backup/archive.ts';
import { backup, restore } from '../../../src/lib/server/ops/backup/backup.ts';
import { UserError } from '../../../src/lib/errors.ts';
import { user } from '../workflow/harness.ts';
import { scratchDatabase } from '../../helpers/service.ts';

const work = mkdtempSync(path.join(tmpdir(), 'zeroland-backup-'));
const dataDir = path.join(work, 'data');
const archive = path.join(work, 'nightly.tar.gz');
const saved = {
  DATA_DIR: process.env.DATA_DIR,
  PGLITE_DIR: process.env.PGLITE_DIR,
  DATABASE_URL: process.env.DATABASE_URL
};
let scratch: Awaited<ReturnType<typeof scratchDatabase>> = null;
const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/** The restored embedded database is read without PostGIS (none of the compared columns needs it): 3× faster to open. */
async function openPlain(): Promise<Db> {
  if (scratch) return openOwn();
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create({ dataDir: path.join(dataDir, 'pglite') });
  const query = async (sql: string, params?: unknown[]) => {
    const r = await pg.query(sql, params);
    return { rows: r.rows as never[], rowCount: r.rows.length };
  };
  return {
    kind: 'pglite',
    query,
    exec: async (sql: string) => void (await pg.exec(sql)),
    transaction: () => Promise.reject(new Error('not needed')),
    close: () => pg.close()
  } as Db;
}

async function openOwn(): Promise<Db> {
  if (scratch) return (await import('../../../src/lib/server/db/pg.ts')).openPostgres(scratch.url);
  mkdirSync(dataDir, { recursive: true });
  return (await import('../../../src/lib/server/db/pglite.ts')).openPglite(path.join(dataDir, 'pglite'));
}

async function allowConnections(url: string) {
  const pg = await import('pg');
  const admin = new pg.default.Client({ connectionString: saved.DATABASE_URL });
  await admin.connect();
  await admin.query(`alter database ${new URL(url).pathname.slice(1)} with allow_connections true`);
  await admin.end();
}

interface Snapshot {
  projects: unknown[];
  events: unknown[];
  files: { id: string; sha256: string }[];
}
async function snapshot(db: Db): Promise<Snapshot> {
  return {
    projects: (await db.query(`select id, code, title, stage, version, form::text as form from projects order by id`))
      .rows,
    events: (await db.query(`select id::text, project_id, action, payload::text as payload from events order by id`))
      .rows,
    files: (await db.query<{ id: string; sha256: string }>(`select id, sha256 from files order by id`)).rows
  };
}
const fileHash = (sha: string) =>
  createHash('sha256')
    .update(readFileSync(blobPath(sha)))
    .digest('hex');
const listing = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => statSync(path.join(dir, f)).isFile())
        .sort()
    : [];

let expected: Snapshot;

beforeAll(async () => {
  // This file works on its own database and data folder; the shared test database is not touched.
  process.env.DATA_DIR = dataDir;
  process.env.PGLITE_DIR = path.join(dataDir, 'pglite');
  scratch = await scratchDatabase('backup');
  if (scratch) process.env.DATABASE_URL = scratch.url;
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  await scratch?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe(`backup, restore and readiness (${engine})`, () => {
  it('backup → wipe → restore gives the same projects, events and file hashes; readiness fails once the database stops', async () => {
    const db = await openOwn();
    await migrate(db);
    const ent = await user(db, 'enterprise');
    for (let i = 0; i < 3; i++) {
      const { id } = await createProject(db, ent, { form: { enterpriseName: `备份测试企业${i}` } });
      await saveDraft(db, ent, id, { enterpriseName: `备份测试企业${i}`, landArea: 1000 + i }, 0);
      await addProjectFile(db, ent, id, 'land_title', {
        name: `权证${i}.pdf`,
        bytes: new TextEncoder().encode(`%PDF-1.4 land title ${i} ${Date.now()}`)
      });
    }
    expected = await snapshot(db);
    expect(expected.projects).toHaveLength(3);
    expect(expected.files).toHaveLength(3);

    await db.close();

    const t0 = Date.now();
    const made = await backup(archive);
    console.log(
      `${engine} backup: ${(made.bytes / 1048576).toFixed(1)} MB (${(made.manifest.totalBytes / 1048576).toFixed(1)} MB raw, ${made.members} members) in ${Date.now() - t0} ms`
    );
    expect(made.header.counts).toMatchObject({ projects: 3, files: 3 });

    // wipe: the database and the uploaded files
    if (scratch) {
      const pg = await openOwn();
      await pg.exec('drop schema public cascade; create schema public;');
      await pg.close();
    }
    rmSync(dataDir, { recursive: true, force: true });

    const t1 = Date.now();
    const r = await restore(archive);
    console.log(`${engine} restore: ${Date.now() - t1} ms`);
    expect(r.members).toBe(made.members);

    const back = await openPlain();
    try {
      expect(await snapshot(back)).toEqual(expected);
      for (const f of expected.files) expect(fileHash(f.sha256)).toBe(f.sha256);

      // readiness on the restored database: ready (migrations current) — and not once the database is gone
      const ready = await checkReadiness(async () => back);
      expect(ready.ready, JSON.stringify(ready.checks)).toBe(true);
      if (scratch) {
        const pg = await import('pg');
        const admin = new pg.default.Client({ connectionString: saved.DATABASE_URL });
        await admin.connect();
        await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
          [new URL(scratch.url).pathname.slice(1)]
        );
        await admin.query(`alter database ${new URL(scratch.url).pathname.slice(1)} with allow_connections false`);
        await admin.end();
      } else await back.close();
      const stopped = await checkReadiness(async () => back);
      expect(stopped.ready).toBe(false);
      expect(stopped.checks.database).toMatchObject({ ok: false, detail: expect.stringMatching(/^does not answer/) });
    } finally {
      await back.close().catch(() => {});
      if (scratch) await allowConnections(scratch.url);
    }
  }, 900_000);

  it('a truncated archive is refused with a reason, and nothing changes', async () => {
    const cut = path.join(work, 'truncated.tar.gz');
    const bytes = readFileSync(archive);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const before = listing(dataDir);
    const e = await restore(cut).then(
      () => null,
      (x) => x
    );
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/damaged or incomplete.*nothing was restored/);
    expect(listing(dataDir)).toEqual(before);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('.restore-'))).toEqual([]);

    // the command line says the same in one line, exit code 2
    const cli = spawnSync(process.execPath, ['bin/zeroland', 'db', 'restore', cut], {
      env: { ...process.env },
      encoding: 'utf8',
      timeout: 120_000
    });
    expect(cli.status, cli.stderr).toBe(2);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/^zeroland: the archive is damaged or incomplete/);
    expect(listing(dataDir)).toEqual(before);
  });

  it('a foreign file and a backup of the other engine are refused with a reason', async () => {
    const junk = path.join(work, 'junk.tar.gz');
    await new Promise<void>((resolve) => {
      const gz = createGzip();
      const out = createWriteStream(junk);
      gz.pipe(out).on('finish', resolve);
      gz.end(Buffer.alloc(4096, 7));
    });
    expect(
      (
        await restore(junk).then(
          () => null,
          (x) => x
        )
      )?.message
    ).toMatch(/not a zeroland backup/);
    writeFileSync(path.join(work, 'plain.txt'), 'hello');
    expect(
      (
        await restore(path.join(work, 'plain.txt')).then(
          () => null,
          (x) => x
        )
      )?.message
    ).toMatch(/not a zeroland backup/);

    const other = engine === 'pglite' ? 'postgres' : 'pglite';
    const foreign = path.join(work, 'other-engine.tar.gz');
    await writeArchive(
      foreign,
      {
        format: 'zeroland-backup',
        formatVersion: 1,
        engine: other,
        createdAt: new Date().toISOString(),
        appVersion: 'x',
        migrations: [],
        counts: {}
      },
      []
    );
    const e = await restore(foreign).then(
      () => null,
      (x) => x
    );
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/this installation runs on/);
  });
});
