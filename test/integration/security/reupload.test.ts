// Issue 11.5: re-uploading the parcel of a returned application cannot move the case to another district.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { attachBoundary } from '../../../src/lib/server/projects/boundary.service.ts';
import {
  createProject,
  getProject,
  saveDraft,
  addProjectFile
} from '../../../src/lib/server/projects/projects.service.ts';
import { installWorld, rect, WORLD } from '../classification/fixture.ts';
import { act, COMPLETE_FORM, getDb, user } from '../workflow/harness.ts';
import { UserError } from '../../../src/lib/errors.ts';

let db: Db;
let restore: () => Promise<unknown>;
beforeAll(async () => {
  db = await getDb();
  restore = (await installWorld(db, WORLD, 'reupload')).restore;
});
afterAll(() => restore());

const enc = (s: string) => new TextEncoder().encode(s);
/** A 200 m square in the test world: x < 5000 m is 闵行区, x > 5000 m is 松江区. */
const parcel = (x: number) => [
  {
    name: `地块${x}.geojson`,
    bytes: enc(JSON.stringify({ type: 'Feature', properties: {}, geometry: rect(x, 3000, x + 200, 3200) }))
  }
];

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => null,
    (x) => x
  );
  if (!(e instanceof UserError)) throw new Error(`expected UserError, got ${String(e)}`);
  return e;
}

describe('re-upload after submission', () => {
  it('a returned application cannot be moved to another district by a new parcel; a draft can', async () => {
    const ent = await user(db, 'enterprise');
    const mh = await user(db, 'district_industry', 'minhang', '区产业部门');
    const sj = await user(db, 'district_department', 'songjiang', '区规划资源局');
    const { id } = await createProject(db, ent, { form: {} });
    // Before submission the parcel decides: a draft follows its parcel from 松江 to 闵行.
    expect((await attachBoundary(db, ent, id, parcel(7000), { crs: 'EPSG:4490' })).authorityCode).toBe('songjiang');
    let v =
      (await attachBoundary(db, ent, id, parcel(1000), { crs: 'EPSG:4490' })).authorityCode === 'minhang'
        ? (await getProject(db, ent, id)).version
        : -1;
    v = (await saveDraft(db, ent, id, { ...COMPLETE_FORM, authorityCode: 'minhang' }, v)).version;
    await addProjectFile(db, ent, id, 'land_title', { name: '土地权证.pdf', bytes: enc(`t ${id}`) });
    await addProjectFile(db, ent, id, 'land_contract', { name: '出让合同.pdf', bytes: enc(`c ${id}`) });
    v = await act(db, ent, id, v, 'submit');
    v = await act(db, mh, id, v, 'return', { comment: '内部意见：权证与合同面积不一致，请补正' });

    const e = await refusal(attachBoundary(db, ent, id, parcel(7000), { crs: 'EPSG:4490' }));
    expect(e.status).toBe(409);
    expect(e.code).toBe('parcel_changes_authority');
    expect(e.text.zh).toMatch(/松江区.*闵行区受理/);
    expect(e.text.en).toMatch(/Songjiang.*Minhang has accepted/);
    // Nothing moved: 闵行 still sees its case, 松江 still gets 404, the parcel and version are unchanged.
    const p = await getProject(db, mh, id);
    expect(p.authorityCode).toBe('minhang');
    expect(p.version).toBe(v);
    expect(p.files.boundary).toHaveLength(2); // the two uploads before submission; the refused one left nothing
    expect(p.parcel?.sourceName).toBe('地块1000.geojson');
    expect((await refusal(getProject(db, sj, id))).status).toBe(404);
    // Typing another district into the form does not move it either.
    await saveDraft(db, ent, id, { ...COMPLETE_FORM, authorityCode: 'songjiang' }, v);
    expect((await getProject(db, mh, id)).authorityCode).toBe('minhang');
    // A corrected parcel inside 闵行 is accepted.
    expect((await attachBoundary(db, ent, id, parcel(2000), { crs: 'EPSG:4490' })).authorityCode).toBe('minhang');
  });

  it("a case moved before this rule existed does not show the old district's internal comments to the new one", async () => {
    const ent = await user(db, 'enterprise');
    const mh = await user(db, 'district_industry', 'minhang', '区产业部门');
    const sj = await user(db, 'district_industry', 'songjiang', '区产业部门');
    const { id } = await createProject(db, ent, { form: {} });
    await attachBoundary(db, ent, id, parcel(1000), { crs: 'EPSG:4490' });
    await db.query(
      `insert into events (project_id, actor_id, actor_role, action, comment, payload) values ($1, $2, 'district_industry', 'return', '闵行内部意见', '{"note": "内部"}')`,
      [id, mh.id]
    );
    await db.query(`update projects set authority_code = 'songjiang' where id = $1`, [id]);
    const seen = await getProject(db, sj, id);
    const theirs = seen.events.find((x) => x.actorId === mh.id)!;
    expect(theirs.comment).toBeNull();
    expect(theirs.payload).toEqual({});
    // The enterprise and the city still see what was written on the case.
    expect((await getProject(db, ent, id)).events.find((x) => x.actorId === mh.id)!.comment).toBe('闵行内部意见');
  });
});
