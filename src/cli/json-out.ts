// Large JSON to stdout in pieces: the same text as JSON.stringify(value, null, 2) + '\n', but never the whole
// document as one string (a 20,000-parcel DXF's inspect JSON is ~60 MB of UTF-16 string plus its UTF-8 copy).
// Objects and arrays are opened down to `depth` levels; below that each value is one JSON.stringify.
import { once } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';

// 16K characters (at most 32 KB of UTF-16, 48 KB of UTF-8): V8 puts strings over 128 KB in its large-object
// space, fresh pages each time, and Node mallocs big Buffers afresh. Page faults cost ~17 µs each on the
// benchmark VM: 1 MB pieces cost ~7,000 faults and 300 ms more for the shapefile's 13.5 MB JSON.
const CHUNK = 1 << 14;

function isPlain(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** JSON.stringify(value, null, 2) as a sequence of strings whose concatenation is that text. */
export function* jsonPieces(value: unknown, depth = 2, indent = ''): Generator<string> {
  if (depth <= 0 || !isPlain(value)) {
    const s = JSON.stringify(value, null, 2);
    yield indent && s !== undefined ? s.replaceAll('\n', '\n' + indent) : s;
    return;
  }
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

/** Writes JSON.stringify(value, null, 2) + '\n' to the stream in ~16K-character pieces, waiting when a pipe is full. */
export async function writeJson(stream: NodeJS.WritableStream, value: unknown): Promise<void> {
  // A file takes every write whole and at once (Node writes stdout to a file synchronously anyway): the text
  // goes straight to writeSync, which encodes it without a Buffer object per piece (~75 ms for 13.5 MB).
  const fd = regularFile(stream);
  let buf = '';
  for (const piece of jsonPieces(value)) {
    buf += piece;
    if (buf.length >= CHUNK) {
      if (fd !== undefined) {
        writeSync(fd, buf);
        buf = '';
        continue;
      }
      const ok = stream.write(buf);
      buf = '';
      if (!ok) {
        try {
          await once(stream, 'drain');
        } catch {
          return; // the reader went away (EPIPE): nobody is left to read the rest
        }
      }
    }
  }
  if (fd !== undefined) writeSync(fd, buf + '\n');
  else stream.write(buf + '\n');
}
