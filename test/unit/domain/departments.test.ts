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
