// Safe unzip for uploaded archives (zipped shapefiles, KMZ). We read the central directory ourselves so that
// limits are checked on the *declared* sizes before any byte is inflated, and on the *actual* output while
// inflating (a lying header cannot get past), and so that member names written in GBK by Windows tools
// (without the UTF-8 flag, APPNOTE.TXT §4.4.4 bit 11) can be decoded. Nothing is written to disk.
import { createRequire } from 'node:module';
import { type Decision, type Message } from '../types.ts';
import { decodeText, detectEncoding } from '../text/encoding.ts';
import { type UploadBudget } from '../budget.ts';
import { userError, limitError } from '../../errors.ts';

// node:zlib is loaded when a zip is first opened: most uploads are not zips, and loading it is ~3 ms of every
// CLI run (module is loaded anyway).
let zlib: typeof import('node:zlib') | undefined;
const inflateRawSync: typeof import('node:zlib').inflateRawSync = (...a) =>
  (zlib ??= createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib')).inflateRawSync(...a);

export interface ZipLimits {
  /** More members than any real shapefile/KMZ upload has; stops central-directory floods. */
  maxEntries: number;
  /** Total uncompressed bytes accepted (declared and actual): the upload limit of the whole pipeline. */
  maxTotalBytes: number;
  /** Deflate cannot exceed ~1032:1; real vector data compresses 3–30:1. Above this it is a bomb. */
  maxRatio: number;
  /** The ratio check applies only to members larger than this (tiny files compress oddly). */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024
};

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}
export interface UnzipResult {
  entries: ZipEntry[];
  decisions: Decision[];
  warnings: Message[];
}

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

/** Files that OS archivers add and that never hold data: skipped silently. */
export function isJunkPath(path: string): boolean {
  const base = path.split('/').pop() ?? '';
  return (
    path.startsWith('__MACOSX/') ||
    path.includes('/__MACOSX/') ||
    base.startsWith('._') ||
    base === '.DS_Store' ||
    base.toLowerCase() === 'thumbs.db' ||
    base.toLowerCase() === 'desktop.ini'
  );
}

const corrupt = (name: string, why: string) =>
  userError(
    'zip-corrupt',
    `压缩包“${name}”已损坏或不完整（${why}），请重新压缩后上传。`,
    `The zip "${name}" is damaged or incomplete (${why}); zip the files again and re-upload.`
  );

interface CdEntry {
  nameBytes: Uint8Array;
  utf8Flag: boolean;
  unicodeName?: string;
  flags: number;
  method: number;
  csize: number;
  usize: number;
  offset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

function readCentralDirectory(b: Uint8Array, name: string, limits: ZipLimits): CdEntry[] {
  let e = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
      e = i;
      break;
    }
  }
  if (e < 0) throw corrupt(name, 'no central directory / 找不到中央目录');
  let count = u16(b, e + 10);
  let cdOffset = u32(b, e + 16);
  // ZIP64 (APPNOTE §4.3.14): the 32-bit fields are saturated and the real values sit in the ZIP64 record.
  if ((count === 0xffff || cdOffset === 0xffffffff) && e >= 20 && u32(b, e - 20) === 0x07064b50) {
    const z = u64(b, e - 12);
    if (z + 56 > b.length || u32(b, z) !== 0x06064b50) throw corrupt(name, 'bad ZIP64 record');
    count = u64(b, z + 32);
    cdOffset = u64(b, z + 48);
  }
  if (count > limits.maxEntries) {
    throw userError(
      'zip-too-many-entries',
      `压缩包含 ${count} 个文件，超过上限 ${limits.maxEntries}；请只打包边界文件。`,
      `The zip holds ${count} members, more than the limit of ${limits.maxEntries}; zip only the boundary files.`
    );
  }
  const out: CdEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw corrupt(name, 'central directory cut short');
    const flags = u16(b, p + 8),
      method = u16(b, p + 10);
    let csize = u32(b, p + 20),
      usize = u32(b, p + 24),
      offset = u32(b, p + 42);
    const nLen = u16(b, p + 28),
      xLen = u16(b, p + 30),
      cLen = u16(b, p + 32);
    if (p + 46 + nLen + xLen > b.length) throw corrupt(name, 'central directory cut short');
    const nameBytes = b.subarray(p + 46, p + 46 + nLen);
    let unicodeName: string | undefined;
    for (let x = p + 46 + nLen; x + 4 <= p + 46 + nLen + xLen;) {
      const id = u16(b, x),
        len = u16(b, x + 2),
        d = x + 4;
      if (id === 0x0001) {
        // ZIP64 extended information: only the saturated fields are present, in this order.
        let q = d;
        if (usize === 0xffffffff) {
          usize = u64(b, q);
          q += 8;
        }
        if (csize === 0xffffffff) {
          csize = u64(b, q);
          q += 8;
        }
        if (offset === 0xffffffff) {
          offset = u64(b, q);
        }
      } else if (id === 0x7075 && len > 5 && b[d] === 1) {
        // Info-ZIP Unicode Path extra field: the UTF-8 name next to a legacy-encoded one.
        unicodeName = new TextDecoder('utf-8').decode(b.subarray(d + 5, d + len));
      }
      x = d + len;
    }
    out.push({ nameBytes, utf8Flag: (flags & 0x800) !== 0, unicodeName, flags, method, csize, usize, offset });
    p += 46 + nLen + xLen + cLen;
  }
  return out;
}

/** Decide one encoding for all legacy-encoded names of the archive (they come from one tool). */
function decodeNames(cd: CdEntry[], decisions: Decision[], warnings: Message[]): string[] {
  const legacy = cd.filter((c) => !c.utf8Flag && !c.unicodeName).map((c) => c.nameBytes);
  let enc = 'utf-8';
  if (legacy.some((n) => n.some((x) => x >= 0x80))) {
    const d = detectEncoding(legacy, 'zip-name-encoding');
    // Without the flag the spec says CP437, but Chinese Windows tools write the ANSI page (GBK); detection decides.
    enc = d.decision.rule === 'fallback-latin1' ? 'cp437' : d.encoding;
    decisions.push({ ...d.decision, value: enc });
    if (d.warnings.length) warnings.push(...d.warnings);
  }
  return cd.map((c) => c.unicodeName ?? decodeText(c.nameBytes, c.utf8Flag ? 'utf-8' : enc));
}

/** Member names are only used to pick files, never as disk paths, but a traversal name signals a crafted
 *  archive (the "zip slip" attack): refuse it rather than guess what was meant. */
function safePath(raw: string, zipName: string): string {
  const path = raw.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.split('/').some((s) => s === '..')) {
    throw userError(
      'zip-unsafe-path',
      `压缩包“${zipName}”含不安全的文件路径“${raw}”（绝对路径或“..”），已拒绝；请重新打包。`,
      `The zip "${zipName}" contains an unsafe member path "${raw}" (absolute or with ".."); refused. Re-create the zip.`
    );
  }
  return (
    path
      .split('/')
      .filter((s) => s !== '' && s !== '.')
      .join('/') + (path.endsWith('/') ? '/' : '')
  );
}

const bomb = (name: string, why: string) =>
  limitError(
    'zip-too-large',
    `压缩包“${name}”解压后过大或压缩比异常（${why}），已拒绝；边界文件通常不超过几十 MB。`,
    `The zip "${name}" would expand too much or has an abnormal compression ratio (${why}); refused. Boundary files are usually a few MB.`
  );

function inflateEntry(
  b: Uint8Array,
  c: CdEntry,
  path: string,
  zipName: string,
  budget: { left: number },
  limits: ZipLimits
): Uint8Array {
  if (c.offset + 30 > b.length || u32(b, c.offset) !== 0x04034b50)
    throw corrupt(zipName, `bad local header for ${path}`);
  const start = c.offset + 30 + u16(b, c.offset + 26) + u16(b, c.offset + 28);
  if (start + c.csize > b.length) throw corrupt(zipName, `${path} is cut off / 文件被截断`);
  const data = b.subarray(start, start + c.csize);
  if (c.method === 0) {
    if (c.csize !== c.usize) throw corrupt(zipName, `${path}: stored size mismatch`);
    return data.slice();
  }
  if (c.method !== 8) {
    throw userError(
      'zip-method',
      `压缩包中“${path}”使用了不支持的压缩方式（${c.method}），请用标准 ZIP（Deflate）重新压缩。`,
      `"${path}" in the zip uses an unsupported compression method (${c.method}); re-zip with standard Deflate.`
    );
  }
  // Native inflate with an output ceiling: never more than the declared size (a lying header is caught as
  // soon as it lies) nor more than the upload's budget; zlib stops there, so memory stays bounded.
  const ceiling = Math.min(c.usize, budget.left);
  let out: Buffer;
  try {
    // Output chunks sized to the member (zlib's 16 KB default makes a 1 MB member cost 20× more).
    out = inflateRawSync(data, {
      maxOutputLength: Math.max(1, ceiling),
      chunkSize: Math.min(Math.max(ceiling, 64 * 1024), 8 * 1024 * 1024)
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw c.usize > budget.left
        ? bomb(zipName, `over ${limits.maxTotalBytes} bytes`)
        : bomb(zipName, `${path}: more data than declared / 实际大小超过声明`);
    }
    throw corrupt(zipName, `${path}: deflate data invalid`);
  }
  if (out.length !== c.usize) throw corrupt(zipName, `${path}: size ${out.length} ≠ declared ${c.usize}`);
  budget.left -= out.length;
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Unzip in memory with limits; directories and OS junk are dropped, names are normalised to `a/b.ext`.
 *  With `shared`, the byte limit is what is left of the upload's budget: a zip inside a zip (or the second
 *  zip of a multi-file upload) does not start a fresh 200 MB allowance. */
export function unzipSafe(
  bytes: Uint8Array,
  zipName: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  shared?: UploadBudget
): UnzipResult {
  const decisions: Decision[] = [];
  const warnings: Message[] = [];
  const cd = readCentralDirectory(bytes, zipName, limits);
  const names = decodeNames(cd, decisions, warnings);
  const wanted: { c: CdEntry; path: string }[] = [];
  let declared = 0;
  cd.forEach((c, i) => {
    const path = safePath(names[i], zipName);
    if (path.endsWith('/') || isJunkPath(path)) return;
    if (c.flags & 1) {
      throw userError(
        'zip-encrypted',
        `压缩包中“${path}”有密码保护，请去掉密码后重新上传。`,
        `"${path}" in the zip is password-protected; remove the password and re-upload.`
      );
    }
    declared += c.usize;
    if (c.usize > limits.ratioFloorBytes && c.usize / Math.max(c.csize, 1) > limits.maxRatio) {
      throw bomb(zipName, `${path}: ${Math.round(c.usize / Math.max(c.csize, 1))}:1`);
    }
    wanted.push({ c, path });
  });
  const allowed = Math.min(limits.maxTotalBytes, shared ? shared.unzipLeft : Infinity);
  if (declared > allowed) {
    throw bomb(
      zipName,
      shared && allowed < limits.maxTotalBytes
        ? `declared ${declared} bytes > ${allowed} left of the upload's ${limits.maxTotalBytes}`
        : `declared ${declared} bytes > ${limits.maxTotalBytes}`
    );
  }
  const budget = { left: allowed };
  const entries = wanted.map(({ c, path }) => {
    const out = { path, bytes: inflateEntry(bytes, c, path, zipName, budget, limits) };
    shared?.spendUnzipped(out.bytes.byteLength);
    return out;
  });
  return { entries, decisions, warnings };
}
