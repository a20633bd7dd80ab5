// The MVT encoder against the reference decoder: geometry, winding, holes, properties, empty tiles.
import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { encodeTile } from '../../../src/lib/server/tiles/mvt.ts';

const decode = (b: Uint8Array) => new VectorTile(new PbfReader(b));
const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0]
];

describe('encodeTile', () => {
  it('a square with a hole decodes to the same rings, exterior clockwise and hole counter-clockwise', () => {
    // Source rings wound the "wrong" way on purpose: the encoder must fix the winding.
    const outer = square(100, 100, 1100, 1100).reverse();
    const hole = square(400, 400, 600, 600);
    const bytes = encodeTile('zones', [
      { id: 7, polygons: [[outer, hole]], properties: { name: '测试', share: 0.25, n: 3, ok: true } }
    ]);
    const layer = decode(bytes).layers.zones;
    expect(layer.length).toBe(1);
    const f = layer.feature(0);
    expect(f.id).toBe(7);
    expect(f.type).toBe(3);
    expect(f.properties).toEqual({ name: '测试', share: 0.25, n: 3, ok: true });
    const rings = f.loadGeometry();
    expect(rings).toHaveLength(2);
    expect(new Set(rings[0].map((p) => `${p.x},${p.y}`))).toEqual(
      new Set(['100,100', '1100,100', '1100,1100', '100,1100'])
    );
    const area = (r: { x: number; y: number }[]) =>
      r.reduce((s, p, i) => {
        const q = r[(i + 1) % r.length];
        return s + p.x * q.y - q.x * p.y;
      }, 0) / 2;
    expect(area(rings[0])).toBe(1000 * 1000);
    expect(area(rings[1])).toBe(-200 * 200);
    // The reference decoder's ring classification gives one polygon with one hole.
    expect(f.toGeoJSON(0, 0, 0).geometry.type).toBe('Polygon');
  });

  it('shares keys and values between features; two polygons make a MultiPolygon', () => {
    const bytes = encodeTile('l', [
      { id: 1, polygons: [[square(0, 0, 10, 10)], [square(20, 20, 30, 30)]], properties: { kind: 'a' } },
      { id: 2, polygons: [[square(40, 40, 50, 50)]], properties: { kind: 'a' } }
    ]);
    const layer = decode(bytes).layers.l;
    expect(layer.length).toBe(2);
    expect(layer.feature(0).toGeoJSON(0, 0, 0).geometry.type).toBe('MultiPolygon');
    expect(layer.feature(1).properties.kind).toBe('a');
  });

  it('polygons collapsed to a line or a point at this zoom are dropped; nothing left → empty tile', () => {
    expect(
      encodeTile('l', [
        {
          id: 1,
          polygons: [
            [
              [
                [5, 5],
                [5, 5],
                [5, 5],
                [5, 5]
              ]
            ]
          ],
          properties: {}
        }
      ]).length
    ).toBe(0);
    expect(
      encodeTile('l', [
        {
          id: 1,
          polygons: [
            [
              [
                [0, 0],
                [10, 0],
                [20, 0],
                [0, 0]
              ]
            ]
          ],
          properties: {}
        }
      ]).length
    ).toBe(0);
    expect(encodeTile('l', []).length).toBe(0);
  });
});
