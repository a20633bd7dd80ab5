// SQL of issued documents and of the map figure's zoning layers. Project, parcel, file and event rows are
// read and written through projects.repository.ts (one owner per table).
import type { MultiPolygon, Polygon } from 'geojson';
import type { Queryable } from '../db/index.ts';
import type { MapZone } from './map-figure.ts';

export interface IssuedRow {
  id: string;
  code: string;
  project_id: string;
  kind: string;
  file_id: string;
  sha256: string;
  project_title: string;
  issued_at: Date;
  issued_by: string | null;
  /** Issue time of the next sheet of the same project, if any (then this one is superseded). */
  superseded_at: Date | null;
}

const SELECT_ISSUED = `select d.id::text as id, d.code, d.project_id, d.kind, d.file_id, d.sha256, d.project_title, d.issued_at, d.issued_by,
    (select min(n.issued_at) from issued_documents n where n.project_id = d.project_id and n.kind = d.kind and n.id > d.id) as superseded_at
  from issued_documents d`;

export async function insertIssued(
  db: Queryable,
  r: {
    code: string;
    projectId: string;
    kind: string;
    fileId: string;
    sha256: string;
    title: string;
    issuedAt: Date;
    issuedBy: string;
  }
) {
  await db.query(
    `insert into issued_documents (code, project_id, kind, file_id, sha256, project_title, issued_at, issued_by) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [r.code, r.projectId, r.kind, r.fileId, r.sha256, r.title, r.issuedAt.toISOString(), r.issuedBy]
  );
}

export async function findIssuedByCode(db: Queryable, code: string): Promise<IssuedRow | null> {
  const { rows } = await db.query<IssuedRow>(`${SELECT_ISSUED} where d.code = $1`, [code]);
  return rows[0] ?? null;
}

export async function latestIssued(db: Queryable, projectId: string, kind: string): Promise<IssuedRow | null> {
  const { rows } = await db.query<IssuedRow>(
    `${SELECT_ISSUED} where d.project_id = $1 and d.kind = $2 order by d.id desc limit 1`,
    [projectId, kind]
  );
  return rows[0] ?? null;
}

export async function listIssued(db: Queryable, projectId: string): Promise<IssuedRow[]> {
  const { rows } = await db.query<IssuedRow>(`${SELECT_ISSUED} where d.project_id = $1 order by d.id desc`, [
    projectId
  ]);
  return rows;
}

/** Figure frame margin around the parcel, in multiples of its larger extent (the figure shows ~2–4×). */
const FRAME_MARGIN = 2.5;
/** Smallest margin in degrees (~300 m): a tiny parcel still shows its neighbourhood. */
const MIN_MARGIN_DEG = 0.003;

/**
 * Zones of the current layer versions around the project's current parcel, clipped to a frame around it
 * and merged per zone (zone_parts are the subdivided pieces: union them so no cut lines are drawn).
 */
export async function mapZonesAround(db: Queryable, projectId: string): Promise<MapZone[]> {
  const { rows } = await db.query<{
    kind: string;
    kind_name: string;
    color: string;
    purpose: string;
    name: string;
    g: Polygon | MultiPolygon | null;
  }>(
    `with p as (select geom from parcels where project_id = $1 and is_current),
     env as (
       select ST_Expand(ST_Envelope(geom), greatest(ST_XMax(geom) - ST_XMin(geom), ST_YMax(geom) - ST_YMin(geom)) * ${FRAME_MARGIN} + ${MIN_MARGIN_DEG}) as e from p
     )
     select v.kind, k.name_zh as kind_name, k.color, k.purpose, z.name,
            ST_AsGeoJSON(ST_CollectionExtract(ST_Union(ST_Intersection(zp.geom, env.e)), 3), 7)::json as g
       from env
       join zone_parts zp on zp.geom && env.e
       join layer_versions v on v.id = zp.version_id and v.is_current
       join layer_kinds k on k.code = v.kind
       join zones z on z.id = zp.zone_id
      group by z.id, v.kind, k.name_zh, k.color, k.purpose, z.name, k.sort
      order by k.sort, z.id`,
    [projectId]
  );
  return rows
    .filter((r) => r.g && (r.g.type === 'Polygon' || r.g.type === 'MultiPolygon') && r.g.coordinates.length > 0)
    .map((r) => ({
      kind: r.kind,
      kindName: r.kind_name,
      color: r.color,
      purpose: r.purpose,
      name: r.name,
      geometry: r.g!
    }));
}

/** The district the parcel lies in (most of it), simplified for the inset of the location figure. */
export async function districtAround(
  db: Queryable,
  projectId: string
): Promise<{ name: string; geometry: Polygon | MultiPolygon } | null> {
  const { rows } = await db.query<{ name: string; g: Polygon | MultiPolygon | null }>(
    `with p as (select geom from parcels where project_id = $1 and is_current)
     select z.name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(z.geom, 0.0005), 6)::json as g
       from p join zones z on ST_Intersects(z.geom, p.geom)
       join layer_versions v on v.id = z.version_id and v.is_current and v.kind = 'district'
      order by ST_Area(ST_Intersection(z.geom, p.geom)) desc limit 1`,
    [projectId]
  );
  const r = rows[0];
  return r?.g && (r.g.type === 'Polygon' || r.g.type === 'MultiPolygon') ? { name: r.name, geometry: r.g } : null;
}

export async function authorityName(db: Queryable, code: string | null): Promise<string> {
  if (!code) return '—';
  const { rows } = await db.query<{ name_zh: string }>('select name_zh from authorities where code = $1', [code]);
  return rows[0]?.name_zh ?? code;
}

export async function latestClassificationResult(db: Queryable, projectId: string): Promise<unknown | null> {
  const { rows } = await db.query<{ result: unknown }>(
    'select result from classifications where project_id = $1 order by id desc limit 1',
    [projectId]
  );
  return rows[0]?.result ?? null;
}

export async function userDisplayName(db: Queryable, id: string): Promise<string> {
  const { rows } = await db.query<{ display_name: string; department: string | null }>(
    'select display_name, department from users where id = $1',
    [id]
  );
  const r = rows[0];
  return r ? (r.department ? `${r.department} ${r.display_name}` : r.display_name) : '—';
}
