// One parcel, one live project (issue 12 item 9) on the real PostGIS: a second application on land a live project
// already holds is flagged on both project pages; the lead cannot accept it without a reason (409, logged, nothing
// written); with a reason the acceptance carries the acknowledgement and later steps do not ask again.
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/lib/errors.ts';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { getProject } from '../../../src/lib/server/projects/projects.service.ts';
import { parcelOverlaps } from '../../../src/lib/server/policy/overlap.service.ts';
import { toActor } from '../../../src/lib/server/auth/actor.ts';
import { act, district, getDb, readyDraft } from '../workflow/harness.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => null,
    (x) => x
  );
  if (!(e instanceof UserError)) throw new Error(`expected an UserError, got ${String(e)}`);
  return e;
}

// ~190 m × 222 m near 121.70°E 31.10°N; each test uses its own latitude band so tests do not see each other.
const box = (x0: number, y0: number, dx = 0.002, dy = 0.002) =>
  `MULTIPOLYGON(((${x0} ${y0}, ${x0 + dx} ${y0}, ${x0 + dx} ${y0 + dy}, ${x0} ${y0 + dy}, ${x0} ${y0})))`;

/** Replace the harness's parcel with the given one (areas in EPSG:4549, as an upload stores them). */
async function placeParcel(id: string, wkt: string) {
  await db.query('delete from parcels where project_id = $1', [id]);
  await db.query(
    `insert into parcels (project_id, geom, area_m2, source_crs) select $1, g, ST_Area(ST_Transform(g, 4549)), 'EPSG:4490' from (select ST_GeomFromText($2, 4490) as g) x`,
    [id, wkt]
  );
}

type Cast = Awaited<ReturnType<typeof district>>;
async function submitted(d: Cast, wkt: string) {
  const p = await readyDraft(db, d.ent, { landType: 'inside_boundary', authority: 'baoshan' });
  await placeParcel(p.id, wkt);
  return { id: p.id, v: await act(db, d.ent, p.id, p.version, 'submit') };
}
const code = async (id: string) =>
  (await db.query<{ code: string }>('select code from projects where id = $1', [id])).rows[0].code;

describe('one parcel, one live project (12.9)', () => {
  it('the lead must acknowledge an overlap with a reason before accepting; the acknowledgement is an event and is not asked again', async () => {
    const bs = await district(db, 'baoshan');
    const a = await submitted(bs, box(121.7, 31.1));
    await act(db, bs.industry, a.id, a.v, 'accept'); // nothing else on this land: accepted without a word
    const b = await submitted(bs, box(121.7005, 31.1)); // three quarters of A's land

    const e = await refusal(act(db, bs.industry, b.id, b.v, 'accept'));
    expect(e.status).toBe(409);
    expect(e.code).toBe('overlap_unacknowledged');
    expect(e.text.zh).toContain('一块地只能有一个在办或已认定的项目');
    expect(e.text.zh).toContain(await code(a.id));
    expect(e.text.en).toContain('(clause 附件 二.1、二.5)');
    // Nothing was written but the refusal's own log entry, with who.
    expect((await getProject(db, bs.industry, b.id)).stage).toBe('submitted');
    const logged = (
      await db.query<{ actor_id: string; payload: { code: string; attempted: string } }>(
        `select actor_id, payload from events where project_id = $1 and action = 'policy_refusal'`,
        [b.id]
      )
    ).rows;
    expect(logged.map((r) => [r.actor_id, r.payload.code, r.payload.attempted])).toEqual([
      [bs.industry.id, 'overlap_unacknowledged', 'accept']
    ]);

    // A reason of three characters is no reason.
    expect((await refusal(act(db, bs.industry, b.id, b.v, 'accept', { overlapAcknowledgement: '同一家' }))).code).toBe(
      'overlap_unacknowledged'
    );
    const v = await act(db, bs.industry, b.id, b.v, 'accept', {
      overlapAcknowledgement: '同一企业重新申报，原项目将撤回（测试）'
    });
    const ev = (
      await db.query<{
        comment: string;
        payload: {
          overlapAcknowledgement: { reason: string; projectIds: string[]; overlaps: { overlapM2: number }[] };
        };
      }>(`select comment, payload from events where project_id = $1 and action = 'accept'`, [b.id])
    ).rows[0];
    expect(ev.payload.overlapAcknowledgement.reason).toBe('同一企业重新申报，原项目将撤回（测试）');
    expect(ev.payload.overlapAcknowledgement.projectIds).toEqual([a.id]);
    // 0.0015° × 0.002° at 31.1°N: about 143 m × 222 m.
    expect(ev.payload.overlapAcknowledgement.overlaps[0].overlapM2).toBeGreaterThan(30_000);
    expect(ev.payload.overlapAcknowledgement.overlaps[0].overlapM2).toBeLessThan(33_000);
    expect(ev.comment).toContain('地块重叠已核实');
    // Acknowledged once: the joint review starts without asking again.
    await act(db, bs.industry, b.id, v, 'start_joint_review', { departments: ['planning_resources'] });

    // Both pages show it; B's shows who acknowledged it and why.
    const pb = await getProject(db, bs.industry, b.id);
    expect(pb.policy.overlaps.map((o) => [o.projectId, o.visible, o.acknowledged?.reason])).toEqual([
      [a.id, true, '同一企业重新申报，原项目将撤回（测试）']
    ]);
    expect(pb.policy.overlapGatedActions).toEqual([]);
    const pa = await getProject(db, bs.industry, a.id);
    expect(pa.policy.overlaps.map((o) => o.projectId)).toEqual([b.id]);
  });

  it('the enterprise sees that its parcel overlaps another project, but not which one', async () => {
    const bs = await district(db, 'baoshan');
    const a = await submitted(bs, box(121.71, 31.11));
    const other = await district(db, 'baoshan');
    const b = await submitted(other, box(121.71, 31.11));
    const seen = await parcelOverlaps(db, b.id, toActor(other.ent));
    expect(seen.map((o) => [o.projectId, o.visible])).toEqual([[a.id, false]]);
    expect((await getProject(db, other.industry, b.id)).policy.overlapGatedActions).toContain('accept');
  });

  it('a neighbour sharing only a boundary, a sliver under both bounds, and withdrawn or draft projects are not flagged', async () => {
    const bs = await district(db, 'baoshan');
    const a = await submitted(bs, box(121.72, 31.12));
    const touching = await submitted(bs, box(121.722, 31.12));
    // 0.000004° ≈ 0.38 m × 222 m ≈ 85 m²: under 100 m² and under 1 % of ~42 000 m².
    const sliver = await submitted(bs, box(121.722 - 0.000004, 31.125));
    await placeParcel(
      a.id,
      `MULTIPOLYGON(((121.72 31.12, 121.722 31.12, 121.722 31.127, 121.72 31.127, 121.72 31.12)))`
    );
    expect(await parcelOverlaps(db, touching.id, toActor(bs.industry))).toEqual([]);
    expect(await parcelOverlaps(db, sliver.id, toActor(bs.industry))).toEqual([]);
    // The same land under a withdrawn application or someone's draft holds nothing.
    const gone = await submitted(bs, box(121.73, 31.13));
    await act(db, bs.ent, gone.id, gone.v, 'withdraw', { comment: '不再申报（测试）' });
    const draft = await readyDraft(db, bs.ent, { landType: 'inside_boundary', authority: 'baoshan' });
    await placeParcel(draft.id, box(121.73, 31.13));
    const c = await submitted(bs, box(121.73, 31.13));
    await act(db, bs.industry, c.id, c.v, 'accept');
    expect((await getProject(db, bs.industry, c.id)).stage).toBe('preliminary_review');
  });
});
