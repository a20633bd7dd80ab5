// CRS detection from coordinate values alone, for files without .prj (CAD drawings, survey text).
// Each candidate is tried on a sample of the points; a candidate wins when every sampled point lands in
// Shanghai. Candidates carry a base confidence reflecting how often Shanghai files use them and how much
// they can be confused with others; swapped axes and rescaled units are tried too, at lower confidence.
// GCJ-02/BD-09 are never candidates: their offset is secret and hundreds of metres, so only the user can say.
import { CRS_REGISTRY, gkCode, type Bilingual } from './registry.ts';
import { fromRegistry, toLonLatFn, type ResolvedCrs } from './transform.ts';
import { inShanghai, samplePoints, type XY } from './extent.ts';

export interface Alternative {
  code: string;
  name: Bilingual;
  confidence: number;
  swapped?: boolean;
  unitsToMetres?: number;
}

export interface Detection {
  crs: ResolvedCrs;
  confidence: number;
  rule: string;
  /** The file's first coordinate is the northing (Chinese surveying's X) and must be swapped. */
  swapped: boolean;
  unitsToMetres: number;
  alternatives: Alternative[];
}

interface Candidate {
  code: string;
  confidence: number;
  rule: string;
  fits: (x: number, y: number) => boolean;
}

/** Same-zone systems of the older datums cannot be told apart from CGCS2000 by values (~100 m apart). */
const OLD_DATUM_CONFIDENCE = 0.2;
/** Penalties: a swapped file or a unit rescale is a further assumption the user should confirm. */
const SWAP_PENALTY = 0.1;
const RESCALE_PENALTY = 0.25;
/** Local grid values: Shanghai lies within ~±80 km of the 上海2000 origin; 100 km bounds the test. */
const LOCAL_MAX_M = 100_000;

function candidates(x: number, y: number): Candidate[] {
  const out: Candidate[] = [];
  const lonlat = (a: number, b: number) => Math.abs(a) <= 180 && Math.abs(b) <= 90;
  out.push({ code: 'EPSG:4490', confidence: 0.9, rule: 'lonlat-in-shanghai', fits: lonlat });
  // WGS84 and CGCS2000 agree at the metre level; listed so the user sees it was considered.
  out.push({ code: 'EPSG:4326', confidence: 0.85, rule: 'lonlat-in-shanghai', fits: lonlat });
  const zone3 = Math.floor(x / 1e6);
  for (const datum of ['CGCS2000', 'Beijing1954', 'Xian1980'] as const) {
    const c = datum === 'CGCS2000' ? 1 : 0;
    const z3 = gkCode(datum, 3, zone3, true);
    if (z3)
      out.push({
        code: z3,
        confidence: c ? 0.85 : OLD_DATUM_CONFIDENCE,
        rule: 'gk3-zone-prefix',
        fits: (a) => a > 2.5e7 && a < 4.6e7
      });
    const z6 = gkCode(datum, 6, zone3, true);
    if (z6)
      out.push({
        code: z6,
        confidence: c ? 0.7 : OLD_DATUM_CONFIDENCE,
        rule: 'gk6-zone-prefix',
        fits: (a) => a > 1.3e7 && a < 2.4e7
      });
    for (const cm of [120, 123]) {
      out.push({
        code: gkCode(datum, 3, cm / 3, false)!,
        confidence: c ? 0.8 : OLD_DATUM_CONFIDENCE,
        rule: 'gk3-cm-by-location',
        fits: (a, b) => a > 1e5 && a < 9e5 && b > 3e6 && b < 4e6
      });
    }
  }
  out.push({
    code: 'EPSG:3857',
    confidence: 0.75,
    rule: 'web-mercator-range',
    fits: (a, b) => a > 1.3e7 && a < 1.4e7 && b > 3.4e6 && b < 3.9e6
  });
  // Values that could be degrees in either order are never taken for a local grid: a lon/lat file
  // elsewhere in the world must not be "found" near the 上海2000 origin.
  const degreesLike = (a: number, b: number) => Math.abs(a) <= 180 && Math.abs(b) <= 180;
  const local = (a: number, b: number) => Math.abs(a) < LOCAL_MAX_M && Math.abs(b) < LOCAL_MAX_M && !degreesLike(a, b);
  out.push({ code: 'SH2000', confidence: 0.3, rule: 'local-small-values', fits: local });
  out.push({ code: 'SHCITY', confidence: 0.1, rule: 'local-small-values', fits: local });
  void y;
  return out;
}

/**
 * Guess the CRS of `points` (source coordinates as read). `unitsToMetres` is the reader's unit factor
 * (DXF $INSUNITS), tried first; metres and millimetres are tried after it.
 */
export function detectCrs(points: XY[], unitsToMetres = 1): Detection | undefined {
  const sample = samplePoints(points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  if (sample.length === 0) return undefined;
  const scales = [...new Set([unitsToMetres, 1, 0.001])];
  const hits: (Alternative & { rule: string })[] = [];
  for (const scale of scales) {
    for (const swapped of [false, true]) {
      const pts = sample.map(([x, y]): XY => (swapped ? [y, x] : [x, y]));
      const [x0, y0] = pts[0];
      for (const c of candidates(x0 * scale, y0 * scale)) {
        const geographic = CRS_REGISTRY[c.code].kind === 'geographic';
        // Unit-free geographic values, and local grids (any small number fits them), only at the reader's scale.
        if ((geographic || c.rule === 'local-small-values') && scale !== unitsToMetres) continue;
        const k = geographic ? 1 : scale;
        if (!pts.every(([x, y]) => c.fits(x * k, y * k))) continue;
        const f = toLonLatFn(fromRegistry(c.code));
        if (!pts.every(([x, y]) => inShanghai(f([x * k, y * k])))) continue;
        const confidence = c.confidence - (swapped ? SWAP_PENALTY : 0) - (k !== unitsToMetres ? RESCALE_PENALTY : 0);
        hits.push({
          code: c.code,
          name: CRS_REGISTRY[c.code].name,
          confidence: Math.max(0.05, Math.round(confidence * 100) / 100),
          swapped,
          unitsToMetres: k,
          rule: c.rule
        });
      }
    }
    // A rescale is only a fallback: values that fit at the declared scale are not also read as mm.
    if (hits.length > 0) break;
  }
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => b.confidence - a.confidence);
  const best = hits[0];
  const swappedRule = best.swapped ? '+swapped-axes' : '';
  const unitRule = best.unitsToMetres !== unitsToMetres ? `+units-${best.unitsToMetres === 0.001 ? 'mm' : 'm'}` : '';
  return {
    crs: fromRegistry(best.code),
    confidence: best.confidence,
    rule: best.rule + swappedRule + unitRule,
    swapped: !!best.swapped,
    unitsToMetres: best.unitsToMetres ?? 1,
    alternatives: hits.slice(1, 8).map(({ rule: _r, ...a }) => a)
  };
}
