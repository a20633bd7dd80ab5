// 履约 / 申报不实 / 零增地 checks of a project (issue 16 §3) from what is stored: the application form
// (declared), the contract terms, confirmed yearly figures and the current as-built survey. A failed check
// proposes a finding; a city officer confirms it (recorded as the tracking finding that 二.5 measures refer
// to) or dismisses it with a reason. Both are events; nothing is written when a page is merely viewed.
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import * as projects from '../projects/projects.repository.ts';
import { loadVisible } from '../projects/project-access.ts';
import { parsedForm, stateOf, todayInShanghai } from '../projects/project-view.ts';
import { toActor } from '../auth/actor.ts';
import { aftercareScope, contractTermsSchema, refuse, type ContractTerms } from '../../domain/aftercare/terms.ts';
import type { PerformanceRecord } from '../../domain/aftercare/performance.ts';
import { evaluateCompliance, type AsBuiltFacts, type IndicatorCheck } from '../../domain/aftercare/verdicts.ts';
import { complianceOf, proposedFindings, type Compliance } from '../../domain/aftercare/compliance.ts';
import { CITY_ROLES } from '../../domain/roles.ts';
import { contractTermsOf, performanceOf } from './contract.service.ts';
import { currentSurvey, currentSurveys, type SurveyRow } from './asbuilt.repository.ts';
import { contractTermsOfProjects, performanceOfProjects } from './aftercare.repository.ts';
import { asBuiltOf, surveyView } from './asbuilt.service.ts';
import { refusalError as refused } from '../../errors.ts';
import { scheduleOf } from './milestones.service.ts';

const factsOf = (s: SurveyRow | null): AsBuiltFacts | null =>
  s
    ? {
        surveyId: s.id,
        plotRatio: s.plot_ratio,
        encroachmentM2: s.encroachment_m2,
        toleranceM: s.tolerance_m,
        signoff: s.signoff
      }
    : null;

export interface ProposalView {
  key: string;
  kind: 'false_information' | 'contract_breach';
  indicator: string;
  description: string;
  status: 'open' | 'confirmed' | 'dismissed';
  reason?: string | null;
  findingId?: string | null;
  decidedAt?: string;
}

async function decisions(db: Queryable, projectId: string) {
  const ev = await projects.listEvents(db, projectId, ['decide_finding_proposal']);
  return new Map(
    ev.map((e) => {
      const p = e.payload as { key: string; decision: 'confirm' | 'dismiss'; reason?: string; findingId?: string };
      return [p.key, { ...p, at: new Date(e.at).toISOString() }];
    })
  );
}

export async function evaluateProject(db: Queryable, projectId: string, form: unknown, today = todayInShanghai()) {
  const termsRow = await contractTermsOf(db, projectId);
  const performance = await performanceOf(db, projectId);
  const survey = await currentSurvey(db, projectId);
  const checks = evaluateCompliance({
    form: parsedForm(form),
    terms: termsRow?.terms ?? null,
    performance,
    asBuilt: factsOf(survey),
    today
  });
  return { termsRow, performance, survey, checks, compliance: complianceOf(checks) };
}

export async function complianceView(db: Queryable, actor: SessionUser, projectId: string) {
  const row = await loadVisible(db, actor, projectId);
  const e = await evaluateProject(db, projectId, row.form);
  const decided = await decisions(db, projectId);
  const proposals: ProposalView[] = proposedFindings(e.checks).map((p) => {
    const d = decided.get(p.key);
    return {
      key: p.key,
      kind: p.kind,
      indicator: p.indicator,
      description: p.description,
      status: d ? (d.decision === 'confirm' ? 'confirmed' : 'dismissed') : 'open',
      reason: d?.reason ?? null,
      findingId: d?.findingId ?? null,
      decidedAt: d?.at
    };
  });
  return {
    terms: e.termsRow
      ? {
          ...e.termsRow.terms,
          revision: e.termsRow.revision,
          recordedAt: new Date(e.termsRow.recorded_at).toISOString(),
          recordedBy: e.termsRow.recorded_by_name
        }
      : null,
    performance: e.performance,
    survey: e.survey ? surveyView(e.survey) : null,
    checks: e.checks,
    compliance: e.compliance,
    proposals,
    schedule: await scheduleOf(db, projectId, e.termsRow?.terms ?? null),
    today: todayInShanghai()
  };
}
export type ComplianceView = Awaited<ReturnType<typeof complianceView>>;

/** 二.5: the city (SHEITC leads; the planning bureau for land use) confirms or dismisses a proposed finding. */
export async function decideProposal(db: Db, actor: SessionUser, projectId: string, body: Record<string, unknown>) {
  const key = typeof body.key === 'string' ? body.key : '';
  const decision = body.decision;
  const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 4000) : '';
  if (decision !== 'confirm' && decision !== 'dismiss')
    throw apiError(400, 'bad_decision', { zh: '请选择“确认”或“驳回”。', en: 'Choose confirm or dismiss.' });
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, projectId, { forUpdate: true });
    const state = stateOf(row);
    const scoped = aftercareScope(state, toActor(actor));
    if (scoped) throw refused(scoped);
    const e = await evaluateProject(tx, projectId, row.form);
    const proposal = proposedFindings(e.checks).find((p) => p.key === key);
    if (!proposal)
      throw refused(
        refuse(
          409,
          'no_such_proposal',
          '该问题建议已不存在（数据已更新），请刷新页面。',
          'That proposed finding no longer applies (the data changed); reload the page.'
        )
      );
    const mayDecide =
      actor.role === 'city_sheitc' ||
      (proposal.indicator === 'land_use' || proposal.indicator === 'plot_ratio'
        ? actor.role === 'city_planning'
        : false);
    if (!CITY_ROLES.includes(actor.role) || !mayDecide) {
      throw refused(
        refuse(
          403,
          'role_not_allowed',
          '问题认定由市经济信息化委确认（用地和容积率问题也可由市规划资源局确认）（二.5）。',
          'Findings are confirmed by the city SHEITC (land use and plot ratio also by the city planning bureau) (2.5).'
        )
      );
    }
    if ((await decisions(tx, projectId)).has(key))
      throw refused(
        refuse(409, 'already_decided', '该问题建议已处理。', 'That proposed finding has already been decided.')
      );
    if (decision === 'dismiss' && !reason)
      throw refused(refuse(400, 'reason_missing', '驳回须写明理由。', 'Give the reason for dismissing it.'));
    let findingId: string | null = null;
    if (decision === 'confirm') {
      findingId = randomUUID();
      const description = reason ? `${proposal.description}。${reason}` : proposal.description;
      await projects.insertEvent(tx, {
        projectId,
        actorId: actor.id,
        role: actor.role,
        action: 'record_finding',
        from: row.stage,
        to: row.stage,
        comment: null,
        version: null,
        payload: {
          id: findingId,
          kind: proposal.kind,
          date: todayInShanghai(),
          description,
          proposalKey: key,
          indicator: proposal.indicator
        }
      });
    }
    await projects.insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: 'decide_finding_proposal',
      from: row.stage,
      to: row.stage,
      comment: reason || null,
      version: null,
      payload: { key, decision, reason: reason || null, findingId, kind: proposal.kind, indicator: proposal.indicator }
    });
    return { key, decision, findingId };
  });
}

export interface ProjectCompliance {
  compliance: Compliance;
  checks: IndicatorCheck[];
  survey: SurveyRow | null;
}

/** Compliance of many projects at once (supervision map, dashboard, exports): four queries, no per-project loop. */
export async function complianceOfProjects(
  db: Queryable,
  rows: { id: string; form: unknown }[],
  today = todayInShanghai()
): Promise<Map<string, ProjectCompliance>> {
  const ids = rows.map((r) => r.id);
  const out = new Map<string, ProjectCompliance>();
  if (!ids.length) return out;
  const terms = new Map((await contractTermsOfProjects(db, ids)).map((r) => [r.project_id, r.terms as ContractTerms]));
  const perf = new Map<string, PerformanceRecord[]>();
  for (const r of await performanceOfProjects(db, ids)) {
    const list = perf.get(r.project_id) ?? [];
    list.push({
      year: r.year,
      taxWan: r.tax_wan,
      outputWan: r.output_wan,
      investmentWan: r.investment_wan,
      employees: r.employees,
      status: r.status,
      source: r.source
    });
    perf.set(r.project_id, list);
  }
  const surveys = await currentSurveys(db, ids);
  for (const r of rows) {
    const t = terms.get(r.id);
    const parsedTerms = t ? contractTermsSchema.safeParse(t) : null;
    const survey = surveys.get(r.id) ?? null;
    const checks = evaluateCompliance({
      form: parsedForm(r.form),
      terms: parsedTerms?.success ? parsedTerms.data : null,
      performance: perf.get(r.id) ?? [],
      asBuilt: factsOf(survey),
      today
    });
    out.set(r.id, { compliance: complianceOf(checks), checks, survey });
  }
  return out;
}

/** Everything the project page's after-recognition section shows, in one call (null before recognition). */
export async function aftercarePage(db: Queryable, actor: SessionUser, projectId: string) {
  const row = await loadVisible(db, actor, projectId);
  if (!['decision', 'recognised', 'tracking'].includes(row.stage)) return null;
  const [compliance, asBuilt, files] = await Promise.all([
    complianceView(db, actor, projectId),
    asBuiltOf(db, actor, projectId),
    projects.listProjectFiles(db, projectId)
  ]);
  return {
    compliance,
    asBuilt,
    contractFiles: files.filter((f) => f.kind === 'land_contract').map((f) => ({ id: f.id, name: f.original_name }))
  };
}
