// `zeroland db backup <file>` / `zeroland db restore <file>` on either engine, uploaded files included.
//   embedded: the PGlite data directory, copied while no server holds it (the data-directory lock says
//             so), after a clean open/close;
//   PostgreSQL: pg_dump (plain SQL, consistent snapshot, online), restored with psql in ONE transaction
//             after the schema is emptied — it all applies or nothing does.
// Restore verifies the whole archive into a staging folder first; the live database and files are then
// swapped in, and put back if a later step fails: never half a restore.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { dataDir, pgliteDir } from '../../db/index.ts';
import { lockDataDir } from '../../db/lock.ts';
import { migrationsDir } from '../../db/migrate.ts';
import { filesRoot } from '../../storage/storage.ts';
import {
  backupError,
  extractVerified,
  writeArchive,
  type BackupHeader,
  type Manifest,
  type Member
} from './archive.ts';

type Engine = BackupHeader['engine'];
const ENGINE_LABEL: Record<Engine, string> = { pglite: 'the embedded database (PGlite)', postgres: 'PostgreSQL' };

export const currentEngine = (): Engine => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/** What the header records: applied migrations and the counts an operator checks after a restore. */
export async function describeDb(db: {
  query<T>(sql: string): Promise<{ rows: T[] }>;
}): Promise<Pick<BackupHeader, 'migrations' | 'counts'>> {
  const migrations = (await db.query<{ name: string }>('select name from schema_migrations order by name')).rows.map(
    (r) => r.name
  );
  const counts: Record<string, number> = {};
  for (const table of ['users', 'projects', 'events', 'files', 'layer_versions']) {
    try {
      counts[table] = Number((await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0].n);
    } catch {
      /* an older schema without this table */
    }
  }
  return { migrations, counts };
}

async function* walk(
  root: string,
  rel = ''
): AsyncGenerator<{ abs: string; rel: string; size: number; dir?: boolean }> {
  let names: string[];
  try {
    names = (await readdir(path.join(root, rel))).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const name of names) {
    const r = rel ? `${rel}/${name}` : name;
    const abs = path.join(root, r);
    const s = await stat(abs);
    if (s.isDirectory()) {
      yield { abs, rel: r, size: 0, dir: true };
      yield* walk(root, r);
    } else if (s.isFile() && !name.endsWith('.tmp')) yield { abs, rel: r, size: s.size };
  }
}

async function* treeMembers(root: string, prefix: string): AsyncGenerator<Member> {
  for await (const f of walk(root))
    yield { path: `${prefix}/${f.rel}`, size: f.size, dir: f.dir, open: () => createReadStream(f.abs) };
}

function run(cmd: string, args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (c) => (err += c));
    p.on('error', (e) =>
      reject(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? backupError(
              `${cmd} is not installed: install the PostgreSQL client (Debian: apt-get install postgresql-client) and try again`
            )
          : e
      )
    );
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(backupError(`${what} failed: ${err.trim().split('\n').slice(-3).join(' ')}`))
    );
  });
}

export interface BackupSummary {
  file: string;
  engine: Engine;
  bytes: number;
  members: number;
  ms: number;
  header: BackupHeader;
  manifest: Manifest;
}

const appVersion = () => process.env.npm_package_version ?? '0.1.0';

/**
 * Opens the embedded database only to read its description and close it cleanly (a checkpoint, and
 * recovery first if the server was killed). Without the PostGIS extension: counting rows needs none of
 * its functions, and it opens in a third of the time.
 */
async function describePglite(dir: string) {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ dataDir: dir });
  try {
    return await describeDb(db);
  } finally {
    await db.close();
  }
}

export async function backup(file: string): Promise<BackupSummary> {
  const t0 = Date.now();
  const engine = currentEngine();
  const out = path.resolve(file);
  await mkdir(path.dirname(out), { recursive: true });
  const files = () => treeMembers(filesRoot(), 'files');
  let manifest: Manifest;
  let header: BackupHeader;
  if (engine === 'pglite') {
    const dir = pgliteDir();
    if (!existsSync(dir))
      throw backupError(`there is no embedded database at ${dir} (set DATA_DIR, or DATABASE_URL for PostgreSQL)`);
    const release = lockDataDir(dir);
    try {
      header = {
        format: 'zeroland-backup',
        formatVersion: 1,
        engine,
        createdAt: new Date().toISOString(),
        appVersion: appVersion(),
        ...(await describePglite(dir))
      };
      manifest = await writeArchive(
        out,
        header,
        (async function* () {
          yield* treeMembers(dir, 'db/pglite');
          yield* files();
        })()
      );
    } finally {
      release();
    }
  } else {
    const url = process.env.DATABASE_URL!;
    const tmp = await mkdtemp(path.join(path.dirname(out), '.zeroland-dump-'));
    try {
      const dump = path.join(tmp, 'dump.sql');
      // First the snapshot, then the files: every file the dump refers to was written before its row committed.
      await run(
        'pg_dump',
        ['--no-owner', '--no-privileges', '--format=plain', '--file', dump, '--dbname', url],
        'pg_dump'
      );
      const { openPostgres } = await import('../../db/pg.ts');
      const db = await openPostgres(url);
      try {
        header = {
          format: 'zeroland-backup',
          formatVersion: 1,
          engine,
          createdAt: new Date().toISOString(),
          appVersion: appVersion(),
          ...(await describeDb(db))
        };
      } finally {
        await db.close();
      }
      const size = (await stat(dump)).size;
      manifest = await writeArchive(
        out,
        header,
        (async function* () {
          yield { path: 'db/dump.sql', size, open: () => createReadStream(dump) };
          yield* files();
        })()
      );
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  return {
    file: out,
    engine,
    bytes: (await stat(out)).size,
    members: manifest.members.length,
    ms: Date.now() - t0,
    header,
    manifest
  };
}

/** Moves `staged` to `target`, keeping the old one aside until commit (or putting it back on rollback). */
async function swapIn(target: string, staged: string) {
  const old = `${target}.before-restore`;
  await rm(old, { recursive: true, force: true });
  const had = existsSync(target);
  if (had) await rename(target, old);
  try {
    await rename(staged, target);
  } catch (e) {
    if (had) await rename(old, target);
    throw e;
  }
  return {
    commit: () => rm(old, { recursive: true, force: true }),
    rollback: async () => {
      await rm(target, { recursive: true, force: true });
      if (had) await rename(old, target);
    }
  };
}

/** A database whose public schema was re-created (not the initial one) is dumped with CREATE SCHEMA public. */
async function dumpCreatesPublic(dump: string): Promise<boolean> {
  const fh = await open(dump, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return /^CREATE SCHEMA public;$/m.test(buf.toString('utf8', 0, bytesRead));
  } finally {
    await fh.close();
  }
}

export interface RestoreSummary {
  engine: Engine;
  header: BackupHeader;
  members: number;
  ms: number;
}

/** Other zeroland servers connected to the database (they would see it change under them). */
async function otherClients(url: string): Promise<number> {
  const { openPostgres } = await import('../../db/pg.ts');
  const db = await openPostgres(url);
  try {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = 'zeroland'`
    );
    return rows[0].n;
  } finally {
    await db.close();
  }
}

export async function restore(file: string, opts: { force?: boolean } = {}): Promise<RestoreSummary> {
  const t0 = Date.now();
  const engine = currentEngine();
  const src = path.resolve(file);
  if (!existsSync(src)) throw backupError(`no such file: ${src}`);
  const known = new Set((await readdir(migrationsDir())).filter((f) => f.endsWith('.sql')));
  await mkdir(dataDir(), { recursive: true });
  const staging = await mkdtemp(path.join(dataDir(), '.restore-'));
  try {
    const { header, manifest } = await extractVerified(src, staging, (h) => {
      if (h.engine !== engine)
        throw backupError(
          `this backup holds ${ENGINE_LABEL[h.engine] ?? h.engine}, but this installation runs on ${ENGINE_LABEL[engine]}: restore it into the same engine`
        );
      const unknown = (h.migrations ?? []).filter((m) => !known.has(m));
      if (unknown.length)
        throw backupError(
          `this backup comes from a newer version of zeroland (migrations unknown here: ${unknown.join(', ')}): upgrade first`
        );
    });
    const stagedFiles = path.join(staging, 'files');
    await mkdir(stagedFiles, { recursive: true });
    if (engine === 'pglite') {
      const dir = pgliteDir();
      const stagedDb = path.join(staging, 'db/pglite');
      if (!existsSync(path.join(stagedDb, 'PG_VERSION')))
        throw backupError('the archive holds no embedded database (db/pglite/PG_VERSION missing)');
      // The staged copy must open and hold what the header says before it replaces anything.
      let found: Awaited<ReturnType<typeof describePglite>>;
      try {
        found = await describePglite(stagedDb);
      } catch (e) {
        throw backupError(`the database in the archive does not open (${(e as Error).message}): nothing was restored`);
      }
      for (const [table, n] of Object.entries(header.counts ?? {}))
        if (found.counts[table] !== n)
          throw backupError(
            `the database in the archive holds ${found.counts[table]} ${table}, its header says ${n}: nothing was restored`
          );
      await mkdir(path.dirname(dir), { recursive: true });
      const release = lockDataDir(dir);
      try {
        const db = await swapIn(dir, stagedDb);
        let fl;
        try {
          fl = await swapIn(filesRoot(), stagedFiles);
        } catch (e) {
          await db.rollback();
          throw e;
        }
        await db.commit();
        await fl.commit();
      } finally {
        release();
      }
    } else {
      const url = process.env.DATABASE_URL!;
      const others = await otherClients(url);
      if (others > 0 && !opts.force)
        throw backupError(
          `${others} zeroland server connection(s) are open on this database: stop the server first (or pass --force)`
        );
      const dump = path.join(staging, 'db/dump.sql');
      if (!existsSync(dump)) throw backupError('the archive holds no PostgreSQL dump (db/dump.sql missing)');
      const fl = await swapIn(filesRoot(), stagedFiles);
      try {
        // One transaction: empty the schema, replay the dump; any error rolls all of it back.
        const prelude = (await dumpCreatesPublic(dump))
          ? 'drop schema if exists public cascade;'
          : 'drop schema if exists public cascade; create schema public;';
        await run(
          'psql',
          ['-X', '-q', '-1', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', prelude, '-f', dump],
          'restoring the database'
        );
      } catch (e) {
        await fl.rollback();
        throw e;
      }
      await fl.commit();
    }
    return { engine, header, members: manifest.members.length, ms: Date.now() - t0 };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
