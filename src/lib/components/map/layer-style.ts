// How each zoning layer kind is drawn. Kinds are data; a kind without an entry here gets a plain outline.
import type { LayerSpecification } from 'maplibre-gl';

export interface LayerInfo {
  kind: string;
  name: { zh: string; en: string };
  purpose: string;
  color: string;
  sample: boolean;
  data: string | null;
  /** Vector tile URL template ({z}/{x}/{y}) of this layer alone (GIS clients, the admin's preview). */
  tiles?: string | null;
  /** The layer version drawn; the map asks all tiled layers' versions in one composite tile. */
  versionId?: number | null;
  featureCount: number | null;
}

/** Deepest stored tile zoom on the server (PYRAMID_MAX_ZOOM): MapLibre over-zooms them beyond. */
export const TILE_MAX_ZOOM = 14;

/** The one vector source of the zoning layers: all layers of a z/x/y in one tile, one source-layer per kind. */
export const ZONING_SOURCE = 'zl-zoning';

/**
 * The composite tile URL of the tiled layers, pinned to their versions (cacheable for a day; a switch changes
 * it). Relative: MapLibre needs an absolute URL, and `new URL()` would escape the {z}/{x}/{y} braces.
 */
export function compositeTilesPath(layers: LayerInfo[]): string | null {
  const ids = layers.filter((l) => l.tiles && l.versionId != null).map((l) => l.versionId);
  return ids.length ? `/api/v1/tiles/{z}/{x}/{y}.mvt?v=${ids.join('.')}` : null;
}

/** Fill opacity by purpose: districts are the land itself, conflicts stand out, constraints stay faint. */
const FILL_OPACITY: Record<string, number> = { authority: 0.08, zoning: 0.35, conflict: 0.45, constraint: 0.12 };

/** The style layers of a kind; over a real basemap the districts are outlines only (their fill is the offline land). */
export function styleLayersFor(layer: LayerInfo, basemap = false): LayerSpecification[] {
  // Tiled layers come from the composite source, one source-layer named after the kind (src/lib/server/tiles).
  const tiled = (specs: LayerSpecification[]) =>
    layer.tiles
      ? specs.map((s) => ({ ...s, source: ZONING_SOURCE, 'source-layer': layer.kind }) as LayerSpecification)
      : specs;
  return tiled(baseLayersFor(layer, basemap));
}

function baseLayersFor(layer: LayerInfo, basemap: boolean): LayerSpecification[] {
  const source = `zl-${layer.kind}`; // layer ids keep the kind's name; GeoJSON layers have a source of their own
  if (layer.kind === 'district')
    return [
      {
        id: `${source}-fill`,
        type: 'fill',
        source,
        paint: { 'fill-color': '#fbfaf7', 'fill-opacity': basemap ? 0 : 1 }
      },
      {
        id: `${source}-line`,
        type: 'line',
        source,
        paint: {
          'line-color': basemap ? '#4b5563' : '#9ca3af',
          'line-width': basemap ? 1.6 : 1.2,
          'line-dasharray': [3, 2]
        }
      }
    ];
  if (layer.kind === 'lingang')
    return [{ id: `${source}-line`, type: 'line', source, paint: { 'line-color': layer.color, 'line-width': 2.5 } }];
  return [
    {
      id: `${source}-fill`,
      type: 'fill',
      source,
      paint: { 'fill-color': layer.color, 'fill-opacity': FILL_OPACITY[layer.purpose] ?? 0.2 }
    },
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
