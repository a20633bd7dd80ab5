// The map core's context (after svelte-maplibre-gl's contexts.svelte.ts): MapView.svelte creates the one
// MapLibre map and puts it here; sources and layers below it read the map, and layers the source they sit in.
import { getContext, setContext } from 'svelte';
import type { Map as MlMap } from 'maplibre-gl';

export type MapLibre = typeof import('maplibre-gl');

export class MapContext {
  /** Set once the style has loaded: children render only then, so they can add sources and layers at once. */
  map = $state.raw<MlMap | null>(null);
  lib: MapLibre | null = null;
  /** A real basemap lies under the layers: the offline land fill must stay transparent. */
  basemap = $state(false);
}

const MAP = Symbol('map');
const SOURCE = Symbol('map-source');

export const setMapContext = (ctx: MapContext) => setContext(MAP, ctx);

/** The map, for a component inside a MapView (which renders its children only once the map is loaded). */
export function getMapContext(): MapContext & { map: MlMap; lib: MapLibre } {
  const ctx = getContext<MapContext | undefined>(MAP);
  if (!ctx?.map || !ctx.lib) throw new Error('map components belong inside <MapView>');
  return ctx as MapContext & { map: MlMap; lib: MapLibre };
}

export const setSourceId = (id: string) => setContext(SOURCE, id);
export const getSourceId = (): string | undefined => getContext<string | undefined>(SOURCE);

/** True while the map still holds its style (a removed map has none; removing from it would throw). */
export const alive = (map: MlMap) => !!(map as unknown as { style?: unknown }).style;
