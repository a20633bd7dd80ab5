// Vector tiles of the zoning layers: validation, encoding, an ETag keyed by layer version + z/x/y, and a
// small per-process cache of encoded tiles (a cache only: correctness never depends on it).
import type { Polygon, MultiPolygon } from 'geojson';
import type { Queryable } from '../db/index.ts';
import { encodeTile, type TileFeature } from './mvt.ts';
import { resolveVersion, tileRows } from './tiles.repository.ts';

/** Deepest zoom served: z18 tiles are ~150 m wide in Shanghai, finer than any zoning line. */
export const MAX_ZOOM = 18;
/** Bump when the encoding changes so browsers drop tiles cached under the old ETag. */
const ENCODER_REVISION = 1;
/** Encoded tiles kept per process (~a few MB): panning back and forth does not hit the database. */
const CACHE_TILES = 2000;

export interface TileRequest { kind: string; z: number; x: number; y: number; versionId: number | null }
export type TileResult = { status: 'ok'; body: Uint8Array; etag: string; versionId: number } | { status: 'bad' } | { status: 'no_layer' };

const cache = new Map<string, Uint8Array>();

export function parseTileParams(p: { layer?: string; z?: string; x?: string; y?: string }, v: string | null): TileRequest | null {
  const kind = p.layer ?? '';
  const [z, x, y] = [p.z, p.x, (p.y ?? '').replace(/\.mvt$/, '')].map((s) => (/^\d{1,7}$/.test(s ?? '') ? Number(s) : NaN));
  if (!/^[a-z_]{2,40}$/.test(kind) || !Number.isInteger(z) || z > MAX_ZOOM) return null;
  if (!(x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z)) return null;
  const versionId = v == null || v === '' ? null : /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  if (Number.isNaN(versionId)) return null;
  return { kind, z, x, y, versionId };
}

/** Properties a map needs for styling and labels; the rest of a zone's attributes stay on the server. */
function tileProperties(r: { name: string; code: string | null; props: Record<string, unknown> }) {
  const out: Record<string, string | number | boolean> = { name: r.name };
  if (r.code) out.code = r.code;
  for (const k of ['name_en', 'use', 'district']) {
    const v = r.props?.[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}

export async function renderTile(db: Queryable, req: TileRequest): Promise<TileResult> {
  const versionId = await resolveVersion(db, req.kind, req.versionId);
  if (versionId == null) return { status: 'no_layer' };
  const key = `${versionId}/${req.z}/${req.x}/${req.y}`;
  const etag = `"zl${ENCODER_REVISION}-${versionId}-${req.z}-${req.x}-${req.y}"`;
  let body = cache.get(key);
  if (!body) {
    const rows = await tileRows(db, versionId, req.z, req.x, req.y);
    const features: TileFeature[] = rows.map((r) => {
      const g = JSON.parse(r.geojson) as Polygon | MultiPolygon | { type: 'GeometryCollection'; geometries: (Polygon | MultiPolygon)[] };
      return { id: Number(r.id), polygons: polygonsOf(g), properties: tileProperties(r) };
    });
    body = encodeTile(req.kind, features);
    if (cache.size >= CACHE_TILES) cache.delete(cache.keys().next().value!);
    cache.set(key, body);
  }
  return { status: 'ok', body, etag, versionId };
}

type AnyPoly = Polygon | MultiPolygon | { type: 'GeometryCollection'; geometries: AnyPoly[] } | { type: string };
function polygonsOf(g: AnyPoly): [number, number][][][] {
  if (g.type === 'Polygon') return [(g as Polygon).coordinates as [number, number][][]];
  if (g.type === 'MultiPolygon') return (g as MultiPolygon).coordinates as [number, number][][][];
  if (g.type === 'GeometryCollection') return (g as { geometries: AnyPoly[] }).geometries.flatMap(polygonsOf);
  return [];
}
