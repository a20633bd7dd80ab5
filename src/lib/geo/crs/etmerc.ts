// Gauss-Krüger planes ↔ lon/lat without proj4's per-point objects. proj4's transform() builds 3–4 objects per
// point (and deletes a property, which turns one into a dictionary); for the 5,000-parcel shapefile, projecting to
// EPSG:4490 and back to EPSG:4549 for the areas made ~30 MB of garbage. This is proj4's own Extended Transverse
// Mercator (proj4 2.x lib/projections/etmerc.js and lib/common/*), the same operations in the same order on
// proj4's own projection parameters, so the numbers are bit for bit proj4's (test/unit/geo/crs/etmerc.test.ts);
// it is used only where proj4 itself would do nothing else (same datum, no prime meridian, axes, wrap or +approx).
import proj4 from 'proj4';

type XY = [number, number];

/** The fields of a proj4 projection object this path reads (set by proj4's etmerc init). */
interface EtmercProj {
  projName?: string;
  approx?: boolean;
  over?: boolean;
  a: number;
  x0: number;
  y0: number;
  long0: number;
  Qn: number;
  Zb: number;
  cbg: number[];
  cgb: number[];
  utg: number[];
  gtu: number[];
  to_meter?: number;
  from_greenwich?: number;
  long_wrap?: number;
  axis?: string;
  datum?: { datum_type: number; a: number; es: number };
}

// proj4's constants (lib/constants/values.js: 0.01745329251994329577 and 57.29577951308232088, the same doubles)
const D2R = 0.017453292519943295;
const R2D = 57.29577951308232;
const SPI = 3.14159265359;
const TWO_PI = Math.PI * 2;
const PJD_WGS84 = 4;

const sign = (x: number) => (x < 0 ? -1 : 1);
const adjustLon = (x: number, skip: boolean | undefined) => (skip ? x : Math.abs(x) <= SPI ? x : x - sign(x) * TWO_PI);

function sinh(x: number) {
  let r = Math.exp(x);
  r = (r - 1 / r) / 2;
  return r;
}

function cosh(x: number) {
  let r = Math.exp(x);
  r = (r + 1 / r) / 2;
  return r;
}

function hypot(x: number, y: number) {
  x = Math.abs(x);
  y = Math.abs(y);
  const a = Math.max(x, y);
  const b = Math.min(x, y) / (a ? a : 1);
  return a * Math.sqrt(1 + Math.pow(b, 2));
}

function log1py(x: number) {
  const y = 1 + x;
  const z = y - 1;
  return z === 0 ? x : (x * Math.log(y)) / z;
}

function asinhy(x: number) {
  let y = Math.abs(x);
  y = log1py(y * (1 + y / (hypot(1, y) + 1)));
  return x < 0 ? -y : y;
}

function gatg(pp: number[], B: number) {
  const cos2B = 2 * Math.cos(2 * B);
  let i = pp.length - 1;
  let h1 = pp[i];
  let h2 = 0;
  let h = 0;
  while (--i >= 0) {
    h = -h2 + cos2B * h1 + pp[i];
    h2 = h1;
    h1 = h;
  }
  return B + h * Math.sin(2 * B);
}

// clens_cmplx's two results, returned here instead of in a new array per call
let cr = 0;
let ci = 0;
function clensCmplx(pp: number[], argR: number, argI: number): void {
  const sinArgR = Math.sin(argR);
  const cosArgR = Math.cos(argR);
  const sinhArgI = sinh(argI);
  const coshArgI = cosh(argI);
  let r = 2 * cosArgR * coshArgI;
  let i = -2 * sinArgR * sinhArgI;
  let j = pp.length - 1;
  let hr = pp[j];
  let hi1 = 0;
  let hr1 = 0;
  let hi = 0;
  let hr2: number;
  let hi2: number;
  while (--j >= 0) {
    hr2 = hr1;
    hi2 = hi1;
    hr1 = hr;
    hi1 = hi;
    hr = -hr2 + r * hr1 - i * hi1 + pp[j];
    hi = -hi2 + i * hr1 + r * hi1;
  }
  r = sinArgR * coshArgI;
  i = cosArgR * sinhArgI;
  cr = r * hr - i * hi;
  ci = r * hi + i * hr;
}

/** proj4 transform() from lon/lat degrees to the plane: ×D2R, etmerc forward, ÷to_meter. */
function toPlane(P: EtmercProj, lon: number, lat: number): XY {
  let Ce = adjustLon(lon * D2R - P.long0, P.over);
  let Cn = lat * D2R;
  Cn = gatg(P.cbg, Cn);
  const sinCn = Math.sin(Cn);
  const cosCn = Math.cos(Cn);
  const sinCe = Math.sin(Ce);
  const cosCe = Math.cos(Ce);
  Cn = Math.atan2(sinCn, cosCe * cosCn);
  Ce = Math.atan2(sinCe * cosCn, hypot(sinCn, cosCn * cosCe));
  Ce = asinhy(Math.tan(Ce));
  clensCmplx(P.gtu, 2 * Cn, 2 * Ce);
  Cn = Cn + cr;
  Ce = Ce + ci;
  let x = Infinity;
  let y = Infinity;
  if (Math.abs(Ce) <= 2.623395162778) {
    x = P.a * (P.Qn * Ce) + P.x0;
    y = P.a * (P.Qn * Cn + P.Zb) + P.y0;
  }
  return P.to_meter ? [x / P.to_meter, y / P.to_meter] : [x, y];
}

/** proj4 transform() from the plane to lon/lat degrees: ×to_meter, etmerc inverse, ×R2D. */
function toLonLat(P: EtmercProj, x: number, y: number): XY {
  if (P.to_meter) {
    x = x * P.to_meter;
    y = y * P.to_meter;
  }
  let Ce = (x - P.x0) * (1 / P.a);
  let Cn = (y - P.y0) * (1 / P.a);
  Cn = (Cn - P.Zb) / P.Qn;
  Ce = Ce / P.Qn;
  let lon = Infinity;
  let lat = Infinity;
  if (Math.abs(Ce) <= 2.623395162778) {
    clensCmplx(P.utg, 2 * Cn, 2 * Ce);
    Cn = Cn + cr;
    Ce = Ce + ci;
    Ce = Math.atan(sinh(Ce));
    const sinCn = Math.sin(Cn);
    const cosCn = Math.cos(Cn);
    const sinCe = Math.sin(Ce);
    const cosCe = Math.cos(Ce);
    Cn = Math.atan2(sinCn * cosCe, hypot(sinCe, cosCe * cosCn));
    Ce = Math.atan2(sinCe, cosCe * cosCn);
    lon = adjustLon(Ce + P.long0, P.over);
    lat = gatg(P.cgb, Cn);
  }
  return [lon * R2D, lat * R2D];
}

type Proj = EtmercProj & { names?: string[] };

const isEtmerc = (p: Proj) => p.names?.includes('etmerc') === true && !p.approx && Array.isArray(p.utg);
/** A datum proj4 leaves alone between these two (WGS84-like, same ellipsoid): no shift, no geocentric step. */
const sameDatum = (p: Proj, q: Proj) =>
  p.datum?.datum_type === PJD_WGS84 &&
  q.datum?.datum_type === PJD_WGS84 &&
  p.datum.a === q.datum.a &&
  p.datum.es === q.datum.es;
/** What transform() would do besides the projection itself: then this path is not taken. */
const plain = (p: Proj) => !p.from_greenwich && p.long_wrap === undefined && (p.axis ?? 'enu') === 'enu';

/** A converter like proj4(from, to) for a lon/lat ↔ etmerc pair, or undefined when proj4 must do it. Positions
 *  with a Z, or not finite (proj4 throws on them), go to proj4's own converter. */
export function etmercConverter(
  from: string,
  to: string,
  fallback: proj4.Converter
): { forward: (p: number[]) => number[]; inverse: (p: number[]) => number[] } | undefined {
  let a: Proj, b: Proj;
  try {
    a = new proj4.Proj(from) as unknown as Proj;
    b = new proj4.Proj(to) as unknown as Proj;
  } catch {
    return undefined;
  }
  if (!sameDatum(a, b) || !plain(a) || !plain(b)) return undefined;
  const ok = (p: number[]) => p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
  if (a.projName === 'longlat' && isEtmerc(b))
    return {
      forward: (p) => (ok(p) ? toPlane(b, p[0], p[1]) : fallback.forward(p)),
      inverse: (p) => (ok(p) ? toLonLat(b, p[0], p[1]) : fallback.inverse(p))
    };
  if (isEtmerc(a) && b.projName === 'longlat')
    return {
      forward: (p) => (ok(p) ? toLonLat(a, p[0], p[1]) : fallback.forward(p)),
      inverse: (p) => (ok(p) ? toPlane(a, p[0], p[1]) : fallback.inverse(p))
    };
  return undefined;
}
