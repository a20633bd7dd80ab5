// What an operator relies on: readiness, Prometheus metrics (local only), a request id on every answer
// and on error pages, and the security headers (issue 18, 11.7).
import { describe, expect, it } from 'vitest';
import { baseUrl, loginAs } from '../helpers/http.ts';
import { parsePrometheus, sampleValue } from '../helpers/prometheus.ts';
import { upload } from './projects-helpers.ts';

const metricsNow = async () => {
  const res = await fetch(baseUrl() + '/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text());
};

describe('operations endpoints', () => {
  it('readiness says the database answers, migrations are current and the workers are up', async () => {
    const res = await fetch(baseUrl() + '/api/v1/ready');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ready');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.migrations).toMatchObject({ ok: true, detail: expect.stringMatching(/^\d+ applied$/) });
    expect(body.checks.workers.ok).toBe(true);
    // liveness stays the cheap check
    expect((await fetch(baseUrl() + '/api/v1/health')).status).toBe(200);
  });

  it('/metrics parses as Prometheus text and counts a refused upload by its reason', async () => {
    const before = await metricsNow();
    expect(before.types.get('zeroland_http_request_duration_seconds')).toBe('histogram');
    const c = await loginAs('ent_pudong');
    const res = await c.request(
      'POST',
      '/api/v1/boundaries/inspect',
      upload('empty.geojson', '{"type":"FeatureCollection","features":[]}')
    );
    expect(res.status).toBe(400);
    const code = (await res.json()).error.code as string;
    const after = await metricsNow();
    expect(code).toMatch(/\w/);
    const refused = (m: typeof before) => sampleValue(m.samples, 'zeroland_uploads_refused_total', { reason: code });
    expect(refused(after)).toBe(refused(before) + 1);
    // the request latency histogram has the route
    expect(
      sampleValue(after.samples, 'zeroland_http_request_duration_seconds_count', {
        route: '/api/v1/boundaries/inspect',
        method: 'POST'
      })
    ).toBeGreaterThan(0);
    expect(after.types.get('zeroland_queue_depth')).toBe('gauge');
    expect(after.types.get('zeroland_worker_restarts_total')).toBe('counter');
    expect(after.types.get('zeroland_tiles_served_total')).toBe('counter');
  });

  it('/metrics is refused to a request forwarded by a proxy (not this machine) without the token', async () => {
    const res = await fetch(baseUrl() + '/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toMatch(/zeroland_/);
  });

  it('every answer carries a request id, kept from a proxy when well-formed, and an error page shows it', async () => {
    const a = await fetch(baseUrl() + '/api/v1/health');
    expect(a.headers.get('x-request-id')).toMatch(/^[\w.:-]{8,64}$/);
    const given = await fetch(baseUrl() + '/api/v1/health', { headers: { 'x-request-id': 'proxy-abc-12345' } });
    expect(given.headers.get('x-request-id')).toBe('proxy-abc-12345');
    const bad = await fetch(baseUrl() + '/api/v1/health', { headers: { 'x-request-id': '<script>' } });
    expect(bad.headers.get('x-request-id')).not.toBe('<script>');

    const c = await loginAs('pd_industry');
    const page = await c.request('GET', '/projects/00000000-0000-4000-8000-000000000000');
    expect(page.status).toBe(404);
    const id = page.headers.get('x-request-id')!;
    expect(await page.text()).toContain(id);
  });

  it('pages and API answers carry the security headers; pages a CSP that forbids framing', async () => {
    for (const path of ['/login', '/api/v1/health']) {
      const res = await fetch(baseUrl() + path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
    const csp = (await fetch(baseUrl() + '/login')).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).not.toMatch(/unsafe-eval/);
  });
});
