// The stored pyramid and the tiles cut deeper from it, against the reference decoder: every zoom down to
// z14 holds the zones that cross the tile, ids and names kept; a z16 tile cut from z14 matches the one
// geojson-vt slices directly; decodeTile reads back what encodeTile wrote.
import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import {
  buildPyramid,
  groupRings,
  PYRAMID_MAX_ZOOM,
  type EncodedTile,
  type ZoneRow
} from '../../../src/lib/server/tiles/pyramid.ts';
import { concatTiles, decodeTile, overzoomTile } from '../../../src/lib/server/tiles/overzoom.ts';
import { encodeTile } from '../../../src/lib/server/tiles/mvt.ts';
import { tileOf } from '../../helpers/tiles.ts';

const decode = (b: Uint8Array) => new VectorTile(new PbfReader(b));

/** An axis-aligned square ring in tile units. */
const sq = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1]
];
const box = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s]
];
// A 2 km block with a 400 m courtyard, and a two-part zone 5 km away (a MultiPolygon).
const rows: ZoneRow[] = [
  {
    id: 11,
    name: '工业区块 A',
    code: 'IB-A',
    props: { use: 'industrial', secret: 'x' },
    geojson: JSON.stringify({
      type: 'Polygon',
      coordinates: [box(121.4, 31.2, 121.42, 31.22), box(121.408, 31.208, 121.412, 31.212)]
    })
  },
  {
    id: 12,
    name: '两块',
    code: null,
    props: {},
    geojson: JSON.stringify({
      type: 'MultiPolygon',
      coordinates: [[box(121.46, 31.2, 121.47, 31.21)], [box(121.48, 31.2, 121.49, 31.21)]]
    })
  }
];

function pyramid(): Map<string, EncodedTile> {
  const all = new Map<string, EncodedTile>();
  buildPyramid('industrial_block', rows, (t) => all.set(`${t.z}/${t.x}/${t.y}`, t));
  return all;
}

describe('buildPyramid', () => {
  const tiles = pyramid();

  it('stores every zoom down to z14 where the zones are wider than a tile unit, with ids and map properties only', () => {
    // A 2 km block is under one unit (1/4096 of a tile) at z0–z2 and simplified away there.
    const zooms = new Set([...tiles.values()].map((t) => t.z));
    for (let z = 3; z <= PYRAMID_MAX_ZOOM; z++) expect(zooms.has(z)).toBe(true);
    expect(Math.max(...zooms)).toBe(PYRAMID_MAX_ZOOM);
    const z12 = tileOf(121.41, 31.21, 12);
    const layer = decode(tiles.get(`12/${z12.x}/${z12.y}`)!.data).layers.industrial_block;
    const f = Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((g) => g.id === 11)!;
    expect(f.properties).toEqual({ name: '工业区块 A', code: 'IB-A', use: 'industrial' });
    expect(f.toGeoJSON(z12.x, z12.y, 12).geometry.type).toBe('Polygon'); // the courtyard stays a hole
    // At z14 each part of the MultiPolygon is in its own tile, under the same id.
    const [a, b] = [tileOf(121.465, 31.205, 14), tileOf(121.485, 31.205, 14)];
    for (const t of [a, b])
      expect(decode(tiles.get(`14/${t.x}/${t.y}`)!.data).layers.industrial_block.feature(0).id).toBe(12);
  });

  it('leaves out tiles with no zone, so a missing tile means empty', () => {
    const far = tileOf(121.8, 31.0, 14);
    expect(tiles.has(`14/${far.x}/${far.y}`)).toBe(false);
    expect(tiles.size).toBeLessThan(80);
  });

  it('a z16 tile cut from the stored z14 tile holds the same zones and outline as slicing z16 directly', () => {
    const t16 = tileOf(121.4101, 31.2101, 16); // on the block's west edge… and the courtyard is in another tile
    const parent = tiles.get(`14/${t16.x >> 2}/${t16.y >> 2}`)!;
    const cut = decode(overzoomTile(parent.data, 2, t16.x, t16.y)).layers.industrial_block;
    const vt = new GeoJSONVT(
      {
        type: 'FeatureCollection',
        features: rows.map((r) => ({ type: 'Feature', id: r.id, properties: {}, geometry: JSON.parse(r.geojson) }))
      },
      { maxZoom: 16, indexMaxZoom: 0, tolerance: 0, buffer: 64, wrap: false }
    );
    const direct = vt.getTile(16, t16.x, t16.y)!;
    expect(cut.length).toBe(direct.features.length);
    const bboxOf = (pts: { x: number; y: number }[]) => [
      Math.min(...pts.map((p) => p.x)),
      Math.min(...pts.map((p) => p.y)),
      Math.max(...pts.map((p) => p.x)),
      Math.max(...pts.map((p) => p.y))
    ];
    const mine = bboxOf(cut.feature(0).loadGeometry().flat());
    const theirs = bboxOf((direct.features[0].geometry as [number, number][][]).flat().map(([x, y]) => ({ x, y })));
    // z14 keeps a 1/4096 grid; at z16 that is 4 units: the outlines agree within it.
    mine.forEach((v, i) => expect(Math.abs(v - theirs[i])).toBeLessThanOrEqual(4));
    expect(mine[0]).toBeGreaterThanOrEqual(-64);
    expect(mine[2]).toBeLessThanOrEqual(4096 + 64);
  });
});

describe('decodeTile and concatTiles', () => {
  it('reads back ids, properties and rings; concatenated single-layer tiles are one tile with both layers', () => {
    const a = encodeTile('district', [
      { id: 3, polygons: [[sq(0, 0, 100, 100), sq(20, 20, 40, 40).reverse()]], properties: { name: '黄浦区', n: 2 } }
    ]);
    const b = encodeTile('lingang', [{ id: 4, polygons: [[sq(10, 10, 50, 50)]], properties: { name: '临港' } }]);
    const [layer] = decodeTile(a);
    expect(layer.name).toBe('district');
    expect(layer.features[0]).toMatchObject({ id: 3, properties: { name: '黄浦区', n: 2 } });
    expect(layer.features[0].polygons).toHaveLength(1);
    expect(layer.features[0].polygons[0]).toHaveLength(2);
    const both = decode(concatTiles([a, new Uint8Array(0), b]));
    expect(Object.keys(both.layers).sort()).toEqual(['district', 'lingang']);
  });

  it('groupRings starts a polygon at each ring wound like the first', () => {
    const cw: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10]
    ];
    const ccw = (r: [number, number][]) => [...r].reverse();
    expect(groupRings([cw, ccw(cw), cw, cw]).map((p) => p.length)).toEqual([2, 1, 1]);
  });
});

describe('overzoomTile', () => {
  // The child z+1 (0, 0) covers the parent's units 0–2048 (plus the 64-unit buffer: 32 parent units).
  const parent = encodeTile('district', [
    { id: 1, polygons: [[sq(100, 100, 300, 300), sq(150, 150, 200, 200).reverse()]], properties: { name: 'inside' } },
    { id: 2, polygons: [[sq(3000, 3000, 3500, 3500)]], properties: { name: 'outside' } },
    { id: 3, polygons: [[sq(1900, 100, 2300, 400)]], properties: { name: 'across' } },
    { id: 4, polygons: [[sq(500, 500, 600, 600)], [sq(2500, 500, 2600, 600)]], properties: { name: 'both' } }
  ]);
  const [cut] = decodeTile(overzoomTile(parent, 1, 0, 0));
  const byName = (n: string) => cut.features.find((f) => f.properties.name === n);

  it('keeps a zone wholly inside the child unclipped, scaled exactly, with its hole', () => {
    expect(byName('inside')!.polygons).toEqual(
      decodeTile(
        encodeTile('d', [{ polygons: [[sq(200, 200, 600, 600), sq(300, 300, 400, 400).reverse()]], properties: {} }])
      )[0].features[0].polygons
    );
  });

  it('leaves out zones wholly outside, and the polygons of a multipolygon that are', () => {
    expect(byName('outside')).toBeUndefined();
    expect(byName('both')!.polygons).toHaveLength(1);
    expect(byName('both')!.polygons[0][0].every(([x, y]) => x >= 1000 && x <= 1200 && y >= 1000 && y <= 1200)).toBe(
      true
    );
  });

  it('clips a zone across the edge to the child and its buffer', () => {
    const xs = byName('across')!
      .polygons.flat(2)
      .map(([x]) => x);
    expect(Math.min(...xs)).toBe(3800);
    expect(Math.max(...xs)).toBe(4096 + 64);
  });
});
