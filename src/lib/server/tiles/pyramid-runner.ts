// Builds and stores the tile pyramid of a layer version. Big layers are sliced in a worker thread so the
// server keeps answering during an import; small ones (the sample layers, test worlds) inline, where a
// worker's start (~1 s to load the TypeScript) would cost more than the work.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/index.ts';
import { buildPyramid, PYRAMID_MAX_ZOOM, type EncodedTile, type ZoneRow } from './pyramid.ts';
import { storePyramid, versionsWithoutPyramid, zonesForPyramid } from './tiles.repository.ts';

/** Layers with more GeoJSON text than this are sliced in a worker thread. */
const OFFLOAD_CHARS = 2_000_000;
const WORKER_NAME = 'pyramid-worker.js';

/** Next to this module when running from sources; under the project root when running the built app. */
function workerPath(): string | null {
  const here = (() => {
    try {
      return path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_NAME);
    } catch {
      return '';
    }
  })();
  const root = path.resolve(process.env.ZEROLAND_ROOT ?? process.cwd(), 'src/lib/server/tiles', WORKER_NAME);
  return [here, root].find((p) => p && existsSync(p)) ?? null;
}

function sliceInWorker(file: string, layerName: string, rows: ZoneRow[], maxZoom: number): Promise<EncodedTile[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(file);
    const done = () => void w.terminate();
    w.once('message', (m: { ok: true; tiles: EncodedTile[] } | { ok: false; bug: string }) => {
      done();
      if (m.ok) resolve(m.tiles);
      else reject(new Error(`pyramid worker: ${m.bug}`));
    });
    w.once('error', (e) => {
      done();
      reject(e);
    });
    w.postMessage({ layerName, rows, maxZoom });
  });
}

export async function sliceLayer(
  layerName: string,
  rows: ZoneRow[],
  maxZoom = PYRAMID_MAX_ZOOM,
  force?: 'worker' | 'inline'
): Promise<EncodedTile[]> {
  const size = rows.reduce((n, r) => n + r.geojson.length, 0);
  const file = force === 'inline' ? null : force === 'worker' || size >= OFFLOAD_CHARS ? workerPath() : null;
  if (file) return sliceInWorker(file, layerName, rows, maxZoom);
  const tiles: EncodedTile[] = [];
  buildPyramid(layerName, rows, (t) => tiles.push(t), maxZoom);
  return tiles;
}

export interface PyramidReport {
  versionId: number;
  tiles: number;
  bytes: number;
  ms: number;
  stored: boolean;
}

/**
 * Builds the pyramid of one version from its stored zones (ids, names and made-valid geometry as the
 * database holds them) and stores it in one transaction. Idempotent: a version that has one is left alone.
 */
export async function buildVersionTiles(db: Db, versionId: number, maxZoom = PYRAMID_MAX_ZOOM): Promise<PyramidReport> {
  const t0 = performance.now();
  const { kind, rows } = await zonesForPyramid(db, versionId);
  const tiles = kind ? await sliceLayer(kind, rows, maxZoom) : [];
  const stored = kind ? await db.transaction((tx) => storePyramid(tx, versionId, maxZoom, tiles)) : false;
  return {
    versionId,
    tiles: tiles.length,
    bytes: tiles.reduce((n, t) => n + t.data.length, 0),
    ms: Math.round(performance.now() - t0),
    stored
  };
}

/** At start: versions imported before stored tiles existed get theirs (current ones first), one at a time. */
export async function buildMissingPyramids(db: Db, log: (line: string) => void = () => {}): Promise<void> {
  for (const id of await versionsWithoutPyramid(db)) {
    const r = await buildVersionTiles(db, id);
    if (r.stored) log(`tiles of layer version ${id}: ${r.tiles} tiles, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.ms} ms`);
  }
}
