// The server as a service (issue 18.1, 11.3): `npm start` in its own process group stops within 5 s of
// Ctrl-C and closes the embedded database cleanly, starts again with all its data, and comes back by
// itself when the server process is killed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parcelGeoJson } from '../api/projects-helpers.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, events, freePort, npmStart, scratchDatabase, waitHealthy, type Started } from '../helpers/service.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'zeroland-svc-'));
const running: Started[] = [];
let dropDb: (() => Promise<void>) | undefined;

afterAll(async () => {
  for (const s of running)
    if (s.proc.exitCode === null && s.proc.signalCode === null) {
      try {
        process.kill(-s.proc.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  await dropDb?.();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(base: string, cookie: string, method: string, p: string, body?: unknown) {
  const res = await fetch(base + p, {
    method,
    headers: { origin: base, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  return res;
}

async function login(base: string) {
  const res = await api(base, '', 'POST', '/api/v1/session', { username: 'ent_pudong', password: 'demo2026' });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('zl_session='))!;
}

/** Ctrl-C to the whole process group; resolves with the milliseconds until npm start has exited. */
async function interrupt(s: Started) {
  const t0 = performance.now();
  process.kill(-s.proc.pid!, 'SIGINT');
  await s.exited;
  return performance.now() - t0;
}

describe('npm start as a service', () => {
  it('stops within 5 s of Ctrl-C, starts again with its data, and comes back when the server is killed', async () => {
    const scratch = await scratchDatabase('svc');
    dropDb = scratch?.drop;
    const port = await freePort();
    const env = { DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', ZEROLAND_SEED: scratch ? '1' : undefined };

    const first = npmStart(port, env);
    running.push(first);
    await waitHealthy(first);
    const cookie = await login(first.base);
    // A new application starts from its checked boundary (issue 14.2): inspect the demo parcel, then create.
    const fd = new FormData();
    fd.append('file', new Blob([parcelGeoJson('P03')]), 'P03.geojson');
    const inspected = await fetch(first.base + '/api/v1/boundaries/inspect', {
      method: 'POST',
      headers: { origin: first.base, cookie },
      body: fd
    });
    expect(inspected.status).toBe(200);
    const created = await api(first.base, cookie, 'POST', '/api/v1/projects', {
      title: '停机测试企业零增地技术改造项目',
      upload: ((await inspected.json()) as { upload: { id: string } }).upload.id
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const ms = await interrupt(first);
    expect(ms, first.log()).toBeLessThan(5000);
    expect(events(first, 'stopped')).toHaveLength(1);
    const closed = events(first, 'database_closed')[0];
    expect(closed?.engine).toBe(scratch ? 'postgres' : 'pglite');
    if (!scratch) expect(closed?.msg).toBe('embedded database closed cleanly');
    console.log(`npm start stopped ${Math.round(ms)} ms after SIGINT (server: ${events(first, 'stopped')[0].ms} ms)`);

    // The same data, with seeding off this time (a restart must not depend on it).
    const second = npmStart(port, { ...env, ZEROLAND_SEED: undefined });
    running.push(second);
    await waitHealthy(second);
    const cookie2 = await login(second.base);
    const project = await api(second.base, cookie2, 'GET', `/api/v1/projects/${id}`);
    expect(project.status).toBe(200);
    expect(JSON.stringify(await project.json())).toContain('停机测试企业');

    // The server process dies (as when a file exhausts its memory): the supervisor says so and restarts it.
    const pid = Number(events(second, 'database_open').at(-1)?.pid);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => events(second, 'server_died').length, { timeout: 10_000 }).toBe(1);
    expect(events(second, 'server_died')[0]).toMatchObject({ signal: 'SIGKILL', restarts: 1 });
    await expect.poll(() => events(second, 'database_open').length, { timeout: 300_000, interval: 500 }).toBe(2);
    await waitHealthy(second);
    expect((await api(second.base, cookie2, 'GET', `/api/v1/projects/${id}`)).status).toBe(200);
    const metrics = await (await fetch(second.base + '/metrics')).text();
    expect(metrics).toMatch(/^zeroland_server_restarts_total 1$/m);

    const ms2 = await interrupt(second);
    expect(ms2, second.log()).toBeLessThan(5000);
    const pid2 = Number(events(second, 'database_open').at(-1)?.pid);
    expect(alive(pid2)).toBe(false);
  }, 900_000);
});
