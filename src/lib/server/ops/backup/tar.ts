// A minimal POSIX ustar writer and reader, streaming (a backup holds every uploaded file: it must not be
// read into memory). Regular files and directories only; sizes beyond 8 GiB use the base-256 extension.
// Spec: POSIX.1-2001 pax/ustar "ustar Interchange Format".
import type { Writable } from 'node:stream';

const BLOCK = 512;

function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== '/') continue;
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest) return { prefix, name: rest };
  }
  throw new Error(`path too long for a tar header: ${name}`);
}

function octal(buf: Buffer, offset: number, length: number, value: number) {
  buf.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'ascii');
}

export function tarHeader(path: string, size: number, type: 'file' | 'dir', mtime = Date.now()): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(path);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, type === 'dir' ? 0o755 : 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  if (size < 8 ** 11) octal(h, 124, 12, size);
  else {
    h[124] = 0x80;
    h.writeBigUInt64BE(BigInt(size), 124 + 4);
  }
  octal(h, 136, 12, Math.floor(mtime / 1000));
  h.write('        ', 148, 8, 'ascii');
  h.write(type === 'dir' ? '5' : '0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

const write = (out: Writable, chunk: Buffer) =>
  new Promise<void>((resolve, reject) => {
    if (out.write(chunk, (e) => e && reject(e))) resolve();
    else out.once('drain', resolve);
  });

/** Writes entries to `out` (usually a gzip stream); each entry's content is an async iterable of chunks. */
export class TarWriter {
  constructor(private out: Writable) {}

  async add(path: string, size: number, content: AsyncIterable<Buffer | Uint8Array> | Buffer) {
    await write(this.out, tarHeader(path, size, 'file'));
    let written = 0;
    const chunks = Buffer.isBuffer(content) ? [content] : content;
    for await (const c of chunks) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
      written += b.length;
      if (written > size) throw new Error(`${path} grew while being archived`);
      await write(this.out, b);
    }
    if (written !== size) throw new Error(`${path} changed size while being archived (${written} of ${size} bytes)`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) await write(this.out, Buffer.alloc(pad));
  }

  /** A directory (kept even when empty: PostgreSQL's data directory needs its empty folders). */
  async addDir(path: string) {
    await write(this.out, tarHeader(path.endsWith('/') ? path : path + '/', 0, 'dir'));
  }

  async end() {
    await write(this.out, Buffer.alloc(BLOCK * 2));
  }
}

export class TruncatedError extends Error {}

/** Pull-based reader over a stream's chunks. */
class Bytes {
  private buf: Buffer = Buffer.alloc(0);
  private it: AsyncIterator<Buffer>;
  constructor(src: AsyncIterable<Buffer>) {
    this.it = src[Symbol.asyncIterator]();
  }
  private async fill(n: number): Promise<boolean> {
    while (this.buf.length < n) {
      const r = await this.it.next();
      if (r.done) return false;
      this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    }
    return true;
  }
  async exact(n: number): Promise<Buffer> {
    if (!(await this.fill(n))) throw new TruncatedError(`the archive ends early (needed ${n} more bytes)`);
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
  async *chunks(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.buf.length === 0 && !(await this.fill(1)))
        throw new TruncatedError('the archive ends in the middle of a file');
      const take = Math.min(left, this.buf.length);
      yield this.buf.subarray(0, take);
      this.buf = this.buf.subarray(take);
      left -= take;
    }
  }
}

export interface TarEntry {
  path: string;
  size: number;
  type: 'file' | 'dir' | 'other';
  content: AsyncGenerator<Buffer>;
}

function readOctal(h: Buffer, offset: number, length: number): number {
  if (h[offset] & 0x80) return Number(h.readBigUInt64BE(offset + length - 8));
  const s = h
    .toString('ascii', offset, offset + length)
    .replace(/\0.*$/s, '')
    .trim();
  if (!/^[0-7]*$/.test(s)) throw new Error('not a tar archive (bad number in a header)');
  return s ? parseInt(s, 8) : 0;
}

/** Entries in order; each entry's content must be consumed (or drained) before the next is read. */
export async function* readTar(src: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const bytes = new Bytes(src);
  for (;;) {
    const h = await bytes.exact(BLOCK);
    if (h.every((b) => b === 0)) {
      await bytes.exact(BLOCK); // the second end block: a truncated archive lacks it
      return;
    }
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (readOctal(h, 148, 8) !== sum) throw new Error('not a tar archive (header checksum mismatch)');
    const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const prefix = h.toString('utf8', 345, 500).replace(/\0.*$/s, '');
    const size = readOctal(h, 124, 12);
    const flag = String.fromCharCode(h[156]);
    const type = flag === '0' || flag === '\0' ? 'file' : flag === '5' ? 'dir' : 'other';
    const content = bytes.chunks(size);
    yield { path: prefix ? `${prefix}/${name}` : name, size, type, content };
    // whatever the consumer left unread, then the padding
    for await (const _ of content) void _;
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) await bytes.exact(pad);
  }
}
