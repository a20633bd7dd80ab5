// A pool of warm ingest workers (node:worker_threads). Each job runs in a worker with a heap cap
// (resourceLimits) and a wall-clock budget: a worker over time is terminated and replaced, a worker that
// dies (out of memory, crash) is replaced, and the request is answered either way — the server's event loop
// never parses uploaded bytes and never dies with a worker. Jobs naming an upload go to the worker that read
// it (its parsed-upload cache); if that worker is gone the caller sends the bytes again.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IngestJob, IngestReply } from './ingest-jobs.ts';
import { metrics } from '../ops/metrics.ts';
import { registerWorkerPool } from '../ops/readiness.ts';
import { onShutdown } from '../ops/lifecycle.ts';

export interface PoolConfig {
  /** Workers kept warm (ZEROLAND_INGEST_WORKERS; default: the cores, at most 2). */
  size: number;
  /** Heap cap of a worker, MB (ZEROLAND_INGEST_HEAP_MB). */
  heapMb: number;
  /** Wall-clock budget of one job, ms (ZEROLAND_INGEST_TIMEOUT_MS). */
  timeoutMs: number;
  /** Jobs waiting beyond this are refused with 503 (the server is busy, not broken). */
  maxQueue: number;
}

const envInt = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};

export function poolConfig(): PoolConfig {
  return {
    size: envInt('ZEROLAND_INGEST_WORKERS', Math.max(1, Math.min(2, availableParallelism()))),
    heapMb: envInt('ZEROLAND_INGEST_HEAP_MB', 1024),
    timeoutMs: envInt('ZEROLAND_INGEST_TIMEOUT_MS', 60_000),
    maxQueue: envInt('ZEROLAND_INGEST_QUEUE', 32)
  };
}

const WORKER_NAME = 'ingest-worker.js';

/** The worker is a source file: next to this module when running from sources (tests, CLI, dev), or under
 *  the project root when running the built app (the bundle has no separate worker entry). */
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

/** Why a job got no answer from its worker: the caller turns these into 422 / 503. */
export class PoolFailure extends Error {
  constructor(
    public readonly kind: 'timeout' | 'died' | 'busy' | 'unavailable',
    message: string,
    public readonly detail = ''
  ) {
    super(message);
    this.name = 'PoolFailure';
  }
}

interface Pending {
  job: IngestJob;
  resolve: (r: IngestReply) => void;
  reject: (e: Error) => void;
  slot?: number;
  waitTimer?: NodeJS.Timeout;
}

interface Slot {
  no: number;
  worker: Worker;
  ready: boolean;
  everReady?: boolean;
  current?: { id: number; p: Pending; timer: NodeJS.Timeout };
  /** Uploads this worker has read (its cache), newest last; mirrors the worker's own bound loosely. */
  gen: number;
}

export class IngestPool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private gen = 0;
  /** upload key → slot number and the worker generation that read it. */
  private affinity = new Map<string, { slot: number; gen: number }>();
  readonly stats = { started: 0, replaced: 0, timeouts: 0, deaths: 0, jobs: 0 };
  private closed = false;
  /** Workers that died before they were ready, in a row: restarts back off instead of spinning. */
  private startFailures = 0;

  constructor(
    readonly config: PoolConfig,
    private readonly file: string
  ) {
    for (let i = 0; i < config.size; i++) this.slots.push(this.spawn(i));
  }

  private spawn(no: number): Slot {
    const worker = new Worker(this.file, {
      resourceLimits: { maxOldGenerationSizeMb: this.config.heapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 }
    });
    const slot: Slot = { no, worker, ready: false, gen: ++this.gen };
    this.stats.started++;
    worker.on('message', (m: { ready?: true; id?: number; reply?: IngestReply }) => {
      if (m.ready) {
        slot.ready = slot.everReady = true;
        this.startFailures = 0;
        this.pump();
        return;
      }
      const cur = slot.current;
      if (!cur || cur.id !== m.id) return;
      clearTimeout(cur.timer);
      slot.current = undefined;
      if (cur.p.job.key && m.reply?.ok) this.affinity.set(cur.p.job.key, { slot: slot.no, gen: slot.gen });
      this.trimAffinity();
      cur.p.resolve(m.reply!);
      this.pump();
    });
    const lost = (why: string) => {
      if (this.slots[no] !== slot) return; // already replaced
      const cur = slot.current;
      slot.current = undefined;
      if (cur) {
        clearTimeout(cur.timer);
        this.stats.deaths++;
        cur.p.reject(new PoolFailure('died', why));
      }
      this.replace(no, why);
    };
    worker.on('error', (e) => lost(String((e as Error)?.message ?? e)));
    worker.on('exit', (code) => lost(`worker exited (${code})`));
    // After the listeners (a 'message' listener refs the port again): the pool never keeps a process
    // alive by itself — the server stops on SIGTERM, a CLI or test exits when done.
    worker.unref();
    return slot;
  }

  private replace(no: number, why: string): void {
    if (this.closed) return;
    const old = this.slots[no];
    if (old.gen === -1) return; // a restart is already scheduled
    old.ready = false;
    void old.worker.terminate().catch(() => undefined);
    this.stats.replaced++;
    metrics.workerRestarted('ingest');
    console.warn(`ingest worker ${no} replaced: ${why}`);
    const delay = old.everReady ? 0 : Math.min(30_000, 250 * 2 ** this.startFailures++);
    old.gen = -1;
    setTimeout(() => {
      if (!this.closed) this.slots[no] = this.spawn(no);
    }, delay).unref();
  }

  private trimAffinity(): void {
    while (this.affinity.size > 512) this.affinity.delete(this.affinity.keys().next().value!);
  }

  /** Resolves when every worker has loaded the pipeline. */
  async whenReady(): Promise<void> {
    while (!this.slots.every((s) => s.ready)) await new Promise((r) => setTimeout(r, 20));
  }

  /** Is the upload's parsed form still held by a live worker? */
  holds(key: string): boolean {
    const a = this.affinity.get(key);
    return !!a && this.slots[a.slot]?.gen === a.gen;
  }

  run(job: IngestJob): Promise<IngestReply> {
    if (this.closed) return Promise.reject(new PoolFailure('unavailable', 'pool closed'));
    if (this.queue.length >= this.config.maxQueue) return Promise.reject(new PoolFailure('busy', 'queue full'));
    return new Promise((resolve, reject) => {
      const p: Pending = { job, resolve, reject };
      const a = job.key ? this.affinity.get(job.key) : undefined;
      if (a && this.slots[a.slot]?.gen === a.gen) p.slot = a.slot;
      // Waiting is bounded too: with every worker busy (or none able to start) the caller hears 503.
      p.waitTimer = setTimeout(() => {
        const i = this.queue.indexOf(p);
        if (i >= 0) {
          this.queue.splice(i, 1);
          reject(new PoolFailure('busy', 'waited too long for a worker'));
        }
      }, this.config.timeoutMs);
      this.queue.push(p);
      this.pump();
    });
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length; i++) {
      const p = this.queue[i];
      const free = this.slots.filter((s) => s.ready && !s.current);
      if (!free.length) return;
      // Affinity first; if the holding worker is busy, a job with bytes may go elsewhere, one without waits.
      let slot = p.slot !== undefined ? free.find((s) => s.no === p.slot) : free[0];
      if (!slot && p.job.files) slot = free[0];
      if (!slot) continue;
      this.queue.splice(i--, 1);
      this.dispatch(slot, p);
    }
  }

  private dispatch(slot: Slot, p: Pending): void {
    clearTimeout(p.waitTimer);
    const id = this.nextId++;
    this.stats.jobs++;
    const timer = setTimeout(() => {
      if (slot.current?.id !== id) return;
      slot.current = undefined;
      this.stats.timeouts++;
      p.reject(new PoolFailure('timeout', `over ${this.config.timeoutMs} ms`));
      this.replace(slot.no, `job over its ${this.config.timeoutMs} ms budget`);
    }, this.config.timeoutMs);
    slot.current = { id, p, timer };
    // The bytes are copied (not transferred): the caller may still store them afterwards.
    slot.worker.postMessage({ id, job: p.job });
  }

  /** For readiness and /metrics: up unless closed; how many wait. */
  status(): { ok: boolean; detail: string } {
    const detail = `${this.slots.length} worker(s), ${this.stats.replaced} replaced, ${this.queue.length} queued`;
    return { ok: !this.closed && this.slots.length > 0, detail };
  }

  get queueDepth(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) {
      clearTimeout(p.waitTimer);
      p.reject(new PoolFailure('unavailable', 'pool closed'));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}

let pool: IngestPool | null = null;

/** The process's pool, started on first use (or by warmIngestPool at server start); null without a worker file. */
export function ingestPool(): IngestPool | null {
  if (pool) return pool;
  const file = workerPath();
  if (!file) return null;
  pool = new IngestPool(poolConfig(), file);
  return pool;
}

/** Start the workers now, so the first upload does not wait for them to load the pipeline (~1–2 s). */
export function warmIngestPool(): void {
  const p = ingestPool();
  if (!p) return;
  registerWorkerPool('ingest', () => p.status());
  metrics.registerQueue('ingest', () => p.queueDepth);
  onShutdown('ingest pool', () => p.close());
}
