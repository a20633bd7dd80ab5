// Tiny-polygon reduction, as tippecanoe does it: above the pyramid's deepest zoom a zone of a pixel or two
// is a dot, not a shape, yet it costs its vertices and its name in the tile (the 30,000-patch
// farmland layer made a 2 MB z8 tile). Such zones are gathered per cell of two pixels into one square whose
// area is their summed area (at least half a pixel wide, so the layer's density stays visible). A square
// carries no id or name, only how many zones it stands for (`dust`); zoomed in, the zones are whole again.
import { ringBBox, signedArea } from '../../geo/planar.ts';
import type { PolygonRings, TileFeature } from './mvt.ts';

/** Tile units per screen pixel: MapLibre draws a 4096-unit vector tile 512 px wide. */
export const PIXEL = 8;
const CELL = 2 * PIXEL;
const MIN_SIDE = PIXEL / 2;
/** Zones at most this wide and high (two pixels) are drawn as cell squares: the eye cannot tell them apart. */
const TINY = 2 * PIXEL;

/** Zones at most TINY wide and high become cell squares; the others are returned as they are. */
export function reduceTinyPolygons(features: TileFeature[], extent: number): TileFeature[] {
  const kept: TileFeature[] = [];
  const cells = new Map<number, { n: number; area: number; sx: number; sy: number }>();
  const perRow = Math.ceil(extent / CELL);
  for (const f of features) {
    // The exteriors' extent (holes lie inside them).
    const { minX: x0, minY: y0, maxX: x1, maxY: y1 } = ringBBox(f.polygons.flatMap((poly) => poly[0] ?? []));
    if (x1 - x0 > TINY || y1 - y0 > TINY) {
      kept.push(f);
      continue;
    }
    const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    if (!(cx >= 0 && cy >= 0 && cx < extent && cy < extent)) continue; // in the buffer: the neighbour tile has it
    const key = Math.floor(cy / CELL) * perRow + Math.floor(cx / CELL);
    const c = cells.get(key) ?? { n: 0, area: 0, sx: 0, sy: 0 };
    c.n++;
    c.area += f.polygons.reduce((a, p) => a + (p[0] ? Math.abs(signedArea(p[0])) : 0), 0);
    c.sx += cx;
    c.sy += cy;
    cells.set(key, c);
  }
  for (const c of cells.values()) {
    const half = Math.min(CELL, Math.max(MIN_SIDE, Math.sqrt(c.area))) / 2;
    const [mx, my] = [Math.round(c.sx / c.n), Math.round(c.sy / c.n)];
    const square: PolygonRings = [
      [
        [mx - half, my - half],
        [mx + half, my - half],
        [mx + half, my + half],
        [mx - half, my + half]
      ].map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number])
    ];
    kept.push({ polygons: [square], properties: { dust: c.n } });
  }
  return kept;
}
