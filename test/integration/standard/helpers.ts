// Builders for standard tests: users as sessions, projects with a form, a parcel and a stored classification.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../src/lib/server/db/index.ts';
import type { SessionUser } from '../../../src/lib/server/auth/session.ts';
import type { Role } from '../../../src/lib/domain/roles.ts';
import { makeUser, uniqueName } from '../../helpers/fixtures.ts';
import { createProjectAt } from '../../helpers/projects.ts';

export async function sessionUser(db: Db, role: Role, authorityCode: string | null = null): Promise<SessionUser> {
  const u = await makeUser(db, role, authorityCode);
  return {
    id: u.id,
    username: u.username,
    displayName: u.username,
    role,
    authorityCode,
    department: null,
    enterpriseName: null
  };
}

/** A form that meets every sample criterion: integrated circuits, 10 亩, tax 800 万元 (80 万元/亩). */
export const GOOD_FORM = {
  industryCode: 'C3973',
  landArea: 6666.7,
  expectedAnnualTax: 800,
  investment: 8000,
  expectedAnnualOutput: 5000,
  plotRatioAfter: 2.0,
  annualEnergyUse: 100
};

const SQUARE = 'MULTIPOLYGON(((121.40 31.00, 121.401 31.00, 121.401 31.001, 121.40 31.001, 121.40 31.00)))';

export async function makeProject(
  db: Db,
  owner: SessionUser,
  opts: {
    stage?: string;
    authorityCode?: string;
    form?: Record<string, unknown>;
    classification?: Record<string, unknown> | null;
  } = {}
): Promise<string> {
  const { id } = await createProjectAt(db, owner, {
    authority: opts.authorityCode ?? 'pudong',
    stage: opts.stage ?? 'joint_review',
    title: uniqueName('项目'),
    form: opts.form ?? GOOD_FORM
  });
  const cls = opts.classification === undefined ? classification() : opts.classification;
  if (cls) {
    const { rows } = await db.query<{ id: string }>(
      `insert into parcels (project_id, geom, area_m2) values ($1, ST_GeomFromText($2, 4490), 6666.7) returning id`,
      [id, SQUARE]
    );
    await db.query(
      `insert into classifications (project_id, parcel_id, land_type, result, layer_versions, tolerances) values ($1, $2, $3, $4, '[]', '{}')`,
      [id, rows[0].id, cls.landType, JSON.stringify(cls)]
    );
  }
  return id;
}

export function classification(over: Record<string, unknown> = {}) {
  return {
    landType: 'inside_boundary',
    areaM2: 6666.7,
    zones: [],
    conflicts: [],
    layerVersions: ['eco_redline', 'basic_farmland', 'central_city', 'river_buffer', 'development_boundary'].map(
      (kind, i) => ({ kind, versionId: i + 1, version: 1, label: 'v1', sample: true })
    ),
    ...over
  };
}

/** A document of the project (declarations may cite only the project's own files). */
export async function makeFile(db: Db, by: SessionUser, projectId: string, name = '承诺书.pdf') {
  const { rows } = await db.query<{ id: string }>(
    `insert into files (sha256, original_name, size_bytes, uploaded_by) values ($1, $2, 10, $3) returning id`,
    [randomUUID().replace(/-/g, ''), name, by.id]
  );
  await db.query(`insert into project_files (project_id, file_id, kind, added_by) values ($1, $2, 'other', $3)`, [
    projectId,
    rows[0].id,
    by.id
  ]);
  return rows[0].id;
}
