import { describe, expect, it } from 'vitest';
import {
  actionDocumentRefusal,
  attachRefusal,
  attachStages,
  DOCUMENT_MAX_BYTES
} from '../../../src/lib/domain/attachments.ts';
import type { Actor } from '../../../src/lib/domain/permissions.ts';
import type { Stage } from '../../../src/lib/domain/workflow-model.ts';

const ent: Actor = { id: 'e1', role: 'enterprise', authorityCode: null };
const lead: Actor = { id: 'i1', role: 'district_industry', authorityCode: 'pudong' };
const dept: Actor = {
  id: 'd1',
  role: 'district_department',
  authorityCode: 'pudong',
  department: 'planning_resources'
};
const gov: Actor = { id: 'g1', role: 'district_government', authorityCode: 'pudong' };
const otherDistrict: Actor = { id: 'j1', role: 'district_industry', authorityCode: 'jiading' };
const city: Actor = { id: 'c1', role: 'city_sheitc', authorityCode: null };
const admin: Actor = { id: 'a1', role: 'admin', authorityCode: null };
const at = (stage: Stage) => ({ authorityCode: 'pudong', ownerId: 'e1', stage });
const MB = 1024 * 1024;

describe('attaching documents by role and stage', () => {
  it('the applicant attaches title and contract only while the application may be edited', () => {
    expect(attachRefusal(ent, at('draft'), 'land_title', MB)).toBeNull();
    expect(attachRefusal(ent, at('returned'), 'land_contract', MB)).toBeNull();
    const r = attachRefusal(ent, at('joint_review'), 'land_title', MB)!;
    expect(r).toMatchObject({ status: 409, code: 'attach_wrong_stage' });
    expect(r.zh).toMatch(/“区级联审”阶段，不能上传“土地权证”；您可在“草稿”、“退回补正”阶段上传/);
    expect(r.en).toMatch(/at "District joint review".*you may upload it at "Draft", "Returned to the enterprise"/);
  });

  it('nothing is attached to a withdrawn or rejected project, by anyone', () => {
    for (const a of [ent, lead, dept, gov, city]) {
      for (const stage of ['withdrawn', 'rejected'] as const) {
        for (const kind of ['other', 'commitment', 'joint_review_material', 'recognition'] as const) {
          const r = attachRefusal(a, at(stage), kind, MB);
          expect(r?.code, `${a.role} ${stage} ${kind}`).toMatch(/project_closed|attach_not_allowed/);
        }
      }
    }
    expect(attachRefusal(ent, at('withdrawn'), 'other', MB)!.zh).toMatch(/已办结/);
  });

  it('after recognition only tracking documents, by officials; the enterprise no longer adds material', () => {
    expect(attachRefusal(ent, at('recognised'), 'other', MB)?.code).toBe('attach_wrong_stage');
    expect(attachRefusal(lead, at('tracking'), 'other', MB)).toBeNull();
    expect(attachRefusal(city, at('tracking'), 'other', MB)).toBeNull();
    expect(attachRefusal(dept, at('recognised'), 'plan_adjustment', MB)).toBeNull();
    expect(attachRefusal(ent, at('recognised'), 'commitment', MB)?.code).toBe('attach_wrong_stage');
  });

  it('a mere viewer is not an uploader: admin, another district, the wrong role', () => {
    expect(attachRefusal(admin, at('joint_review'), 'other', MB)?.code).toBe('attach_not_allowed');
    expect(attachRefusal(otherDistrict, at('joint_review'), 'other', MB)?.code).toBe('attach_not_allowed');
    expect(attachRefusal(dept, at('decision'), 'recognition', MB)?.code).toBe('attach_not_allowed');
    expect(attachRefusal(gov, at('decision'), 'recognition', MB)).toBeNull();
    expect(attachRefusal(gov, at('joint_review'), 'recognition', MB)?.code).toBe('attach_wrong_stage');
    expect(attachStages(ent, { authorityCode: 'pudong', ownerId: 'someone else' }, 'other')).toEqual([]);
  });

  it('the boundary has its own upload', () => {
    expect(attachRefusal(ent, at('draft'), 'boundary', MB)).toMatchObject({ status: 400, code: 'use_boundary_upload' });
  });

  it('per-kind size limits, stated in the refusal', () => {
    expect(DOCUMENT_MAX_BYTES.land_title).toBe(20 * MB);
    expect(attachRefusal(ent, at('draft'), 'land_title', 20 * MB)).toBeNull();
    const r = attachRefusal(ent, at('draft'), 'land_title', 20 * MB + 1)!;
    expect(r).toMatchObject({ status: 413, code: 'document_too_large' });
    expect(r.zh).toMatch(/不能超过 20 MB/);
    expect(r.en).toMatch(/at most 20 MB/);
    expect(attachRefusal(ent, at('draft'), 'land_contract', 40 * MB)).toBeNull();
  });
});

describe('the document an action rests on (domain/attachments.ts ACTION_DOCUMENT)', () => {
  const files = [
    { id: 'f-rec', kind: 'recognition' },
    { id: 'f-plan', kind: 'plan_adjustment' },
    { id: 'f-letter', kind: 'joint_review_opinion' },
    { id: 'f-other', kind: 'other' }
  ];
  it('recognition, plan adjustment and an entered opinion need a file of their own kind of this project', () => {
    expect(actionDocumentRefusal('recognise', 'f-rec', files)).toBeNull();
    expect(actionDocumentRefusal('recognise', 'f-other', files)).toMatchObject({
      status: 400,
      code: 'document_not_attached'
    });
    expect(actionDocumentRefusal('complete_plan_adjustment', 'f-plan', files)).toBeNull();
    expect(actionDocumentRefusal('complete_plan_adjustment', 'f-rec', files)).not.toBeNull();
    expect(actionDocumentRefusal('enter_opinion', 'f-letter', files)).toBeNull();
    expect(actionDocumentRefusal('enter_opinion', 'f-other', files)?.zh).toMatch(/请先上传/);
  });
  it('another action may cite any file of the project, but not a file of another project', () => {
    expect(actionDocumentRefusal('reject', 'f-other', files)).toBeNull();
    expect(actionDocumentRefusal('reject', 'f-elsewhere', files)).toMatchObject({ code: 'document_not_attached' });
  });
});

describe('who attaches which kind in which stages (issue 11.6), role by role', () => {
  const EDITABLE = ['draft', 'returned'];
  const REVIEW = ['submitted', 'preliminary_review', 'joint_review', 'city_review', 'decision'];
  const OPEN = ['draft', 'returned', ...REVIEW];
  const AFTER = ['recognised', 'tracking'];
  const ndrc: Actor = { id: 'c2', role: 'city_ndrc', authorityCode: null };
  const planning: Actor = { id: 'c3', role: 'city_planning', authorityCode: null };
  const mine = { authorityCode: 'pudong', ownerId: 'e1' };
  const stages = (a: Actor, kind: Parameters<typeof attachStages>[2]) => [...attachStages(a, mine, kind)].sort();
  const set = (...s: string[]) => [...new Set(s)].sort();

  it.each([
    // [actor, kind, stages]
    ['enterprise', ent, 'joint_review_material', set(...EDITABLE, 'submitted', 'preliminary_review', 'joint_review')],
    ['district lead', lead, 'joint_review_material', set(...EDITABLE, ...REVIEW)],
    ['district department', dept, 'joint_review_material', set(...REVIEW)],
    ['city', city, 'joint_review_material', ['city_review']],
    ['administrator', admin, 'joint_review_material', []],
    ['district lead', lead, 'joint_review_opinion', ['joint_review']],
    ['district department', dept, 'joint_review_opinion', []],
    ['enterprise', ent, 'joint_review_opinion', []],
    ['enterprise', ent, 'declaration_evidence', set(...EDITABLE)],
    ['district lead', lead, 'declaration_evidence', []],
    ['district department', dept, 'plan_adjustment', set('decision', ...AFTER)],
    ['city planning', planning, 'plan_adjustment', set('decision', ...AFTER)],
    ['district lead', lead, 'plan_adjustment', []],
    ['district lead', lead, 'land_title', set(...EDITABLE)],
    ['district department', dept, 'land_contract', []],
    ['enterprise', ent, 'commitment', set(...OPEN)],
    ['district department', dept, 'commitment', []],
    ['district government', gov, 'recognition', set('city_review', 'decision')],
    ['city (SHEITC)', city, 'recognition', set('city_review', 'decision')],
    ['city (NDRC)', ndrc, 'recognition', []],
    ['enterprise', ent, 'other', set(...OPEN)],
    ['district lead', lead, 'other', set(...OPEN, ...AFTER)],
    ['district department', dept, 'other', set(...REVIEW, ...AFTER)],
    ['city', city, 'other', set('city_review', ...AFTER)],
    ['enterprise', ent, 'boundary', []]
  ] as const)('%s, %s', (_who, actor, kind, expected) => expect(stages(actor, kind)).toEqual(expected));
});

describe('attachment refusals a user reads', () => {
  it('the boundary is sent to its own upload', () =>
    expect(attachRefusal(ent, at('draft'), 'boundary', MB)).toMatchObject({
      zh: '地块边界请通过“上传地块边界”上传（会解析坐标并完成空间判定）。',
      en: 'Upload the boundary through the boundary upload (it is parsed and classified).'
    }));
  it('a role that never attaches this kind is told so with the document name', () =>
    expect(attachRefusal(dept, at('joint_review'), 'land_title', MB)).toEqual({
      status: 403,
      code: 'attach_not_allowed',
      zh: '您的角色不能为本项目上传“土地权证”。',
      en: 'Your role cannot upload "Land title certificate" to this project.'
    }));
  it('a closed case says so in both languages; an open wrong stage does not', () => {
    const closed = attachRefusal(ent, at('rejected'), 'other', MB)!;
    expect(closed.code).toBe('project_closed');
    expect(closed.en).toContain('cannot be uploaded: the case is closed; you may upload it at');
    const open = attachRefusal(ent, at('recognised'), 'other', MB)!;
    expect(open.en).toContain('cannot be uploaded; you may upload it at');
    expect(open.zh).not.toContain('已办结');
  });
  it('a file too large states its own size and the limit in MB', () => {
    const r = attachRefusal(ent, at('draft'), 'land_title', 25.5 * MB)!;
    expect(r.zh).toBe('“土地权证”文件过大（25.5 MB），此类材料不能超过 20 MB；请压缩或降低扫描分辨率后再上传。');
    expect(r.en).toBe(
      'The "Land title certificate" file is too large (25.5 MB); this kind of document may be at most 20 MB. Compress it or scan at a lower resolution.'
    );
  });
  it('citing a file that is not there tells what to upload first', () =>
    expect(actionDocumentRefusal('recognise', 'nope', [])).toEqual({
      status: 400,
      code: 'document_not_attached',
      zh: '所引用的文件不是本项目已上传的材料，请先上传认定文件（规划调整批复、部门意见函）再操作。',
      en: 'The referenced document is not uploaded to this project; upload the recognition document (plan adjustment approval, department letter) first.'
    }));
});
