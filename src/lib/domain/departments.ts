// District departments (区级相关部门) as data (issue 13.2). Each district (and Lingang) has its own list,
// configured by the administrator, every entry with a stable code; users are bound to a department by that
// code (users.department_code), never by matching names. The joint review invites departments by code
// and keeps a snapshot of their names, so a later rename does not rewrite history.
// Pure: the server loads the directory from the `departments` table and passes it in.
import type { Refusal } from './workflow-model.ts';

export type Label = { zh: string; en: string };

/** Lower-case ASCII, digits and underscores: 'planning_resources', 'town_zhoupu'. */
export const DEPARTMENT_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
export const isDepartmentCode = (s: string) => DEPARTMENT_CODE_PATTERN.test(s);

/** One department of one district as the administrator configured it. */
export interface DepartmentEntry {
  code: string;
  zh: string;
  en: string;
  /** Invited by default when the lead starts the joint review (the district's default invitation set). */
  defaultInvited: boolean;
  /** Retired departments stay for history but can no longer be invited or bound to users. */
  active: boolean;
}

/**
 * The departments every district starts with (migration 070 seeds them; administrators add, rename and
 * retire). 镇政府/街道 is the local government where the parcel lies (属地), which the districts consult.
 */
export const STANDARD_DEPARTMENTS: readonly (Label & { code: string; defaultInvited: boolean })[] = [
  {
    code: 'town_government',
    zh: '镇政府（街道办事处）',
    en: 'Town government / sub-district office',
    defaultInvited: true
  },
  {
    code: 'development_reform',
    zh: '区发展改革委',
    en: 'District development and reform commission',
    defaultInvited: true
  },
  {
    code: 'planning_resources',
    zh: '区规划资源局',
    en: 'District planning and natural resources bureau',
    defaultInvited: true
  },
  {
    code: 'ecology_environment',
    zh: '区生态环境局',
    en: 'District ecology and environment bureau',
    defaultInvited: true
  },
  { code: 'science_technology', zh: '区科委', en: 'District science and technology commission', defaultInvited: false },
  {
    code: 'housing_construction',
    zh: '区住房城乡建设管理委',
    en: 'District housing and construction commission',
    defaultInvited: false
  },
  { code: 'market_regulation', zh: '区市场监管局', en: 'District market regulation bureau', defaultInvited: false },
  {
    code: 'emergency_management',
    zh: '区应急管理局',
    en: 'District emergency management bureau',
    defaultInvited: false
  }
];

/**
 * 一.4 makes retention in the plan decide every land type, and 一.4(2) names the planning bureau as co-lead:
 * the planning department is always invited when the district has one.
 */
export const REQUIRED_DEPARTMENT_CODES: readonly string[] = ['planning_resources'];

/**
 * Official names (and the short forms districts write) of the standard departments. Used only once, to bind
 * accounts created before departments were data (migration 070 carries the same list); a name not listed
 * here binds to nothing and the administrator chooses. Exact matches only: substring matching sent
 * 区环境卫生管理所 (sanitation) to ecology and left 区发展和改革委员会 and 区科学技术委员会 unbound.
 */
export const OFFICIAL_DEPARTMENT_NAMES: Readonly<Record<string, readonly string[]>> = {
  town_government: ['镇政府', '镇人民政府', '街道办事处', '镇政府（街道办事处）'],
  development_reform: ['区发展和改革委员会', '区发展改革委', '区发改委'],
  planning_resources: ['区规划和自然资源局', '区规划资源局', '规划资源处', '区规土局'],
  ecology_environment: ['区生态环境局', '生态环境处'],
  science_technology: ['区科学技术委员会', '区科技委', '区科委'],
  housing_construction: ['区住房和城乡建设管理委员会', '区住房城乡建设管理委', '区住建委', '区建设管理委', '区建管委'],
  market_regulation: ['区市场监督管理局', '区市场监管局'],
  emergency_management: ['区应急管理局']
};

/** Strips the district's own name (浦东新区…, 嘉定区…, 上海市…) so '浦东新区发展和改革委员会' reads '区发展和改革委员会'. */
function normaliseName(name: string): string {
  let s = name.replace(/\s+/g, '').replace(/^上海市/, '');
  s = s.replace(/^临港新片区(管委会)?/, '');
  const m = /^[\u4e00-\u9fa5]{1,3}?(新区|区)(.+)$/.exec(s);
  if (m && !/^(区)/.test(s)) s = `区${m[2]}`;
  return s;
}

/** The standard code of an official department name, or null. Exact names only (see above). */
export function codeForOfficialName(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = normaliseName(name);
  for (const [code, names] of Object.entries(OFFICIAL_DEPARTMENT_NAMES))
    if (names.includes(n) || names.includes(name.trim())) return code;
  return null;
}

/** The default invitation set: the district's default departments, plus the required ones it has. */
export function defaultInvitation(directory: readonly DepartmentEntry[]): string[] {
  return directory
    .filter((d) => d.active && (d.defaultInvited || REQUIRED_DEPARTMENT_CODES.includes(d.code)))
    .map((d) => d.code);
}

/** The labels of the standard departments, for states without a snapshot (before departments were data). */
export function standardLabel(code: string): Label {
  const d = STANDARD_DEPARTMENTS.find((x) => x.code === code);
  return d ? { zh: d.zh, en: d.en } : { zh: code, en: code };
}

const bad = (code: string, zh: string, en: string): Refusal => ({ status: 400, code, zh, en });

/**
 * Check an invitation against the district's directory: every code known and active, the required
 * departments included (if the district has them). Without a directory only the code format is checked.
 */
export function checkInvitation(codes: readonly string[], directory?: readonly DepartmentEntry[]): Refusal | null {
  if (codes.length === 0)
    return bad(
      'departments_missing',
      '请选择参加区级联审的部门。',
      'Choose the departments invited to the joint review.'
    );
  const malformed = codes.filter((c) => !isDepartmentCode(c));
  if (malformed.length)
    return bad(
      'unknown_department',
      `部门代码无效：${malformed.join('、')}。`,
      `Invalid department code: ${malformed.join(', ')}.`
    );
  if (directory) {
    const unknown = codes.filter((c) => !directory.some((d) => d.code === c && d.active));
    if (unknown.length) {
      return bad(
        'unknown_department',
        `本区未配置（或已停用）以下部门：${unknown.join('、')}。请由系统管理员在“部门设置”中维护。`,
        `This district has no active department with code ${unknown.join(', ')}; the administrator maintains them under Departments.`
      );
    }
  }
  const required = REQUIRED_DEPARTMENT_CODES.filter(
    (c) => !directory || directory.some((d) => d.code === c && d.active)
  );
  const absent = required.filter((c) => !codes.includes(c));
  if (absent.length) {
    const names = absent.map((c) => directory?.find((d) => d.code === c) ?? standardLabel(c));
    return bad(
      'department_required',
      `区级联审须邀请${names.map((n) => n.zh).join('、')}（一.4：项目能否保留取决于规划）。`,
      `The joint review must include ${names.map((n) => n.en).join(', ')} (clause 一.4: retention depends on the plan).`
    );
  }
  return null;
}

/** Label of an invited department: the snapshot taken at invitation, else the directory, else the standard name. */
export function departmentLabel(
  code: string,
  snapshot?: Partial<Record<string, Label>> | null,
  directory?: readonly DepartmentEntry[]
): Label {
  const s = snapshot?.[code];
  if (s) return { zh: s.zh, en: s.en };
  const d = directory?.find((x) => x.code === code);
  return d ? { zh: d.zh, en: d.en } : standardLabel(code);
}
