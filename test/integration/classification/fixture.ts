// Hand-built zoning layers on a metric grid near 121.2°E 31.0°N, with known answers. Every layer kind gets a
// new current version; `restore()` puts back whatever was current before (other test files share the database).
import type { Polygon } from 'geojson';
import type { Db, Queryable } from '../../../src/lib/server/db/index.ts';
import { insertLayerVersion, makeCurrent } from '../../../src/lib/server/layers/layers.repository.ts';
import { createProjectAt } from '../../helpers/projects.ts';
import { makeUser } from '../../helpers/fixtures.ts';

const ORIGIN = { lon: 121.2, lat: 31.0 };
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320 * Math.cos((ORIGIN.lat * Math.PI) / 180);

/** [x, y] metres east/north of the origin → [lon, lat]. The same metres always give the same doubles. */
export const ll = (x: number, y: number): [number, number] => [
  ORIGIN.lon + x / M_PER_DEG_LON,
  ORIGIN.lat + y / M_PER_DEG_LAT
];

export const ring = (x0: number, y0: number, x1: number, y1: number) => [
  ll(x0, y0),
  ll(x1, y0),
  ll(x1, y1),
  ll(x0, y1),
  ll(x0, y0)
];
export const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [ring(x0, y0, x1, y1)]
});

const feature = (geometry: Polygon, properties: Record<string, unknown>) => ({
  type: 'Feature' as const,
  geometry,
  properties
});

/** The hand-built world (metres): two districts split at x = 5000, Lingang in the east, a 6 km boundary square … */
export const WORLD: Record<string, ReturnType<typeof feature>[]> = {
  district: [
    feature(rect(0, 0, 5000, 10000), { code: 'minhang', name: '闵行区' }),
    feature(rect(5000, 0, 10000, 10000), { code: 'songjiang', name: '松江区' })
  ],
  lingang: [feature(rect(8000, 0, 10000, 10000), { code: 'lingang', name: '临港新片区' })],
  development_boundary: [feature(rect(0, 0, 6000, 6000), { code: 'DB-T1', name: '测试开发边界' })],
  industrial_block: [feature(rect(1000, 1000, 2000, 2000), { code: 'IB-T1', name: '测试产业区块' })],
  strategic_reserve: [feature(rect(3000, 1000, 4000, 2000), { code: 'SR-T1', name: '测试战略预留区' })],
  basic_farmland: [feature(rect(7000, 7000, 7500, 7500), { code: 'BF-T1', name: '测试基本农田' })],
  eco_redline: [feature(rect(8500, 8500, 9000, 9000), { code: 'ER-T1', name: '测试生态红线' })],
  central_city: [feature(rect(0, 9000, 100, 9100), { code: 'CC-T', name: '测试中心城' })],
  river_buffer: [feature(rect(0, 9500, 100, 9600), { code: 'RB-T', name: '测试沿江' })]
};

export async function currentVersions(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ kind: string; id: number }>('select kind, id from layer_versions where is_current');
  return new Map(rows.map((r) => [r.kind, r.id]));
}

/** Installs `world` as the current version of each of its kinds; returns a function that restores the previous ones. */
export async function installWorld(
  db: Db,
  world: Record<string, { type: 'Feature'; geometry: Polygon; properties: Record<string, unknown> }[]>,
  label = 'test'
) {
  const before = await currentVersions(db);
  const ids: Record<string, number> = {};
  await db.transaction(async (tx) => {
    for (const [kind, features] of Object.entries(world)) {
      const v = await insertLayerVersion(tx, {
        kind,
        label,
        sourceName: `${label}-${kind}.geojson`,
        sourceSha256: 'test',
        importedBy: 'test',
        sample: false,
        features
      });
      ids[kind] = v.id;
    }
  });
  return {
    ids,
    restore: () =>
      db.transaction(async (tx) => {
        for (const kind of Object.keys(world)) {
          const prev = before.get(kind);
          if (prev) await makeCurrent(tx, kind, prev);
          else await tx.query('update layer_versions set is_current = false where kind = $1', [kind]);
        }
      })
  };
}

/** A project in `stage` owned by a new enterprise user, authority minhang, with `geometry` as its current parcel. */
export async function makeProjectWithParcel(db: Db, geometry: Polygon, stage = 'draft') {
  const u = await makeUser(db, 'enterprise');
  const owner = {
    id: u.id,
    username: u.username,
    displayName: u.username,
    role: u.role,
    authorityCode: null,
    department: null,
    enterpriseName: null
  };
  const { id } = await createProjectAt(db, owner, { authority: 'minhang', stage, title: '测试项目' });
  await db.query(
    `insert into parcels (project_id, geom, area_m2) select $1, g, ST_Area(ST_Transform(g, 4549))
       from (select ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)) g) s`,
    [id, JSON.stringify(geometry)]
  );
  return id;
}
