// The style a MapView starts from: the offline style, a raster basemap set by the administrator
// (domain/basemap.ts), or a full MapLibre style URL from BASEMAP_STYLE_URL.
import type { StyleSpecification } from 'maplibre-gl';
import type { BasemapStyle } from '$lib/domain/basemap.ts';
import { OFFLINE_STYLE } from './layer-style.ts';

/** What the root layout hands every page: a raster basemap, or a style URL, or nothing. */
export type PageBasemap = BasemapStyle | { styleUrl: string };

export function mapStyle(b: PageBasemap | null): { style: StyleSpecification | string; custom: boolean } {
  if (!b) return { style: OFFLINE_STYLE, custom: false };
  if ('styleUrl' in b) return { style: b.styleUrl, custom: true };
  const raster = (tiles: string[]) => ({
    type: 'raster' as const,
    tiles,
    tileSize: 256,
    maxzoom: b.maxZoom,
    attribution: b.attribution || undefined
  });
  const style: StyleSpecification = {
    version: 8,
    sources: { basemap: raster(b.tiles), ...(b.labelTiles.length ? { 'basemap-labels': raster(b.labelTiles) } : {}) },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e5e7eb' } },
      { id: 'basemap', type: 'raster', source: 'basemap' },
      ...(b.labelTiles.length ? [{ id: 'basemap-labels', type: 'raster' as const, source: 'basemap-labels' }] : [])
    ]
  };
  return { style, custom: true };
}
