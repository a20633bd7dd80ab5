// A synthetic 永久基本农田 layer of realistic size, deterministic (seeded): 30,000 irregular patches of
// 12–40 vertices, 40–220 m across, scattered over Shanghai's land between 12 and 55 km from People's Square
// (denser in the outer districts, as the real layer is). Used by bench/tiles; written as GeoJSON.
//   npx tsx bench/tiles/farmland.ts [out.geojson] [--patches 30000]
import { writeFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { rng } from '../classify/layers.ts';

const C = { lon: 121.475, lat: 31.232 };
const KX = 1 / (111_320 * Math.cos((C.lat * Math.PI) / 180));
const KY = 1 / 110_574;
/** Shanghai's land extent (the bench's tiles cover it); patches outside it are drawn again. */
const BOX = { w: 120.9, s: 30.72, e: 121.95, n: 31.85 };

export function farmlandPatches(n = 30_000, seed = 15): FeatureCollection<Polygon> {
  const r = rng(seed);
  const features: Feature<Polygon>[] = [];
  while (features.length < n) {
    const t = r() * 2 * Math.PI;
    const d = 12_000 + Math.sqrt(r()) * 43_000;
    const cx = C.lon + d * Math.cos(t) * KX;
    const cy = C.lat + d * Math.sin(t) * KY;
    if (cx < BOX.w || cx > BOX.e || cy < BOX.s || cy > BOX.n) continue;
    const size = 20 + r() * 90; // half-width in metres
    const k = 12 + Math.floor(r() * 29);
    const phase = r() * 2 * Math.PI;
    const ring: [number, number][] = [];
    for (let i = 0; i < k; i++) {
      const a = phase + (i / k) * 2 * Math.PI;
      const rad = size * (0.75 + 0.25 * Math.sin(3 * a + phase) + 0.1 * r());
      ring.push([+(cx + rad * Math.cos(a) * KX).toFixed(7), +(cy + rad * Math.sin(a) * KY).toFixed(7)]);
    }
    ring.push(ring[0]);
    const i = features.length;
    features.push({
      type: 'Feature',
      properties: { name: `基本农田图斑 ${i + 1}`, code: `JBNT-${String(i + 1).padStart(6, '0')}` },
      geometry: { type: 'Polygon', coordinates: [ring] }
    });
  }
  return { type: 'FeatureCollection', features };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'farmland-30000.geojson';
  const i = process.argv.indexOf('--patches');
  const fc = farmlandPatches(i > 0 ? Number(process.argv[i + 1]) : 30_000);
  writeFileSync(out, JSON.stringify(fc));
  console.log(`${out}: ${fc.features.length} patches`);
}
