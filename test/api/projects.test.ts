// Who sees what through /api/v1/projects, uploads (413, bad multipart), draft saving, calendar, OpenAPI.
import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, loginAs, type Client } from '../helpers/http.ts';
import { action, apply, newDraft, ok, upload, type ProjectJson } from './projects-helpers.ts';

let entPd: Client, entJd: Client, city: Client, pdInd: Client;
let pudongId = '',
  jiadingId = '';
beforeAll(async () => {
  [entPd, entJd, city, pdInd] = await Promise.all(
    ['ent_pudong', 'ent_jiading', 'city_jxw', 'pd_industry'].map((u) => loginAs(u))
  );
  const a = await apply(entPd, 'P03');
  const b = await apply(entJd, 'P02');
  expect(b.authorityCode).toBe('jiading');
  await ok(await action(entPd, a.id, 'submit'));
  await ok(await action(entJd, b.id, 'submit'));
  pudongId = a.id;
  jiadingId = b.id;
});

const ids = async (c: Client, query = '') =>
  (await ok<{ projects: { id: string }[] }>(await c.request('GET', `/api/v1/projects${query}`))).projects.map(
    (p) => p.id
  );

describe('visibility', () => {
  it('a city user sees both districts; an enterprise only its own; a district officer only its district', async () => {
    const cityIds = await ids(city);
    expect(cityIds).toContain(pudongId);
    expect(cityIds).toContain(jiadingId);
    expect(await ids(city, '?authority=jiading')).not.toContain(pudongId);
    expect(await ids(entPd)).toContain(pudongId);
    expect(await ids(entPd)).not.toContain(jiadingId);
    expect((await entPd.request('GET', `/api/v1/projects/${jiadingId}`)).status).toBe(404);
    expect(await ids(pdInd)).toContain(pudongId);
    expect(await ids(pdInd)).not.toContain(jiadingId);
    expect(await ids(pdInd, '?stage=submitted&landType=inside_boundary')).toContain(pudongId);
    expect(await ids(pdInd, '?overdue=1')).not.toContain(pudongId);
    expect(await ids(pdInd, `?q=${encodeURIComponent('精密机械')}`)).toContain(pudongId);
  });

  it('the list shows the seeded demo projects to their district', async () => {
    const list = (
      await ok<{ projects: { title: string; stage: string }[] }>(await pdInd.request('GET', '/api/v1/projects'))
    ).projects;
    expect(list.find((p) => p.title.includes('浦东，区级联审中'))?.stage).toBe('joint_review');
    const lg = await loginAs('lg_industry');
    const lgList = (
      await ok<{ projects: { title: string; stage: string }[] }>(await lg.request('GET', '/api/v1/projects'))
    ).projects;
    expect(lgList.find((p) => p.title.includes('临港'))?.stage).toBe('tracking');
  });

  it('a signed-out caller gets 401', async () => {
    const res = await fetch(baseUrl() + '/api/v1/projects');
    expect(res.status).toBe(401);
  });
});

describe('drafts', () => {
  it('saves with a version; a stale version is 409; a submitted application cannot be edited', async () => {
    const { id } = await newDraft(entPd);
    // A new draft is at version 1: created (0), then its boundary attached (1).
    const saved = await ok<{ version: number }>(
      await entPd.request('PUT', `/api/v1/projects/${id}`, { form: { landArea: '1,000' }, expectedVersion: 1 })
    );
    expect(saved.version).toBe(2);
    const stale = await entPd.request('PUT', `/api/v1/projects/${id}`, { form: { landArea: 2 }, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    const typed = await entPd.request('PUT', `/api/v1/projects/${id}`, {
      form: { landArea: 'abc' },
      expectedVersion: 2
    });
    expect(typed.status).toBe(400);
    expect((await typed.json()).error.message).toContain('用地面积');
    const p = await ok<ProjectJson & { submitProblems: { field: string }[] }>(
      await entPd.request('GET', `/api/v1/projects/${id}`)
    );
    expect(p.submitProblems.map((x) => x.field)).toContain('uscc');
    const locked = await entPd.request('PUT', `/api/v1/projects/${pudongId}`, {
      form: { landArea: 3 },
      expectedVersion: 99
    });
    expect(locked.status).toBe(409);
    expect((await locked.json()).error.code).toBe('not_editable');
  });
});

describe('uploads', () => {
  it('a body above 200 MB is refused with 413 and a message before it is read', async () => {
    const { id } = await newDraft(entPd);
    const u = new URL(baseUrl());
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          method: 'PUT',
          path: `/api/v1/projects/${id}/boundary`,
          headers: {
            cookie: entPd.cookie,
            origin: baseUrl(),
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(205 * 1024 * 1024)
          }
        },
        (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        }
      );
      req.on('error', reject);
      req.write('--x\r\n');
      // Never send the rest: the server must answer from the declared length.
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toContain('200 MB');
  });

  it('a malformed multipart body is 400', async () => {
    const { id } = await newDraft(entPd);
    const res = await entPd.request('POST', `/api/v1/projects/${id}/files`, '--nope\r\ngarbage', {
      'content-type': 'multipart/form-data; boundary=zzz'
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toMatch(/multipart|file_missing/);
  });

  it('a document of an unknown kind is 400, an official document from the enterprise is 403', async () => {
    const { id } = await newDraft(entPd);
    expect(
      (await entPd.request('POST', `/api/v1/projects/${id}/files`, upload('a.pdf', 'x', { kind: 'selfie' }))).status
    ).toBe(400);
    expect(
      (await entPd.request('POST', `/api/v1/projects/${id}/files`, upload('a.pdf', 'x', { kind: 'recognition' })))
        .status
    ).toBe(403);
  });
});

describe('calendar and OpenAPI', () => {
  it('only an administrator edits the calendar; the edit shows in the year', async () => {
    const admin = await loginAs('admin');
    expect(
      (await pdInd.request('PUT', '/api/v1/calendar/2030-10-08', { kind: 'holiday', name: '国庆节' })).status
    ).toBe(403);
    const y = await ok<{ year: number; published: boolean; days: { date: string; kind: string }[] }>(
      await admin.request('PUT', '/api/v1/calendar/2030-10-08', {
        kind: 'holiday',
        name: '国庆节',
        nameEn: 'National Day'
      })
    );
    expect(y.days).toContainEqual(expect.objectContaining({ date: '2030-10-08', kind: 'holiday' }));
    expect(y.published).toBe(false);
    const y2026 = await ok<{ published: boolean; days: { date: string; kind: string }[] }>(
      await pdInd.request('GET', '/api/v1/calendar?year=2026')
    );
    expect(y2026.published).toBe(true);
    expect(y2026.days).toContainEqual(expect.objectContaining({ date: '2026-10-10', kind: 'workday' }));
  });

  it('the OpenAPI document describes the project endpoints', async () => {
    const doc = await ok<{ openapi: string; paths: Record<string, unknown> }>(
      await fetch(baseUrl() + '/api/v1/openapi.json')
    );
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/projects',
      '/api/v1/projects/{id}',
      '/api/v1/projects/{id}/actions',
      '/api/v1/projects/{id}/boundary',
      '/api/v1/inbox',
      '/api/v1/boundaries/inspect'
    ])
      expect(doc.paths).toHaveProperty([p]);
  });
});
