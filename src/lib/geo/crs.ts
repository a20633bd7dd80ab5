// CRS stage of the boundary pipeline: decide the source CRS (user's choice > the file's own hint >
// detection from values), then reproject to CGCS2000 lon/lat (EPSG:4490). Definitions, WKT reading,
// detection, local-grid fitting and GCJ-02 live in ./crs/; this module is the stage and the public face.
// EPSG:4490 and EPSG:4326 are treated as equal: they agree at the metre level (GRS80 vs WGS84 ellipsoid
// < 0.1 mm; CGCS2000 vs WGS84 (G1762) frames a few centimetres), far below parcel-survey tolerances.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { type Decision, type Message, type ReadResult } from './types.ts';
import { detectCrs, type Alternative } from './crs/detect.ts';
import { outsideShanghaiError, undeterminedError } from './crs/diagnose.ts';
import { inShanghai, type XY } from './crs/extent.ts';
import { positionCount } from './lazy-geometry.ts';
import { packedMap } from './packed-map.ts';
import { resolveName, resolveSurveyHeader, resolveUserCrs, resolveWktText } from './crs/resolve.ts';
import { fromRegistry, toLonLatFn, toLonLatIntoFn, type LocalSystem, type ResolvedCrs } from './crs/transform.ts';

export {
  CRS_REGISTRY,
  TARGET_CODE,
  SH2000_NOTE,
  OBFUSCATED,
  gkCode,
  type CrsDef,
  type Bilingual
} from './crs/registry.ts';
export { detectCrs, type Detection, type Alternative } from './crs/detect.ts';
export { SHANGHAI_BOX, inShanghai } from './crs/extent.ts';
export { resolveUserCrs, resolveName, resolveWktText, resolveSurveyHeader, epsgFromName } from './crs/resolve.ts';
export { summariseWkt, parseWktTree, resolveWkt } from './crs/wkt.ts';
export {
  fromRegistry,
  fromLocalSystem,
  toLonLatFn,
  fromLonLatFn,
  planeConverter,
  type LocalSystem,
  type ResolvedCrs
} from './crs/transform.ts';
export { fitSimilarity, fitHelmert7, applySimilarity, applyHelmert, geodeticToGeocentric } from './crs/local-fit.ts';
export { wgs84ToGcj02, gcj02ToWgs84, wgs84ToBd09, bd09ToWgs84 } from './crs/gcj02.ts';

export interface CrsChoice {
  crs: ResolvedCrs;
  /** true when the CRS was guessed from values rather than given by the user or the file. */
  detected: boolean;
  confidence: number;
  rule: string;
  swapped: boolean;
  unitsToMetres: number;
  alternatives: Alternative[];
  decisions: Decision[];
  warnings: Message[];
}

export interface CrsStageOptions {
  /** 'auto' (default) or anything resolveUserCrs accepts: EPSG:nnnn, proj4, WKT, GCJ-02, SH2000, a local grid id. */
  crs?: string;
  localSystems?: LocalSystem[];
}

/** Confidence given to a CRS the file declares (.prj, GeoJSON crs, TXT header): stated, but files lie. */
const HINT_CONFIDENCE = 0.95;

/** Every position of the geometries, the geometries' own arrays (read only; a Z may follow x and y). */
export function allPositions(geoms: (Polygon | MultiPolygon)[]): XY[] {
  const out: XY[] = [];
  for (const g of geoms) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const p of polys) for (const r of p) for (const c of r) out.push(c as XY);
  }
  return out;
}

/** samplePoints(allPositions(geoms), max) without the list of every position, and without reading the
 *  coordinates of a geometry that holds none of the sampled positions. */
export function samplePositions(geoms: (Polygon | MultiPolygon)[], max: number): XY[] {
  let n = 0;
  for (const g of geoms) n += positionCount(g);
  if (n <= max) return allPositions(geoms);
  const step = n / max;
  const out: XY[] = [];
  let i = 0;
  for (const g of geoms) {
    const count = positionCount(g);
    if (out.length >= max || Math.floor(out.length * step) >= i + count) {
      i += count;
      continue;
    }
    for (const p of g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
      for (const r of p)
        for (let k = 0; k < r.length; k++)
          if (out.length < max && i++ === Math.floor(out.length * step)) out.push(r[k] as XY);
  }
  return out;
}

function hintCrs(hint: NonNullable<ReadResult['crsHint']>, localSystems: LocalSystem[]): ResolvedCrs | undefined {
  try {
    switch (hint.kind) {
      case 'wkt':
        return resolveWktText(hint.value);
      case 'survey-header':
        return resolveSurveyHeader(hint.value);
      case 'proj4':
        return resolveUserCrs(hint.value, localSystems);
      default:
        return resolveName(hint.value, localSystems);
    }
  } catch {
    return undefined;
  }
}

/** Lands in Shanghai as declared, or only after swapping the axes? */
function landing(s: XY[], crs: ResolvedCrs, scale: number): 'as-is' | 'swapped' | 'no' {
  const f = toLonLatFn(crs);
  const k = crs.kind === 'geographic' ? 1 : scale;
  if (s.every(([x, y]) => inShanghai(f([x * k, y * k])))) return 'as-is';
  if (s.every(([x, y]) => inShanghai(f([y * k, x * k])))) return 'swapped';
  return 'no';
}

/** Decide the source CRS: the user's choice > the file's hint > detection from coordinate values. */
export function chooseCrs(
  read: Pick<ReadResult, 'features' | 'crsHint' | 'unitsToMetres' | 'format'>,
  opts: CrsStageOptions = {}
): CrsChoice {
  const geoms = read.features.map((f) => f.geometry);
  // every position only when detection needs them; a declared CRS is checked on 64 (60,000 for 5,000 parcels)
  let all: XY[] | undefined;
  const points = () => (all ??= allPositions(geoms));
  const scale = read.unitsToMetres ?? 1;
  const localSystems = opts.localSystems ?? [];
  const decisions: Decision[] = [];
  const warnings: Message[] = [];
  const declared = (crs: ResolvedCrs, rule: string, confidence: number): CrsChoice => {
    let swapped = false;
    if (landing(samplePositions(geoms, 64), crs, scale) === 'swapped') {
      swapped = true;
      rule += '+swapped-axes';
      warnings.push({
        code: 'crs-axes-swapped',
        zh: 'X/Y 坐标互换（北坐标在前），已自动交换',
        en: 'X/Y were swapped (northing first): swapped back'
      });
    }
    decisions.push({ what: 'crs', value: crs.code, rule });
    return {
      crs,
      detected: false,
      confidence,
      rule,
      swapped,
      unitsToMetres: scale,
      alternatives: [],
      decisions,
      warnings
    };
  };

  if (opts.crs && opts.crs.trim().toLowerCase() !== 'auto')
    return declared(resolveUserCrs(opts.crs, localSystems), 'user', 1);
  if (read.crsHint) {
    const h = hintCrs(read.crsHint, localSystems);
    if (h) return declared(h, `file-${read.crsHint.kind}`, HINT_CONFIDENCE);
    warnings.push({
      code: 'crs-hint-unreadable',
      zh: `无法识别文件中的坐标系说明（${read.crsHint.source}），改为根据坐标值判断`,
      en: `Could not read the file's coordinate system (${read.crsHint.source}); guessing from the coordinate values`
    });
  }
  const det = detectCrs(points(), scale);
  if (det) {
    decisions.push({
      what: 'crs',
      value: det.crs.code,
      rule: det.rule,
      alternatives: det.alternatives.map((a) => a.code)
    });
    if (det.swapped)
      warnings.push({
        code: 'crs-axes-swapped',
        zh: 'X/Y 坐标互换（北坐标在前），已自动交换',
        en: 'X/Y were swapped (northing first): swapped back'
      });
    if (det.unitsToMetres !== scale)
      warnings.push({
        code: 'crs-units-rescaled',
        zh: `坐标按 ${det.unitsToMetres} 米/单位换算后才落在上海，请确认图形单位`,
        en: `Coordinates only land in Shanghai at ${det.unitsToMetres} m per unit: check the drawing units`
      });
    if (det.crs.approximate) warnings.push({ code: 'crs-approximate', ...det.crs.approximate });
    warnings.push({
      code: 'crs-detected',
      zh: `坐标系根据坐标值推断为 ${det.crs.name.zh}（置信度 ${det.confidence}），请核对`,
      en: `Coordinate system guessed from the values as ${det.crs.name.en} (confidence ${det.confidence}): please confirm`
    });
    return {
      crs: det.crs,
      detected: true,
      confidence: det.confidence,
      rule: det.rule,
      swapped: det.swapped,
      unitsToMetres: det.unitsToMetres,
      alternatives: det.alternatives,
      decisions,
      warnings
    };
  }
  // Nothing lands in Shanghai. Lon/lat values are still plainly lon/lat (RFC 7946's default for GeoJSON).
  // CAD drawings are never lon/lat: small values there mean the drawing is not georeferenced.
  const cad = read.format === 'dxf' || read.format === 'dwg';
  const lonlat = !cad && points().length > 0 && points().every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90);
  if (lonlat) {
    decisions.push({ what: 'crs', value: 'EPSG:4326', rule: 'lonlat-range' });
    return {
      crs: fromRegistry('EPSG:4326'),
      detected: true,
      confidence: 0.5,
      rule: 'lonlat-range',
      swapped: false,
      unitsToMetres: 1,
      alternatives: [],
      decisions,
      warnings
    };
  }
  throw undeterminedError(points(), cad);
}

type Geom = Polygon | MultiPolygon;

type Placing = Pick<CrsChoice, 'crs' | 'swapped' | 'unitsToMetres'>;

/** Source position → EPSG:4490 lon/lat (Z and M dropped: parcels are 2D). */
function positionFn(choice: Placing): (c: Position) => Position {
  const f = toLonLatFn(choice.crs);
  const k = choice.crs.kind === 'geographic' ? 1 : choice.unitsToMetres;
  return (c) =>
    choice.swapped ? f([c[1] * k, c[0] * k]) : k === 1 && c.length === 2 ? f(c as XY) : f([c[0] * k, c[1] * k]);
}

/** Source geometry → EPSG:4490 lon/lat (Z and M dropped: parcels are 2D). */
export function reprojectGeometry(g: Geom, choice: Placing): Geom {
  const pos = positionFn(choice);
  const ring = (r: Position[]) => packedMap(r, (c) => pos(c));
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: packedMap(g.coordinates, ring) };
  return { type: 'MultiPolygon', coordinates: packedMap(g.coordinates, (p) => packedMap(p, ring)) };
}

/** Source position → EPSG:4490 lon/lat written into `out`: one scratch pair for a pass that keeps no position
 *  (where the converter can: crs/etmerc.ts; else positionFn's result copied). */
function placeInto(choice: Placing): (c: Position, out: XY) => void {
  const into = toLonLatIntoFn(choice.crs);
  if (!into) {
    const pos = positionFn(choice);
    return (c, out) => {
      const q = pos(c);
      out[0] = q[0];
      out[1] = q[1];
    };
  }
  const k = choice.crs.kind === 'geographic' ? 1 : choice.unitsToMetres;
  return choice.swapped ? (c, out) => into(c[1] * k, c[0] * k, out) : (c, out) => into(c[0] * k, c[1] * k, out);
}

/** Some position (unless `orNone`), and every one, placed by `place` when given, in Shanghai; none is kept. */
function allInShanghai(geoms: Geom[], place: ((c: Position, out: XY) => void) | undefined, orNone: boolean): boolean {
  const out: XY = [0, 0];
  let n = 0;
  for (const g of geoms)
    for (const p of g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
      for (const r of p) {
        // an index, not for…of: in code not yet optimised each step of an iterator is an object
        for (let i = 0; i < r.length; i++) {
          const q = place ? (place(r[i], out), out) : r[i];
          if (!Number.isFinite(q[0]) || !inShanghai(q as XY)) return false;
        }
        n += r.length;
      }
  return orNone || n > 0;
}

/** The Shanghai-extent stage: throws a UserError that names the likely cause. Checks `reprojected`, one
 *  feature's as it is processed (one without positions passes: validation reports it), or else every source
 *  position, reprojected one at a time and dropped (before anything of the result is written). */
export function assertInShanghai(source: Geom[], choice: CrsChoice, reprojected?: Geom): void {
  if (reprojected ? allInShanghai([reprojected], undefined, true) : allInShanghai(source, placeInto(choice), false))
    return;
  throw outsideShanghaiError(allPositions(source), {
    crs: choice.crs,
    swapped: choice.swapped,
    unitsToMetres: choice.unitsToMetres,
    rule: choice.rule
  });
}
