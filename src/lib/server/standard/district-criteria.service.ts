// District criteria (issue 12 item 4, 一.3): each district's published versions on top of the city's rule set, the
// merged set its projects are evaluated against, and publishing a new version (district lead of that district or the
// administrator; refused with the reason when it loosens a city criterion; an event; open projects re-evaluated).
import { z } from 'zod';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { isIsoDate, shanghaiDate } from '../../domain/dates.ts';
import { authorityByCode } from '../../domain/authorities.ts';
import { criterionSchema } from '../../domain/standard/model.ts';
import { checkDistrictCriteria, mergeCriteria } from '../../domain/standard/district.ts';
import type { StoredRuleSet } from './standard.repository.ts';
import { insertOfficeEvent } from '../audit/events.repository.ts';
import * as repo from './district-criteria.repository.ts';

export interface DistrictCriteriaSet extends repo.DistrictCriteriaContent {
  id: number;
  publishedBy: string | null;
  publishedAt: string;
}

const toSet = (r: repo.DistrictCriteriaRow): DistrictCriteriaSet => ({
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
  return (await repo.districtCriteriaRows(db, authorityCode)).map(toSet);
}

/** The district's version in force on `date` (latest effective date on or before it, then the highest version). */
export async function districtCriteriaInForce(
  db: Queryable,
  authorityCode: string | null,
  date = shanghaiDate(new Date())
): Promise<DistrictCriteriaSet | null> {
  if (!authorityCode) return null;
  const row = await repo.districtCriteriaRowOn(db, authorityCode, date);
  return row ? toSet(row) : null;
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
    await repo.lockDistrictCriteria(tx, authorityCode);
    const version = await repo.nextDistrictCriteriaVersion(tx, authorityCode);
    await repo.insertDistrictCriteria(tx, {
      authorityCode,
      version,
      criteria: parsed.data.criteria,
      notes: parsed.data.notes,
      cityRuleSetId: city.id,
      effectiveFrom,
      publishedBy: user.id
    });
    const tightened = ids.filter((id) => city.criteria.some((c) => c.id === id));
    await insertOfficeEvent(tx, {
      actorId: user.id,
      role: user.role,
      action: 'publish_district_criteria',
      comment: parsed.data.notes || null,
      payload: {
        authorityCode,
        version,
        effectiveFrom,
        cityRuleSetId: city.id,
        tightened,
        added: ids.filter((id) => !tightened.includes(id))
      }
    });
    const reevaluated = effectiveFrom <= today ? await reevaluate(tx, authorityCode) : 0;
    return { version, effectiveFrom, tightened, added: ids.filter((id) => !tightened.includes(id)), reevaluated };
  });
}
