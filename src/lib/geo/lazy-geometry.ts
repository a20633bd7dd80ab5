// A (Multi)Polygon whose coordinates are made each time they are read: from the .shp bytes (formats/shapefile.ts)
// or from a DXF layer's packed rings (cad/build.ts). A reader that held every position as an [x, y] array (64 bytes
// each, copied by V8's young-generation collector and then faulted into fresh pages of the old one) spent most of
// its time and memory on them (bench/ingest/README.md, stop 15). It is GeoJSON to every reader of it: reading
// `coordinates`, and JSON.stringify, give fresh arrays with the same numbers; a change to them is not kept.
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Area = Polygon | MultiPolygon;

/** The geometry of `type` whose coordinates are `read()` on each reading. `positionCount` (how many positions
 *  `read` gives) is kept out of the GeoJSON (not enumerable): the CRS stage samples by it without reading. */
export function lazyGeometry(type: 'Polygon', read: () => Position[][], positionCount: number): Polygon;
export function lazyGeometry(type: 'MultiPolygon', read: () => Position[][][], positionCount: number): MultiPolygon;
export function lazyGeometry(type: Area['type'], read: () => Area['coordinates'], positionCount: number): Area {
  const g = {
    type,
    get coordinates() {
      return read();
    }
  };
  return Object.defineProperty(g, 'positionCount', { value: positionCount }) as Area;
}

/** How many positions `g` has: a lazy geometry's own count, else counted. */
export function positionCount(g: Area): number {
  const given = (g as { positionCount?: number }).positionCount;
  if (given !== undefined) return given;
  let n = 0;
  for (const p of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) for (const r of p) n += r.length;
  return n;
}

/** A lazy geometry as one that holds its coordinates, read once (a stage that reads them twice: the reprojection
 *  and the source geometry written out); any other geometry as it is. */
export function readOnce<G extends Area>(g: G): G {
  return Object.getOwnPropertyDescriptor(g, 'coordinates')?.get
    ? ({ type: g.type, coordinates: g.coordinates } as G)
    : g;
}
