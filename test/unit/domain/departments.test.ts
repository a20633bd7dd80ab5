// Departments as data (issue 13.2): official names bind exactly (the old substring mapping sent
// 区环境卫生管理所 to ecology and left 区发展和改革委员会 / 区科学技术委员会 unbound), invitations are checked
// against the district's directory, and the migration's backfill list equals the domain's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  OFFICIAL_DEPARTMENT_NAMES,
  STANDARD_DEPARTMENTS,
  checkInvitation,
  codeForOfficialName,
  defaultInvitation,
  departmentLabel,
  type DepartmentEntry
} from '../../../src/lib/domain/departments.ts';

describe('official department names', () => {
  it.each([
    ['区发展和改革委员会', 'development_reform'],
    ['浦东新区发展和改革委员会', 'development_reform'],
    ['区科学技术委员会', 'science_technology'],
    ['闵行区科学技术委员会', 'science_technology'],
    ['区规划和自然资源局', 'planning_resources'],
    ['嘉定区规划资源局', 'planning_resources'],
    ['区生态环境局', 'ecology_environment'],
    ['区住房和城乡建设管理委员会', 'housing_construction'],
    ['区住建委', 'housing_construction'],
    ['区市场监督管理局', 'market_regulation'],
    ['区应急管理局', 'emergency_management'],
    ['镇人民政府', 'town_government'],
    ['规划资源处', 'planning_resources']
  ])('%s → %s', (name, code) => expect(codeForOfficialName(name)).toBe(code));

  it.each(['区环境卫生管理所', '区绿化和市容管理局', '区产业部门', '区政府', '', '环境'])(
    '%s binds to nothing',
    (name) => {
      expect(codeForOfficialName(name)).toBeNull();
    }
  );

  it('migration 070 backfills with exactly the domain list', () => {
    const sql = readFileSync('migrations/070_departments.sql', 'utf8');
    for (const [code, names] of Object.entries(OFFICIAL_DEPARTMENT_NAMES))
      for (const n of names) expect(sql).toContain(`('${n}', '${code}')`);
    for (const d of STANDARD_DEPARTMENTS) expect(sql).toContain(`('${d.code}', '${d.zh}'`);
  });
});

const DIR: DepartmentEntry[] = [
  ...STANDARD_DEPARTMENTS.map((d) => ({ ...d, active: true })),
  { code: 'town_zhoupu', zh: '周浦镇人民政府', en: 'Zhoupu town', defaultInvited: false, active: true },
  { code: 'old_office', zh: '已撤销的办公室', en: 'Retired office', defaultInvited: true, active: false }
];

describe('invitations', () => {
  it('the default set is more than planning, and never a retired department', () => {
    const d = defaultInvitation(DIR);
    expect(d).toEqual(['town_government', 'development_reform', 'planning_resources', 'ecology_environment']);
    expect(d).not.toContain('old_office');
  });
  it('a configured department (a town) can be invited; unknown or retired ones cannot', () => {
    expect(checkInvitation(['planning_resources', 'town_zhoupu', 'science_technology'], DIR)).toBeNull();
    expect(checkInvitation(['planning_resources', 'nope'], DIR)?.code).toBe('unknown_department');
    expect(checkInvitation(['planning_resources', 'old_office'], DIR)?.code).toBe('unknown_department');
  });
  it('planning is required where the district has it (一.4), and the refusal names it in both languages', () => {
    const r = checkInvitation(['development_reform'], DIR)!;
    expect(r.code).toBe('department_required');
    expect(r.zh).toContain('区规划资源局');
    expect(r.en).toContain('planning');
    const noPlanning = DIR.filter((d) => d.code !== 'planning_resources');
    expect(checkInvitation(['development_reform'], noPlanning)).toBeNull();
  });
});

describe('official names as districts write them', () => {
  it.each([
    ['上海市浦东新区发展和改革委员会', 'development_reform'],
    ['区发展 改革委', 'development_reform'],
    ['临港新片区规划资源处', 'planning_resources'],
    ['临港新片区管委会规划资源处', 'planning_resources']
  ])('%s → %s', (name, code) => expect(codeForOfficialName(name)).toBe(code));
  it('no name binds to nothing', () => {
    expect(codeForOfficialName(null)).toBeNull();
    expect(codeForOfficialName(undefined)).toBeNull();
  });
});

describe('invitation refusals say what to do', () => {
  it('an empty invitation asks for departments', () =>
    expect(checkInvitation([], DIR)).toEqual({
      status: 400,
      code: 'departments_missing',
      zh: '请选择参加区级联审的部门。',
      en: 'Choose the departments invited to the joint review.'
    }));
  it('a malformed code is refused even without a directory, and named', () =>
    expect(checkInvitation(['planning_resources', 'Town Hall'])).toEqual({
      status: 400,
      code: 'unknown_department',
      zh: '部门代码无效：Town Hall。',
      en: 'Invalid department code: Town Hall.'
    }));
  it('unknown or retired departments are named, and the administrator is pointed to', () =>
    expect(checkInvitation(['planning_resources', 'nope', 'old_office'], DIR)).toEqual({
      status: 400,
      code: 'unknown_department',
      zh: '本区未配置（或已停用）以下部门：nope、old_office。请由系统管理员在“部门设置”中维护。',
      en: 'This district has no active department with code nope, old_office; the administrator maintains them under Departments.'
    }));
  it('the required planning department is named as the district calls it', () => {
    const renamed = DIR.map((d) =>
      d.code === 'planning_resources' ? { ...d, zh: '区规划和自然资源局', en: 'Planning bureau' } : d
    );
    expect(checkInvitation(['development_reform'], renamed)).toMatchObject({
      zh: '区级联审须邀请区规划和自然资源局（一.4：项目能否保留取决于规划）。',
      en: 'The joint review must include Planning bureau (clause 一.4: retention depends on the plan).'
    });
    expect(checkInvitation(['development_reform'])?.zh).toBe(
      '区级联审须邀请区规划资源局（一.4：项目能否保留取决于规划）。'
    );
  });
});

describe('labels of invited departments', () => {
  it('the snapshot taken at invitation wins over a later rename', () =>
    expect(departmentLabel('town_zhoupu', { town_zhoupu: { zh: '周浦镇', en: 'Zhoupu' } }, DIR)).toEqual({
      zh: '周浦镇',
      en: 'Zhoupu'
    }));
  it('without a snapshot: the directory, then the standard name, then the bare code', () => {
    expect(departmentLabel('town_zhoupu', null, DIR)).toEqual({ zh: '周浦镇人民政府', en: 'Zhoupu town' });
    expect(departmentLabel('market_regulation')).toEqual({
      zh: '区市场监管局',
      en: 'District market regulation bureau'
    });
    expect(departmentLabel('town_gone', {}, DIR)).toEqual({ zh: 'town_gone', en: 'town_gone' });
  });
});
