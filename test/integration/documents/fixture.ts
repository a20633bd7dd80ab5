// Projects for the documents/statistics tests, created through the service and set to a given stage (the
// workflow is tested elsewhere; see test/helpers/projects.ts): a project in a given stage and authority, with a parcel on the classification fixture's metric
// grid, its classification, and dated workflow events so statistics have known answers.
import type { Polygon } from 'geojson';
import type { Db } from '../../../src/lib/server/db/index.ts';
import type { SessionUser } from '../../../src/lib/server/auth/session.ts';
import type { Role } from '../../../src/lib/domain/roles.ts';
import { classifyProject } from '../../../src/lib/server/classification/classify.ts';
import { makeUser } from '../../helpers/fixtures.ts';
import { createProjectAt } from '../../helpers/projects.ts';

export async function sessionUser(db: Db, role: Role, authorityCode: string | null = null): Promise<SessionUser> {
  const u = await makeUser(db, role, authorityCode);
  return {
    id: u.id,
    username: u.username,
    displayName: u.username,
    role,
    authorityCode,
    department: u.department,
    enterpriseName: null
  };
}

export interface FixtureEvent {
  action: string;
  at: string;
  from?: string;
  to?: string;
  payload?: Record<string, unknown>;
}

export interface FixtureProject {
  stage: string;
  authority: string;
  title?: string;
  form?: Record<string, unknown>;
  geometry?: Polygon;
  events?: FixtureEvent[];
  owner?: SessionUser;
  landType?: string;
}

export async function makeFixtureProject(
  db: Db,
  p: FixtureProject
): Promise<{ id: string; code: string; owner: SessionUser }> {
  const owner = p.owner ?? (await sessionUser(db, 'enterprise'));
  const { id, code } = await createProjectAt(db, owner, {
    authority: p.authority,
    stage: p.stage,
    title: p.title ?? '测试项目',
    form: p.form ?? {},
    landType: p.landType ?? null
  });
  if (p.geometry) {
    await db.query(
      `insert into parcels (project_id, geom, area_m2, source_crs) select $1, g, ST_Area(ST_Transform(g, 4549)), 'EPSG:4490'
         from (select ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)) g) s`,
      [id, JSON.stringify(p.geometry)]
    );
    await db.transaction((tx) => classifyProject(tx, id));
  }
  for (const e of p.events ?? []) {
    await db.query(
      `insert into events (project_id, actor_id, actor_role, at, action, from_stage, to_stage, payload) values ($1, $2, 'system', $3, $4, $5, $6, $7)`,
      [id, owner.id, e.at, e.action, e.from ?? null, e.to ?? null, JSON.stringify(e.payload ?? {})]
    );
  }
  return { id, code, owner };
}
