// Demo accounts for the embedded sample installation (README "Demo accounts"). Never seeded into a
// production database unless `zeroland db seed` is run on purpose.
import type { Role } from '../../domain/roles.ts';

export const DEMO_PASSWORD = 'demo2026';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  authorityCode?: string;
  department?: string;
  /** The department the account is bound to (departments.code in its district). */
  departmentCode?: string;
  /** Demo addresses on the reserved .invalid domain: nothing is ever delivered there. */
  email?: string;
  enterpriseName?: string;
}

const district = (prefix: string, code: string, zh: string): DemoUser[] => [
  {
    username: `${prefix}_industry`,
    displayName: `${zh}经济委员会（产业部门）`,
    role: 'district_industry',
    authorityCode: code,
    department: '区产业部门'
  },
  {
    username: `${prefix}_fgw`,
    displayName: `${zh}发展改革委`,
    role: 'district_department',
    authorityCode: code,
    department: '区发展改革委',
    departmentCode: 'development_reform'
  },
  {
    username: `${prefix}_ghzy`,
    displayName: `${zh}规划资源局`,
    role: 'district_department',
    authorityCode: code,
    department: '区规划资源局',
    departmentCode: 'planning_resources'
  },
  {
    username: `${prefix}_sthj`,
    displayName: `${zh}生态环境局`,
    role: 'district_department',
    authorityCode: code,
    department: '区生态环境局',
    departmentCode: 'ecology_environment'
  },
  {
    username: `${prefix}_gov`,
    displayName: `${zh}人民政府`,
    role: 'district_government',
    authorityCode: code,
    department: '区政府'
  }
];

const withEmail = (u: DemoUser): DemoUser => ({ ...u, email: u.email ?? `${u.username}@demo.zeroland.invalid` });

export const DEMO_USERS: DemoUser[] = (
  [
    { username: 'admin', displayName: '系统管理员', role: 'admin' },
    { username: 'city_jxw', displayName: '市经济信息化委', role: 'city_sheitc', department: '市经济信息化委' },
    { username: 'city_fgw', displayName: '市发展改革委', role: 'city_ndrc', department: '市发展改革委' },
    { username: 'city_kw', displayName: '市科委', role: 'city_stcsm', department: '市科委' },
    { username: 'city_ghzy', displayName: '市规划资源局', role: 'city_planning', department: '市规划资源局' },
    { username: 'city_sthj', displayName: '市生态环境局', role: 'city_ecology', department: '市生态环境局' },
    ...district('pd', 'pudong', '浦东新区'),
    ...district('jd', 'jiading', '嘉定区'),
    {
      username: 'lg_industry',
      displayName: '临港新片区管委会产业发展处',
      role: 'district_industry',
      authorityCode: 'lingang',
      department: '管委会产业部门'
    },
    {
      username: 'lg_ghzy',
      displayName: '临港新片区规划资源处',
      role: 'district_department',
      authorityCode: 'lingang',
      department: '规划资源处',
      departmentCode: 'planning_resources'
    },
    {
      username: 'lg_committee',
      displayName: '临港新片区管委会',
      role: 'lingang_committee',
      authorityCode: 'lingang',
      department: '管委会'
    },
    {
      username: 'ent_pudong',
      displayName: '上海示意精密机械有限公司',
      role: 'enterprise',
      enterpriseName: '上海示意精密机械有限公司'
    },
    {
      username: 'ent_jiading',
      displayName: '上海示意汽车零部件有限公司',
      role: 'enterprise',
      enterpriseName: '上海示意汽车零部件有限公司'
    },
    {
      username: 'ent_lingang',
      displayName: '上海示意智能装备有限公司',
      role: 'enterprise',
      enterpriseName: '上海示意智能装备有限公司'
    }
  ] as DemoUser[]
).map(withEmail);
