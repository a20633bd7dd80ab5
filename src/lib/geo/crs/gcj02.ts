// GCJ-02 ("Mars coordinates", Chinese web maps: AMap, Tencent) and BD-09 (Baidu) to WGS84.
// These are obfuscations, not projections: the widely published forward formula (Krasovsky ellipsoid
// a = 6378245, ee = 0.00669342162296594323) is inverted by fixed-point iteration, which converges to
// well under a centimetre. Only ever applied when the user says the data is GCJ-02/BD-09 (never guessed).
type LonLat = [number, number];

const A = 6378245.0;
const EE = 0.006693421622965943;
const X_PI = (Math.PI * 3000.0) / 180.0;
/** Inversion stops when the forward image is within this many degrees (~1 mm) of the input. */
const INVERSE_TOLERANCE_DEG = 1e-8;
const INVERSE_MAX_ITER = 30;

function tLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function tLon(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** The offset is only applied inside China's rough bounding box, as the published algorithm does. */
export function outOfChina([lon, lat]: LonLat): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

export function wgs84ToGcj02(p: LonLat): LonLat {
  if (outOfChina(p)) return [p[0], p[1]];
  const [lon, lat] = p;
  let dLat = tLat(lon - 105, lat - 35);
  let dLon = tLon(lon - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sq = Math.sqrt(magic);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sq)) * Math.PI);
  dLon = (dLon * 180) / ((A / sq) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

export function gcj02ToWgs84(p: LonLat): LonLat {
  if (outOfChina(p)) return [p[0], p[1]];
  let g: LonLat = [p[0], p[1]];
  for (let i = 0; i < INVERSE_MAX_ITER; i++) {
    const f = wgs84ToGcj02(g);
    const dx = p[0] - f[0];
    const dy = p[1] - f[1];
    g = [g[0] + dx, g[1] + dy];
    if (Math.abs(dx) < INVERSE_TOLERANCE_DEG && Math.abs(dy) < INVERSE_TOLERANCE_DEG) break;
  }
  return g;
}

export function bd09ToGcj02([lon, lat]: LonLat): LonLat {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const t = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return [z * Math.cos(t), z * Math.sin(t)];
}

export function gcj02ToBd09([lon, lat]: LonLat): LonLat {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const t = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(t) + 0.0065, z * Math.sin(t) + 0.006];
}

export const bd09ToWgs84 = (p: LonLat): LonLat => gcj02ToWgs84(bd09ToGcj02(p));
export const wgs84ToBd09 = (p: LonLat): LonLat => gcj02ToBd09(wgs84ToGcj02(p));
