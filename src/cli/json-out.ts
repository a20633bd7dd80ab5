// Large JSON to stdout in pieces, never the whole document as one string (a 20,000-parcel DXF's inspect JSON
// is tens of MB). The document is indented as JSON.stringify(value, null, 2) down to `depth` levels; each value
// below that is written on one line, compact, as GDAL writes one GeoJSON feature per line: `jq` and scripts read
// the same JSON, a person can still scan the document's head and tail, and every coordinate is not on a line of its
// own (the 5,000-parcel shapefile: 5.6 MB instead of 13.5 MB).
import { once } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';

// Text is encoded into one 64 KB buffer, written when full: no string of the whole output, no joined strings to
// flatten, no Buffer object per piece. Garbage and fresh pages are what this costs on the benchmark VM (a page
// fault ~17 µs; V8 puts strings over 128 KB in fresh pages every time).
const BUFFER_BYTES = 1 << 16;
/** Two levels open (document → features): each feature is one line. */
const DEPTH = 2;

/** An iterable written as a JSON array element by element, as it is read: a document can be written while its
 *  features are still being made (JSON.stringify would write it as `{}`). */
export class StreamedArray {
  constructor(readonly items: Iterable<unknown>) {}
}

/** What JSON.stringify leaves out of an object, and writes as null in an array. */
const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
const asElement = (v: unknown) => (skipped(v) ? null : v);

function isPlain(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** Writes JSON text through `put`, indented for `depth` levels and compact below. `between` runs after each
 *  element of an indented array (the writer sends what is ready and waits for a full pipe there); false from it
 *  stops the writing. */
class JsonEncoder {
  constructor(
    private readonly put: (s: string) => void,
    private readonly between: () => Promise<boolean> | boolean
  ) {}

  async value(v: unknown, depth: number, indent: string): Promise<boolean> {
    if (v instanceof StreamedArray || (depth > 0 && Array.isArray(v))) {
      const inner = indent + '  ';
      let i = 0;
      for (const x of v instanceof StreamedArray ? v.items : (v as unknown[])) {
        this.put((i++ ? ',\n' : '[\n') + inner);
        // a compact element (each feature) is written without an await: two microtasks a feature were ~10 ms
        const el = asElement(x);
        if (depth <= 1 || !isPlain(el)) this.compact(el);
        else if (!(await this.value(el, depth - 1, inner))) return false;
        const sent = this.between();
        if (sent !== true && !(await sent)) return false;
      }
      this.put(i ? '\n' + indent + ']' : '[]');
      return true;
    }
    if (depth <= 0 || !isPlain(v)) return (this.compact(v), true);
    const inner = indent + '  ';
    let first = true;
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (skipped(x)) continue;
      this.put((first ? '{\n' : ',\n') + inner + JSON.stringify(k) + ': ');
      first = false;
      if (!(await this.value(x, depth - 1, inner))) return false;
    }
    this.put(first ? '{}' : '\n' + indent + '}');
    return true;
  }

  /** JSON.stringify(v), in one call: a feature as one string, even with its Chinese properties (a two-byte
   *  string then), is faster to make and to encode than its members one by one (bench/ingest/README.md, stop 16). */
  compact(v: unknown): void {
    this.put(JSON.stringify(v) ?? 'null');
  }
}

/** The text writeJson writes for `value` (without its final newline). */
export async function jsonText(value: unknown, depth = DEPTH): Promise<string> {
  let out = '';
  await new JsonEncoder(
    (s) => (out += s),
    () => true
  ).value(value, depth, '');
  return out;
}

/** The descriptor of a stream that writes to a regular file (stdout redirected: `> out.json`), else undefined. */
function regularFile(stream: NodeJS.WritableStream): number | undefined {
  const fd = (stream as { fd?: unknown }).fd;
  try {
    return typeof fd === 'number' && fstatSync(fd).isFile() ? fd : undefined;
  } catch {
    return undefined;
  }
}

export interface WriteJsonOptions {
  /** While this answers true, what is written is kept back in memory, and sent once it answers false or the
   *  document is complete: an error thrown meanwhile (by a StreamedArray's items) leaves the output empty. */
  holdWhile?: () => boolean;
}

/** Writes jsonText(value) + '\n' to the stream in ~64 KB pieces, waiting when a pipe is full. */
export async function writeJson(
  stream: NodeJS.WritableStream,
  value: unknown,
  opts: WriteJsonOptions = {}
): Promise<void> {
  // A file takes every write whole and at once (Node writes stdout to a file synchronously anyway), so one
  // buffer serves throughout; a stream (or the held list) keeps what it is given, so it gets a new buffer each time.
  const fd = regularFile(stream);
  let held: (Buffer | string)[] | undefined = opts.holdWhile ? [] : undefined;
  /** filled buffers (or strings too big for one) not yet sent */
  const ready: (Buffer | string)[] = [];
  let buf = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  // to a file, once nothing is held, at once and synchronously: the buffer is then free to be used again
  const direct = () => fd !== undefined && !held;
  const seal = () => {
    if (!used) return;
    if (direct()) writeSync(fd!, buf, 0, used);
    else {
      ready.push(buf.subarray(0, used));
      buf = Buffer.allocUnsafe(BUFFER_BYTES);
    }
    used = 0;
  };
  const put = (s: string) => {
    // at most 3 UTF-8 bytes per UTF-16 unit
    if (used + 3 * s.length > BUFFER_BYTES) {
      seal();
      // one huge parcel goes as it is
      if (3 * s.length > BUFFER_BYTES) return void (direct() ? writeSync(fd!, s) : ready.push(s));
    }
    used += buf.write(s, used);
  };
  /** false when the reader went away (EPIPE): nobody is left to read the rest */
  const send = async (data: Buffer | string): Promise<boolean> => {
    if (fd !== undefined) return (typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data), true);
    if (stream.write(data)) return true;
    return once(stream, 'drain').then(
      () => true,
      () => false
    );
  };
  const sendReady = async (last = false): Promise<boolean> => {
    if (held && !last && opts.holdWhile!()) return (held.push(...ready.splice(0)), true);
    const out = [...(held ?? []), ...ready.splice(0)];
    held = undefined;
    for (const d of out) if (!(await send(d))) return false;
    return true;
  };
  const ok = await new JsonEncoder(put, () => (ready.length ? sendReady() : true)).value(value, DEPTH, '');
  if (!ok) return;
  put('\n');
  seal();
  await sendReady(true);
}
