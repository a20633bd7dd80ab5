// Tile SQL. Stored pyramids (layer_tiles, filled at import) are read by primary key; versions without one
// (imported before migration 090, until built) are rendered on the fly: the zones of one version inside a
// web-mercator tile, clipped with a buffer, simplified to the tile's pixel size and moved to integer tile
// coordinates in PostGIS, encoded in JS (mvt.ts): PGlite has no ST_AsMVT.
import type { Queryable } from '../db/index.ts';
import { EXTENT } from './mvt.ts';
import type { EncodedTile, ZoneRow } from './pyramid.ts';
import { sqlFile } from '../db/sql-file.ts';
import renderTileSql from './render-tile.sql?raw';
import storedTilesSql from './stored-tiles.sql?raw';

/** Pixels of buffer around the tile: polygon edges created by clipping are drawn off-screen. */
export const BUFFER_PX = 64;

export interface TileRow {
  id: number;
  name: string;
  code: string | null;
  props: Record<string, unknown>;
  geojson: string;
}

/** The query is in render-tile.sql. */
const RENDER_TILE_SQL = sqlFile(renderTileSql);

export async function tileRows(db: Queryable, versionId: number, z: number, x: number, y: number): Promise<TileRow[]> {
  const { rows } = await db.query<TileRow>(RENDER_TILE_SQL, [versionId, z, x, y, BUFFER_PX, EXTENT]);
  return rows;
}

export interface VersionTiles {
  id: number;
  kind: string;
  /** The kind's place in the layer list: composite tiles keep that order. */
  sort: number;
  /** Deepest stored zoom; null = no stored pyramid (render on the fly). */
  maxZoom: number | null;
  /** The stored tile at min(z, maxZoom) covering the request; null = empty there (or no pyramid). */
  data: Uint8Array | null;
  /** Zoom of `data` (the request's, or the deepest stored one to cut the request's from). */
  dataZoom: number;
}

/** The query is in stored-tiles.sql. */
const STORED_TILES_SQL = sqlFile(storedTilesSql);

/**
 * One round trip for a tile of several layers: the versions asked for (by id) or the current version of
 * the kinds asked for, each with its stored tile at the request's zoom or, deeper than its pyramid, the
 * stored ancestor to cut from. Ordered as the layer list is (kinds' sort order).
 */
export async function lookupTiles(
  db: Queryable,
  want: { versionIds?: number[]; kinds?: string[] | 'all' },
  z: number,
  x: number,
  y: number
): Promise<VersionTiles[]> {
  const { rows } = await db.query<{
    id: number;
    kind: string;
    sort: number;
    tile_max_zoom: number | null;
    data: string | null;
    dz: number;
  }>(STORED_TILES_SQL, [want.versionIds ?? null, want.kinds === 'all' || !want.kinds ? null : want.kinds, z, x, y]);
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    sort: Number(r.sort),
    maxZoom: r.tile_max_zoom,
    data: r.data ? fromBase64(r.data) : null,
    dataZoom: Number(r.dz)
  }));
}

export interface StoredTileKey {
  versionId: number;
  z: number;
  x: number;
  y: number;
}

/**
 * Stored tiles by primary key, many at once (the tile service batches concurrent requests into one call): no
 * join, little planning. Returns the bytes by key (`v/z/x/y`); a key with no stored tile is absent.
 */
export async function storedTiles(db: Queryable, keys: StoredTileKey[]): Promise<Map<string, Uint8Array>> {
  const { rows } = await db.query<{ version_id: number; z: number; x: number; y: number; data: string }>(
    `select t.version_id, t.z, t.x, t.y, encode(t.data, 'base64') as data
       from unnest($1::int[], $2::int[], $3::int[], $4::int[]) as q(v, z, x, y)
       join layer_tiles t on t.version_id = q.v and t.z = q.z and t.x = q.x and t.y = q.y`,
    [keys.map((k) => k.versionId), keys.map((k) => k.z), keys.map((k) => k.x), keys.map((k) => k.y)]
  );
  return new Map(rows.map((r) => [`${r.version_id}/${r.z}/${r.x}/${r.y}`, fromBase64(r.data)]));
}

/** Tiles and bytes of a version's stored pyramid; null when it has none (yet). */
export async function pyramidSize(db: Queryable, versionId: number): Promise<{ tiles: number; bytes: number } | null> {
  const { rows } = await db.query<{ depth: number | null; n: number; bytes: string }>(
    `select v.tile_max_zoom as depth, count(t.z)::int as n, coalesce(sum(octet_length(t.data)), 0)::bigint as bytes
       from layer_versions v left join layer_tiles t on t.version_id = v.id
      where v.id = $1 group by v.tile_max_zoom`,
    [versionId]
  );
  const r = rows[0];
  return r && r.depth != null ? { tiles: Number(r.n), bytes: Number(r.bytes) } : null;
}

/** One page of a version's stored tiles in key order, after the key `after` (keyset paging on the primary key). */
export async function pyramidPage(
  db: Queryable,
  versionId: number,
  after: { z: number; x: number; y: number },
  limit: number
): Promise<{ z: number; x: number; y: number; data: Uint8Array }[]> {
  const { rows } = await db.query<{ z: number; x: number; y: number; data: string }>(
    `select z, x, y, encode(data, 'base64') as data from layer_tiles
      where version_id = $1 and (z, x, y) > ($2, $3, $4) order by z, x, y limit $5`,
    [versionId, after.z, after.x, after.y, limit]
  );
  return rows.map((r) => ({ z: Number(r.z), x: Number(r.x), y: Number(r.y), data: fromBase64(r.data) }));
}

/** The current version of every kind, in the layer list's order (as stored-tiles.sql orders them). */
export async function currentVersions(
  db: Queryable
): Promise<{ id: number; kind: string; sort: number; maxZoom: number | null }[]> {
  const { rows } = await db.query<{ id: number; kind: string; sort: number; tile_max_zoom: number | null }>(
    `select v.id, v.kind, k.sort, v.tile_max_zoom from layer_versions v join layer_kinds k on k.code = v.kind
      where v.is_current order by k.sort, v.kind, v.id`
  );
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, sort: Number(r.sort), maxZoom: r.tile_max_zoom }));
}

// Tile bytes cross the driver as base64 text: PGlite's bytea (hex text decoded in JS) took ~1 s for a 2 MB
// tile under load where base64 took 0.1–0.3 s, and Buffer's base64 codec is native on both engines.
const toBase64 = (d: Uint8Array) => Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString('base64');
const fromBase64 = (s: string) => {
  const b = Buffer.from(s, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};

/** The zones of a version as the pyramid builder reads them (lon/lat GeoJSON, 7 decimals ≈ 1 cm). */
export async function zonesForPyramid(db: Queryable, versionId: number): Promise<{ kind: string; rows: ZoneRow[] }> {
  const kind = (await db.query<{ kind: string }>('select kind from layer_versions where id = $1', [versionId])).rows[0]
    ?.kind;
  const { rows } = await db.query<ZoneRow>(
    'select id, name, code, props, ST_AsGeoJSON(geom, 7) as geojson from zones where version_id = $1 order by id',
    [versionId]
  );
  return { kind, rows };
}

/** Tiles per INSERT: a city layer's ~3,000 tiles in ~15 statements. */
const INSERT_BATCH = 200;

/**
 * Stores a version's pyramid in the caller's transaction and records its depth. Takes a transaction-scoped
 * advisory lock on the version: two instances building the same missing pyramid do not both write it.
 * Returns false when another builder holds the lock or the pyramid is already there.
 */
export async function storePyramid(
  tx: Queryable,
  versionId: number,
  maxZoom: number,
  tiles: EncodedTile[]
): Promise<boolean> {
  const locked = (await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(727090, $1) as ok', [versionId]))
    .rows[0].ok;
  if (!locked) return false;
  const done = (
    await tx.query<{ m: number | null }>('select tile_max_zoom as m from layer_versions where id = $1', [versionId])
  ).rows[0];
  if (!done || done.m != null) return false;
  for (let i = 0; i < tiles.length; i += INSERT_BATCH) {
    const batch = tiles.slice(i, i + INSERT_BATCH);
    const params: unknown[] = [versionId];
    const values = batch.map((t) => {
      params.push(t.z, t.x, t.y, toBase64(t.data));
      const n = params.length;
      return `($1, $${n - 3}, $${n - 2}, $${n - 1}, decode($${n}, 'base64'))`;
    });
    await tx.query(`insert into layer_tiles (version_id, z, x, y, data) values ${values.join(', ')}`, params);
  }
  await tx.query('update layer_versions set tile_max_zoom = $2 where id = $1', [versionId, maxZoom]);
  return true;
}

/** Versions without a stored pyramid, current ones first. */
export async function versionsWithoutPyramid(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    'select id from layer_versions where tile_max_zoom is null order by is_current desc, id desc'
  );
  return rows.map((r) => Number(r.id));
}
