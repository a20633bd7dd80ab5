// The small pieces behind the operator's tools: the tar format of backups, the Prometheus rendering,
// log lines that never carry secrets, the CSP widened for a real basemap, who may read /metrics.
import { Readable, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTar, TarWriter, TruncatedError, tarHeader } from '../../../src/lib/server/ops/backup/tar.ts';
import { counter, histogram, renderMetrics } from '../../../src/lib/server/ops/metrics.ts';
import { formatLogLine } from '../../../src/lib/server/ops/log.ts';
import { extraOrigins, widenCsp } from '../../../src/lib/server/ops/security-headers.ts';
import { metricsAllowed } from '../../../src/lib/server/ops/metrics-access.ts';
import { parsePrometheus, sampleValue } from '../../helpers/prometheus.ts';

async function pack(entries: [string, Buffer][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c) => chunks.push(c));
  const tar = new TarWriter(out);
  for (const [p, b] of entries)
    if (p.endsWith('/')) await tar.addDir(p);
    else await tar.add(p, b.length, b);
  await tar.end();
  return Buffer.concat(chunks);
}

async function unpack(buf: Buffer, chunk = 700) {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  const got: [string, string][] = [];
  for await (const e of readTar(Readable.from(parts))) {
    const cs: Buffer[] = [];
    for await (const c of e.content) cs.push(Buffer.from(c));
    got.push([e.path, Buffer.concat(cs).toString()]);
  }
  return got;
}

describe('backup tar format', () => {
  it('round-trips files, long paths and empty files, read in odd-sized chunks', async () => {
    const long = `files/ab/${'x'.repeat(64)}/${'y'.repeat(90)}`;
    const entries: [string, Buffer][] = [
      ['a.json', Buffer.from('{"a":1}')],
      [long, Buffer.from('long path')],
      ['db/empty', Buffer.alloc(0)],
      ['db/pg_notify/', Buffer.alloc(0)],
      ['db/block', Buffer.alloc(512, 65)]
    ];
    const buf = await pack(entries);
    expect(buf.length % 512).toBe(0);
    expect(await unpack(buf)).toEqual(entries.map(([p, b]) => [p, b.toString()]));
  });

  it('a truncated tar is an error, not a shorter archive', async () => {
    const buf = await pack([['a', Buffer.alloc(2000, 1)]]);
    await expect(unpack(buf.subarray(0, 1200))).rejects.toBeInstanceOf(TruncatedError);
    await expect(unpack(buf.subarray(0, buf.length - 512))).rejects.toBeInstanceOf(TruncatedError);
  });

  it('headers carry a valid ustar checksum', () => {
    const h = tarHeader('x', 5, 'file');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    expect(parseInt(h.toString('ascii', 148, 154), 8)).toBe(sum);
    expect(h.toString('ascii', 257, 262)).toBe('ustar');
  });
});

describe('metrics', () => {
  it('renders counters and histograms that a strict Prometheus reader accepts, escaping label values', () => {
    const c = counter('test_things_total', 'Things.');
    c.inc({ reason: 'a "quoted"\nvalue\\' });
    c.inc({ reason: 'b' }, 2);
    const h = histogram('test_latency_seconds', 'Latency.', [0.1, 1]);
    h.observe({ route: '/x' }, 0.05);
    h.observe({ route: '/x' }, 5);
    const { types, samples } = parsePrometheus(renderMetrics());
    expect(types.get('test_latency_seconds')).toBe('histogram');
    expect(sampleValue(samples, 'test_things_total', { reason: 'a "quoted"\nvalue\\' })).toBe(1);
    expect(sampleValue(samples, 'test_things_total', { reason: 'b' })).toBe(2);
    expect(sampleValue(samples, 'test_latency_seconds_bucket', { route: '/x', le: '0.1' })).toBe(1);
    expect(sampleValue(samples, 'test_latency_seconds_bucket', { route: '/x', le: '+Inf' })).toBe(2);
  });
});

describe('structured log', () => {
  it('is one JSON line with time, level and event, and masks anything named like a secret', () => {
    const line = formatLogLine('info', 'login', {
      user_id: 'u1',
      password: 'hunter2',
      session_token: 'abc',
      route: '/login'
    });
    expect(line).not.toMatch(/\n/);
    const o = JSON.parse(line);
    expect(o).toMatchObject({
      level: 'info',
      event: 'login',
      user_id: 'u1',
      password: '[redacted]',
      session_token: '[redacted]',
      route: '/login'
    });
    expect(Date.parse(o.time)).not.toBeNaN();
    expect(line).not.toContain('hunter2');
  });
});

describe('security headers', () => {
  it('widens the fetch directives for a real basemap, nothing else', () => {
    const origins = extraOrigins({
      BASEMAP_STYLE_URL: 'https://tiles.example.cn/style.json?key=1',
      CSP_EXTRA_ORIGINS: 'https://*.tianditu.gov.cn javascript:alert(1)'
    });
    expect(origins).toEqual(['https://tiles.example.cn', 'https://*.tianditu.gov.cn']);
    const csp = widenCsp("default-src 'self'; connect-src 'self'; img-src 'self' data:; script-src 'self'", origins);
    expect(csp).toContain("connect-src 'self' https://tiles.example.cn https://*.tianditu.gov.cn");
    expect(csp).toContain("img-src 'self' data: https://tiles.example.cn");
    expect(csp).toMatch(/script-src 'self'$/);
  });

  it('/metrics: loopback without proxy headers, or the bearer token', () => {
    const h = (o: Record<string, string> = {}) => new Headers(o);
    expect(metricsAllowed('127.0.0.1', h(), undefined)).toBe(true);
    expect(metricsAllowed('::ffff:127.0.0.1', h(), undefined)).toBe(true);
    expect(metricsAllowed('127.0.0.1', h({ 'x-forwarded-for': '8.8.8.8' }), undefined)).toBe(false);
    expect(metricsAllowed('10.0.0.5', h(), undefined)).toBe(false);
    expect(metricsAllowed('10.0.0.5', h({ authorization: 'Bearer s3cret-token' }), 's3cret-token')).toBe(true);
    expect(metricsAllowed('10.0.0.5', h({ authorization: 'Bearer wrong' }), 's3cret-token')).toBe(false);
    expect(metricsAllowed('10.0.0.5', h({ authorization: 'Bearer ' }), '')).toBe(false);
  });
});
