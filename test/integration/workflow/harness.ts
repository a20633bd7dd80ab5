// Builds users and ready-to-submit projects for workflow tests. The land type is set as the
// classification would set it (its own tests cover the spatial part), so each path is chosen exactly.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import type { SessionUser } from '../../../src/lib/server/auth/session.ts';
import type { Role } from '../../../src/lib/domain/roles.ts';
import { addProjectFile, createProject, saveDraft } from '../../../src/lib/server/projects/projects.service.ts';
import { applyProjectAction } from '../../../src/lib/server/workflow/workflow.service.ts';
import { makeUser } from '../../helpers/fixtures.ts';
import { ensureDemoPolicyExtension } from '../../../src/lib/server/policy/versions.service.ts';
import { issueSheet } from '../../../src/lib/server/documents/documents.service.ts';

// Uploaded blobs go to a temporary folder, not the developer's ./data (the database is in memory anyway).
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'zeroland-it-files-'));

export const COMPLETE_FORM = {
  enterpriseName: '上海测试精密机械有限公司',
  uscc: '91310000MA1FL4XG45',
  contactPerson: '张三',
  contactPhone: '13812345678',
  parcelAddress: '上海市浦东新区示例路 100 号',
  landTitleNumber: '沪(2020)浦字不动产权第000001号',
  landArea: 12000,
  floorAreaExisting: 8000,
  floorAreaPlanned: 24000,
  plotRatioBefore: 0.67,
  plotRatioAfter: 2.0,
  contractPlotRatio: 2.5,
  newlyTransferred: false,
  retainedInPlan: true,
  retainedPlanKind: 'regulatory_detailed',
  investment: 15000,
  expectedAnnualOutput: 30000,
  expectedAnnualTax: 1500,
  industryCode: 'C3511',
  annualEnergyUse: 850,
  description: '原址拆除老旧厂房，新建高标准厂房。',
  constructionType: 'rebuild'
};

export async function user(
  db: Db,
  role: Role,
  authority: string | null = null,
  department?: string,
  departmentCode?: string
): Promise<SessionUser> {
  const u = await makeUser(db, role, authority, { department, departmentCode });
  return {
    id: u.id,
    username: u.username,
    displayName: u.username,
    role,
    authorityCode: authority,
    department: department ?? null,
    departmentCode: departmentCode ?? null,
    enterpriseName: null
  };
}

/** One district's cast; department users are bound to their department by code. */
export async function district(db: Db, code: string) {
  // The guideline expired on 2025-10-25; tests run today, under the demo's sample extension (issue 12).
  await ensureDemoPolicyExtension(db);
  return {
    ent: await user(db, 'enterprise'),
    industry: await user(db, 'district_industry', code, '区产业部门'),
    fgw: await user(db, 'district_department', code, '区发展改革委', 'development_reform'),
    ghzy: await user(db, 'district_department', code, '区规划资源局', 'planning_resources'),
    sthj: await user(db, 'district_department', code, '区生态环境局', 'ecology_environment'),
    gov: await user(db, code === 'lingang' ? 'lingang_committee' : 'district_government', code, '区政府')
  };
}

export async function city(db: Db) {
  return {
    sheitc: await user(db, 'city_sheitc'),
    ndrc: await user(db, 'city_ndrc'),
    stcsm: await user(db, 'city_stcsm'),
    planning: await user(db, 'city_planning'),
    ecology: await user(db, 'city_ecology')
  };
}

const SQUARE = 'MULTIPOLYGON(((121.60 31.20, 121.601 31.20, 121.601 31.201, 121.60 31.201, 121.60 31.20)))';

/**
 * What classification would have stored: a current parcel, the land type and the authority. Each project gets its
 * own square (a grid cell numbered by the parcels stored so far): distinct applications have distinct land, so the
 * one-parcel-one-live-project rule (issue 12.9) stays silent unless a test overlaps parcels on purpose.
 */
export async function classifyAs(db: Db, projectId: string, landType: string, authority: string) {
  await db.query(
    `insert into parcels (project_id, geom, area_m2, source_crs)
     select $1, ST_Translate(ST_GeomFromText($2, 4490), -0.0015 * (n % 20), -0.0015 * (n / 20)), 10000, 'EPSG:4490'
       from (select count(*)::int as n from parcels) c`,
    [projectId, SQUARE]
  );
  await db.query('update projects set land_type = $2, authority_code = $3 where id = $1', [
    projectId,
    landType,
    authority
  ]);
}

const bytes = (s: string) => new TextEncoder().encode(s);

export interface Built {
  id: string;
  version: number;
}

/** A complete draft with its documents, classified as `landType` in `authority`. */
export async function readyDraft(
  db: Db,
  owner: SessionUser,
  opts: { landType: string; authority: string; form?: Record<string, unknown>; commitment?: boolean }
): Promise<Built> {
  const { id } = await createProject(db, owner, { form: {} });
  const { version } = await saveDraft(
    db,
    owner,
    id,
    { ...COMPLETE_FORM, authorityCode: opts.authority, ...(opts.form ?? {}) },
    0
  );
  await addProjectFile(db, owner, id, 'land_title', { name: '土地权证.pdf', bytes: bytes(`title ${id}`) });
  await addProjectFile(db, owner, id, 'land_contract', { name: '出让合同.pdf', bytes: bytes(`contract ${id}`) });
  if (opts.commitment)
    await addProjectFile(db, owner, id, 'commitment', { name: '承诺书.pdf', bytes: bytes(`commitment ${id}`) });
  await classifyAs(db, id, opts.landType, opts.authority);
  return { id, version };
}

/** 一键成表 by the district lead: the sheet must exist before the case goes to the deciders (附件 二.1). */
export async function issueSheetFor(db: Db, industry: SessionUser, id: string): Promise<string> {
  return (await issueSheet(db, industry, id, 'http://zeroland.test')).code;
}

/** Runs one action and returns the new version (throws the UserError on refusal). */
export async function act(
  db: Db,
  actor: SessionUser,
  id: string,
  version: number,
  action: string,
  extra: Record<string, unknown> = {}
): Promise<number> {
  const r = await applyProjectAction(db, actor, id, { action, expectedVersion: version, ...extra });
  return r.version;
}

export async function recognitionDoc(db: Db, actor: SessionUser, id: string, kind = 'recognition'): Promise<string> {
  const f = await addProjectFile(db, actor, id, kind, {
    name: `${kind}.pdf`,
    bytes: bytes(`${kind} ${id} ${Math.random()}`)
  });
  return f.id;
}

export async function events(
  db: Db,
  id: string
): Promise<
  { action: string; from_stage: string | null; to_stage: string | null; version: number | null; actor_role: string }[]
> {
  return (
    await db.query<{
      action: string;
      from_stage: string | null;
      to_stage: string | null;
      version: number | null;
      actor_role: string;
    }>('select action, from_stage, to_stage, version, actor_role from events where project_id = $1 order by id', [id])
  ).rows;
}

export { getDb };

/** The sample rule set's P-PLAN is a reviewer's judgement: unjudged, recognition needs a justification (一.3). */
export const JUSTIFIED = '区政府常务会议研究同意：符合区产业发展规划（测试）';
