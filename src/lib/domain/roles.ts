// Who does what (DOMAIN.md "Who does what"). Pure data: no I/O.

export const ROLES = [
  'enterprise', // 项目单位
  'district_industry', // 区产业部门 (leads the district's work)
  'district_department', // 区级相关部门 (joint-review opinions)
  'district_government', // 区政府 (recognises)
  'lingang_committee', // 临港新片区管委会 (recognises for Lingang parcels)
  'city_sheitc', // 市经济信息化委 (decides city review; receives 报备)
  'city_ndrc', // 市发展改革委
  'city_stcsm', // 市科委
  'city_planning', // 市规划资源局 (receives 报备; checks planning execution)
  'city_ecology', // 市生态环境局
  'admin' // 系统管理员
] as const;
export type Role = (typeof ROLES)[number];

export const CITY_ROLES: readonly Role[] = ['city_sheitc', 'city_ndrc', 'city_stcsm', 'city_planning', 'city_ecology'];

/** Roles bound to one authority (a district or Lingang); their users never see another authority's projects. */
export const SCOPED_ROLES: readonly Role[] = [
  'district_industry',
  'district_department',
  'district_government',
  'lingang_committee'
];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  enterprise: { zh: '项目单位', en: 'Enterprise' },
  district_industry: { zh: '区产业部门', en: 'District industry department' },
  district_department: { zh: '区级相关部门', en: 'District department' },
  district_government: { zh: '区政府', en: 'District government' },
  lingang_committee: { zh: '临港新片区管委会', en: 'Lingang New Area committee' },
  city_sheitc: { zh: '市经济信息化委', en: 'Shanghai Municipal Commission of Economy and Informatization' },
  city_ndrc: { zh: '市发展改革委', en: 'Shanghai Development and Reform Commission' },
  city_stcsm: { zh: '市科委', en: 'Shanghai Science and Technology Commission' },
  city_planning: { zh: '市规划资源局', en: 'Shanghai Planning and Natural Resources Bureau' },
  city_ecology: { zh: '市生态环境局', en: 'Shanghai Ecology and Environment Bureau' },
  admin: { zh: '系统管理员', en: 'Administrator' }
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const isCityRole = (role: Role) => CITY_ROLES.includes(role);
export const isScopedRole = (role: Role) => SCOPED_ROLES.includes(role);
