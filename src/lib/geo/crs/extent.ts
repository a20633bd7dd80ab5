// Shanghai's extent and the test "does this land in Shanghai?", used by detection and by the extent check.
export type XY = [number, number];

/**
 * Shanghai municipality spans about 120°52′–122°12′E, 30°40′–31°53′N (上海市行政区域); the box adds a
 * margin of ~0.05° (≈5 km) for outlying islands and parcels that straddle the border.
 */
export const SHANGHAI_BOX = { west: 120.8, east: 122.3, south: 30.6, north: 31.95 } as const;

// p[0], p[1] rather than a destructured parameter: unoptimised code (most of a one-file CLI run) makes an
// iterator for destructuring, ~130 bytes of garbage per call over 60,000 positions
export function inShanghai(p: XY): boolean {
  return (
    p[0] >= SHANGHAI_BOX.west && p[0] <= SHANGHAI_BOX.east && p[1] >= SHANGHAI_BOX.south && p[1] <= SHANGHAI_BOX.north
  );
}

/** China's rough box: a result here but not in Shanghai is more likely the right CRS with a wrong zone. */
export function inChina([lon, lat]: XY): boolean {
  return lon >= 73 && lon <= 135.1 && lat >= 3.8 && lat <= 53.6;
}

/** Up to `max` points spread evenly over the list, so detection cost does not grow with file size. */
export function samplePoints(points: XY[], max = 256): XY[] {
  if (points.length <= max) return points;
  const step = points.length / max;
  return Array.from({ length: max }, (_, i) => points[Math.floor(i * step)]);
}

export function bbox(points: XY[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

export const fmtLonLat = ([lon, lat]: XY) =>
  `${Math.abs(lon).toFixed(4)}°${lon >= 0 ? 'E' : 'W'} ${Math.abs(lat).toFixed(4)}°${lat >= 0 ? 'N' : 'S'}`;
