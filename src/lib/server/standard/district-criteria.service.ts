// District criteria (issue 12 item 4, 一.3): each district's published versions on top of the city's rule set, the
// merged set its projects are evaluated against, and publishing a new version (district lead of that district or the
// administrator; refused with the reason when it loosens a city criterion; an event; open projects re-evaluated).
import { z } from 'zod';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { isIsoDate, shanghaiDate } from '../../domain/dates.ts';
import { authorityByCode } from '../../domain/authorities.ts';
import { criterionSchema, type Criterion } from '../../domain/standard/model.ts';
import { checkDistrictCriteria, mergeCriteria } from '../../domain/standard/district.ts';
import type { StoredRuleSet } from './standard.repository.ts';

export interface DistrictCriteriaSet {
  id: number;
  authorityCode: string;
  version: number;
  criteria: Criterion[];
  notes: string;
  cityRuleSetId: number;
  effectiveFrom: string;
  publishedBy: string | null;
  publishedAt: string;
}

interface Row {
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

const COLUMNS = `d.id, d.authority_code, d.version, d.criteria, d.notes, d.city_rule_set_id, d.effective_from::text as effective_from, u.display_name as published_by_name, d.published_at`;
const toSet = (r: Row): DistrictCriteriaSet => ({
  id: r.id,
  authorityCode: r.authority_code,
  version: r.version,
  criteria: r.criteria,
  notes: r.notes,
  cityRuleSetId: r.city_rule_set_id,
  effectiveFrom: String(r.effective_from).slice(0, 10),
  publishedBy: r.published_by_name,
  publishedAt: new Date(r.published_at).toISOString()
});

export async function listDistrictCriteria(db: Queryable, authorityCode: string): Promise<DistrictCriteriaSet[]> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from district_criteria_sets d left join users u on u.id = d.published_by where d.authority_code = $1 order by d.version desc`,
    [authorityCode]
  );
  return rows.map(toSet);
}

/** The district's version in force on `date` (latest effective date on or before it, then the highest version). */
export async function districtCriteriaInForce(
  db: Queryable,
  authorityCode: string | null,
  date = shanghaiDate(new Date())
): Promise<DistrictCriteriaSet | null> {
  if (!authorityCode) return null;
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from district_criteria_sets d left join users u on u.id = d.published_by
      where d.authority_code = $1 and d.effective_from <= $2::date order by d.effective_from desc, d.version desc limit 1`,
    [authorityCode, date]
  );
  return rows[0] ? toSet(rows[0]) : null;
}

/** The city's rule set with the district's criteria in force merged in (the district's marked as such). */
export async function withDistrictCriteria(
  db: Queryable,
  city: StoredRuleSet,
  authorityCode: string | null
): Promise<StoredRuleSet & { district: { authorityCode: string; version: number } | null }> {
  const d = await districtCriteriaInForce(db, authorityCode);
  if (!d) return { ...city, district: null };
  return {
    ...city,
    criteria: mergeCriteria(city.criteria, d.criteria),
    district: { authorityCode: d.authorityCode, version: d.version }
  };
}

const inputSchema = z.object({
  criteria: z.array(criterionSchema).min(1).max(100),
  notes: z.string().max(4000).default(''),
  effectiveFrom: z.string().refine(isIsoDate).optional()
});

/** Who may publish: the district's lead department (区产业部门 / 临港 管委会产业部门) for its own district, or the administrator. */
function assertCanPublish(user: SessionUser, authorityCode: string) {
  const own = user.role === 'district_industry' && user.authorityCode === authorityCode;
  if (own || user.role === 'admin') return;
  throw apiError(403, 'forbidden', {
    zh: '只有本区产业部门（或系统管理员）可以发布本区的深化认定标准（一.3）。',
    en: "Only the district's industry department (or the administrator) may publish the district's additional criteria (clause 一.3)."
  });
}

export async function publishDistrictCriteria(
  db: Db,
  user: SessionUser,
  authorityCode: string,
  body: unknown,
  cityInForce: () => Promise<StoredRuleSet>,
  reevaluate: (tx: Queryable, authorityCode: string) => Promise<number>
) {
  if (!authorityByCode(authorityCode))
    throw apiError(404, 'not_found', { zh: `没有“${authorityCode}”这个区。`, en: `No district "${authorityCode}".` });
  assertCanPublish(user, authorityCode);
  const parsed = inputSchema.safeParse(body);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 8).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw apiError(400, 'invalid_district_criteria', {
      zh: `区级标准内容有误：${lines.join('；')}`,
      en: `The district criteria are not valid: ${lines.join('; ')}`
    });
  }
  const ids = parsed.data.criteria.map((c) => c.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup)
    throw apiError(400, 'invalid_district_criteria', {
      zh: `条目编号重复：${dup}`,
      en: `Duplicate criterion id ${dup}`
    });
  const today = shanghaiDate(new Date());
  const effectiveFrom = parsed.data.effectiveFrom ?? today;
  if (effectiveFrom < today)
    throw apiError(400, 'bad_effective_date', {
      zh: '生效日期不能早于今天。',
      en: 'The effective date cannot be in the past.'
    });
  const city = await cityInForce();
  const loosens = checkDistrictCriteria(city.criteria, parsed.data.criteria);
  if (loosens) throw apiError(loosens.status, loosens.code, { zh: loosens.zh, en: loosens.en });
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`district_criteria:${authorityCode}`]);
    const { rows } = await tx.query<{ v: number }>(
      'select coalesce(max(version), 0) + 1 as v from district_criteria_sets where authority_code = $1',
      [authorityCode]
    );
    const version = Number(rows[0].v);
    await tx.query(
      `insert into district_criteria_sets (authority_code, version, criteria, notes, city_rule_set_id, effective_from, published_by) values ($1, $2, $3, $4, $5, $6, $7)`,
      [authorityCode, version, JSON.stringify(parsed.data.criteria), parsed.data.notes, city.id, effectiveFrom, user.id]
    );
    const tightened = ids.filter((id) => city.criteria.some((c) => c.id === id));
    await tx.query(
      `insert into events (project_id, actor_id, actor_role, action, comment, payload) values (null, $1, $2, 'publish_district_criteria', $3, $4)`,
      [
        user.id,
        user.role,
        parsed.data.notes || null,
        JSON.stringify({
          authorityCode,
          version,
          effectiveFrom,
          cityRuleSetId: city.id,
          tightened,
          added: ids.filter((id) => !tightened.includes(id))
        })
      ]
    );
    const reevaluated = effectiveFrom <= today ? await reevaluate(tx, authorityCode) : 0;
    return { version, effectiveFrom, tightened, added: ids.filter((id) => !tightened.includes(id)), reevaluated };
  });
}
