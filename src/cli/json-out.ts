// Large JSON to stdout in pieces: the same text as JSON.stringify(value, null, 2) + '\n', but never the whole
// document as one string (a 20,000-parcel DXF's inspect JSON is ~60 MB of UTF-16 string plus its UTF-8 copy).
// Objects and arrays are opened down to `depth` levels; below that each value is one JSON.stringify.
import { once } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';

// Pieces are encoded into one 64 KB buffer, written when full: no string of the whole output, no joined
// strings to flatten, no Buffer object per piece. Garbage and fresh pages are what this costs on the benchmark
// VM (a page fault ~17 µs; V8 puts strings over 128 KB in fresh pages every time).
const BUFFER_BYTES = 1 << 16;
// Two levels open (document → features): each feature is one JSON.stringify. Opening the feature too (stop 13:
// its coordinates a one-byte piece of their own) made ~10 pieces and generator steps per feature, which cost
// more than the two-byte text saved (shapefile 5,000: JSON stage ~90 ms instead of ~130 ms in process).
const DEPTH = 2;

function isPlain(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** JSON.stringify(value, null, 2) as it reads `indent` deep: the value wrapped in one array per level, the
 *  wrappers' lines cut off (a slice of the text, not a copy). A replaceAll of every line break instead built each
 *  feature's text a second time out of a piece per line (~80 MB of garbage for the 5,000-parcel shapefile). */
function indented(value: unknown, indent: string): string {
  if (!indent) return JSON.stringify(value, null, 2);
  let wrapped = value;
  let head = 0;
  // wrapper j (0 = outermost) adds `[` and a line break at 2j spaces before, a line break, 2j spaces and `]` after
  for (let j = 0; j < indent.length / 2; j++) {
    wrapped = [wrapped];
    head += 2 * j + 2;
  }
  const s = JSON.stringify(wrapped, null, 2);
  return s.slice(head + indent.length, s.length - head);
}

/** JSON.stringify(value, null, 2) as a sequence of strings whose concatenation is that text. */
export function* jsonPieces(value: unknown, depth = DEPTH, indent = ''): Generator<string> {
  if (depth <= 0 || !isPlain(value)) return void (yield indented(value, indent));
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]');
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield (i ? ',\n' : '\n') + inner;
      const v = value[i];
      // as JSON.stringify: undefined, functions and symbols in an array are written as null
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* jsonPieces(v, depth - 1, inner);
    }
    yield '\n' + indent + ']';
    return;
  }
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield (first ? '{\n' : ',\n') + inner + JSON.stringify(k) + ': ';
    first = false;
    yield* jsonPieces(v, depth - 1, inner);
  }
  yield first ? '{}' : '\n' + indent + '}';
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

/** Writes JSON.stringify(value, null, 2) + '\n' to the stream in ~64 KB pieces, waiting when a pipe is full. */
export async function writeJson(stream: NodeJS.WritableStream, value: unknown): Promise<void> {
  // A file takes every write whole and at once (Node writes stdout to a file synchronously anyway), so one
  // buffer serves throughout; a stream keeps what it is given, so it gets a new buffer each time.
  const fd = regularFile(stream);
  let buf = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  /** false when the reader went away (EPIPE): nobody is left to read the rest */
  const write = async (data: Buffer | string): Promise<boolean> => {
    if (fd !== undefined) return (typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data), true);
    if (stream.write(data)) return true;
    return once(stream, 'drain').then(
      () => true,
      () => false
    );
  };
  const flush = async () => {
    const full = buf.subarray(0, used);
    used = 0;
    if (fd === undefined) buf = Buffer.allocUnsafe(BUFFER_BYTES);
    return write(full);
  };
  for (const piece of jsonPieces(value)) {
    // at most 3 UTF-8 bytes per UTF-16 unit
    if (used + 3 * piece.length > BUFFER_BYTES) {
      if (used && !(await flush())) return;
      if (3 * piece.length > BUFFER_BYTES) {
        if (!(await write(piece))) return; // a piece bigger than the buffer (one huge parcel) goes as it is
        continue;
      }
    }
    used += buf.write(piece, used);
  }
  if (used === BUFFER_BYTES && !(await flush())) return;
  used += buf.write('\n', used);
  await flush();
}
