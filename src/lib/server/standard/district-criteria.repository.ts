// The district_criteria_sets table (issue 12 item 4): each district's published versions of its additional criteria.
import type { Queryable } from '../db/index.ts';
import type { Criterion } from '../../domain/standard/model.ts';

export interface DistrictCriteriaRow {
  id: number;
  authority_code: string;
  version: number;
  criteria: Criterion[];
  notes: string;
  city_rule_set_id: number;
  effective_from: string | Date;
  published_by_name: string | null;
  published_at: Date;
}

const SELECT = `select d.id, d.authority_code, d.version, d.criteria, d.notes, d.city_rule_set_id, d.effective_from::text as effective_from,
         u.display_name as published_by_name, d.published_at
    from district_criteria_sets d left join users u on u.id = d.published_by`;

/** The district's versions, newest first. */
export async function districtCriteriaRows(db: Queryable, authorityCode: string): Promise<DistrictCriteriaRow[]> {
  const { rows } = await db.query<DistrictCriteriaRow>(
    `${SELECT} where d.authority_code = $1 order by d.version desc`,
    [authorityCode]
  );
  return rows;
}

/** The version in force on `date`: the latest effective date on or before it, then the highest version. */
export async function districtCriteriaRowOn(
  db: Queryable,
  authorityCode: string,
  date: string
): Promise<DistrictCriteriaRow | null> {
  const { rows } = await db.query<DistrictCriteriaRow>(
    `${SELECT} where d.authority_code = $1 and d.effective_from <= $2::date order by d.effective_from desc, d.version desc limit 1`,
    [authorityCode, date]
  );
  return rows[0] ?? null;
}

/** Serialises publications of one district until the transaction ends. */
export async function lockDistrictCriteria(db: Queryable, authorityCode: string): Promise<void> {
  await db.query('select pg_advisory_xact_lock(hashtext($1))', [`district_criteria:${authorityCode}`]);
}

export async function nextDistrictCriteriaVersion(db: Queryable, authorityCode: string): Promise<number> {
  const { rows } = await db.query<{ v: number }>(
    'select coalesce(max(version), 0) + 1 as v from district_criteria_sets where authority_code = $1',
    [authorityCode]
  );
  return Number(rows[0].v);
}

/** One published version of a district's criteria, as written. */
export interface DistrictCriteriaContent {
  authorityCode: string;
  version: number;
  criteria: Criterion[];
  notes: string;
  cityRuleSetId: number;
  effectiveFrom: string;
}

export async function insertDistrictCriteria(
  db: Queryable,
  s: DistrictCriteriaContent & { publishedBy: string }
): Promise<void> {
  await db.query(
    `insert into district_criteria_sets (authority_code, version, criteria, notes, city_rule_set_id, effective_from, published_by) values ($1, $2, $3, $4, $5, $6, $7)`,
    [s.authorityCode, s.version, JSON.stringify(s.criteria), s.notes, s.cityRuleSetId, s.effectiveFrom, s.publishedBy]
  );
}
