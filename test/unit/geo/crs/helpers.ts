type XY = [number, number];
/** Metres between two lon/lat points (equirectangular: exact enough over a few hundred metres). */
export function metresBetween(a: XY, b: XY): number {
  const k = Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * k * 111_320, (a[1] - b[1]) * 110_574);
}
