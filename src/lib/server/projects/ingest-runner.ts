// The server's way to read an upload: always in the warm worker pool (ingest-pool.ts), never on the event
// loop. A bad file is a UserError (HTTP 400), a file beyond a budget a UserError with status 422 (vertices,
// block expansion, nesting, spline degree, unzipped bytes, heap, wall clock), a full queue one with 503. The CLI reads in-process (ZEROLAND_INGEST_INLINE) under the same geometric budgets.
import type { BudgetLimits } from '../../geo/budget.ts';
import type { IngestOptions, InspectResult } from '../../geo/ingest.ts';
import type { InputFile } from '../../geo/types.ts';
import { runIngestJob, type IngestJob, type IngestReply } from './ingest-jobs.ts';
import { ingestPool, PoolFailure } from './ingest-pool.ts';
import { limitError, UserError } from '../../errors.ts';

/** Kept for callers that size their expectations by it: every upload now goes to the pool, whatever its size. */
export const OFFLOAD_BYTES = 0;

/** The server cannot take another upload right now (every worker busy and the queue full): 503. */
const ingestBusy = () =>
  new UserError(
    'ingest_busy',
    {
      zh: '服务器正忙于读取其他上传的文件，请稍后重试。',
      en: 'The server is busy reading other uploads; please try again in a moment.'
    },
    503
  );

/** The CLI reads in its own process (ZEROLAND_INGEST_INLINE=1, set by src/cli/main.ts): one file, one user,
 *  no event loop to protect; the geometric budgets apply all the same. */
const inlineMode = () => process.env.ZEROLAND_INGEST_INLINE === '1';

export interface IngestRequest {
  files?: InputFile[];
  /** The upload's id: the worker that read it answers from its cache (a CRS or layer change is not a re-parse). */
  key?: string;
  /** Fetches the bytes when no worker holds the upload any more (from the upload store). */
  loadFiles?: () => Promise<InputFile[]>;
  opts: IngestOptions;
  limits?: Partial<BudgetLimits>;
  as?: 'object' | 'json';
  extra?: Record<string, unknown>;
  force?: 'worker' | 'inline';
}

export interface IngestOutcome {
  result?: InspectResult;
  json?: string;
  cached: boolean;
  inWorker: boolean;
  ms: number;
}

function failure(e: PoolFailure): UserError {
  const cfg = ingestPool()?.config;
  switch (e.kind) {
    case 'timeout':
      return limitError(
        'limit-time',
        `文件读取超过 ${Math.round((cfg?.timeoutMs ?? 0) / 1000)} 秒的时限，已停止；请只上传地块所在的图层或简化后的文件。`,
        `Reading the file took longer than the ${Math.round((cfg?.timeoutMs ?? 0) / 1000)} s limit and was stopped; upload only the parcel layer or a simplified file.`
      );
    case 'died':
      return limitError(
        'limit-memory',
        `读取文件超出内存上限（${cfg?.heapMb ?? '?'} MB），已拒绝；请只上传地块所在的图层或简化后的文件。`,
        `Reading the file exceeded the memory limit (${cfg?.heapMb ?? '?'} MB); refused. Upload only the parcel layer or a simplified file.`
      );
    default:
      return ingestBusy();
  }
}

function unpack(reply: IngestReply): { result?: InspectResult; json?: string; cached: boolean } {
  if (reply.ok) return { result: reply.result, json: reply.json, cached: reply.cached };
  if ('input' in reply) {
    const { code, text, status } = reply.input;
    throw new UserError(code, text, status);
  }
  if ('bug' in reply) throw new Error(`ingest worker: ${reply.bug}`);
  throw new Error('ingest worker: unexpected cache miss');
}

export async function ingest(req: IngestRequest): Promise<IngestOutcome> {
  const t0 = performance.now();
  const job = (files?: InputFile[]): IngestJob => ({
    key: req.key,
    files,
    opts: req.opts,
    limits: req.limits,
    as: req.as,
    extra: req.extra
  });
  const files = async () => req.files ?? (req.loadFiles ? await req.loadFiles() : undefined);
  const pool = req.force === 'inline' || (inlineMode() && req.force !== 'worker') ? null : ingestPool();
  if (!pool) {
    let reply = await runIngestJob(job(req.key ? req.files : await files()));
    if (!reply.ok && 'miss' in reply) reply = await runIngestJob(job(await files()));
    return { ...unpack(reply), inWorker: false, ms: performance.now() - t0 };
  }
  try {
    // Ask the worker holding the upload first, without the bytes; fetch them only if it no longer has it.
    let reply = await pool.run(job(req.key && pool.holds(req.key) ? undefined : await files()));
    if (!reply.ok && 'miss' in reply) reply = await pool.run(job(await files()));
    return { ...unpack(reply), inWorker: true, ms: performance.now() - t0 };
  } catch (e) {
    if (e instanceof PoolFailure) throw failure(e);
    throw e;
  }
}

export interface IngestRun {
  result: InspectResult;
  inWorker: boolean;
  ms: number;
}

/** Read an upload into the inspect result (the parcel pipeline's entry for services). */
export async function runIngest(
  files: InputFile[],
  opts: IngestOptions,
  force?: 'worker' | 'inline',
  limits?: Partial<BudgetLimits>
): Promise<IngestRun> {
  const out = await ingest({ files, opts, force, limits });
  return { result: out.result!, inWorker: out.inWorker, ms: out.ms };
}
