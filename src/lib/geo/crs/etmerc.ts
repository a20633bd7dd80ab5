// Gauss-Krüger planes ↔ lon/lat without proj4's per-point objects. proj4's transform() builds 3–4 objects per
// point (and deletes a property, which turns one into a dictionary); for the 5,000-parcel shapefile, projecting to
// EPSG:4490 and back to EPSG:4549 for the areas made ~30 MB of garbage. This is proj4's own Extended Transverse
// Mercator (proj4 2.x lib/projections/etmerc.js and lib/common/*), the same operations in the same order on
// proj4's own projection parameters, so the numbers are bit for bit proj4's (test/unit/geo/crs/etmerc.test.ts);
// it is used only where proj4 itself would do nothing else (same datum, no prime meridian, axes, wrap or +approx).
// For the registry's CGCS2000 planes the parameters are derived here too, as proj4 derives them, so that such a
// file is converted without loading proj4 at all (~50 ms of a CLI run); anything else asks proj4 for them.
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
  names?: string[];
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

/** proj4's gatg: the same Clenshaw sum as clens at 2B, plus B (the same operations, so the same bits). */
const gatg = (pp: number[], B: number) => B + clens(pp, 2 * B);

// clens_cmplx's two results, returned here instead of in a new array per call
let cr = 0;
let ci = 0;
function clensCmplx(pp: number[], argR: number, argI: number): void {
  const sinArgR = Math.sin(argR);
  const cosArgR = Math.cos(argR);
  // sinh and cosh of argI as proj4 computes them, from one exp (the same operations, so the same bits)
  const e = Math.exp(argI);
  const sinhArgI = (e - 1 / e) / 2;
  const coshArgI = (e + 1 / e) / 2;
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

function clens(pp: number[], argR: number) {
  const r = 2 * Math.cos(argR);
  let i = pp.length - 1;
  let hr1 = pp[i];
  let hr2 = 0;
  let hr = 0;
  while (--i >= 0) {
    hr = -hr2 + r * hr1 + pp[i];
    hr2 = hr1;
    hr1 = hr;
  }
  return Math.sin(argR) * hr;
}

/** proj4's etmerc init (lib/projections/etmerc.js), on es, k0 and lat0. */
function etmercInit(P: { es: number; k0: number; lat0: number }) {
  const cgb: number[] = [];
  const cbg: number[] = [];
  const utg: number[] = [];
  const gtu: number[] = [];
  const f = P.es / (1 + Math.sqrt(1 - P.es));
  const n = f / (2 - f);
  let np = n;
  cgb[0] = n * (2 + n * (-2 / 3 + n * (-2 + n * (116 / 45 + n * (26 / 45 + n * (-2854 / 675))))));
  cbg[0] = n * (-2 + n * (2 / 3 + n * (4 / 3 + n * (-82 / 45 + n * (32 / 45 + n * (4642 / 4725))))));
  np = np * n;
  cgb[1] = np * (7 / 3 + n * (-8 / 5 + n * (-227 / 45 + n * (2704 / 315 + n * (2323 / 945)))));
  cbg[1] = np * (5 / 3 + n * (-16 / 15 + n * (-13 / 9 + n * (904 / 315 + n * (-1522 / 945)))));
  np = np * n;
  cgb[2] = np * (56 / 15 + n * (-136 / 35 + n * (-1262 / 105 + n * (73814 / 2835))));
  cbg[2] = np * (-26 / 15 + n * (34 / 21 + n * (8 / 5 + n * (-12686 / 2835))));
  np = np * n;
  cgb[3] = np * (4279 / 630 + n * (-332 / 35 + n * (-399572 / 14175)));
  cbg[3] = np * (1237 / 630 + n * (-12 / 5 + n * (-24832 / 14175)));
  np = np * n;
  cgb[4] = np * (4174 / 315 + n * (-144838 / 6237));
  cbg[4] = np * (-734 / 315 + n * (109598 / 31185));
  np = np * n;
  cgb[5] = np * (601676 / 22275);
  cbg[5] = np * (444337 / 155925);
  np = Math.pow(n, 2);
  const Qn = (P.k0 / (1 + n)) * (1 + np * (1 / 4 + np * (1 / 64 + np / 256)));
  utg[0] = n * (-0.5 + n * (2 / 3 + n * (-37 / 96 + n * (1 / 360 + n * (81 / 512 + n * (-96199 / 604800))))));
  gtu[0] = n * (0.5 + n * (-2 / 3 + n * (5 / 16 + n * (41 / 180 + n * (-127 / 288 + n * (7891 / 37800))))));
  utg[1] = np * (-1 / 48 + n * (-1 / 15 + n * (437 / 1440 + n * (-46 / 105 + n * (1118711 / 3870720)))));
  gtu[1] = np * (13 / 48 + n * (-3 / 5 + n * (557 / 1440 + n * (281 / 630 + n * (-1983433 / 1935360)))));
  np = np * n;
  utg[2] = np * (-17 / 480 + n * (37 / 840 + n * (209 / 4480 + n * (-5569 / 90720))));
  gtu[2] = np * (61 / 240 + n * (-103 / 140 + n * (15061 / 26880 + n * (167603 / 181440))));
  np = np * n;
  utg[3] = np * (-4397 / 161280 + n * (11 / 504 + n * (830251 / 7257600)));
  gtu[3] = np * (49561 / 161280 + n * (-179 / 168 + n * (6601661 / 7257600)));
  np = np * n;
  utg[4] = np * (-4583 / 161280 + n * (108847 / 3991680));
  gtu[4] = np * (34729 / 80640 + n * (-3418889 / 1995840));
  np = np * n;
  utg[5] = np * (-20648693 / 638668800);
  gtu[5] = np * (212378941 / 319334400);
  const Z = gatg(cbg, P.lat0);
  const Zb = -Qn * (Z + clens(gtu, 2 * Z));
  return { cgb, cbg, utg, gtu, Qn, Zb };
}

/** The registry's definitions on GRS80 (registry.ts: CGCS2000 planes and lon/lat), character for character. */
const GK_GRS80 =
  /^\+proj=tmerc \+lat_0=(\S+) \+lon_0=(\S+) \+k=(\S+) \+x_0=(\S+) \+y_0=(\S+) \+ellps=GRS80 \+towgs84=0,0,0,0,0,0,0 \+units=m \+no_defs$/;
const LONLAT_GRS80 = '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs';

/** What new proj4.Proj(def) holds for such a definition, derived as proj4 derives it (lib/Proj.js: ellipsoid table,
 *  sphere and eccentricity; lib/projString.js: lat_0/lon_0 × D2R, k/x_0/y_0 by parseFloat). */
export function grs80Params(def: string): EtmercProj | undefined {
  const datumOf = (a: number, es: number) => ({ datum_type: PJD_WGS84, a, es });
  const a = 6378137;
  const rf = 298.257222101;
  const b = (1.0 - 1.0 / rf) * a;
  const es = (a * a - b * b) / (a * a);
  if (def === LONLAT_GRS80) return { projName: 'longlat', axis: 'enu', datum: datumOf(a, es) } as EtmercProj;
  const m = GK_GRS80.exec(def);
  if (!m) return undefined;
  const P = { lat0: Number(m[1]) * D2R, long0: Number(m[2]) * D2R, k0: parseFloat(m[3]), es };
  return {
    projName: 'tmerc',
    names: ['etmerc'],
    axis: 'enu',
    a,
    x0: parseFloat(m[4]),
    y0: parseFloat(m[5]),
    long0: P.long0,
    datum: datumOf(a, es),
    ...etmercInit(P)
  };
}

/** proj4 transform() from lon/lat degrees to the plane: ×D2R, etmerc forward, ÷to_meter; written to `out` (the
 *  area stage projects every position of a file only to sum it). */
function toPlaneInto(P: EtmercProj, lon: number, lat: number, out: number[]): void {
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
  out[0] = P.to_meter ? x / P.to_meter : x;
  out[1] = P.to_meter ? y / P.to_meter : y;
}

function toPlane(P: EtmercProj, lon: number, lat: number): XY {
  const out: XY = [0, 0];
  toPlaneInto(P, lon, lat, out);
  return out;
}

/** proj4 transform() from the plane to lon/lat degrees: ×to_meter, etmerc inverse, ×R2D; written to `out`. */
function toLonLatInto(P: EtmercProj, x: number, y: number, out: number[]): void {
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
  out[0] = lon * R2D;
  out[1] = lat * R2D;
}

function toLonLat(P: EtmercProj, x: number, y: number): XY {
  const out: XY = [0, 0];
  toLonLatInto(P, x, y, out);
  return out;
}

type Proj = EtmercProj;

const isEtmerc = (p: Proj) => p.names?.includes('etmerc') === true && !p.approx && Array.isArray(p.utg);
/** A datum proj4 leaves alone between these two (WGS84-like, same ellipsoid): no shift, no geocentric step. */
const sameDatum = (p: Proj, q: Proj) =>
  p.datum?.datum_type === PJD_WGS84 &&
  q.datum?.datum_type === PJD_WGS84 &&
  p.datum.a === q.datum.a &&
  p.datum.es === q.datum.es;
/** What transform() would do besides the projection itself: then this path is not taken. */
const plain = (p: Proj) => !p.from_greenwich && p.long_wrap === undefined && (p.axis ?? 'enu') === 'enu';

export interface EtmercConverter {
  forward: (p: number[]) => number[];
  inverse: (p: number[]) => number[];
  /** forward with the result written to `out[0]`, `out[1]` (the same numbers, no array made) */
  forwardInto?: (x: number, y: number, out: number[]) => void;
}

/** A converter like proj4(from, to) for a lon/lat ↔ etmerc pair, or undefined when proj4 must do it. Positions
 *  with a Z, or not finite (proj4 throws on them), go to proj4's own converter, made when first needed. */
export function etmercConverter(
  from: string,
  to: string,
  fallback: () => proj4.Converter
): EtmercConverter | undefined {
  let a: Proj | undefined = grs80Params(from);
  let b: Proj | undefined = grs80Params(to);
  try {
    a ??= new proj4.Proj(from) as unknown as Proj;
    b ??= new proj4.Proj(to) as unknown as Proj;
  } catch {
    return undefined;
  }
  if (!sameDatum(a, b) || !plain(a) || !plain(b)) return undefined;
  const finite = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y);
  const ok = (p: number[]) => p.length === 2 && finite(p[0], p[1]);
  const viaFallback = (x: number, y: number, out: number[]) => {
    const q = fallback().forward([x, y]);
    out[0] = q[0];
    out[1] = q[1];
  };
  const A = a,
    B = b;
  if (A.projName === 'longlat' && isEtmerc(B))
    return {
      forward: (p) => (ok(p) ? toPlane(B, p[0], p[1]) : fallback().forward(p)),
      inverse: (p) => (ok(p) ? toLonLat(B, p[0], p[1]) : fallback().inverse(p)),
      forwardInto: (x, y, out) => (finite(x, y) ? toPlaneInto(B, x, y, out) : viaFallback(x, y, out))
    };
  if (isEtmerc(A) && B.projName === 'longlat')
    return {
      forward: (p) => (ok(p) ? toLonLat(A, p[0], p[1]) : fallback().forward(p)),
      inverse: (p) => (ok(p) ? toPlane(A, p[0], p[1]) : fallback().inverse(p)),
      forwardInto: (x, y, out) => (finite(x, y) ? toLonLatInto(A, x, y, out) : viaFallback(x, y, out))
    };
  return undefined;
}
