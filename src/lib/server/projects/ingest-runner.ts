// Runs ingestBoundary in a worker thread for big uploads, in-process for small ones. Starting a worker
// (and compiling the pipeline in it) costs ~1 s, more than a small file takes to parse; the DXF reader is
// synchronous and blocks the event loop for seconds on a 20 MB drawing, stalling every other request.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ingestBoundary, type IngestOptions, type InspectResult } from '../../geo/ingest.ts';
import { BoundaryInputError, type InputFile } from '../../geo/types.ts';

/** Uploads at or above this size are parsed in a worker thread. */
export const OFFLOAD_BYTES = 1024 * 1024;
/** A parse that takes longer than this is abandoned (the worker is terminated). */
export const INGEST_TIMEOUT_MS = 120_000;

const WORKER_NAME = 'ingest-worker.js';

/**
 * The worker is a source file: next to this module when running from sources (tests, CLI, dev), or
 * under the project root when running the built app (the bundle has no separate worker entry).
 */
export function workerPath(): string | null {
  const candidates = [
    (() => {
      try {
        return path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_NAME);
      } catch {
        return '';
      }
    })(),
    path.resolve(process.env.ZEROLAND_ROOT ?? process.cwd(), 'src/lib/server/projects', WORKER_NAME)
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

export interface IngestRun { result: InspectResult; inWorker: boolean; ms: number }

export async function runIngest(files: InputFile[], opts: IngestOptions, force?: 'worker' | 'inline'): Promise<IngestRun> {
  const t0 = performance.now();
  const size = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  const worker = force === 'inline' ? null : force === 'worker' || size >= OFFLOAD_BYTES ? workerPath() : null;
  if (!worker) return { result: await ingestBoundary(files, opts), inWorker: false, ms: performance.now() - t0 };
  const result = await new Promise<InspectResult>((resolve, reject) => {
    const w = new Worker(worker);
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new BoundaryInputError('ingest-timeout', '文件解析超时，请只上传地块所在的图层或简化后的文件。', 'Reading the file took too long; upload only the parcel layer or a simplified file.'));
    }, INGEST_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      void w.terminate();
    };
    w.once('message', (m: { ok: true; result: InspectResult } | { ok: false; input?: { code: string; zh: string; en: string }; bug?: string }) => {
      done();
      if (m.ok) resolve(m.result);
      else if (m.input) reject(new BoundaryInputError(m.input.code, m.input.zh, m.input.en));
      else reject(new Error(`ingest worker: ${m.bug}`));
    });
    w.once('error', (e) => {
      done();
      reject(e);
    });
    // Copies (not transfers) the bytes: the caller still stores them afterwards.
    w.postMessage({ files: files.map((f) => ({ name: f.name, bytes: f.bytes })), opts });
  });
  return { result, inWorker: true, ms: performance.now() - t0 };
}
