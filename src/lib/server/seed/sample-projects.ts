// Demo projects for the sample installation (示意数据): a few applications at different stages, on the
// demo parcels of seed/sample-layers/sample-parcels.geojson, driven through the real services so their
// history, clock and classification are what the platform itself would record. Idempotent by title.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { findUserByUsername } from '../users/users.repository.ts';
import { projectTitleExists } from '../projects/projects.repository.ts';
import { addProjectFile, createProject, saveDraft } from '../projects/projects.service.ts';
import { attachBoundary } from '../projects/boundary.service.ts';
import { applyProjectAction } from '../workflow/workflow.service.ts';
import { issueSheet } from '../documents/documents.service.ts';

const PARCELS_FILE = () =>
  path.resolve(process.env.SAMPLE_LAYERS_DIR ?? 'seed/sample-layers', 'sample-parcels.geojson');

interface Plan {
  title: string;
  parcel: string;
  owner: string;
  form: Record<string, unknown>;
  /** Actions in order: [username, action, extra]. */
  steps: [string, string, Record<string, unknown>?][];
}

const FORM = {
  uscc: '91310000MA1FL4XG45',
  contactPerson: '王示意',
  contactPhone: '021-58880000',
  landTitleNumber: '沪(2019)示意不动产权第000123号',
  floorAreaExisting: 6000,
  floorAreaPlanned: 15000,
  plotRatioBefore: 0.6,
  plotRatioAfter: 1.5,
  contractPlotRatio: 2.0,
  newlyTransferred: false,
  retainedInPlan: true,
  retainedPlanKind: 'regulatory_detailed',
  investment: 12000,
  expectedAnnualOutput: 25000,
  expectedAnnualTax: 1200,
  industryCode: 'C3484',
  annualEnergyUse: 600,
  description: '示意项目：原址拆除老旧厂房，新建多层厂房，引入智能化生产线（示意数据）。',
  constructionType: 'rebuild'
};

const PLANS: Plan[] = [
  {
    title: '【示意】精密机械零增地技术改造项目（浦东，区级联审中）',
    parcel: 'P03',
    owner: 'ent_pudong',
    form: {
      ...FORM,
      enterpriseName: '上海示意精密机械有限公司',
      authorityCode: 'pudong',
      parcelAddress: '浦东新区示意路 1 号',
      landArea: 20000
    },
    steps: [
      ['ent_pudong', 'submit'],
      ['pd_industry', 'accept'],
      [
        'pd_industry',
        'start_joint_review',
        { departments: ['planning_resources', 'development_reform', 'ecology_environment'] }
      ],
      ['pd_fgw', 'record_opinion', { opinion: 'agree', comment: '符合产业导向。' }]
    ]
  },
  {
    title: '【示意】汽车零部件零增地技术改造项目（嘉定，草稿）',
    parcel: 'P02',
    owner: 'ent_jiading',
    form: {
      enterpriseName: '上海示意汽车零部件有限公司',
      authorityCode: 'jiading',
      parcelAddress: '嘉定区示意路 2 号',
      contactPerson: '李示意'
    },
    steps: []
  },
  {
    title: '【示意】智能装备零增地技术改造项目（临港，已认定转入跟踪）',
    parcel: 'P07',
    owner: 'ent_lingang',
    form: {
      ...FORM,
      enterpriseName: '上海示意智能装备有限公司',
      authorityCode: 'lingang',
      parcelAddress: '临港新片区示意路 7 号',
      landArea: 30000
    },
    steps: [
      ['ent_lingang', 'submit'],
      ['lg_industry', 'accept'],
      ['lg_industry', 'start_joint_review', { departments: ['planning_resources'] }],
      ['lg_ghzy', 'record_opinion', { opinion: 'conditional', comment: '按规划落实建筑退界（示意）。' }],
      // 附件 二.1: the sheet goes to the deciders with the case (domain/project-sheet.ts).
      ['lg_industry', 'issue_sheet'],
      ['lg_industry', 'close_joint_review'],
      // P-PLAN (符合区产业发展规划) is a reviewer's judgement not recorded in the sample: the committee justifies (一.3).
      [
        'lg_committee',
        'recognise',
        {
          document: 'recognition',
          justification: '（示意）管委会研究认为项目符合临港新片区产业规划，区规划资源处已出具有条件同意意见。'
        }
      ]
    ]
  }
];

async function sessionUser(db: Db, username: string): Promise<SessionUser> {
  const u = await findUserByUsername(db, username);
  if (!u) throw new Error(`sample projects: demo user ${username} missing`);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    authorityCode: u.authority_code,
    department: u.department,
    departmentCode: u.department_code,
    email: u.email,
    enterpriseName: u.enterprise_name
  };
}

const text = (s: string) => new TextEncoder().encode(s);

export async function seedSampleProjects(db: Db, log: (line: string) => void = () => {}): Promise<number> {
  let fc: { features: { properties: { id: string }; geometry: unknown }[] };
  try {
    fc = JSON.parse(await readFile(PARCELS_FILE(), 'utf8'));
  } catch {
    log('sample projects: no sample-parcels.geojson, skipped');
    return 0;
  }
  let added = 0;
  for (const plan of PLANS) {
    if (await projectTitleExists(db, plan.title)) continue;
    const feature = fc.features.find((f) => f.properties.id === plan.parcel);
    if (!feature) continue;
    try {
      await seedOne(db, plan, feature.geometry);
      added++;
      log(`sample project ${plan.title}`);
    } catch (e) {
      // A demo that cannot be built (e.g. replaced layers put the parcel elsewhere) must not stop the server.
      log(`sample project ${plan.title} skipped: ${(e as Error).message}`);
    }
  }
  return added;
}

async function seedOne(db: Db, plan: Plan, geometry: unknown): Promise<void> {
  {
    const owner = await sessionUser(db, plan.owner);
    const { id } = await createProject(db, owner, { title: plan.title, form: plan.form });
    await saveDraft(db, owner, id, plan.form, 0);
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: plan.parcel }, geometry }]
    });
    let version = (
      await attachBoundary(db, owner, id, [{ name: `${plan.parcel}-四至范围.geojson`, bytes: text(geojson) }])
    ).version;
    if (plan.steps.length) {
      await addProjectFile(db, owner, id, 'land_title', {
        name: '土地权证（示意）.txt',
        bytes: text(`示意数据 ${plan.title} 土地权证`),
        mime: 'text/plain'
      });
      await addProjectFile(db, owner, id, 'land_contract', {
        name: '土地出让合同（示意）.txt',
        bytes: text(`示意数据 ${plan.title} 出让合同`),
        mime: 'text/plain'
      });
    }
    for (const [username, action, extra = {}] of plan.steps) {
      const actor = await sessionUser(db, username);
      if (action === 'issue_sheet') {
        await issueSheet(db, actor, id, process.env.PUBLIC_ORIGIN ?? process.env.ORIGIN ?? 'http://localhost:3000');
        continue;
      }
      const { document, ...rest } = extra as { document?: string };
      const body: Record<string, unknown> = { action, expectedVersion: version, ...rest };
      if (document)
        body.documentId = (
          await addProjectFile(db, actor, id, document, {
            name: '认定文件（示意）.txt',
            bytes: text(`示意数据 ${plan.title} 认定文件`),
            mime: 'text/plain'
          })
        ).id;
      version = (await applyProjectAction(db, actor, id, body)).version;
    }
  }
}
