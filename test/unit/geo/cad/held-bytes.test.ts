// The CLI hands its files over (ReadOptions.releaseBytes): the DXF reader lets the bytes go once the last parse
// is done, and its parcels are made from the packed rings each time they are read, not held as [x, y] arrays.
// Neither may change what is read.
import { describe, expect, it } from 'vitest';
import { readDxf, readDxfFrom } from '../../../../src/lib/geo/formats/dxf.ts';
import { readBoundaryFiles } from '../../../../src/lib/geo/formats/index.ts';
import { block, circle, dxf, insert, line, lwpolyline, encode, GK_X, GK_Y, square } from './dxf-writer.ts';

const enc = encode;
const sq = square;
const X = GK_X,
  Y = GK_Y;
const drawing = (extra: { insunits?: number } = {}) =>
  enc(
    dxf({
      ...extra,
      layers: ['0', '红线', '树'],
      blocks: [block('TREE', [circle('0', [0, 0], 2)])],
      entities: [
        lwpolyline('红线', sq(X, Y, 50), true),
        lwpolyline('红线', sq(X + 10, Y + 10, 5), true), // a hole
        lwpolyline('红线', sq(X + 100, Y, 30), true),
        line('红线', [X, Y + 100], [X + 20, Y + 100]),
        insert('树', 'TREE', [X + 300, Y + 300])
      ]
    })
  );
/** What a caller sees: every field as plain JSON (the getters read). */
const plain = (r: unknown) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'relayer' ? undefined : v)));

describe('DXF bytes handed over', () => {
  it('are emptied once parsed when released, kept otherwise; the result is the same', () => {
    for (const extra of [{}, { insunits: 4 }]) {
      const kept = { bytes: drawing(extra) };
      const handed = { bytes: drawing(extra) };
      const a = readDxfFrom(kept, {});
      const b = readDxfFrom(handed, { releaseBytes: true });
      expect(kept.bytes.length).toBeGreaterThan(1000);
      expect(handed.bytes.length).toBe(0);
      expect(plain(b)).toEqual(plain(a));
    }
  });

  it('readBoundaryFiles empties the files handed over, and reads them as when they are kept', async () => {
    const files = [{ name: 'site.dxf', bytes: drawing() }];
    const kept = await readBoundaryFiles([{ name: 'site.dxf', bytes: drawing() }]);
    const handed = await readBoundaryFiles(files, { releaseBytes: true });
    expect(files[0].bytes.length).toBe(0);
    expect(plain(handed)).toEqual(plain(kept));
  });
});

describe('DXF parcels made from the packed rings', () => {
  it('give the same coordinates at every reading, fresh arrays each time, with their position count', () => {
    const r = readDxf(drawing(), {});
    expect(r.features).toHaveLength(2);
    const [withHole, plainSquare] = r.features.map((f) => f.geometry);
    expect(withHole.coordinates).toHaveLength(2);
    expect(withHole.coordinates).toEqual(withHole.coordinates);
    expect(withHole.coordinates[0]).not.toBe(withHole.coordinates[0]);
    expect(Object.keys(plainSquare)).toEqual(['type', 'coordinates']);
    const count = (g: { coordinates: unknown[][] }) => g.coordinates.reduce((n, ring) => n + ring.length, 0);
    for (const g of [withHole, plainSquare])
      expect((g as unknown as { positionCount: number }).positionCount).toBe(count(g as { coordinates: unknown[][] }));
    // a parcel's text is GeoJSON with the exterior counter-clockwise (RFC 7946)
    const ring = JSON.parse(JSON.stringify(plainSquare)).coordinates[0] as number[][];
    let s = 0;
    for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    expect(s).toBeGreaterThan(0);
  });
});
