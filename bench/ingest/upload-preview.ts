// bench/ingest/upload-preview: a 200 KB site DXF from upload to preview on the built app (issue #15.2's goal:
// under 300 ms of server time), then a CRS change and a layer change by upload id (no bytes sent, no re-parse).
// Run: npm run build && npx tsx bench/ingest/upload-preview.ts   (starts the app on a free port, temp DATA_DIR;
//      or BASE_URL=http://host:port to measure a running server that has the demo users)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const RUNS = Number(process.env.RUNS ?? 15);

/** A surveyed site: the red line (bulged corner), buildings, roads, trees and labels around it, in EPSG:4549. */
function siteDxf(seed: number): Uint8Array {
  const out: string[] = [];
  const p = (c: number, v: string | number) => out.push(`${c}\n${v}\n`);
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const X = 630000 + seed,
    Y = 3450000;
  p(0, 'SECTION');
  p(2, 'ENTITIES');
  p(0, 'LWPOLYLINE');
  p(8, '用地红线');
  p(90, 5);
  p(70, 1);
  for (const [x, y, b] of [
    [0, 0, 0],
    [200, 0, 0],
    [200, 120, 0.3],
    [100, 160, 0],
    [0, 150, 0]
  ]) {
    p(10, X + x);
    p(20, Y + y);
    if (b) p(42, b);
  }
  for (let i = 0; i < 120; i++) {
    const x = X + 10 + rand() * 170,
      y = Y + 10 + rand() * 120,
      w = 5 + rand() * 10;
    p(0, 'LWPOLYLINE');
    p(8, '建筑');
    p(90, 4);
    p(70, 1);
    for (const [dx, dy] of [
      [0, 0],
      [w, 0],
      [w, w],
      [0, w]
    ]) {
      p(10, (x + dx).toFixed(3));
      p(20, (y + dy).toFixed(3));
    }
  }
  for (let i = 0; i < 1400; i++) {
    p(0, 'LINE');
    p(8, '道路');
    p(10, (X + rand() * 300).toFixed(3));
    p(20, (Y + rand() * 300).toFixed(3));
    p(30, 0);
    p(11, (X + rand() * 300).toFixed(3));
    p(21, (Y + rand() * 300).toFixed(3));
    p(31, 0);
  }
  for (let i = 0; i < 500; i++) {
    p(0, 'CIRCLE');
    p(8, '树');
    p(10, (X + rand() * 300).toFixed(3));
    p(20, (Y + rand() * 300).toFixed(3));
    p(30, 0);
    p(40, 1.5);
  }
  for (let i = 0; i < 600; i++) {
    p(0, 'TEXT');
    p(8, '文字');
    p(10, (X + rand() * 300).toFixed(3));
    p(20, (Y + rand() * 300).toFixed(3));
    p(40, 2.5);
    p(1, `界址点 J${i}`);
  }
  p(0, 'ENDSEC');
  p(0, 'EOF');
  return new Uint8Array(Buffer.from(out.join(''), 'utf8'));
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const serverMs = (r: Response, metric: string) =>
  Number(new RegExp(`${metric};dur=([\\d.]+)`).exec(r.headers.get('server-timing') ?? '')?.[1] ?? NaN);

// BASE_URL: measure a running server (with the demo users) instead of starting one.
const port = process.env.BASE_URL ? 0 : await freePort();
const base = process.env.BASE_URL ?? `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'zeroland-bench-upload-'));
const child = process.env.BASE_URL
  ? null
  : spawn(process.execPath, [path.join(root, 'scripts/server.js')], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        ORIGIN: base,
        DATA_DIR: dataDir,
        ZEROLAND_SEED: '1',
        TZ: 'Asia/Shanghai'
      }
    });
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const login = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'ent_pudong', password: 'demo2026' })
  });
  const cookie = login.headers.getSetCookie()[0].split(';')[0];
  const post = async (fd: FormData) => {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/v1/boundaries/inspect`, {
      method: 'POST',
      headers: { cookie, origin: base },
      body: fd
    });
    const body = await r.json();
    return {
      status: r.status,
      ms: performance.now() - t0,
      server: serverMs(r, 'total'),
      ingest: serverMs(r, 'ingest'),
      body
    };
  };
  const first: number[] = [],
    firstServer: number[] = [],
    firstIngest: number[] = [],
    crs: number[] = [],
    crsServer: number[] = [],
    layer: number[] = [],
    layerServer: number[] = [];
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const bytes = siteDxf(i + 1); // a different file each time: a real first parse, not a cache hit
    size = bytes.length;
    const fd = new FormData();
    fd.append('file', new Blob([bytes]), `site-${i}.dxf`);
    fd.append('crs', 'EPSG:4549');
    const a = await post(fd);
    if (a.status !== 200) throw new Error(`upload ${a.status}: ${JSON.stringify(a.body)}`);
    first.push(a.ms);
    firstServer.push(a.server);
    firstIngest.push(a.ingest);
    const byId = (fields: Record<string, string>) => {
      const f = new FormData();
      f.append('upload', a.body.upload.id);
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      return f;
    };
    const b = await post(byId({ crs: 'EPSG:4549', layer: '建筑' }));
    if (b.status !== 200) throw new Error(`layer change ${b.status}: ${JSON.stringify(b.body)}`);
    layer.push(b.ms);
    layerServer.push(b.server);
    const c2 = await post(
      byId({ crs: '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs' })
    );
    if (c2.status !== 200) throw new Error(`CRS change ${c2.status}: ${JSON.stringify(c2.body)}`);
    crs.push(c2.ms);
    crsServer.push(c2.server);
  }
  const row = (label: string, xs: number[]) =>
    console.log(`${label.padEnd(46)} median ${median(xs).toFixed(1)} ms, p95 ${p95(xs).toFixed(1)} ms`);
  console.log(`${RUNS} runs, ${(size / 1024).toFixed(0)} KB DXF (${base})`);
  row('upload → preview JSON (client wall time)', first);
  row('  server time (Server-Timing total)', firstServer);
  row('  of which reading in the worker (ingest)', firstIngest);
  row('CRS change by upload id (client wall time)', crs);
  row('  server time', crsServer);
  row('layer change by upload id (client wall time)', layer);
  row('  server time', layerServer);
} finally {
  child?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(dataDir, { recursive: true, force: true });
}
