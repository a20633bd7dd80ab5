// 汇总统计: the district's project list with every workflow node (附件 三.1), the same across the city, and
// the city's district figures with flags. Scope: a district's users see their district; city roles and
// administrators see all; enterprises have their own project pages instead.
import { z } from 'zod';
import type { Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { isCityRole, isScopedRole } from '../../domain/roles.ts';
import { isIsoDate, shanghaiDate } from '../../domain/dates.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import {
  districtFigures,
  projectStat,
  stageGroupOf,
  STAGE_GROUPS,
  type DistrictFigures,
  type ProjectStat,
  type StageGroup
} from './stats.model.ts';
import * as repo from './stats.repository.ts';
import { complianceOfProjects } from '../aftercare/compliance.service.ts';
import { complianceCounts, type ComplianceCounts } from '../../domain/aftercare/compliance.ts';

export const statsFilterSchema = z.object({
  authority: z
    .string()
    .regex(/^[a-z]{2,30}$/)
    .optional(),
  stage: z.enum(Object.keys(STAGE_GROUPS) as [StageGroup, ...StageGroup[]]).optional(),
  landType: z.enum(['reserve', 'inside_boundary', 'outside_boundary', 'industrial_block', 'unclassified']).optional(),
  overdue: z.boolean().optional(),
  /** Submitted on or after / on or before (Shanghai dates). */
  from: z.string().refine(isIsoDate).optional(),
  to: z.string().refine(isIsoDate).optional(),
  q: z.string().trim().max(100).optional()
});
export type StatsFilter = z.infer<typeof statsFilterSchema>;

/** Query string → filter; unknown or malformed values are a 400 with the parameter's name. */
export function filterFromQuery(params: URLSearchParams): StatsFilter {
  const raw: Record<string, unknown> = {};
  for (const k of ['authority', 'stage', 'landType', 'from', 'to', 'q']) {
    const v = params.get(k);
    if (v) raw[k] = v;
  }
  if (params.get('overdue')) raw.overdue = params.get('overdue') === '1' || params.get('overdue') === 'true';
  const r = statsFilterSchema.safeParse(raw);
  if (!r.success) {
    const bad = [...new Set(r.error.issues.map((i) => String(i.path[0])))].join(', ');
    throw apiError(400, 'bad_filter', { zh: `筛选条件无效：${bad}`, en: `Invalid filter: ${bad}` });
  }
  return r.data;
}

/** The authority the actor's statistics are limited to; null = the whole city. */
export function statsScope(actor: SessionUser): string | null {
  if (actor.role === 'admin' || isCityRole(actor.role)) return null;
  if (isScopedRole(actor.role) && actor.authorityCode) return actor.authorityCode;
  throw apiError(403, 'forbidden', {
    zh: '汇总统计供区级和市级部门使用；项目单位请在“项目”中查看本单位项目。',
    en: 'Statistics are for district and city departments; enterprises see their projects under Projects.'
  });
}

export async function projectStats(
  db: Queryable,
  actor: SessionUser,
  filter: StatsFilter = {},
  today = shanghaiDate(new Date())
): Promise<ProjectStat[]> {
  const scope = statsScope(actor);
  if (scope && filter.authority && filter.authority !== scope) {
    throw apiError(403, 'forbidden', {
      zh: '区级用户只能查看本区的统计。',
      en: 'District users can only see their own district.'
    });
  }
  const [rows, cal] = await Promise.all([repo.statRows(db, scope ?? filter.authority ?? null), loadCalendar(db)]);
  const events = await repo.statEvents(
    db,
    rows.map((r) => r.id)
  );
  const stats = rows.map((r) =>
    projectStat(
      {
        id: r.id,
        code: r.code,
        title: r.title,
        enterpriseName: r.enterprise_name,
        authorityCode: r.authority_code,
        stage: r.stage,
        landType: r.land_type,
        clock: r.clock,
        events: events.get(r.id) ?? []
      },
      cal,
      today
    )
  );
  const q = filter.q?.toLowerCase();
  return stats.filter(
    (s) =>
      (!filter.stage || stageGroupOf(s.stage) === filter.stage) &&
      (!filter.landType || (s.landType ?? 'unclassified') === filter.landType) &&
      (!filter.overdue || s.overdue || s.late) &&
      (!filter.from || (s.nodes.submitted !== null && s.nodes.submitted >= filter.from)) &&
      (!filter.to || (s.nodes.submitted !== null && s.nodes.submitted <= filter.to)) &&
      (!q ||
        s.code.toLowerCase().includes(q) ||
        s.title.toLowerCase().includes(q) ||
        s.enterpriseName.toLowerCase().includes(q))
  );
}

export interface CityDashboard {
  today: string;
  /** `compliance`: recognised projects per after-recognition class (encroaching, plot ratio short, … ; issue 16 §5). */
  districts: (DistrictFigures & { name: { zh: string; en: string }; compliance: ComplianceCounts })[];
  city: Omit<DistrictFigures, 'flags'> & { compliance: ComplianceCounts };
}

/** The city's dashboard: figures per authority and for the city, with flags. City roles and admins only. */
export async function cityDashboard(
  db: Queryable,
  actor: SessionUser,
  today = shanghaiDate(new Date())
): Promise<CityDashboard> {
  if (statsScope(actor) !== null)
    throw apiError(403, 'forbidden', {
      zh: '全市统计仅供市级部门查看。',
      en: 'City-wide statistics are for city departments.'
    });
  const [stats, authorities] = await Promise.all([projectStats(db, actor, {}, today), repo.authorityCodes(db)]);
  const { districts, city } = districtFigures(
    stats,
    authorities.map((a) => a.code)
  );
  const names = new Map(authorities.map((a) => [a.code, { zh: a.name_zh, en: a.name_en }]));
  // After recognition: each recognised project's compliance (as on the supervision map), counted per district.
  const rows = await repo.recognisedProjectForms(db);
  const verdicts = await complianceOfProjects(db, rows, today);
  const counts = complianceCounts(
    rows.map((r) => ({ authorityCode: r.authority_code, compliance: verdicts.get(r.id)!.compliance })),
    authorities.map((a) => a.code)
  );
  return {
    today,
    city: { ...city, compliance: counts.city },
    districts: districts.map((d) => ({
      ...d,
      name: names.get(d.authorityCode) ?? { zh: d.authorityCode, en: d.authorityCode },
      compliance: counts.districts.get(d.authorityCode)!
    }))
  };
}
