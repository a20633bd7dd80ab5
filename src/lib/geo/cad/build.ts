// Intermediate drawing → ReadResult: units, pieces per layer, rings (incl. chains that close), layer choice,
// polygons with holes as GeoJSON in the drawing's coordinates (scaled to metres when $INSUNITS applies).
import type { Feature, Polygon } from 'geojson';
import type { Decision, FormatId, LayerInfo, Message, ReadOptions, ReadResult } from '../types.ts';
import type { CadDrawing, CadNote, Vec2 } from './model.ts';
import { CHORD_TOLERANCE_M } from './curves.ts';
import { nestRings, signedArea } from '../planar.ts';
import { flatten, type FlattenResult } from './flatten.ts';
import { chainInto, chainPieces, keptRings, RingView, type LayerRings } from './rings.ts';
import { PieceList } from './pieces.ts';
import { FOOTPRINTS, pickBoundaryLayer } from './layers.ts';
import { decideUnits, RawExtent, type BBox, type UnitsDecision } from './units.ts';
import { budgetOf } from '../budget.ts';
import { lazyGeometry } from '../lazy-geometry.ts';

/** Gap under which two line ends count as joined, in metres: 1 cm, a fifth of the 5 cm 界址点 accuracy
 *  (TD/T 1001), wide enough for rounding in exported coordinates and far below any real gap between parcels. */
export const CLOSE_TOLERANCE_M = 0.01;

function rawExtent(d: CadDrawing): BBox | undefined {
  const x = new RawExtent();
  for (const e of d.entities) x.add(e);
  return x.box;
}

/** `pts` are fresh (unpacked for this pick), so unscaled they are used as they are. */
function ringCoords(pts: Vec2[], ccw: boolean, factor: number): number[][] {
  const out = factor === 1 ? pts : pts.map((p) => [p[0] * factor, p[1] * factor]);
  if (signedArea(pts) > 0 !== ccw) out.reverse();
  return out;
}

/** A parcel made from the packed rings each time its coordinates are read (lazy-geometry.ts): the picked layer is
 *  not held as [x, y] arrays (276,000 positions, ~18 MB, for 20,000 parcels). */
function packedPolygon(shell: RingView, holes: RingView[], factor: number): Polygon {
  const count = holes.reduce((n, h) => n + h.size, shell.size);
  // RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise.
  const read = () => [ringCoords(shell.pts, true, factor), ...holes.map((h) => ringCoords(h.pts, false, factor))];
  return lazyGeometry('Polygon', read, count);
}

/** The units decision and the tolerances it implies, in drawing units. */
export interface CadUnits {
  units: UnitsDecision;
  chordTol: number;
  closeTol: number;
}

export function cadUnits(insunits: number | undefined, raw: BBox | undefined): CadUnits {
  const units = decideUnits(insunits, raw);
  // Tolerances are metres; drawings are in their own units, so divide by metres-per-unit when known.
  const perUnit = units.unitsToMetres && units.factor !== 1 ? units.unitsToMetres : 1;
  return { units, chordTol: CHORD_TOLERANCE_M / perUnit, closeTol: CLOSE_TOLERANCE_M / perUnit };
}

/** A whole drawing (DWG, or a DXF that could not be flattened as it was parsed) → ReadResult. */
export function buildResult(
  d: CadDrawing,
  opts: ReadOptions,
  format: FormatId,
  decisions: Decision[],
  warnings: Message[]
): ReadResult {
  const u = cadUnits(d.insunits, rawExtent(d));
  const flat = flatten(d, u.chordTol, u.closeTol, budgetOf(opts), opts.purpose === 'footprints');
  return resultOf(flat, d.notes, u, opts, format, decisions, warnings);
}

/** Flattened pieces → rings per layer → the picked layer's polygons (and `relayer` for another pick). */
export function resultOf(
  flat: FlattenResult,
  readerNotes: CadNote[],
  u: CadUnits,
  opts: ReadOptions,
  format: FormatId,
  decisions: Decision[],
  warnings: Message[]
): ReadResult {
  const { units, closeTol } = u;
  decisions.push(units.decision);
  warnings.push(...units.warnings);
  decisions.push({ what: 'chord-tolerance', value: `${CHORD_TOLERANCE_M} m`, rule: 'CHORD_TOLERANCE_M' });
  const ringsByLayer = new Map<string, LayerRings>();
  const infos: LayerInfo[] = [];
  for (const l of flat.layers.values()) {
    // Open pieces are only chained here, where they lie: a chain that closes is copied to the closed ones.
    let open = 0;
    chainPieces(l.open, closeTol, (c, closed) => {
      if (!closed) return void open++;
      chainInto(l.open, c, l.closed);
      l.sources.push('chain');
      l.handles.push(undefined);
    });
    l.open = new PieceList();
    const rings = keptRings(l.closed, l.sources, l.handles, closeTol, open);
    l.sources = l.handles = []; // the kept rings have their own
    ringsByLayer.set(l.name, rings);
    infos.push({ name: l.name, entityCount: l.entityCount, closedRings: rings.ids.length });
  }
  for (const n of [...readerNotes, ...flat.notes]) {
    warnings.push({ code: 'cad_note', zh: `CAD 读取说明：${n.zh}`, en: `CAD reader note: ${n.en}` });
  }
  // Only what a layer pick needs stays reachable from `relayer`: the rings and the texts, not the pieces.
  const texts = flat.texts;

  // Every layer is flattened and ringed above; picking one is cheap, so another pick reuses all of it.
  const footprints = opts.purpose === 'footprints';
  const finish = (layer: string | undefined): ReadResult => {
    const ds = decisions.slice();
    const ws = warnings.slice();
    const pick = footprints ? pickBoundaryLayer(infos, layer, FOOTPRINTS) : pickBoundaryLayer(infos, layer);
    ds.push(pick.decision);
    const chosen = ringsByLayer.get(pick.layer)!;
    if (chosen.open > 0) {
      ws.push({
        code: 'cad_open_lines',
        zh: `图层“${pick.layer}”上有 ${chosen.open} 条未闭合的线（首尾相距超过 ${CLOSE_TOLERANCE_M} 米），未用于构成地块。`,
        en: `Layer "${pick.layer}" has ${chosen.open} open line(s) whose ends are more than ${CLOSE_TOLERANCE_M} m apart; they were not used.`
      });
    }
    // Containment is decided with a tight "on the boundary" band (10 µm): holes often sit close to their shell.
    const views = chosen.ids.map((_, k) => new RingView(chosen, k));
    const polys = nestRings(views, closeTol / 1000);
    const factor = units.factor;
    const features: Feature<Polygon, Record<string, unknown>>[] = polys.map((p) => ({
      type: 'Feature',
      properties: {
        layer: pick.layer,
        entity: p.shell.source,
        ...(p.shell.handle ? { handle: p.shell.handle } : {}),
        holes: p.holes.length
      },
      geometry: packedPolygon(p.shell, p.holes, factor)
    }));
    return {
      format,
      features,
      decisions: ds,
      layers: infos,
      sourceLayer: pick.layer,
      ...(footprints
        ? { texts: texts.map((t) => ({ layer: t.layer, x: t.at[0] * factor, y: t.at[1] * factor, text: t.text })) }
        : {}),
      // The coordinates handed over are metres whenever the drawing names its units (scaled here by `factor`,
      // or kept when they already read as Gauss-Krüger metres): the CRS stage must not scale them again, which
      // put every $INSUNITS=4 drawing (AutoCAD's metric template) 1,000 times too small. Unknown units stay
      // undefined, so detection may still try millimetres.
      unitsToMetres: units.unitsToMetres === undefined ? undefined : 1,
      warnings: ws,
      relayer: finish
    };
  };
  return finish(opts.layer);
}
