// Vector tiles of the seeded sample layers: valid MVT decoded with @mapbox/vector-tile, empty tiles,
// caching by layer version (ETag, 304), sign-in required; the composite tile (all layers of a z/x/y, what
// the app's map asks) carries exactly the features of the per-layer tiles, stored and over-zoomed.
import { beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { booleanPointInPolygon } from '@turf/turf';
import { AUTHORITIES } from '../../src/lib/domain/authorities.ts';
import { Client, loginAs } from '../helpers/http.ts';
import { tileOf } from '../helpers/tiles.ts';

let officer: Client;
beforeAll(async () => {
  officer = await loginAs('pd_industry');
});

const get = (c: Client, path: string, headers: Record<string, string> = {}) =>
  c.request('GET', path, undefined, headers);
const decode = async (res: Response) => new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));

describe('GET /api/v1/tiles/:layer/:z/:x/:y.mvt', () => {
  it("the district tile over People's Square at z12 holds Huangpu with its name, as polygons inside the tile extent", async () => {
    const t = tileOf(121.475, 31.232, 12);
    const res = await get(officer, `/api/v1/tiles/district/${t.z}/${t.x}/${t.y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const tile = await decode(res);
    const layer = tile.layers.district;
    expect(layer.extent).toBe(4096);
    const names = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.name);
    expect(names).toContain('黄浦区');
    const f = layer.feature(names.indexOf('黄浦区'));
    expect(f.type).toBe(3);
    expect(f.properties.code).toBe('huangpu');
    // Clipped with a 64-pixel buffer: no coordinate far outside the tile.
    for (const ring of f.loadGeometry())
      for (const p of ring) {
        expect(p.x).toBeGreaterThanOrEqual(-64);
        expect(p.x).toBeLessThanOrEqual(4096 + 64);
      }
    // Decoded back to lon/lat, the feature covers the point we asked for; the neighbouring district does not.
    const gj = f.toGeoJSON(t.x, t.y, t.z);
    expect(gj.geometry.type).toMatch(/Polygon/);
    expect(booleanPointInPolygon([121.475, 31.232], gj as never)).toBe(true);
    const others = names
      .map((n, i) => [n, layer.feature(i).toGeoJSON(t.x, t.y, t.z)] as const)
      .filter(([n]) => n !== '黄浦区');
    for (const [n, g] of others) expect(booleanPointInPolygon([121.475, 31.232], g as never), String(n)).toBe(false);
  });

  it('the z8 tiles over Shanghai hold all 16 districts', async () => {
    // Shanghai spans about 120.85–122.0°E, 30.67–31.88°N; at z8 (~1.4° per tile) that may be up to four tiles.
    const a = tileOf(120.85, 31.88, 8);
    const b = tileOf(122.0, 30.67, 8);
    const codes = new Set<string>();
    for (let x = a.x; x <= b.x; x++) {
      for (let y = a.y; y <= b.y; y++) {
        const res = await get(officer, `/api/v1/tiles/district/8/${x}/${y}.mvt`);
        if (res.status === 204) continue;
        const layer = (await decode(res)).layers.district;
        for (let i = 0; i < (layer?.length ?? 0); i++) codes.add(String(layer.feature(i).properties.code));
      }
    }
    expect(codes.size).toBe(16);
    expect([...codes].sort()).toEqual(
      AUTHORITIES.filter((x) => x.kind === 'district')
        .map((x) => x.code)
        .sort()
    );
  });

  it('a tile outside the data is empty: 204 No Content, still cacheable', async () => {
    const res = await get(officer, '/api/v1/tiles/district/8/10/10.mvt');
    expect(res.status).toBe(204);
    expect(res.headers.get('etag')).toBeTruthy();
  });

  it('ETag keyed by layer version and tile; If-None-Match answers 304; ?v= pins a version for a day', async () => {
    const t = tileOf(121.475, 31.232, 12);
    const path = `/api/v1/tiles/industrial_block/${t.z}/${t.x}/${t.y}.mvt`;
    const first = await get(officer, path);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"zl\d+-\d+-12-\d+-\d+"$/);
    expect(first.headers.get('cache-control')).toContain('max-age=60');
    const again = await get(officer, path, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    const other = await get(officer, `/api/v1/tiles/industrial_block/${t.z}/${t.x + 1}/${t.y}.mvt`);
    expect(other.headers.get('etag')).not.toBe(etag);
    const versionId = etag.split('-')[1];
    const pinned = await get(officer, `${path}?v=${versionId}`);
    expect(pinned.headers.get('cache-control')).toContain('immutable');
    expect(pinned.headers.get('etag')).toBe(etag);
  });

  it('needs a signed-in user; bad addresses and unknown layers are 400/404 with a message', async () => {
    const anon = new Client();
    expect((await get(anon, '/api/v1/tiles/district/8/214/104.mvt')).status).toBe(401);
    const bad = await get(officer, '/api/v1/tiles/district/8/999/104.mvt');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_tile');
    expect((await get(officer, '/api/v1/tiles/no_such_layer/8/214/104.mvt')).status).toBe(404);
    expect((await get(officer, '/api/v1/tiles/district/8/214/104.mvt?v=abc')).status).toBe(400);
  });
});

/** Every feature of a decoded layer as comparable data: id, properties and rings in tile coordinates. */
function featuresOf(tile: VectorTile, name: string) {
  const layer = tile.layers[name];
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => {
    const f = layer.feature(i);
    return { id: f.id, properties: f.properties, rings: f.loadGeometry().map((r) => r.map((p) => [p.x, p.y])) };
  }).sort((a, b) => Number(a.id) - Number(b.id));
}

describe('GET /api/v1/tiles/:z/:x/:y.mvt (all layers in one tile)', () => {
  it('carries, for every layer, the same features as the per-layer tile — at a stored zoom and over-zoomed to z16', async () => {
    const layers = (await (await get(officer, '/api/v1/layers')).json()).layers as {
      kind: string;
      versionId: number | null;
    }[];
    const current = layers.filter((l) => l.versionId != null);
    expect(current.length).toBeGreaterThanOrEqual(8);
    const v = current.map((l) => l.versionId).join('.');
    for (const t of [tileOf(121.475, 31.232, 12), tileOf(121.6, 31.2, 14), tileOf(121.2403, 31.3817, 16)]) {
      const res = await get(officer, `/api/v1/tiles/${t.z}/${t.x}/${t.y}.mvt?v=${v}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
      const composite = await decode(res);
      const names = Object.keys(composite.layers);
      expect(names).toContain('district');
      for (const l of current) {
        const one = await get(officer, `/api/v1/tiles/${l.kind}/${t.z}/${t.x}/${t.y}.mvt?v=${l.versionId}`);
        const alone = one.status === 204 ? [] : featuresOf(await decode(one), l.kind);
        expect(featuresOf(composite, l.kind), `${l.kind} at ${t.z}/${t.x}/${t.y}`).toEqual(alone);
      }
    }
  });

  it('without ?v= serves the current versions (revalidated after a minute); unknown versions are 404, bad lists 400', async () => {
    const t = tileOf(121.475, 31.232, 10);
    const res = await get(officer, `/api/v1/tiles/${t.z}/${t.x}/${t.y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('max-age=60');
    const etag = res.headers.get('etag')!;
    expect((await get(officer, `/api/v1/tiles/${t.z}/${t.x}/${t.y}.mvt`, { 'if-none-match': etag })).status).toBe(304);
    expect(Object.keys((await decode(res)).layers)).toEqual(
      expect.arrayContaining(['district', 'development_boundary', 'industrial_block'])
    );
    expect((await get(officer, `/api/v1/tiles/${t.z}/${t.x}/${t.y}.mvt?v=999999`)).status).toBe(404);
    expect((await get(officer, `/api/v1/tiles/${t.z}/${t.x}/${t.y}.mvt?v=1.x`)).status).toBe(400);
    expect((await get(new Client(), `/api/v1/tiles/${t.z}/${t.x}/${t.y}.mvt`)).status).toBe(401);
  });
});

// The server entry answers a signed-in user's plain tile request before SvelteKit (tiles/fast-path.ts); a
// request with any other query parameter goes through SvelteKit's route. Both must answer alike.
describe('tiles answered before SvelteKit and by its route', () => {
  const SAME = [
    'content-type',
    'etag',
    'cache-control',
    'vary',
    'x-content-type-options',
    'x-frame-options',
    'referrer-policy',
    'cross-origin-opener-policy'
  ];
  const headersOf = (res: Response) => Object.fromEntries(SAME.map((h) => [h, res.headers.get(h)]));

  it('the same status, bytes, caching and security headers, with a request id, for a tile, an empty one and a 304', async () => {
    const t = tileOf(121.475, 31.232, 12);
    for (const path of [
      `/api/v1/tiles/${t.z}/${t.x}/${t.y}.mvt`,
      `/api/v1/tiles/district/${t.z}/${t.x}/${t.y}.mvt`,
      '/api/v1/tiles/district/8/10/10.mvt'
    ]) {
      const fast = await get(officer, path);
      const routed = await get(officer, `${path}${path.includes('?') ? '&' : '?'}via=route`);
      expect(fast.status, path).toBe(routed.status);
      expect(headersOf(fast), path).toEqual(headersOf(routed));
      expect(fast.headers.get('x-request-id')).toMatch(/^[\w.:-]{8,64}$/);
      expect(Buffer.from(await fast.arrayBuffer()).equals(Buffer.from(await routed.arrayBuffer())), path).toBe(true);
      const etag = fast.headers.get('etag')!;
      const [fast304, routed304] = [
        await get(officer, path, { 'if-none-match': etag }),
        await get(officer, `${path}?via=route`, { 'if-none-match': etag })
      ];
      expect([fast304.status, routed304.status]).toEqual([304, 304]);
      expect(headersOf(fast304)).toEqual(headersOf(routed304));
    }
  });

  it('a proxy’s request id is kept on the fast path too', async () => {
    const t = tileOf(121.475, 31.232, 10);
    const res = await get(officer, `/api/v1/tiles/${t.z}/${t.x}/${t.y}.mvt`, { 'x-request-id': 'proxy-abc-12345' });
    expect(res.headers.get('x-request-id')).toBe('proxy-abc-12345');
  });
});
