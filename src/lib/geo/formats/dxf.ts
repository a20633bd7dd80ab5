// DXF reader: bytes → text (per $ACADVER / $DWGCODEPAGE) → group codes → intermediate CAD model → polygons.
// Our own streaming group-code reader instead of dxf-parser (no HATCH, no extrusion, slower than GDAL:
// DESIGN.md "Libraries: what they do not do"). Binary DXF is read too.
import { type Decision, type Message, type ReadOptions, type ReadResult } from '../types.ts';
import { AsciiGroupReader, BinaryGroupReader, isBinaryDxf, notDxf, type GroupReader } from '../cad/dxf-groups.ts';
import {
  chooseDxfEncoding,
  decodeBytes,
  decodeEscapes,
  peekAsciiHeader,
  peekBinaryHeader,
  codepageEncoding
} from '../text/dxf-text.ts';
import { parseDxf } from '../cad/dxf-parse.ts';
import { buildResult, resultOf } from '../cad/build.ts';
import { ExtentSink, Restart, StreamSink, budgetMark } from '../cad/dxf-stream.ts';
import type { EntitySink } from '../cad/dxf-parse.ts';
import type { RawExtent } from '../cad/units.ts';
import { emptyDrawing, type CadDrawing } from '../cad/model.ts';
import { budgetOf, type UploadBudget } from '../budget.ts';
import { UserError, userError } from '../../errors.ts';

function emptyError(): UserError {
  return userError(
    'dxf_empty',
    'DXF 文件是空的：请重新导出图纸后上传。',
    'The DXF file is empty: export the drawing again and upload it.'
  );
}

/** Text DXF starts with a group code line ("  0", "999"); anything with NUL bytes early on is not text. */
function looksLikeTextDxf(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) if (b[i] === 0) return false;
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < n && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0d || b[i] === 0x0a)) i++;
  return i < n && b[i] >= 0x30 && b[i] <= 0x39;
}

export function readDxf(bytes: Uint8Array, opts: ReadOptions): ReadResult {
  return readDxfFrom({ bytes }, opts);
}

/** Parsed, before the rings are built: what the build needs, and nothing of the file. */
interface Parsed {
  build: () => ReadResult;
}

/** readDxf of `src.bytes`. With opts.releaseBytes the bytes are let go (`src.bytes` emptied) once the last parse
 *  is done, before the rings are built: the 100,000-entity file's 18 MB are not held at the read's peak. Each
 *  parse runs in a frame of its own, so no variable of this one holds the bytes meanwhile. */
export function readDxfFrom(src: { bytes: Uint8Array }, opts: ReadOptions): ReadResult {
  assertNotBlank(src);
  const budget = budgetOf(opts);
  const undo = budgetMark(budget);
  const done = (p: Parsed): ReadResult => {
    if (opts.releaseBytes) src.bytes = new Uint8Array(0);
    return p.build();
  };
  try {
    return done(streamed(src, opts, budget));
  } catch (e) {
    if (!(e instanceof Restart)) throw e;
    undo();
    if (e.needsExtent) {
      // The units decision needs the whole drawing's extent: a first pass reads only that (nothing kept).
      const extent = extentOf(src, opts, budget);
      undo();
      try {
        return done(streamed(src, opts, budget, extent));
      } catch (e2) {
        if (!(e2 instanceof Restart)) throw e2;
        undo();
      }
    }
    return done(stored(src, opts, budget));
  }
}

function assertNotBlank(src: { bytes: Uint8Array }): void {
  const b = src.bytes;
  if (b.length === 0 || b.every((c) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) throw emptyError();
}

/** The drawing's extent, in a first pass that keeps nothing else. */
function extentOf(src: { bytes: Uint8Array }, opts: ReadOptions, budget: UploadBudget): RawExtent | undefined {
  const extent = new ExtentSink();
  parseFile(src.bytes, opts, budget, emptyDrawing(), extent);
  return extent.extent;
}

/** Entities flattened as they are parsed (dxf-stream.ts). */
function streamed(src: { bytes: Uint8Array }, opts: ReadOptions, budget: UploadBudget, extent?: RawExtent): Parsed {
  const d = emptyDrawing();
  const sink = new StreamSink(d, budget, opts.purpose === 'footprints', extent);
  const p = parseFile(src.bytes, opts, budget, d, sink);
  const { flat, units } = sink.finish();
  return { build: () => resultOf(flat, d.notes, units, opts, 'dxf', p.decisions, p.warnings) };
}

/** The whole drawing parsed first (definitions after the entities). */
function stored(src: { bytes: Uint8Array }, opts: ReadOptions, budget: UploadBudget): Parsed {
  const d = emptyDrawing();
  const p = parseFile(src.bytes, opts, budget, d);
  return { build: () => buildResult(d, opts, 'dxf', p.decisions, p.warnings) };
}

/** Parses the file into `drawing`, with its checks: model-space entities go to `sink` (dxf-stream.ts) when
 *  given, else into the drawing. */
function parseFile(
  bytes: Uint8Array,
  opts: ReadOptions,
  budget: UploadBudget,
  drawing: CadDrawing,
  sink?: EntitySink
): { decisions: Decision[]; warnings: Message[] } {
  const decisions: Decision[] = [];
  const warnings: Message[] = [];
  let reader: GroupReader;
  const binary = isBinaryDxf(bytes);
  if (binary) {
    // Strings in binary DXF are in the drawing's code page too; the header's variables are found in the raw
    // bytes, and a string that is valid UTF-8 is read as UTF-8 (as for ASCII files with a stale header).
    const peek = peekBinaryHeader(bytes);
    const enc = chooseDxfEncoding(new Uint8Array(0), peek, opts.encoding);
    const fallback = enc.decision.rule === 'all-ascii' ? (codepageEncoding(peek.codepage) ?? 'gbk') : enc.encoding;
    const strict = new TextDecoder('utf-8', { fatal: true });
    decisions.push(
      { what: 'dxf-flavour', value: 'binary', rule: 'sentinel' },
      enc.decision.rule === 'all-ascii'
        ? { what: 'encoding', value: fallback, rule: 'binary-per-string-utf8-else-codepage' }
        : enc.decision
    );
    reader = new BinaryGroupReader(bytes, (b) => {
      if (b.every((c) => c < 0x80)) return Buffer.from(b).toString('latin1');
      if (enc.decision.rule !== 'user') {
        try {
          return strict.decode(b);
        } catch {
          /* not UTF-8: the code page below */
        }
      }
      return decodeBytes(b, fallback);
    });
  } else {
    if (!looksLikeTextDxf(bytes)) throw notDxf();
    const peek = peekAsciiHeader(bytes);
    const enc = chooseDxfEncoding(bytes, peek, opts.encoding);
    decisions.push(
      { what: 'dxf-flavour', value: 'ascii', rule: peek.version ? `acadver-${peek.version}` : 'no-header' },
      enc.decision
    );
    const encoding = enc.encoding;
    reader = new AsciiGroupReader(bytes, (b) => decodeBytes(b, encoding)); // decoded piece by piece
  }

  const stats = parseDxf(reader, decodeEscapes, binary, budget, drawing, sink);
  if (stats.records === 0) throw notDxf();
  if (stats.sawSection && !stats.sawEof && stats.entities === 0) {
    throw userError(
      'dxf_truncated',
      'DXF 文件不完整（没有 EOF 结束标记，也没有读到图形），可能上传或导出被中断：请重新导出或重新上传。',
      'The DXF file is incomplete (no EOF marker and no entities read): the export or upload was probably cut off. Export or upload it again.'
    );
  }
  if (!stats.sawEof) {
    warnings.push({
      code: 'dxf_no_eof',
      zh: 'DXF 文件没有 EOF 结束标记，可能不完整：请核对地块是否齐全。',
      en: 'The DXF file has no EOF marker and may be incomplete: check that every parcel is there.'
    });
  }
  if (drawing.version) decisions.push({ what: 'dxf-version', value: drawing.version, rule: '$ACADVER' });
  return { decisions, warnings };
}
