// The projects on the map (issue 14.3): those the user may see — the list's own scope (listProjects
// enforces it), drafts of others left out as on the list — with their current parcel; and the search box.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { listProjects } from '../projects/projects.service.ts';
import { currentParcelGeoJson } from '../projects/projects.repository.ts';
import { districtAt } from '../layers/layers.repository.ts';
import { parseCoordinateQuery } from '../../domain/coordinate-query.ts';
import { detectCrs, inShanghai, toLonLatFn } from '../../geo/crs.ts';

export interface ProjectMapProps {
  id: string;
  code: string;
  title: string;
  enterprise: string;
  authorityCode: string | null;
  stage: string;
  stageZh: string;
  stageEn: string;
  landType: string | null;
}

async function parcelsOf(db: Queryable, ids: string[]): Promise<Map<string, Geometry>> {
  if (!ids.length) return new Map();
  const rows = await currentParcelGeoJson(db, ids);
  return new Map(rows.map((r) => [r.project_id, JSON.parse(r.g) as Geometry]));
}

/** The user's projects that have a parcel, as GeoJSON features (properties: ProjectMapProps). */
export async function projectsForMap(
  db: Queryable,
  actor: SessionUser,
  q?: string
): Promise<FeatureCollection<Geometry, ProjectMapProps>> {
  const list = await listProjects(db, actor, q ? { q } : {});
  const parcels = await parcelsOf(
    db,
    list.map((p) => p.id)
  );
  const features: Feature<Geometry, ProjectMapProps>[] = [];
  for (const p of list) {
    const geometry = parcels.get(p.id);
    if (!geometry) continue;
    features.push({
      type: 'Feature',
      geometry,
      properties: {
        id: p.id,
        code: p.code,
        title: p.title,
        enterprise: p.enterpriseName,
        authorityCode: p.authorityCode,
        stage: p.stage,
        stageZh: p.stageLabel.zh,
        stageEn: p.stageLabel.en,
        landType: p.landType
      }
    });
  }
  return { type: 'FeatureCollection', features };
}

export interface PlaceHit {
  lon: number;
  lat: number;
  district: { code: string; zh: string; en: string } | null;
  crs: string | null;
}

/** Coordinates typed in the search box, as CGCS2000 lon/lat with the district they fall in; null if not a place in Shanghai. */
export async function findPlace(db: Queryable, text: string): Promise<PlaceHit | null> {
  const q = parseCoordinateQuery(text);
  if (!q) return null;
  let lon: number,
    lat: number,
    crs: string | null = null;
  if (q.kind === 'lonlat') [lon, lat] = [q.lon, q.lat];
  else {
    const d = detectCrs([[q.a, q.b]]);
    if (!d) return null;
    const raw: [number, number] = d.swapped ? [q.b, q.a] : [q.a, q.b];
    [lon, lat] = toLonLatFn(d.crs)([raw[0] * d.unitsToMetres, raw[1] * d.unitsToMetres]);
    crs = d.crs.code;
  }
  if (!inShanghai([lon, lat])) return null;
  const r = await districtAt(db, lon, lat);
  return { lon, lat, crs, district: r ? { code: r.code, zh: r.name, en: r.name_en ?? r.name } : null };
}
