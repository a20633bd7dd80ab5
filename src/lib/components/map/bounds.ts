// Extents of GeoJSON geometries, walked coordinate by coordinate (no text matching).
import type { Geometry, Position } from 'geojson';

export type Bounds = [number, number, number, number]; // west, south, east, north

function visit(c: unknown, b: Bounds): void {
  if (Array.isArray(c) && typeof c[0] === 'number') {
    const [x, y] = c as Position;
    b[0] = Math.min(b[0], x);
    b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x);
    b[3] = Math.max(b[3], y);
  } else if (Array.isArray(c)) for (const x of c) visit(x, b);
}

/** The bounding box of the geometries, or null when they hold no coordinate. */
export function boundsOf(geometries: (Geometry | null | undefined)[]): Bounds | null {
  const b: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geometries) {
    if (!g) continue;
    if (g.type === 'GeometryCollection')
      visit(
        g.geometries.map((x) => ('coordinates' in x ? x.coordinates : [])),
        b
      );
    else visit(g.coordinates, b);
  }
  return Number.isFinite(b[0]) ? b : null;
}

/** The centre of a geometry's bounding box: a dot for a parcel too small to see at city scale. */
export function centreOf(g: Geometry): Position | null {
  const b = boundsOf([g]);
  return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : null;
}
