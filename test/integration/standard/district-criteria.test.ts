// District criteria (issue 12 item 4, 一.3) on the real database: Minhang's lead publishes a stricter tax threshold and
// one criterion of its own; a loosening is refused (409, logged); another district's officer may not publish for it;
// Minhang's projects are evaluated with the district's criteria marked, other districts' are not touched.
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/lib/errors.ts';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { evaluateProject } from '../../../src/lib/server/standard/index.ts';
import { districtCriteriaInForce } from '../../../src/lib/server/standard/district-criteria.service.ts';
import { publishForDistrict } from '../../../src/lib/server/standard/district-publish.service.ts';
import { district, getDb, readyDraft } from '../workflow/harness.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x) => x
  );
  if (!(e instanceof UserError)) throw new Error(`expected an UserError, got ${String(e)}`);
  return e;
};
const taxAtLeast = (value: number) => ({
  id: 'P-TAX',
  list: 'positive',
  title: { zh: '亩均税收（闵行从严）', en: 'Tax per mu (Minhang)' },
  clause: '闵行区深化要求（测试）',
  check: { kind: 'threshold', metric: 'taxPerMu', op: '>=', value }
});
const own = {
  id: 'MH-RD',
  list: 'positive',
  title: { zh: '研发机构', en: 'R&D centre' },
  check: { kind: 'manual', question: { zh: '是否设立区级以上研发机构？', en: '' } }
};

describe('district criteria (一.3)', () => {
  it('add and tighten, never loosen; evaluated with the district marked; an event; others untouched', async () => {
    const mh = await district(db, 'minhang');
    const jd = await district(db, 'jiading');
    // COMPLETE_FORM: 1 500 万元 tax on 12 000 m² (18 亩) = 83.3 万元/亩: passes the city's ≥ 50, fails Minhang's ≥ 100.
    const p = await readyDraft(db, mh.ent, { landType: 'inside_boundary', authority: 'minhang' });
    const other = await readyDraft(db, jd.ent, { landType: 'inside_boundary', authority: 'jiading' });
    const before = (await evaluateProject(db, p.id, 'manual'))!.evaluation;
    expect(before.results.find((r) => r.criterionId === 'P-TAX')).toMatchObject({ status: 'pass' });

    const loose = await refusal(publishForDistrict(db, mh.industry, 'minhang', { criteria: [taxAtLeast(30)] }));
    expect(loose.status).toBe(409);
    expect(loose.code).toBe('district_criterion_loosens');
    expect(loose.text.zh).toContain('不能放宽');
    expect(loose.text.zh).toContain('（一.3）');
    expect(
      (await refusal(publishForDistrict(db, jd.industry, 'minhang', { criteria: [taxAtLeast(100)] }))).status
    ).toBe(403);
    expect((await refusal(publishForDistrict(db, mh.gov, 'minhang', { criteria: [taxAtLeast(100)] }))).status).toBe(
      403
    );
    expect(await districtCriteriaInForce(db, 'minhang')).toBeNull();

    const r = await publishForDistrict(db, mh.industry, 'minhang', {
      criteria: [taxAtLeast(100), own],
      notes: '闵行区深化要求（测试）'
    });
    expect(r).toMatchObject({ version: 1, tightened: ['P-TAX'], added: ['MH-RD'] });
    expect(r.reevaluated).toBeGreaterThanOrEqual(1);
    const after = (await evaluateProject(db, p.id, 'manual'))!.evaluation;
    expect(after.results.find((x) => x.criterionId === 'P-TAX')).toMatchObject({ status: 'fail', source: 'district' });
    expect(after.results.find((x) => x.criterionId === 'MH-RD')).toMatchObject({
      status: 'needs_review',
      source: 'district'
    });
    expect(after.results.find((x) => x.criterionId === 'P-IND')!.source).toBeUndefined();
    expect(after.district).toEqual({ authorityCode: 'minhang', version: 1 });
    const jdEval = (await evaluateProject(db, other.id, 'manual'))!.evaluation;
    expect(jdEval.results.some((x) => x.criterionId === 'MH-RD' || x.source === 'district')).toBe(false);

    const log = (
      await db.query<{ action: string; actor_id: string; payload: Record<string, unknown> }>(
        `select action, actor_id, payload from events where project_id is null and payload->>'authorityCode' = 'minhang' or (action = 'policy_refusal' and payload->>'attempted' = 'publish_district_criteria' and actor_id = $1) order by id`,
        [mh.industry.id]
      )
    ).rows;
    expect(log.map((e) => e.action)).toEqual(['policy_refusal', 'publish_district_criteria']);
    expect(log[1].payload).toMatchObject({ version: 1, tightened: ['P-TAX'], added: ['MH-RD'] });
    // A second version is numbered 2; a published version cannot be edited.
    expect((await publishForDistrict(db, mh.industry, 'minhang', { criteria: [taxAtLeast(120)] })).version).toBe(2);
    await expect(
      db.query(`update district_criteria_sets set notes = 'x' where authority_code = 'minhang'`)
    ).rejects.toThrow(/cannot be changed/);
  });
});
