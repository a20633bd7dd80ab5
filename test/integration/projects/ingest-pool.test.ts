// The ingest worker pool (issue #11.1, #15.2): warm workers, a worker that runs out of memory or time is
// replaced and the caller answered, a parsed upload is re-projected for another CRS or CAD layer without
// its bytes being sent again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestPool, poolConfig, workerPath, PoolFailure } from '../../../src/lib/server/projects/ingest-pool.ts';
import { ingest } from '../../../src/lib/server/projects/ingest-runner.ts';
import type { IngestReply } from '../../../src/lib/server/projects/ingest-jobs.ts';
import { circle, dxf, lwpolyline } from '../../unit/geo/cad/dxf-writer.ts';
import { UserError } from '../../../src/lib/errors.ts';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const square = (x: number, y: number, s: number): [number, number][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s]
];
/** Two layers in EPSG:4549 near Shanghai: a 60 m circle on 红线 and a 100 m square on 建筑. */
const twoLayers = () =>
  enc(
    dxf({
      layers: ['红线', '建筑'],
      entities: [circle('红线', [630100, 3450100], 60), lwpolyline('建筑', square(630300, 3450300, 100), true)]
    })
  );

const pools: IngestPool[] = [];
const small = (over: Partial<ReturnType<typeof poolConfig>>) => {
  const p = new IngestPool({ ...poolConfig(), size: 1, ...over }, workerPath()!);
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

async function failureOf(p: Promise<IngestReply>): Promise<PoolFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PoolFailure) return e;
    throw e;
  }
  throw new Error('expected a pool failure');
}

describe('ingest worker pool', () => {
  it('a worker that runs out of heap or dies is replaced; each caller gets an answer, the next job is served', async () => {
    // A stand-in worker (same protocol): 'oom' allocates until the heap cap stops it, 'crash' exits.
    const dir = mkdtempSync(path.join(tmpdir(), 'zl-pool-'));
    const file = path.join(dir, 'worker.mjs');
    writeFileSync(
      file,
      `import { parentPort } from 'node:worker_threads';
      parentPort.on('message', (m) => {
        const name = m.job.files?.[0]?.name;
        if (name === 'crash') process.exit(3);
        if (name === 'oom') { const a = []; for (;;) a.push(new Array(1000).fill(a.length)); }
        parentPort.postMessage({ id: m.id, reply: { ok: true, cached: false, ms: 0 } });
      });
      parentPort.postMessage({ ready: true });`
    );
    const pool = new IngestPool({ ...poolConfig(), size: 1, heapMb: 32 }, file);
    pools.push(pool);
    const job = (name: string) => ({ files: [{ name, bytes: new Uint8Array(1) }], opts: {} });
    expect((await failureOf(pool.run(job('oom')))).kind).toBe('died');
    expect((await pool.run(job('fine'))).ok).toBe(true);
    expect((await failureOf(pool.run(job('crash')))).kind).toBe('died');
    expect((await pool.run(job('fine'))).ok).toBe(true);
    expect(pool.stats.deaths).toBe(2);
    expect(pool.stats.replaced).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a job over its wall-clock budget is stopped, its worker replaced, the caller answered', async () => {
    const pool = small({ timeoutMs: 20 });
    await pool.whenReady();
    const many = enc(
      dxf({
        entities: Array.from({ length: 5000 }, (_, i) =>
          circle('C', [630000 + (i % 70) * 30, 3450000 + Math.floor(i / 70) * 30], 10)
        )
      })
    );
    const f = await failureOf(pool.run({ files: [{ name: 'many.dxf', bytes: many }], opts: { crs: 'EPSG:4549' } }));
    expect(f.kind).toBe('timeout');
    expect(pool.stats.timeouts).toBe(1);
    expect(pool.stats.replaced).toBe(1);
  });

  it('one parse per upload: a CRS or layer change is answered from the worker that read it, without the bytes', async () => {
    const key = `test-${Date.now()}`;
    const first = await ingest({ key, files: [{ name: 'two.dxf', bytes: twoLayers() }], opts: { crs: 'EPSG:4549' } });
    expect(first.inWorker).toBe(true);
    expect(first.cached).toBe(false);
    expect(first.result!.source.crs).toBe('EPSG:4549');
    expect(first.result!.features[0].sourceLayer).toBe('红线');
    expect(Math.abs(first.result!.features[0].areaM2 / (Math.PI * 3600) - 1)).toBeLessThan(1e-4);

    let loaded = 0;
    const loadFiles = async () => {
      loaded++;
      return [{ name: 'two.dxf', bytes: twoLayers() }];
    };
    const other = await ingest({ key, loadFiles, opts: { crs: 'EPSG:4549', layer: '建筑' } });
    expect(other.cached).toBe(true);
    expect(other.result!.features).toHaveLength(1);
    expect(other.result!.features[0].sourceLayer).toBe('建筑');
    expect(other.result!.features[0].areaM2).toBeCloseTo(10000, 0);
    // Back to the first layer and another CRS (wrong on purpose: refused for its position, still no re-read).
    const back = await ingest({ key, loadFiles, opts: { crs: 'EPSG:4549' } });
    expect(back.result!.features[0].sourceLayer).toBe('红线');
    await expect(ingest({ key, loadFiles, opts: { crs: 'EPSG:4547' } })).rejects.toThrow(/Shanghai/);
    expect(loaded).toBe(0);
    console.log(
      `cold ${first.ms.toFixed(0)} ms, layer change ${other.ms.toFixed(1)} ms, CRS change ${back.ms.toFixed(1)} ms (from the worker's cache)`
    );
  });

  it('a budget exceeded in a worker reaches the caller as a UserError (HTTP 422)', async () => {
    const minsert = enc(
      `0\nSECTION\n2\nBLOCKS\n0\nBLOCK\n2\nB\n10\n0\n20\n0\n0\nCIRCLE\n8\n0\n10\n0\n20\n0\n40\n1\n0\nENDBLK\n0\nENDSEC\n0\nSECTION\n2\nENTITIES\n0\nINSERT\n8\n0\n2\nB\n10\n0\n20\n0\n70\n40000\n71\n40000\n0\nENDSEC\n0\nEOF\n`
    );
    await expect(ingest({ files: [{ name: 'm.dxf', bytes: minsert }], opts: {} })).rejects.toBeInstanceOf(UserError);
  });
});
