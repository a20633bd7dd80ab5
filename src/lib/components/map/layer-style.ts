// How each zoning layer kind is drawn. Kinds are data; a kind without an entry here gets a plain outline.
import type { LayerSpecification } from 'maplibre-gl';

export interface LayerInfo {
  kind: string;
  name: { zh: string; en: string };
  purpose: string;
  color: string;
  sample: boolean;
  data: string | null;
  /** Vector tile URL template ({z}/{x}/{y}) of the current version; the map draws zoning layers from it. */
  tiles?: string | null;
  featureCount: number | null;
}

/** Tiles are served to z16; MapLibre over-zooms them beyond (zoning lines need no finer detail). */
export const TILE_MAX_ZOOM = 16;

/** Fill opacity by purpose: districts are the land itself, conflicts stand out, constraints stay faint. */
const FILL_OPACITY: Record<string, number> = { authority: 0.08, zoning: 0.35, conflict: 0.45, constraint: 0.12 };

export function styleLayersFor(layer: LayerInfo): LayerSpecification[] {
  // Vector tiles carry one source-layer named after the kind (see src/lib/server/tiles).
  const tiled = (specs: LayerSpecification[]) =>
    layer.tiles ? specs.map((s) => ({ ...s, 'source-layer': layer.kind }) as LayerSpecification) : specs;
  return tiled(baseLayersFor(layer));
}

function baseLayersFor(layer: LayerInfo): LayerSpecification[] {
  const source = `zl-${layer.kind}`;
  if (layer.kind === 'district')
    return [
      { id: `${source}-fill`, type: 'fill', source, paint: { 'fill-color': '#fbfaf7', 'fill-opacity': 1 } },
      { id: `${source}-line`, type: 'line', source, paint: { 'line-color': '#9ca3af', 'line-width': 1.2, 'line-dasharray': [3, 2] } }
    ];
  if (layer.kind === 'lingang')
    return [{ id: `${source}-line`, type: 'line', source, paint: { 'line-color': layer.color, 'line-width': 2.5 } }];
  return [
    { id: `${source}-fill`, type: 'fill', source, paint: { 'fill-color': layer.color, 'fill-opacity': FILL_OPACITY[layer.purpose] ?? 0.2 } },
    { id: `${source}-line`, type: 'line', source, paint: { 'line-color': layer.color, 'line-width': 0.8 } }
  ];
}

/** The offline style: sea-coloured background; the districts layer draws the land. Needs no network. */
export const OFFLINE_STYLE = {
  version: 8 as const,
  sources: {},
  layers: [{ id: 'background', type: 'background' as const, paint: { 'background-color': '#cfe3ef' } }]
};

/** Shanghai's extent, to fit the first view. */
export const SHANGHAI_BOUNDS: [number, number, number, number] = [120.85, 30.68, 122.12, 31.88];
