// Whole stored pyramids held in this process's memory, so that serving any tile of such a version — its
// first request since the start included — is a Map lookup with no database work (issue #15.1). A cold
// per-tile lookup cost 1.5–2.5 ms of CPU and, on the embedded database, ran on the server's own thread; a
// city-size pyramid (30,000 patches) is 16 MB, read once in pages.
// The database stays the one store every instance shares (DESIGN.md, Scale): each process loads a version's
// tiles in the background — the current versions at start and after a switch, any other version the first
// time a request meets it — while requests keep using per-tile lookups until the load is done.
// Bounded by TILE_MEMORY_MB (default 256) for all resident versions together: the least recently used
// version is dropped first, and a version larger than the budget stays on per-tile lookups.
import type { Queryable } from '../db/index.ts';
import { log } from '../ops/log.ts';
import { gauge } from '../ops/metrics.ts';
import { pyramidPage, pyramidSize } from './tiles.repository.ts';

const DEFAULT_MB = 256;
/** Tiles per page: the big low-zoom tiles are ~400 KB, so a page is at most a few MB of base64. */
const PAGE_ROWS = 250;
const EMPTY = new Uint8Array(0);

interface Resident {
  tiles: Map<number, Uint8Array>;
  bytes: number;
  used: number;
}

const resident = new Map<number, Resident>();
const loading = new Map<number, Promise<void>>();
/** Versions larger than the budget when tried: not tried again while the budget is the same. */
const tooBig = new Map<number, number>();
let residentBytes = 0;
let clock = 0;
/** Bumped by forgetResident(): a load begun before it does not fill the emptied store. */
let generation = 0;

gauge(
  'zeroland_tiles_resident_bytes',
  'Bytes of stored tile pyramids held in memory (bounded by TILE_MEMORY_MB).',
  () => [{ value: residentBytes }]
);

/** z ≤ 18 and x, y < 2^18: one exact double per tile. */
const keyOf = (z: number, x: number, y: number) => (z * 2 ** 18 + x) * 2 ** 18 + y;

export function residentBudget(env: Record<string, string | undefined> = process.env): number {
  const mb = Number(env.TILE_MEMORY_MB ?? DEFAULT_MB);
  return (Number.isFinite(mb) && mb >= 0 ? mb : DEFAULT_MB) * 1024 * 1024;
}

/**
 * The stored tile z/x/y (z at most the version's stored depth) of a resident version: its bytes, an empty
 * array where the pyramid has none (an empty tile), or undefined when the version is not resident.
 */
export function residentTile(versionId: number, z: number, x: number, y: number): Uint8Array | undefined {
  const r = resident.get(versionId);
  if (!r) return undefined;
  r.used = ++clock;
  return r.tiles.get(keyOf(z, x, y)) ?? EMPTY;
}

/** Loads the version's stored pyramid into memory unless it is there, loading, or too big. Never rejects. */
export function makeResident(db: Queryable, versionId: number): Promise<void> {
  if (resident.has(versionId)) return Promise.resolve();
  const budget = residentBudget();
  if (tooBig.get(versionId) === budget) return Promise.resolve();
  let p = loading.get(versionId);
  if (!p) {
    const mine: Promise<void> = load(db, versionId, budget)
      .catch((e) => log.warn('tiles_resident_failed', { version_id: versionId, error: String(e) }))
      .finally(() => loading.get(versionId) === mine && loading.delete(versionId));
    loading.set(versionId, (p = mine));
  }
  return p;
}

async function load(db: Queryable, versionId: number, budget: number) {
  const gen = generation;
  const t0 = performance.now();
  const size = await pyramidSize(db, versionId);
  if (!size) return; // no stored pyramid (yet): rendered on the fly
  if (size.bytes > budget) {
    tooBig.set(versionId, budget);
    log.info('tiles_not_resident', { version_id: versionId, bytes: size.bytes, budget_bytes: budget });
    return;
  }
  const tiles = new Map<number, Uint8Array>();
  let bytes = 0;
  let after = { z: -1, x: 0, y: 0 };
  for (;;) {
    const page = await pyramidPage(db, versionId, after, PAGE_ROWS);
    for (const t of page) {
      tiles.set(keyOf(t.z, t.x, t.y), t.data);
      bytes += t.data.length;
    }
    if (page.length < PAGE_ROWS) break;
    after = page[page.length - 1];
    // Tile requests get their turn between pages (the embedded database runs on this thread).
    await new Promise((r) => setImmediate(r));
  }
  if (gen !== generation) return;
  makeRoom(bytes, budget);
  resident.set(versionId, { tiles, bytes, used: ++clock });
  residentBytes += bytes;
  log.info('tiles_resident', {
    version_id: versionId,
    tiles: tiles.size,
    bytes,
    resident_bytes: residentBytes,
    ms: Math.round(performance.now() - t0)
  });
}

/** Drops the least recently used versions until `bytes` more fit in the budget. */
function makeRoom(bytes: number, budget: number) {
  const byAge = [...resident.entries()].sort((a, b) => a[1].used - b[1].used);
  for (const [id, r] of byAge) {
    if (residentBytes + bytes <= budget) break;
    resident.delete(id);
    residentBytes -= r.bytes;
  }
}

/** What is resident now (metrics, tests). */
export function residentStats() {
  return { versions: [...resident.keys()], bytes: residentBytes, loading: [...loading.keys()] };
}

/** Empties the store (tests). */
export function forgetResident() {
  generation++;
  resident.clear();
  loading.clear(); // a load begun before finishes without filling the store (generation)
  tooBig.clear();
  residentBytes = 0;
}
