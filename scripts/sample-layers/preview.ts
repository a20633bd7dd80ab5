// SVG preview of the generated layers, for a human to look at (not shipped): `--preview out.svg`.
import type { Feature, Position } from 'geojson';
import * as turf from '@turf/turf';
import type { Area } from './geo.ts';

export interface PreviewLayer {
  features: Feature<Area>[];
  fill: string;
  stroke: string;
  opacity?: number;
  width?: number;
  label?: (f: Feature<Area>) => string | undefined;
}

const W = 1400;
export interface Bounds {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}
const CITY: Bounds = { minLon: 120.8, maxLon: 122.05, minLat: 30.65, maxLat: 31.92 };
const K = Math.cos((31.25 * Math.PI) / 180);

export function renderSvg(
  layers: PreviewLayer[],
  lines: { coords: Position[]; stroke: string; width: number }[] = [],
  BOUNDS: Bounds = CITY
): string {
  const sx = W / ((BOUNDS.maxLon - BOUNDS.minLon) * K);
  const H = Math.round((BOUNDS.maxLat - BOUNDS.minLat) * sx);
  const xy = ([lon, lat]: Position) =>
    `${((lon - BOUNDS.minLon) * K * sx).toFixed(1)},${((BOUNDS.maxLat - lat) * sx).toFixed(1)}`;
  const ringPath = (r: Position[]) => `M${r.map(xy).join('L')}Z`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="100%" height="100%" fill="#cfe3f0"/>`
  ];
  const labels: string[] = [];
  for (const l of layers) {
    for (const f of l.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const d = polys.map((p) => p.map(ringPath).join('')).join('');
      out.push(
        `<path d="${d}" fill="${l.fill}" fill-opacity="${l.opacity ?? 1}" stroke="${l.stroke}" stroke-width="${l.width ?? 1}" fill-rule="evenodd"/>`
      );
      const text = l.label?.(f);
      if (text) {
        const c = turf.pointOnFeature(f).geometry.coordinates;
        const [x, y] = xy(c).split(',');
        labels.push(
          `<text x="${x}" y="${y}" font-size="15" text-anchor="middle" font-family="sans-serif" fill="#000">${text}</text>`
        );
      }
    }
  }
  for (const ln of lines)
    out.push(
      `<path d="M${ln.coords.map(xy).join('L')}" fill="none" stroke="${ln.stroke}" stroke-width="${ln.width}"/>`
    );
  out.push(...labels, '</svg>');
  return out.join('\n');
}
