// The ingest worker pool (issue #11.1, #15.2): warm workers, a worker that runs out of memory or time is
// replaced and the caller answered, a parsed upload is re-projected for another CRS or CAD layer without
// its bytes being sent again.
import { afterAll, describe, expect, it } from 'vitest';
import { IngestPool, poolConfig, workerPath, PoolFailure } from '../../../src/lib/server/projects/ingest-pool.ts';
import { ingest } from '../../../src/lib/server/projects/ingest-runner.ts';
import type { IngestReply } from '../../../src/lib/server/projects/ingest-jobs.ts';
import { LimitError } from '../../../src/lib/geo/budget.ts';
import { circle, dxf, lwpolyline } from '../../unit/geo/cad/dxf-writer.ts';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const square = (x: number, y: number, s: number): [number, number][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];
/** Two layers in EPSG:4549 near Shanghai: a 60 m circle on 红线 and a 100 m square on 建筑. */
const twoLayers = () => enc(dxf({ layers: ['红线', '建筑'], entities: [circle('红线', [630100, 3450100], 60), lwpolyline('建筑', square(630300, 3450300, 100), true)] }));

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
  it('a worker that runs out of heap is replaced; the caller gets an answer and the next job is served', async () => {
    const pool = small({ heapMb: 48 });
    // 150,000 features (under the feature budget) parse to far more than 48 MB of objects.
    const one = '{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[[[121.4,31.2],[121.401,31.2],[121.4,31.201],[121.4,31.2]]]}}';
    const big = enc(`{"type":"FeatureCollection","features":[${Array(150_000).fill(one).join(',')}]}`);
    const f = await failureOf(pool.run({ files: [{ name: 'big.geojson', bytes: big }], opts: {} }));
    expect(f.kind).toBe('died');
    const next = await pool.run({ files: [{ name: 'c.dxf', bytes: twoLayers() }], opts: { crs: 'EPSG:4549' } });
    expect(next.ok).toBe(true);
    expect(pool.stats.replaced).toBeGreaterThanOrEqual(1);
  });

  it('a job over its wall-clock budget is stopped, its worker replaced, the caller answered', async () => {
    const pool = small({ timeoutMs: 20 });
    await pool.whenReady();
    const many = enc(dxf({ entities: Array.from({ length: 5000 }, (_, i) => circle('C', [630000 + (i % 70) * 30, 3450000 + Math.floor(i / 70) * 30], 10)) }));
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
    console.log(`cold ${first.ms.toFixed(0)} ms, layer change ${other.ms.toFixed(1)} ms, CRS change ${back.ms.toFixed(1)} ms (from the worker's cache)`);
  });

  it('a budget exceeded in a worker reaches the caller as a LimitError (HTTP 422)', async () => {
    const minsert = enc(`0\nSECTION\n2\nBLOCKS\n0\nBLOCK\n2\nB\n10\n0\n20\n0\n0\nCIRCLE\n8\n0\n10\n0\n20\n0\n40\n1\n0\nENDBLK\n0\nENDSEC\n0\nSECTION\n2\nENTITIES\n0\nINSERT\n8\n0\n2\nB\n10\n0\n20\n0\n70\n40000\n71\n40000\n0\nENDSEC\n0\nEOF\n`);
    await expect(ingest({ files: [{ name: 'm.dxf', bytes: minsert }], opts: {} })).rejects.toBeInstanceOf(LimitError);
  });
});
