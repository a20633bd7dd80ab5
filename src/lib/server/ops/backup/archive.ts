// The backup archive: a gzip'd tar whose first member, zeroland-backup.json, says what it is (format,
// engine, migrations, counts) and whose last member, manifest.json, lists every member with its size and
// SHA-256. Reading verifies everything into a staging folder before anything is restored.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { readTar, TarWriter, TruncatedError } from './tar.ts';
import { operatorError, UserError } from '../../../errors.ts';

export const FORMAT = 'zeroland-backup';
export const FORMAT_VERSION = 1;
export const HEADER_NAME = 'zeroland-backup.json';
export const MANIFEST_NAME = 'manifest.json';

export interface BackupHeader {
  format: typeof FORMAT;
  formatVersion: number;
  engine: 'pglite' | 'postgres';
  createdAt: string;
  appVersion: string;
  migrations: string[];
  counts: Record<string, number>;
}

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}
export interface Manifest {
  members: ManifestEntry[];
  totalBytes: number;
}

/** Refusal with a reason for the operator (a UserError: exit 2 in the CLI). */
export const backupError = (message: string) => operatorError('backup_refused', message);

export interface Member {
  path: string;
  size: number;
  open: () => AsyncIterable<Buffer>;
  dir?: boolean;
}

/** Directories are listed in the manifest with this in place of a checksum. */
const DIR = 'directory';

/** Writes the archive to `file` (via a temp file renamed at the end, so a failed backup leaves no archive). */
export async function writeArchive(
  file: string,
  header: BackupHeader,
  members: AsyncIterable<Member> | Member[]
): Promise<Manifest> {
  const tmp = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const done = pipeline(gzip, createWriteStream(tmp));
  const tar = new TarWriter(gzip);
  const manifest: Manifest = { members: [], totalBytes: 0 };
  try {
    const head = Buffer.from(JSON.stringify(header, null, 2));
    await tar.add(HEADER_NAME, head.length, head);
    manifest.members.push({
      path: HEADER_NAME,
      size: head.length,
      sha256: createHash('sha256').update(head).digest('hex')
    });
    for await (const m of members) {
      if (m.dir) {
        await tar.addDir(m.path);
        manifest.members.push({ path: m.path.replace(/\/?$/, '/'), size: 0, sha256: DIR });
        continue;
      }
      const hash = createHash('sha256');
      async function* hashed() {
        for await (const c of m.open()) {
          hash.update(c);
          yield c;
        }
      }
      await tar.add(m.path, m.size, hashed());
      manifest.members.push({ path: m.path, size: m.size, sha256: hash.digest('hex') });
      manifest.totalBytes += m.size;
    }
    const body = Buffer.from(JSON.stringify(manifest, null, 1));
    await tar.add(MANIFEST_NAME, body.length, body);
    await tar.end();
    gzip.end();
    await done;
    await rename(tmp, file);
  } catch (e) {
    gzip.destroy();
    await done.catch(() => {});
    await rm(tmp, { force: true });
    throw e;
  }
  return manifest;
}

const safeMember = (p: string) =>
  !p.startsWith('/') && !p.split('/').some((s) => s === '..' || s === '') && /^(db|files)\//.test(p);

/**
 * Reads the whole archive into `staging` (created; the caller removes it), checking the header first and
 * every member's size and SHA-256 against the manifest; refuses with a BackupError naming what is wrong.
 * `check` may refuse the header (wrong engine, newer migrations) before anything is extracted.
 */
export async function extractVerified(
  file: string,
  staging: string,
  check: (h: BackupHeader) => void
): Promise<{ header: BackupHeader; manifest: Manifest }> {
  const seen: ManifestEntry[] = [];
  let header: BackupHeader | null = null;
  let manifest: Manifest | null = null;
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  try {
    for await (const entry of readTar(gunzip)) {
      if (manifest)
        throw backupError(
          `the archive has members after its manifest (${entry.path}): it is not one this program wrote`
        );
      const chunks: Buffer[] = [];
      if (!header) {
        if (entry.path !== HEADER_NAME || entry.size > 1_000_000)
          throw backupError(`not a zeroland backup: it does not start with ${HEADER_NAME}`);
        for await (const c of entry.content) chunks.push(Buffer.from(c));
        const raw = Buffer.concat(chunks);
        try {
          header = JSON.parse(raw.toString('utf8')) as BackupHeader;
        } catch {
          throw backupError(`not a zeroland backup: ${HEADER_NAME} is not JSON`);
        }
        if (header.format !== FORMAT) throw backupError(`not a zeroland backup (format "${String(header.format)}")`);
        if (header.formatVersion > FORMAT_VERSION)
          throw backupError(
            `the backup format ${header.formatVersion} is newer than this program reads (${FORMAT_VERSION}): restore with the version that made it`
          );
        check(header);
        seen.push({ path: HEADER_NAME, size: raw.length, sha256: createHash('sha256').update(raw).digest('hex') });
        continue;
      }
      if (entry.path === MANIFEST_NAME) {
        for await (const c of entry.content) chunks.push(Buffer.from(c));
        try {
          manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest;
        } catch {
          throw backupError('the archive is damaged: its manifest is not JSON');
        }
        continue;
      }
      if (entry.type === 'dir' && safeMember(entry.path.replace(/\/$/, ''))) {
        await mkdir(path.join(staging, entry.path), { recursive: true });
        seen.push({ path: entry.path, size: 0, sha256: DIR });
        continue;
      }
      if (entry.type !== 'file' || !safeMember(entry.path))
        throw backupError(`unexpected member in the archive: ${entry.path}`);
      const target = path.join(staging, entry.path);
      await mkdir(path.dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const content = entry.content;
      async function* counted() {
        for await (const c of content) {
          hash.update(c);
          size += c.length;
          yield c;
        }
      }
      await pipeline(counted, createWriteStream(target));
      seen.push({ path: entry.path, size, sha256: hash.digest('hex') });
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    const m = (e as Error).message;
    if (e instanceof TruncatedError || /unexpected end of file/i.test(m))
      throw backupError(`the archive is damaged or incomplete (${m}): nothing was restored`);
    if (/incorrect header check|invalid|not a tar/i.test(m)) throw backupError(`not a zeroland backup (${m})`);
    throw e;
  } finally {
    source.destroy();
  }
  if (!header) throw backupError('not a zeroland backup: the archive is empty');
  if (!manifest || !Array.isArray(manifest.members))
    throw backupError('the archive is damaged or incomplete: it has no manifest');
  const listed = new Map(manifest.members.map((m) => [m.path, m]));
  if (listed.size !== seen.length)
    throw backupError(
      `the archive is damaged: the manifest lists ${listed.size} members, the archive holds ${seen.length}`
    );
  for (const s of seen) {
    const m = listed.get(s.path);
    if (!m) throw backupError(`the archive is damaged: ${s.path} is not in the manifest`);
    if (m.size !== s.size || m.sha256 !== s.sha256)
      throw backupError(`the archive is damaged: ${s.path} does not match its checksum`);
  }
  return { header, manifest };
}
