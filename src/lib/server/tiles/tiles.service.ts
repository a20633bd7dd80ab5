// Vector tiles of the zoning layers: one layer (/api/v1/tiles/:layer/…, for GIS clients) or all layers of a
// z/x/y in one tile (/api/v1/tiles/:z/:x/:y.mvt, the app's map — one request per tile, as Martin serves
// composite sources). Serving is a lookup of the pyramid stored at import (pyramid.ts), held in memory
// (resident.ts) or read by key, and cut deeper than z14 (overzoom.ts); versions without a stored pyramid yet
// are rendered on the fly. A per-process cache of encoded tiles and of the version list spares the database
// for tiles already served (a cache only: a version's tiles never change, and the current versions are
// re-read after CURRENT_TTL_MS).
import type { Polygon, MultiPolygon } from 'geojson';
import type { Queryable } from '../db/index.ts';
import { encodeTile, type TileFeature } from './mvt.ts';
import { concatTiles, overzoomTile } from './overzoom.ts';
import { tileProperties } from './pyramid.ts';
import {
  currentVersions,
  lookupTiles,
  storedTiles,
  tileRows,
  type StoredTileKey,
  type VersionTiles
} from './tiles.repository.ts';
import { forgetResident, makeResident, residentTile } from './resident.ts';
import { log } from '../ops/log.ts';

/** Deepest zoom served: z18 tiles are ~150 m wide in Shanghai, finer than any zoning line. */
export const MAX_ZOOM = 18;
/** Bump when the encoding changes so browsers drop tiles cached under the old ETag. */
const ENCODER_REVISION = 2;
/** Encoded tiles kept per process, by size: city-scale tiles of a 30,000-patch layer are ~2 MB. */
const CACHE_BYTES = 96 * 1024 * 1024;
/** How long this process trusts its list of current versions (another instance may switch a layer). */
const CURRENT_TTL_MS = 5_000;
/** At most this many versions in one composite tile (the layer list is about ten kinds). */
const MAX_COMPOSITE = 32;

export interface TileRequest {
  kind: string;
  z: number;
  x: number;
  y: number;
  versionId: number | null;
}
export interface CompositeRequest {
  z: number;
  x: number;
  y: number;
  versionIds: number[] | null;
}
/**
 * A found tile as its layers' encoded tiles, empty ones left out: MVT layers are a repeated field, so the
 * parts written one after the other are the multi-layer tile. Kept apart because joining the city-scale
 * layers of a low-zoom tile copied ~400 KB into fresh memory on every request (tileBody joins them).
 */
export type TileResult = { status: 'ok'; parts: Uint8Array[]; etag: string } | { status: 'no_layer' };

/** The tile's bytes in one array (SvelteKit's Response, tests). */
export const tileBody = (tile: Extract<TileResult, { status: 'ok' }>) => concatTiles(tile.parts);
const ok = (bodies: Uint8Array[], etag: string): TileResult => ({
  status: 'ok',
  parts: bodies.filter((b) => b.length > 0),
  etag
});

const coord = (s: string | undefined) => (/^\d{1,7}$/.test(s ?? '') ? Number(s) : NaN);
function parseZxy(p: { z?: string; x?: string; y?: string }) {
  const [z, x, y] = [p.z, p.x, (p.y ?? '').replace(/\.mvt$/, '')].map(coord);
  if (!Number.isInteger(z) || z > MAX_ZOOM || !(x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z)) return null;
  return { z, x, y };
}

export function parseTileParams(
  p: { layer?: string; z?: string; x?: string; y?: string },
  v: string | null
): TileRequest | null {
  const kind = p.layer ?? '';
  const zxy = parseZxy(p);
  if (!/^[a-z_]{2,40}$/.test(kind) || !zxy) return null;
  const versionId = v == null || v === '' ? null : /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  if (Number.isNaN(versionId)) return null;
  return { kind, ...zxy, versionId };
}

/** `?v=12.15.31` pins the composite to those versions (the app's URL changes when a layer is switched). */
export function parseCompositeParams(
  p: { z?: string; x?: string; y?: string },
  v: string | null
): CompositeRequest | null {
  const zxy = parseZxy(p);
  if (!zxy) return null;
  if (v == null || v === '') return { ...zxy, versionIds: null };
  const ids = v.split('.');
  if (ids.length > MAX_COMPOSITE || !ids.every((s) => /^\d{1,9}$/.test(s))) return null;
  return { ...zxy, versionIds: [...new Set(ids.map(Number))] };
}

// ---- per-process caches ----------------------------------------------------------------------------------

interface VersionMeta {
  id: number;
  kind: string;
  order: number;
  maxZoom: number | null;
}
/** Versions whose pyramid is stored: immutable, so kept for the life of the process. */
const versions = new Map<number, VersionMeta>();
/** The current version of every kind (composite) and of single kinds (per-layer tiles), with when read. */
let current: { at: number; ids: number[] } | null = null;
const currentOfKind = new Map<string, { at: number; id: number }>();
const fresh = (at: number) => Date.now() - at < CURRENT_TTL_MS;
const tiles = new Map<string, Uint8Array>();
let cachedBytes = 0;
const inflight = new Map<string, Promise<TileResult>>();

function remember(key: string, body: Uint8Array) {
  if (tiles.has(key)) return;
  tiles.set(key, body);
  cachedBytes += body.length;
  for (const [k, b] of tiles) {
    if (cachedBytes <= CACHE_BYTES) break;
    tiles.delete(k);
    cachedBytes -= b.length;
  }
}

/** The database of a process that serves tiles (set at server start; never in the CLI or tests). */
let servingDb: Queryable | null = null;

/** At server start: this process serves tiles, so it keeps the current pyramids in memory (warmTiles). */
export function serveTilesFrom(db: Queryable) {
  servingDb = db;
  return warmTiles(db);
}

/** After a switch on this instance: the current versions are re-read at the next tile (and warmed when serving). */
export function forgetCurrentVersions() {
  current = null;
  currentOfKind.clear();
  if (servingDb) void warmTiles(servingDb);
}

/** Empties the caches (tests). */
export function forgetTiles() {
  versions.clear();
  forgetCurrentVersions();
  tiles.clear();
  cachedBytes = 0;
  forgetResident();
}

/**
 * At start and after a switch: learns the current versions and loads their stored pyramids into memory,
 * one after the other, so that even a tile's first request is a lookup. Tiles are served meanwhile.
 */
export async function warmTiles(db: Queryable) {
  const list = await currentVersions(db).catch((e) => {
    log.warn('tiles_warm_failed', { error: String(e) }); // served by lookups instead
    return null;
  });
  if (!list) return;
  const at = Date.now();
  current = { at, ids: list.map((v) => v.id) };
  const stored = list.filter((v) => v.maxZoom != null);
  for (const v of stored) {
    versions.set(v.id, { ...v, order: v.sort });
    currentOfKind.set(v.kind, { at, id: v.id });
  }
  for (const v of stored) await makeResident(db, v.id);
}

const tileKey = (versionId: number, z: number, x: number, y: number) => `${versionId}/${z}/${x}/${y}`;

/** The body of one version's tile from a lookup row: stored, cut from a stored ancestor, or rendered now. */
async function bodyOf(db: Queryable, row: VersionTiles, z: number, x: number, y: number): Promise<Uint8Array> {
  if (row.maxZoom == null) return renderOnTheFly(db, row.id, row.kind, z, x, y);
  return fromStored(row.data, row.dataZoom, z, x, y);
}

/** The tile z/x/y from the stored tile at zoom dz ≤ z covering it: itself, a cut of it, or empty when none is stored. */
function fromStored(data: Uint8Array | null | undefined, dz: number, z: number, x: number, y: number): Uint8Array {
  if (!data?.length) return new Uint8Array(0);
  return dz < z ? overzoomTile(data, z - dz, x, y) : data;
}

/** Looks the tiles up (one query for all versions), fills the caches, returns bodies in layer order. */
async function fetchBodies(db: Queryable, want: Parameters<typeof lookupTiles>[1], z: number, x: number, y: number) {
  const rows = await lookupTiles(db, want, z, x, y);
  const out: { meta: VersionMeta; body: Uint8Array }[] = [];
  for (const row of rows) {
    const meta = { id: row.id, kind: row.kind, order: row.sort, maxZoom: row.maxZoom };
    const body = await bodyOf(db, row, z, x, y);
    if (row.maxZoom != null) {
      versions.set(row.id, meta);
      void makeResident(db, row.id);
      remember(tileKey(row.id, z, x, y), body);
    }
    out.push({ meta, body });
  }
  return { rows, out };
}

/** A tile already at hand: stored in a resident pyramid, or cached once served. */
function cachedBody(id: number, z: number, x: number, y: number) {
  const m = versions.get(id);
  if (!m) return undefined;
  return (z <= m.maxZoom! ? residentTile(id, z, x, y) : undefined) ?? tiles.get(tileKey(id, z, x, y));
}

// Stored tiles of known versions are read in batches: the keys that requests ask for while a lookup is in
// flight go together in the next one. Twenty cold tiles of a panning map cost one or two statements instead
// of twenty (each statement's fixed cost, not its rows, dominates on the embedded database).
let batch: {
  db: Queryable;
  waiting: Map<
    string,
    { key: StoredTileKey; done: ((b: Uint8Array | undefined) => void)[]; fail: ((e: unknown) => void)[] }
  >;
} | null = null;
let lookupBusy = false;

function readStored(db: Queryable, key: StoredTileKey): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    if (!batch || batch.db !== db) {
      if (batch) flushBatch(); // another database (tests): do not mix
      batch = { db, waiting: new Map() };
      if (!lookupBusy) setImmediate(flushBatch);
    }
    const k = `${key.versionId}/${key.z}/${key.x}/${key.y}`;
    const w = batch.waiting.get(k) ?? { key, done: [], fail: [] };
    w.done.push(resolve);
    w.fail.push(reject);
    batch.waiting.set(k, w);
  });
}

function flushBatch() {
  const b = batch;
  if (!b || b.waiting.size === 0) return;
  batch = null;
  lookupBusy = true;
  storedTiles(
    b.db,
    [...b.waiting.values()].map((w) => w.key)
  )
    .then(
      (found) => {
        for (const [k, w] of b.waiting) for (const d of w.done) d(found.get(k));
      },
      (e) => {
        for (const w of b.waiting.values()) for (const f of w.fail) f(e);
      }
    )
    .finally(() => {
      lookupBusy = false;
      if (batch) flushBatch();
    });
}

/** Bodies of known versions with stored pyramids (all in `versions`), in the order given: cache, else a batched lookup. */
async function knownBodies(
  db: Queryable,
  ordered: VersionMeta[],
  z: number,
  x: number,
  y: number
): Promise<Uint8Array[]> {
  return Promise.all(
    ordered.map(async (m) => {
      const cached = cachedBody(m.id, z, x, y);
      if (cached) return cached;
      const dz = Math.min(z, m.maxZoom!);
      const [ax, ay] = [x >> (z - dz), y >> (z - dz)];
      // Deeper than the pyramid: the stored ancestor is kept too, so its other over-zoomed children need no lookup.
      let data: Uint8Array | undefined =
        dz < z ? (residentTile(m.id, dz, ax, ay) ?? tiles.get(tileKey(m.id, dz, ax, ay))) : undefined;
      if (!data) {
        void makeResident(db, m.id);
        data = await readStored(db, { versionId: m.id, z: dz, x: ax, y: ay });
        if (dz < z) remember(tileKey(m.id, dz, ax, ay), data ?? new Uint8Array(0));
      }
      const body = fromStored(data, dz, z, x, y);
      remember(tileKey(m.id, z, x, y), body);
      return body;
    })
  );
}

/** One request per key at a time: twenty map clients asking the same cold tile cost one lookup. */
function once(key: string, fn: () => Promise<TileResult>): Promise<TileResult> {
  let p = inflight.get(key);
  if (!p) {
    p = fn().finally(() => inflight.delete(key));
    inflight.set(key, p);
  }
  return p;
}

export function renderTile(db: Queryable, req: TileRequest): Promise<TileResult> {
  const { z, x, y } = req;
  const etagOf = (id: number) => `"zl${ENCODER_REVISION}-${id}-${z}-${x}-${y}"`;
  const pinned = req.versionId;
  const cur = currentOfKind.get(req.kind);
  const id = pinned ?? (cur && fresh(cur.at) ? cur.id : undefined);
  const known = id != null ? versions.get(id) : undefined;
  if (known?.kind === req.kind) {
    const body = cachedBody(known.id, z, x, y);
    if (body) return Promise.resolve(ok([body], etagOf(known.id)));
    return once(`known/${known.id}/${z}/${x}/${y}`, async () =>
      ok(await knownBodies(db, [known], z, x, y), etagOf(known.id))
    );
  }
  return once(`${req.kind}/${pinned ?? 'current'}/${z}/${x}/${y}`, async () => {
    const { out } = await fetchBodies(db, pinned != null ? { versionIds: [pinned] } : { kinds: [req.kind] }, z, x, y);
    const hit = out.find((o) => o.meta.kind === req.kind);
    if (!hit) return { status: 'no_layer' };
    if (pinned == null) currentOfKind.set(req.kind, { at: Date.now(), id: hit.meta.id });
    return ok([hit.body], etagOf(hit.meta.id));
  });
}

export function renderComposite(db: Queryable, req: CompositeRequest): Promise<TileResult> {
  const { z, x, y } = req;
  const ids = req.versionIds ?? (current && fresh(current.at) ? current.ids : null);
  const etagOf = (list: number[]) => `"zlc${ENCODER_REVISION}-${list.join('.')}-${z}-${x}-${y}"`;
  if (ids && ids.every((id) => versions.has(id))) {
    const m = (id: number) => versions.get(id)!;
    const ordered = [...ids].sort((a, b) => m(a).order - m(b).order || m(a).kind.localeCompare(m(b).kind) || a - b);
    const bodies = ordered.map((id) => cachedBody(id, z, x, y));
    if (bodies.every((b) => b !== undefined)) return Promise.resolve(ok(bodies as Uint8Array[], etagOf(ordered)));
    return once(`known/${ordered.join('.')}/${z}/${x}/${y}`, async () =>
      ok(await knownBodies(db, ordered.map(m), z, x, y), etagOf(ordered))
    );
  }
  return once(`composite/${req.versionIds?.join('.') ?? 'current'}/${z}/${x}/${y}`, async () => {
    const { rows, out } = await fetchBodies(
      db,
      req.versionIds ? { versionIds: req.versionIds } : { kinds: 'all' },
      z,
      x,
      y
    );
    if (req.versionIds && rows.length !== req.versionIds.length) return { status: 'no_layer' };
    if (!req.versionIds) current = { at: Date.now(), ids: rows.map((r) => r.id) };
    return ok(
      out.map((o) => o.body),
      etagOf(out.map((o) => o.meta.id))
    );
  });
}

// ---- versions without a stored pyramid --------------------------------------------------------------------

async function renderOnTheFly(
  db: Queryable,
  versionId: number,
  kind: string,
  z: number,
  x: number,
  y: number
): Promise<Uint8Array> {
  const rows = await tileRows(db, versionId, z, x, y);
  const features: TileFeature[] = rows.map((r) => {
    const g = JSON.parse(r.geojson) as
      Polygon | MultiPolygon | { type: 'GeometryCollection'; geometries: (Polygon | MultiPolygon)[] };
    return { id: Number(r.id), polygons: polygonsOf(g), properties: tileProperties(r) };
  });
  return encodeTile(kind, features);
}

type AnyPoly = Polygon | MultiPolygon | { type: 'GeometryCollection'; geometries: AnyPoly[] } | { type: string };
function polygonsOf(g: AnyPoly): [number, number][][][] {
  if (g.type === 'Polygon') return [(g as Polygon).coordinates as [number, number][][]];
  if (g.type === 'MultiPolygon') return (g as MultiPolygon).coordinates as [number, number][][][];
  if (g.type === 'GeometryCollection') return (g as { geometries: AnyPoly[] }).geometries.flatMap(polygonsOf);
  return [];
}
