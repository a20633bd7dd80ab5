// What the map's information card shows: a project, a zone, or a place found by coordinates.
import type { Bounds } from './bounds.ts';

export type MapInfo =
  | {
      kind: 'project';
      id: string;
      code: string;
      title: string;
      enterprise: string;
      stageZh: string;
      stageEn: string;
      bounds: Bounds | null;
    }
  | { kind: 'zone'; layer: string; name: string; code: string | null; use: string | null; nameEn: string | null }
  | { kind: 'place'; lon: number; lat: number; district: { zh: string; en: string } | null; crs: string | null };

/** Layers a click can pick, topmost first: projects above zones. */
export const PROJECT_LAYER_IDS = ['projects-fill', 'projects-dot'];
