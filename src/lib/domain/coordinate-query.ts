// What a user types in the map's search box as a place (issue 14.3): two numbers — longitude and latitude
// in either order (121.48, 31.23 / 31.23 121.48), degrees-minutes-seconds (121°28′48″E 31°13′48″N), or
// plane coordinates of a survey (3451234.5, 40512345.6) whose system server/map/search.ts detects.
export type CoordinateQuery =
  { kind: 'lonlat'; lon: number; lat: number } | { kind: 'plane'; a: number; b: number } | null;

const DMS =
  /(东经|西经|北纬|南纬|[NSEW])?\s*(\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分]\s*)?(?:(\d+(?:\.\d+)?)\s*["″秒]\s*)?([NSEW北南东西](?![经纬]))?/gi;
// (东经 121°…, 121°…E, N 31°…: the hemisphere before or after the number)

function dms(text: string): number[] | null {
  const out: { v: number; axis: 'lon' | 'lat' | null }[] = [];
  for (const m of text.matchAll(DMS)) {
    const v = Number(m[2]) + Number(m[3] ?? 0) / 60 + Number(m[4] ?? 0) / 3600;
    const h = (m[5] ?? m[1] ?? '').toUpperCase();
    out.push({ v: /[SW南西]/.test(h) ? -v : v, axis: /[EW东西]/.test(h) ? 'lon' : /[NS北南]/.test(h) ? 'lat' : null });
  }
  if (out.length !== 2) return null;
  // Hemisphere letters say which is which; without them the longitude is the larger number (true in China).
  const lon =
    out.find((o) => o.axis === 'lon') ??
    (out[0].axis === 'lat'
      ? out[1]
      : out[1].axis === 'lon' || Math.abs(out[1].v) > Math.abs(out[0].v)
        ? out[1]
        : out[0]);
  const lat = out.find((o) => o !== lon)!;
  return [lon.v, lat.v];
}

export function parseCoordinateQuery(text: string): CoordinateQuery {
  const t = text.trim();
  if (/[°度]/.test(t)) {
    const d = dms(t);
    return d && Math.abs(d[0]) <= 180 && Math.abs(d[1]) <= 90 ? { kind: 'lonlat', lon: d[0], lat: d[1] } : null;
  }
  const m = /^\(?\s*(-?\d+(?:\.\d+)?)\s*(?:[,，;；]\s*|\s+)(-?\d+(?:\.\d+)?)\s*\)?$/.exec(t);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  // China lies at longitudes 73–136 and latitudes 3–54: a pair of such numbers is read as degrees.
  const isLon = (x: number) => x >= 73 && x <= 136;
  const isLat = (x: number) => x >= 3 && x <= 54;
  if (isLon(a) && isLat(b)) return { kind: 'lonlat', lon: a, lat: b };
  if (isLat(a) && isLon(b)) return { kind: 'lonlat', lon: b, lat: a };
  if (Math.abs(a) > 1000 || Math.abs(b) > 1000) return { kind: 'plane', a, b };
  return null;
}
