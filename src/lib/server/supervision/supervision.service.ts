// 产业项目跟踪 supervision (附件 三.2; 二.4–二.5): recognised projects on the map coloured by tracking status,
// and the city's measures against districts (约谈 / 通报 / 收回认定权) recorded as events naming the district.
import { z } from 'zod';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { AUTHORITIES } from '../../domain/authorities.ts';
import { isCityRole } from '../../domain/roles.ts';
import {
  DISTRICT_MEASURES,
  DISTRICT_MEASURE_LABELS,
  MILESTONES,
  trackingSummary,
  type FindingRecord,
  type MeasureRecord,
  type Milestone,
  type MilestoneRecord
} from '../../domain/tracking.ts';
import { shanghaiDate } from '../../domain/dates.ts';
import { statsScope } from '../stats/stats.service.ts';
import * as repo from './supervision.repository.ts';
import { complianceOfProjects } from '../aftercare/compliance.service.ts';
import { type IndicatorCheck } from '../../domain/aftercare/verdicts.ts';
import { COMPLIANCE, COMPLIANCE_LABELS, type Compliance } from '../../domain/aftercare/compliance.ts';
import { authorityStatusOf, districtName } from '../policy/authority.service.ts';
import { checkAuthorityMeasure } from '../../domain/policy/authority.ts';

/** Map colours by status, most urgent first: an open finding outranks a failed check outranks progress. */
export const TRACKING_STATUSES = ['finding', 'failed_check', 'operation', 'construction', 'eia', 'recognised'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];
export const TRACKING_STATUS_INFO: Record<TrackingStatus, { zh: string; en: string; color: string }> = {
  finding: { zh: '存在问题认定', en: 'Open finding', color: '#dc2626' },
  failed_check: { zh: '检查不合格', en: 'Failed check', color: '#f97316' },
  operation: { zh: '已投产运营', en: 'In operation', color: '#16a34a' },
  construction: { zh: '建设中 / 已竣工', en: 'Under construction / completed', color: '#2563eb' },
  eia: { zh: '环评阶段', en: 'EIA stage', color: '#a855f7' },
  recognised: { zh: '已认定，未登记跟踪节点', en: 'Recognised, no milestone yet', color: '#64748b' }
};

export interface SupervisionFilter {
  authority?: string;
  landType?: string;
  milestone?: Milestone;
  status?: TrackingStatus;
  compliance?: Compliance;
}

/** The after-recognition results a parcel carries on the map and in the exports (issue 16). */
export type ComplianceProps = {
  compliance: Compliance;
  complianceLabel: string;
  complianceColor: string;
  encroachmentM2: number | null;
  plotRatioAchieved: number | null;
  plotRatioDeclared: number | null;
  coverage: number | null;
  asBuiltSignoff: 'pass' | 'fail' | null;
  contractFailures: string[];
};

function complianceProps(c: {
  compliance: Compliance;
  checks: IndicatorCheck[];
  survey: { encroachment_m2: number; plot_ratio: number; coverage: number; signoff: 'pass' | 'fail' | null } | null;
}): ComplianceProps {
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return {
    compliance: c.compliance,
    complianceLabel: COMPLIANCE_LABELS[c.compliance].zh,
    complianceColor: COMPLIANCE_LABELS[c.compliance].colour,
    encroachmentM2: c.survey ? r2(c.survey.encroachment_m2) : null,
    plotRatioAchieved: c.survey ? r2(c.survey.plot_ratio) : null,
    plotRatioDeclared: c.checks.find((x) => x.indicator === 'plot_ratio')?.declared ?? null,
    coverage: c.survey ? Math.round(c.survey.coverage * 10000) / 10000 : null,
    asBuiltSignoff: c.survey?.signoff ?? null,
    contractFailures: c.checks.filter((x) => x.contract === 'not_met').map((x) => x.indicator)
  };
}

export interface SupervisionFeature {
  type: 'Feature';
  geometry: repo.RecognisedRow['geometry'];
  properties: {
    id: string;
    code: string;
    title: string;
    enterpriseName: string;
    authorityCode: string | null;
    authorityName: string;
    landType: string | null;
    stage: string;
    areaM2: number;
    recognisedOn: string | null;
    status: TrackingStatus;
    statusLabel: string;
    color: string;
    milestonesDone: Milestone[];
    nextMilestone: Milestone | null;
    openFindings: number;
  } & ComplianceProps;
}

function statusOf(done: Milestone[], failed: number, openFindings: number): TrackingStatus {
  if (openFindings > 0) return 'finding';
  if (failed > 0) return 'failed_check';
  if (done.includes('operation')) return 'operation';
  if (done.includes('construction_start') || done.includes('completion_acceptance')) return 'construction';
  if (done.includes('eia_filed') || done.includes('eia_approved')) return 'eia';
  return 'recognised';
}

/** Recognised parcels in the actor's scope, with tracking status, filtered. */
export async function supervisionFeatures(
  db: Queryable,
  actor: SessionUser,
  f: SupervisionFilter = {}
): Promise<SupervisionFeature[]> {
  const scope = statsScope(actor);
  if (scope && f.authority && f.authority !== scope)
    throw apiError(403, 'forbidden', {
      zh: '区级用户只能查看本区项目。',
      en: 'District users can only see their own district.'
    });
  const rows = await repo.recognisedParcels(db, scope ?? f.authority ?? null, f.landType ?? null);
  const events = await repo.trackingEvents(
    db,
    rows.map((r) => r.id)
  );
  const compliance = await complianceOfProjects(db, rows);
  const features = rows.map((r): SupervisionFeature => {
    const evs = events.get(r.id) ?? [];
    const rec = <T>(action: string) => evs.filter((e) => e.action === action).map((e) => e.payload as unknown as T);
    const sum = trackingSummary(
      rec<MilestoneRecord>('record_milestone'),
      rec<FindingRecord>('record_finding'),
      rec<MeasureRecord>('record_measure')
    );
    const status = statusOf(sum.done, sum.failedChecks.length, sum.openFindings.length);
    const recog = evs.find((e) => e.action === 'recognise');
    return {
      type: 'Feature',
      geometry: r.geometry,
      properties: {
        id: r.id,
        code: r.code,
        title: r.title,
        enterpriseName: r.enterprise_name,
        authorityCode: r.authority_code,
        authorityName: AUTHORITIES.find((a) => a.code === r.authority_code)?.zh ?? r.authority_code ?? '',
        landType: r.land_type,
        stage: r.stage,
        areaM2: Number(r.area_m2),
        recognisedOn: recog
          ? shanghaiDate(new Date(recog.at))
          : r.decided_at
            ? shanghaiDate(new Date(r.decided_at))
            : null,
        status,
        statusLabel: TRACKING_STATUS_INFO[status].zh,
        color: TRACKING_STATUS_INFO[status].color,
        milestonesDone: sum.done,
        nextMilestone: sum.next,
        openFindings: sum.openFindings.length,
        ...complianceProps(compliance.get(r.id)!)
      }
    };
  });
  return features.filter(
    (x) =>
      (!f.milestone || x.properties.milestonesDone.includes(f.milestone)) &&
      (!f.status || x.properties.status === f.status) &&
      (!f.compliance || x.properties.compliance === f.compliance)
  );
}

export function supervisionFilterFromQuery(params: URLSearchParams): SupervisionFilter {
  const out: SupervisionFilter = {};
  const a = params.get('authority');
  if (a) {
    if (!AUTHORITIES.some((x) => x.code === a))
      throw apiError(400, 'bad_filter', { zh: `没有这个区：${a}`, en: `No such district: ${a}` });
    out.authority = a;
  }
  const lt = params.get('landType');
  if (lt) out.landType = lt;
  const m = params.get('milestone');
  if (m) {
    if (!(MILESTONES as readonly string[]).includes(m))
      throw apiError(400, 'bad_filter', { zh: `跟踪节点无效：${m}`, en: `Unknown milestone: ${m}` });
    out.milestone = m as Milestone;
  }
  const s = params.get('status');
  if (s) {
    if (!(TRACKING_STATUSES as readonly string[]).includes(s))
      throw apiError(400, 'bad_filter', { zh: `状态无效：${s}`, en: `Unknown status: ${s}` });
    out.status = s as TrackingStatus;
  }
  const c = params.get('compliance');
  if (c) {
    if (!(COMPLIANCE as readonly string[]).includes(c))
      throw apiError(400, 'bad_filter', { zh: `履约状态无效：${c}`, en: `Unknown compliance: ${c}` });
    out.compliance = c as Compliance;
  }
  return out;
}

// ---- Measures against districts (二.5) -------------------------------------------------------------

export const districtMeasureSchema = z.object({
  authorityCode: z.string().refine((c) => AUTHORITIES.some((a) => a.code === c)),
  measure: z.enum(DISTRICT_MEASURES),
  note: z.string().trim().min(1).max(4000),
  /** The flags shown when the city decided (kept with the measure for the record). */
  flags: z.array(z.string().max(300)).max(10).optional()
});

export interface DistrictMeasureView {
  id: string;
  at: string;
  authorityCode: string;
  measure: string;
  label: { zh: string; en: string };
  note: string | null;
  by: string | null;
  flags: string[];
}

const measureView = (r: repo.MeasureRow): DistrictMeasureView => {
  const m = String(r.payload.measure ?? '');
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    authorityCode: String(r.payload.authorityCode ?? ''),
    measure: m,
    label: DISTRICT_MEASURE_LABELS[m as (typeof DISTRICT_MEASURES)[number]] ?? { zh: m, en: m },
    note: r.comment,
    by: r.actor_name,
    flags: Array.isArray(r.payload.flags) ? (r.payload.flags as string[]) : []
  };
};

/** City departments record an interview, public notice or withdrawal of recognition authority against a district. */
export async function recordDistrictMeasure(db: Db, actor: SessionUser, body: unknown): Promise<DistrictMeasureView> {
  if (!isCityRole(actor.role))
    throw apiError(403, 'forbidden', {
      zh: '对区的处置措施由市级部门登记。',
      en: 'Measures against a district are recorded by city departments.'
    });
  const r = districtMeasureSchema.safeParse(body);
  if (!r.success) {
    const bad = [...new Set(r.error.issues.map((i) => String(i.path[0])))].join(', ');
    throw apiError(400, 'bad_measure', {
      zh: `请填写区、措施和理由（有误：${bad}）。`,
      en: `Give the district, the measure and the reason (invalid: ${bad}).`
    });
  }
  const { authorityCode, measure, note, flags } = r.data;
  const row = await db.transaction(async (tx) => {
    // One measure on a district at a time: revoke/restore decide on the latest state (二.5, policy/authority.ts).
    await repo.lockAuthority(tx, authorityCode);
    const status = await authorityStatusOf(tx, authorityCode);
    const refusal = status ? checkAuthorityMeasure(status, measure, districtName(authorityCode)) : null;
    if (refusal) throw apiError(refusal.status, refusal.code, refusal);
    return repo.insertDistrictMeasure(tx, {
      actorId: actor.id,
      role: actor.role,
      note,
      payload: { authorityCode, measure, flags: flags ?? [] }
    });
  });
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    authorityCode,
    measure,
    label: DISTRICT_MEASURE_LABELS[measure],
    note,
    by: actor.displayName,
    flags: flags ?? []
  };
}

export async function districtMeasures(db: Queryable, actor: SessionUser): Promise<DistrictMeasureView[]> {
  return (await repo.listDistrictMeasures(db, statsScope(actor))).map(measureView);
}
