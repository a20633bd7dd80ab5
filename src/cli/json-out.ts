// Large JSON to stdout in pieces, never the whole document as one string (a 20,000-parcel DXF's inspect JSON
// is tens of MB). The document is indented as JSON.stringify(value, null, 2) down to `depth` levels; each value
// below that is written on one line, compact, as GDAL writes one GeoJSON feature per line: `jq` and scripts read
// the same JSON, a person can still scan the document's head and tail, and every coordinate is not on a line of its
// own (the 5,000-parcel shapefile: 5.6 MB instead of 13.5 MB, and one native JSON.stringify per feature).
import { once } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';

// Pieces are encoded into one 64 KB buffer, written when full: no string of the whole output, no joined
// strings to flatten, no Buffer object per piece. Garbage and fresh pages are what this costs on the benchmark
// VM (a page fault ~17 µs; V8 puts strings over 128 KB in fresh pages every time).
const BUFFER_BYTES = 1 << 16;
/** Two levels open (document → features): each feature is one line. */
const DEPTH = 2;

/** An iterable written as a JSON array element by element, as it is read: a document can be written while its
 *  features are still being made (JSON.stringify would write it as `{}`). */
export class StreamedArray {
  constructor(readonly items: Iterable<unknown>) {}
}

/** As JSON.stringify writes an array element: undefined, functions and symbols as null. */
const asElement = (v: unknown) => (v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : v);

function isPlain(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** The JSON text of `value`, indented 2 spaces a level for `depth` levels and compact below, as a sequence of
 *  strings whose concatenation is that text. With depth 0 it is JSON.stringify(value). */
export function* jsonPieces(value: unknown, depth = DEPTH, indent = ''): Generator<string> {
  const inner = indent + '  ';
  if (value instanceof StreamedArray) {
    let i = 0;
    for (const v of value.items) {
      yield (i++ ? ',\n' : '[\n') + inner;
      yield* jsonPieces(asElement(v), depth - 1, inner);
    }
    return void (yield i ? '\n' + indent + ']' : '[]');
  }
  if (depth <= 0 || !isPlain(value)) return void (yield JSON.stringify(value));
  if (Array.isArray(value)) return yield* jsonPieces(new StreamedArray(value), depth, indent);
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

export interface WriteJsonOptions {
  /** While this answers true, what is written is kept back in memory, and sent once it answers false or the
   *  document is complete: an error thrown meanwhile (by a StreamedArray's items) leaves the output empty. */
  holdWhile?: () => boolean;
}

/** Writes jsonPieces(value) + '\n' to the stream in ~64 KB pieces, waiting when a pipe is full. */
export async function writeJson(
  stream: NodeJS.WritableStream,
  value: unknown,
  opts: WriteJsonOptions = {}
): Promise<void> {
  // A file takes every write whole and at once (Node writes stdout to a file synchronously anyway), so one
  // buffer serves throughout; a stream (or the held list) keeps what it is given, so it gets a new buffer each time.
  const fd = regularFile(stream);
  let held: (Buffer | string)[] | undefined = opts.holdWhile ? [] : undefined;
  let buf = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  /** false when the reader went away (EPIPE): nobody is left to read the rest */
  const send = async (data: Buffer | string): Promise<boolean> => {
    if (fd !== undefined) return (typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data), true);
    if (stream.write(data)) return true;
    return once(stream, 'drain').then(
      () => true,
      () => false
    );
  };
  const write = async (data: Buffer | string, last = false): Promise<boolean> => {
    if (held && !last && opts.holdWhile!()) return (held.push(data), true);
    for (const d of held?.splice(0) ?? []) if (!(await send(d))) return false;
    held = undefined;
    return send(data);
  };
  const flush = async (last = false) => {
    const full = buf.subarray(0, used);
    used = 0;
    if (fd === undefined || held) buf = Buffer.allocUnsafe(BUFFER_BYTES);
    return write(full, last);
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
  await flush(true);
}
