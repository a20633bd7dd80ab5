// Starting an application (issue 14.2): a name and a checked boundary come before any numbered draft; a
// parcel inside a planned industrial block is refused at upload with the clause, and nothing is written;
// the owner may delete a draft that was never submitted.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../helpers/http.ts';
import { action, apply, newDraft, ok, parcelGeoJson, upload } from './projects-helpers.ts';

let ent: Client, entJd: Client, pdInd: Client;
beforeAll(async () => {
  [ent, entJd, pdInd] = await Promise.all([loginAs('ent_pudong'), loginAs('ent_jiading'), loginAs('pd_industry')]);
});

const inspect = async (c: Client, parcelId: string) =>
  (
    await ok<{ upload: { id: string } }>(
      await c.request('POST', '/api/v1/boundaries/inspect', upload(`${parcelId}.geojson`, parcelGeoJson(parcelId)))
    )
  ).upload.id;
const count = async (c: Client) =>
  (await ok<{ projects: unknown[] }>(await c.request('GET', '/api/v1/projects?stage=draft'))).projects.length;

describe('a new application', () => {
  it('needs the boundary and a name; the draft carries both, with its land type and district', async () => {
    const none = await ent.request('POST', '/api/v1/projects', { title: '无边界的申报' });
    expect(none.status).toBe(400);
    expect((await none.json()).error.code).toBe('boundary_required');
    const uploadId = await inspect(ent, 'P03');
    const untitled = await ent.request('POST', '/api/v1/projects', { upload: uploadId });
    expect(untitled.status).toBe(400);
    expect((await untitled.json()).error.message).toContain('项目名称');

    const { id, code } = await ok<{ id: string; code: string }>(
      await ent.request('POST', '/api/v1/projects', {
        title: '年产 5 万套精密零件智能化技术改造项目',
        upload: uploadId
      }),
      201
    );
    expect(code).toMatch(/^ZL-\d{4}-\d{4}$/);
    const p = await ok<{
      title: string;
      landType: string;
      authorityCode: string;
      parcel: { areaM2: number } | null;
      events: { action: string }[];
    }>(await ent.request('GET', `/api/v1/projects/${id}`));
    expect(p.title).toBe('年产 5 万套精密零件智能化技术改造项目');
    expect(p.landType).toBe('inside_boundary');
    expect(p.authorityCode).toBe('pudong');
    expect(p.parcel!.areaM2).toBeGreaterThan(40_000);
    expect(p.events.map((e) => e.action).slice(0, 2)).toEqual(['create', 'attach_boundary']);
  });

  it('a parcel inside a planned industrial block is refused at upload, naming the clause; no draft is written', async () => {
    const uploadId = await inspect(entJd, 'P06');
    const check = await ok<{ ok: boolean; landType: string; refusal: { code: string; zh: string } | null }>(
      await entJd.request('POST', '/api/v1/boundaries/check', { upload: uploadId })
    );
    expect(check.ok).toBe(false);
    expect(check.landType).toBe('industrial_block');
    expect(check.refusal!.code).toBe('out_of_scope_industrial_block');
    expect(check.refusal!.zh).toContain('规划产业区块内');
    expect(check.refusal!.zh).toContain('一.4');
    const before = await count(entJd);
    const res = await entJd.request('POST', '/api/v1/projects', { title: '示意电子科技零增地改造', upload: uploadId });
    expect(res.status).toBe(400);
    const e = (await res.json()).error;
    expect(e.code).toBe('out_of_scope_industrial_block');
    expect(e.message).toContain('不能通过本程序申报');
    expect(await count(entJd)).toBe(before);
  });

  it('an English caller hears the refusal in English', async () => {
    const en = await loginAs('ent_jiading', 'en');
    const res = await en.request('POST', '/api/v1/projects', {
      title: 'Electronics renovation',
      upload: await inspect(en, 'P06')
    });
    expect((await res.json()).error.message).toMatch(/inside a planned industrial block.*clause/);
  });

  it('a district officer cannot start an application for a parcel in another district', async () => {
    const check = await ok<{ ok: boolean; refusal: { code: string } | null }>(
      await pdInd.request('POST', '/api/v1/boundaries/check', { upload: await inspect(pdInd, 'P02') })
    );
    expect(check).toMatchObject({ ok: false, refusal: { code: 'parcel_in_other_district' } });
  });

  it('the owner deletes a never-submitted draft; then it is gone; a submitted one can only be withdrawn', async () => {
    const { id } = await newDraft(ent);
    expect((await pdInd.request('DELETE', `/api/v1/projects/${id}`)).status).toBe(403); // the district sees drafts but cannot delete them
    expect((await ent.request('DELETE', `/api/v1/projects/${id}`, { reason: '重复创建' })).status).toBe(204);
    expect((await ent.request('GET', `/api/v1/projects/${id}`)).status).toBe(404);
    expect(
      (await ok<{ projects: { id: string }[] }>(await ent.request('GET', '/api/v1/projects'))).projects.map((p) => p.id)
    ).not.toContain(id);

    const sent = await apply(ent, 'P03');
    await ok(await action(ent, sent.id, 'submit'));
    await ok(await action(ent, sent.id, 'withdraw', { comment: '测试撤回' }));
    const refused = await ent.request('DELETE', `/api/v1/projects/${sent.id}`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toContain('撤回');
  });
});
