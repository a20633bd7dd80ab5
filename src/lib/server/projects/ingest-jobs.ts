// What an ingest worker does with one job: read the upload (or take the parsed upload from its cache),
// then CRS → reproject → validate for the options asked. The cache makes a CRS or CAD-layer change a
// re-projection of geometry already read: no re-upload, no re-parse. Runs inside the worker thread
// (ingest-worker.js); plain functions, so tests can call them in-process too.
import { readBoundaryFiles } from '../../geo/formats/index.ts';
import { processReadResult, type IngestOptions, type InspectResult } from '../../geo/ingest.ts';
import { UploadBudget, type BudgetLimits } from '../../geo/budget.ts';
import { type InputFile, type ReadResult } from '../../geo/types.ts';
import { UserError } from '../../errors.ts';

export interface IngestJob {
  /** The upload's id (hash of its files): the cache key. Absent: not cached. */
  key?: string;
  /** The bytes; absent when the caller hopes the worker still holds the parsed upload. */
  files?: InputFile[];
  opts: IngestOptions;
  limits?: Partial<BudgetLimits>;
  /** 'json': the result as JSON text (the HTTP layer sends it as is; the main thread never stringifies it). */
  as?: 'object' | 'json';
  /** Merged into the JSON result (e.g. the upload's id and file names). */
  extra?: Record<string, unknown>;
}

export type IngestReply =
  | { ok: true; result?: InspectResult; json?: string; cached: boolean; ms: number }
  | { ok: false; miss: true }
  | { ok: false; input: { code: string; text: { zh: string; en: string }; status: number } }
  | { ok: false; bug: string };

interface Entry {
  read: ReadResult;
  layer?: string;
  vertices: number;
}

/** Parsed uploads kept per worker: a few recent ones, bounded by vertices so the cache cannot hold the heap. */
const MAX_ENTRIES = 12;
const MAX_CACHED_VERTICES = 4_000_000;
const cache = new Map<string, Entry>();

const cacheKey = (key: string, opts: IngestOptions) => `${key}|${opts.encoding ?? ''}|${opts.purpose ?? 'boundary'}`;

function remember(k: string, e: Entry): void {
  cache.delete(k);
  cache.set(k, e);
  let total = 0;
  for (const v of cache.values()) total += v.vertices;
  for (const [old, v] of cache) {
    if (cache.size <= MAX_ENTRIES && total <= MAX_CACHED_VERTICES) break;
    if (old === k) continue;
    cache.delete(old);
    total -= v.vertices;
  }
}

export const cachedUploads = () => cache.size;
export const clearIngestCache = () => cache.clear();

/** One job, never throwing: a bad file is an `input` reply (a UserError, sent across the thread as data), anything else a bug. */
export async function runIngestJob(job: IngestJob): Promise<IngestReply> {
  const t0 = performance.now();
  try {
    const k = job.key ? cacheKey(job.key, job.opts) : undefined;
    let entry = k ? cache.get(k) : undefined;
    const cached = entry !== undefined;
    if (!entry) {
      if (!job.files) return { ok: false, miss: true };
      const budget = new UploadBudget(job.limits);
      // Bytes shared with the main thread (no copy on its event loop) become the worker's own here.
      const files = job.files.map((f) =>
        f.bytes.buffer instanceof SharedArrayBuffer ? { name: f.name, bytes: f.bytes.slice() } : f
      );
      const read = await readBoundaryFiles(files, {
        encoding: job.opts.encoding,
        layer: job.opts.layer,
        purpose: job.opts.purpose,
        budget
      });
      entry = { read, layer: job.opts.layer, vertices: budget.vertices + budget.read };
      if (k) remember(k, entry);
    } else if (k) remember(k, entry);
    let read = entry.read;
    // Another CAD layer: the drawing's layers were all flattened when it was read; only the pick changes.
    if ((job.opts.layer ?? undefined) !== (entry.layer ?? undefined) && read.relayer)
      read = read.relayer(job.opts.layer);
    const result = processReadResult(read, job.opts);
    const ms = performance.now() - t0;
    if (job.as === 'json') return { ok: true, json: JSON.stringify({ ...result, ...job.extra }), cached, ms };
    return { ok: true, result, cached, ms };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, input: { code: e.code, text: e.text, status: e.status } };
    // A recursion the budgets did not foresee is still the file's fault, not a server error.
    if (e instanceof RangeError && /call stack|Invalid array length|Invalid string length/i.test(e.message)) {
      return {
        ok: false,
        input: {
          code: 'limit-structure',
          text: {
            zh: '文件结构过深或过大，无法读取，已拒绝；请重新导出或简化后上传。',
            en: 'The file is nested too deeply or too large to read; refused. Export it again or simplify it.'
          },
          status: 422
        }
      };
    }
    return { ok: false, bug: String((e as Error)?.stack ?? e) };
  }
}

/** A small drawing and a GeoJSON read a few times when a worker starts, so the first real upload meets
 *  compiled code (a cold reader takes 10–30× longer on the same 200 KB file). */
export async function warmUp(rounds = 4): Promise<void> {
  const out: string[] = [];
  const p = (c: number, v: string | number) => out.push(`${c}\n${v}\n`);
  const X = 630000,
    Y = 3450000;
  p(0, 'SECTION');
  p(2, 'BLOCKS');
  p(0, 'BLOCK');
  p(2, 'T');
  p(10, 0);
  p(20, 0);
  p(0, 'CIRCLE');
  p(8, '0');
  p(10, 0);
  p(20, 0);
  p(40, 1);
  p(0, 'ENDBLK');
  p(0, 'ENDSEC');
  p(0, 'SECTION');
  p(2, 'ENTITIES');
  p(0, 'LWPOLYLINE');
  p(8, '用地红线');
  p(90, 4);
  p(70, 1);
  for (const [x, y, b] of [
    [0, 0, 0],
    [200, 0, 0.3],
    [200, 150, 0],
    [0, 150, 0]
  ]) {
    p(10, X + x);
    p(20, Y + y);
    if (b) p(42, b);
  }
  for (let i = 0; i < 600; i++) {
    const x = X + (i % 30) * 10,
      y = Y + Math.floor(i / 30) * 10;
    p(0, 'LINE');
    p(8, '道路');
    p(10, x);
    p(20, y);
    p(30, 0);
    p(11, x + 3.5);
    p(21, y + 2.5);
    p(31, 0);
    p(0, 'CIRCLE');
    p(8, '树');
    p(10, x + 1);
    p(20, y + 1);
    p(30, 0);
    p(40, 1.5);
    p(0, 'TEXT');
    p(8, '文字');
    p(10, x);
    p(20, y);
    p(40, 2.5);
    p(1, `J${i}`);
    if (i % 20 === 0) {
      p(0, 'ARC');
      p(8, '其他');
      p(10, x);
      p(20, y);
      p(40, 5);
      p(50, 0);
      p(51, 120);
      p(0, 'INSERT');
      p(8, '其他');
      p(2, 'T');
      p(10, x);
      p(20, y);
    }
  }
  p(0, 'ENDSEC');
  p(0, 'EOF');
  const dxf = new TextEncoder().encode(out.join(''));
  const ring = [
    [121.4, 31.2],
    [121.401, 31.2],
    [121.401, 31.201],
    [121.4, 31.201],
    [121.4, 31.2]
  ];
  const geojson = new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }]
    })
  );
  for (let i = 0; i < rounds; i++) {
    await runIngestJob({ files: [{ name: 'warm.dxf', bytes: dxf }], opts: { crs: 'EPSG:4549' }, as: 'json' });
    await runIngestJob({ files: [{ name: 'warm.geojson', bytes: geojson }], opts: {}, as: 'json' });
  }
}
