// After recognition (issue 16): contract terms, yearly performance reports, and the milestone records in the event
// log (the as-built surveys are asbuilt.repository.ts).
import type { Queryable } from '../db/index.ts';
import type { ContractTerms } from '../../domain/aftercare/terms.ts';
import type { PerformanceRecord } from '../../domain/aftercare/performance.ts';
import type { MilestoneRecord } from '../../domain/tracking.ts';

export interface TermsRow {
  terms: ContractTerms;
  document_id: string | null;
  revision: number;
  recorded_at: Date;
  recorded_by_name: string | null;
}

export async function contractTermsRow(db: Queryable, projectId: string): Promise<TermsRow | null> {
  const { rows } = await db.query<TermsRow>(
    `select c.terms, c.document_id, c.revision, c.recorded_at, u.display_name as recorded_by_name
       from contract_terms c left join users u on u.id = c.recorded_by where c.project_id = $1`,
    [projectId]
  );
  return rows[0] ?? null;
}

/** The stored terms of these projects (unchecked: the caller parses them). */
export async function contractTermsOfProjects(
  db: Queryable,
  projectIds: string[]
): Promise<{ project_id: string; terms: unknown }[]> {
  const { rows } = await db.query<{ project_id: string; terms: unknown }>(
    'select project_id, terms from contract_terms where project_id = any($1::uuid[])',
    [projectIds]
  );
  return rows;
}

/** Stores the terms (a new revision when there were some); returns the revision. */
export async function upsertContractTerms(
  db: Queryable,
  projectId: string,
  terms: ContractTerms,
  by: string
): Promise<number> {
  const { rows } = await db.query<{ revision: number }>(
    `insert into contract_terms (project_id, terms, document_id, recorded_by) values ($1, $2, $3, $4)
     on conflict (project_id) do update set terms = excluded.terms, document_id = excluded.document_id, recorded_by = excluded.recorded_by,
       recorded_at = now(), revision = contract_terms.revision + 1
     returning revision`,
    [projectId, JSON.stringify(terms), terms.documentId, by]
  );
  return rows[0].revision;
}

export interface PerformanceRow {
  project_id: string;
  year: number;
  tax_wan: number;
  output_wan: number;
  investment_wan: number;
  employees: number;
  status: 'entered' | 'confirmed';
  source: PerformanceRecord['source'];
  entered_at: Date;
  confirmed_at: Date | null;
}

/** The project's yearly figures by year, with who confirmed them. */
export async function performanceRows(
  db: Queryable,
  projectId: string
): Promise<(PerformanceRow & { confirmed_by_name: string | null })[]> {
  const { rows } = await db.query<PerformanceRow & { confirmed_by_name: string | null }>(
    `select r.*, u.display_name as confirmed_by_name from performance_reports r left join users u on u.id = r.confirmed_by
      where r.project_id = $1 order by r.year`,
    [projectId]
  );
  return rows;
}

/** The yearly figures of these projects, in no order. */
export async function performanceOfProjects(db: Queryable, projectIds: string[]): Promise<PerformanceRow[]> {
  const { rows } = await db.query<PerformanceRow>(
    'select * from performance_reports where project_id = any($1::uuid[])',
    [projectIds]
  );
  return rows;
}

export interface PerformanceWrite {
  projectId: string;
  year: number;
  taxWan: number;
  outputWan: number;
  investmentWan: number;
  employees: number;
  status: 'entered' | 'confirmed';
  source: PerformanceRecord['source'];
  enteredBy: string;
  /** Set when the figures are confirmed as they are written. */
  confirmedBy: string | null;
  confirmedAt: string | null;
}

/** Writes one year's figures, replacing that year's earlier ones. */
export async function upsertPerformance(db: Queryable, p: PerformanceWrite): Promise<void> {
  await db.query(
    `insert into performance_reports (project_id, year, tax_wan, output_wan, investment_wan, employees, status, source, entered_by, confirmed_by, confirmed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (project_id, year) do update set tax_wan = excluded.tax_wan, output_wan = excluded.output_wan, investment_wan = excluded.investment_wan,
       employees = excluded.employees, status = excluded.status, source = excluded.source, entered_by = excluded.entered_by, entered_at = now(),
       confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at`,
    [
      p.projectId,
      p.year,
      p.taxWan,
      p.outputWan,
      p.investmentWan,
      p.employees,
      p.status,
      p.source,
      p.enteredBy,
      p.confirmedBy,
      p.confirmedAt
    ]
  );
}

export async function markPerformanceConfirmed(
  db: Queryable,
  projectId: string,
  year: number,
  by: string
): Promise<void> {
  await db.query(
    `update performance_reports set status = 'confirmed', confirmed_by = $3, confirmed_at = now() where project_id = $1 and year = $2`,
    [projectId, year, by]
  );
}

/** The milestones recorded on these projects (events record_milestone), oldest first. */
export async function milestoneRecordRows(
  db: Queryable,
  projectIds: string[]
): Promise<{ project_id: string; payload: MilestoneRecord }[]> {
  const { rows } = await db.query<{ project_id: string; payload: MilestoneRecord }>(
    `select project_id, payload from events where action = 'record_milestone' and project_id = any($1::uuid[]) order by id`,
    [projectIds]
  );
  return rows;
}

export interface AftercareProjectRow {
  id: string;
  code: string;
  title: string;
  stage: string;
  authority_code: string | null;
}

/** The projects in these stages (of one district if given), by code. */
export async function projectsInStages(
  db: Queryable,
  stages: readonly string[],
  authorityCode?: string | null
): Promise<AftercareProjectRow[]> {
  const { rows } = await db.query<AftercareProjectRow>(
    `select id, code, title, stage, authority_code from projects where stage = any($1::text[]) ${authorityCode === undefined ? '' : 'and authority_code = $2'} order by code`,
    authorityCode === undefined ? [[...stages]] : [[...stages], authorityCode]
  );
  return rows;
}
