// Tile latency against the running app, with a city-size layer: imports the seeded 30,000-patch farmland
// layer (farmland.ts) through the admin page and makes it current (timed: parse, store, subdivide, tiles),
// then asks 600 distinct tiles z8–z16 over Shanghai, 20 at a time: "cold" = first request of each tile since
// the server started (restart it for a cold run), "warm" = the same tiles again.
//   BASE_URL=http://localhost:3000 npx tsx bench/tiles/run.ts [--import] [--mode composite|layer] [--tiles 600] [--pid PID]
// --prime N: first N z17 tiles not measured (a process that has served tiles before).
// --warm-client N: N health checks first (the client warm, the server's tile path fresh).
// --pid: the server's process id; the figures then include the server's CPU time per tile (load-independent).
// --mode composite asks what the app's map asks (all layers of a z/x/y, /api/v1/tiles/z/x/y.mvt?v=…);
// --mode layer asks the GIS endpoint for the farmland layer alone (/api/v1/tiles/basic_farmland/z/x/y.mvt),
// which is also what the app asked per layer before composite tiles existed; --version ID pins a version.
// --import (or a farmland layer of fewer than 30,000 patches) imports first; --no-import never does (sample layers). Signs in as the demo admin.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { farmlandPatches } from './farmland.ts';
import { tileOf } from '../../test/helpers/tiles.ts';

const BASE = process.env.BASE_URL ?? 'http://localhost:3000';
const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const CONCURRENCY = 20;
const PATCHES = 30_000;
const mode = arg('mode', 'composite');
const count = Number(arg('tiles', '600'));

/** Tiles covering Shanghai's extent at zoom z (at most `max`, spread evenly over the city). */
function tilesAt(z: number, max: number) {
  const a = tileOf(120.9, 31.85, z);
  const b = tileOf(121.95, 30.72, z);
  const all: { z: number; x: number; y: number }[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) all.push({ z, x, y });
  const step = Math.max(1, Math.floor(all.length / max));
  return all.filter((_, i) => i % step === 0).slice(0, max);
}

/** `n` distinct tiles z8–z16: every tile of the low zooms (there are few), an even share of the deeper ones. */
function tileSet(n: number) {
  const out: { z: number; x: number; y: number }[] = [];
  for (let z = 8; z <= 16; z++) out.push(...tilesAt(z, Math.ceil((n - out.length) / (17 - z))));
  return out.slice(0, n);
}

async function login() {
  const res = await fetch(`${BASE}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ username: 'admin', password: 'demo2026' })
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('zl_session='));
  if (!cookie) throw new Error(`login failed: ${res.status}`);
  return cookie;
}

async function layers(cookie: string) {
  const r = await fetch(`${BASE}/api/v1/layers`, { headers: { cookie } });
  return (await r.json()).layers as { kind: string; versionId: number | null; featureCount: number | null }[];
}

/** Imports the farmland layer through the admin page and makes it current; returns the seconds each step took. */
async function importFarmland(cookie: string) {
  const fc = farmlandPatches(PATCHES);
  // The multipart body built whole, with its length (a streamed FormData upload of 24 MB was cut off here).
  const boundary = `----zlbench${Date.now()}`;
  const part = (name: string, value: string, file?: string) =>
    `--${boundary}\r\ncontent-disposition: form-data; name="${name}"${file ? `; filename="${file}"\r\ncontent-type: application/geo+json` : ''}\r\n\r\n${value}\r\n`;
  const body = Buffer.from(
    part('kind', 'basic_farmland') +
      part('label', `bench ${PATCHES} patches`) +
      part('file', JSON.stringify(fc), 'farmland-30000.geojson') +
      `--${boundary}--\r\n`
  );
  const t0 = performance.now();
  // On a fresh connection: the pooled one from the login is closed by the server after 5 s idle, and
  // generating the layer takes longer (fetch then fails with EPIPE half-way through the upload).
  const answer = await postOnce(
    `${BASE}/admin/layers?/import`,
    { cookie, origin: BASE, accept: 'application/json', 'content-type': `multipart/form-data; boundary=${boundary}` },
    body
  );
  // SvelteKit answers a form action asked for JSON with {type: 'redirect', location}.
  const location = answer.location ?? '';
  if (answer.type !== 'redirect' || !location.includes('preview='))
    throw new Error(`import failed: ${JSON.stringify(answer).slice(0, 300)}`);
  const importS = (performance.now() - t0) / 1000;
  const page = await (await fetch(BASE + location, { headers: { cookie } })).text();
  const version = /name="version" value="(\d+)"/.exec(page)?.[1];
  if (!version) throw new Error('version number not found on the preview page');
  const t1 = performance.now();
  const use = new URLSearchParams({ kind: 'basic_farmland', version });
  const sw = await fetch(`${BASE}/admin/layers?/use`, {
    method: 'POST',
    headers: { cookie, origin: BASE, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: use,
    redirect: 'manual'
  });
  if ((await sw.json().catch(() => ({}))).type !== 'redirect') throw new Error(`switch failed: ${sw.status}`);
  return {
    importS: +importS.toFixed(1),
    switchS: +((performance.now() - t1) / 1000).toFixed(1),
    version: Number(version)
  };
}

function postOnce(
  url: string,
  headers: Record<string, string>,
  body: Buffer
): Promise<{ type?: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(JSON.parse(text || '{}')));
      }
    );
    req.on('error', reject);
    req.end(body);
  });
}

// The client shares the machine's cores with the server: node:http on kept-alive sockets costs it a
// fraction of what fetch did (whose CPU per request was larger than the server's for a cached tile).
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function getTile(url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(BASE + url, { agent, headers: { cookie } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      })
      .on('error', reject);
  });
}

/** CPU seconds (user + system) the server process has used, from /proc (--pid PID); null without it. */
function serverCpu(): number | null {
  const pid = arg('pid', '');
  if (!pid) return null;
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

async function run(cookie: string, urls: string[]) {
  const cpu0 = serverCpu();
  const ms: number[] = [];
  const byZoom: Record<string, number[]> = {};
  const statuses: Record<number, number> = {};
  let bytes = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const url = urls[next++];
        const s = performance.now();
        const res = await getTile(url, cookie);
        bytes += res.bytes;
        ms.push(performance.now() - s);
        const z = `z${/tiles\/(?:[a-z_]+\/)?(\d+)\//.exec(url)?.[1] ?? '-'}`;
        (byZoom[z] ??= []).push(ms[ms.length - 1]);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    })
  );
  const sorted = ms.sort((a, b) => a - b);
  const q = (p: number) => +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
  const cpu1 = serverCpu();
  const cpuMsPerTile = cpu0 == null || cpu1 == null ? undefined : +(((cpu1 - cpu0) * 1000) / urls.length).toFixed(2);
  return {
    n: urls.length,
    cpuMsPerTile,
    rps: +(urls.length / ((performance.now() - t0) / 1000)).toFixed(0),
    p50: q(0.5),
    p95: q(0.95),
    max: q(1),
    kbPerTile: +(bytes / urls.length / 1024).toFixed(1),
    // Where the slow ones are: p95 per zoom (the low zooms carry the city-size tiles).
    p95ByZoom: Object.fromEntries(
      Object.entries(byZoom).map(([z, l]) => [
        z,
        +l.sort((a, b) => a - b)[Math.floor(0.95 * (l.length - 1))].toFixed(1)
      ])
    ),
    statuses
  };
}

const cookie = await login();
let farmland = (await layers(cookie)).find((l) => l.kind === 'basic_farmland');
const imported =
  !process.argv.includes('--no-import') &&
  (process.argv.includes('--import') || (farmland?.featureCount ?? 0) < PATCHES)
    ? await importFarmland(cookie)
    : null;
const current = (await layers(cookie)).filter((l) => l.versionId != null);
farmland = current.find((l) => l.kind === 'basic_farmland');
const ids = current.map((l) => l.versionId).join('.');
const tiles = tileSet(count);
// --version ID (layer mode): that farmland version, e.g. one whose stored tiles were removed, which the
// server then renders on the fly from PostGIS as every tile was before tiles were stored.
const pinned = arg('version', '');
const urls = tiles.map((t) =>
  mode === 'layer'
    ? `/api/v1/tiles/basic_farmland/${t.z}/${t.x}/${t.y}.mvt${pinned ? `?v=${pinned}` : ''}`
    : `/api/v1/tiles/${t.z}/${t.x}/${t.y}.mvt?v=${ids}`
);
// --prime N: N z17 tiles (outside the measured set) first, so "cold" is a tile's first request on a process
// that has served tiles before (as on a server in use), not also the process's first requests (JIT, sockets).
const prime = Number(arg('prime', '0'));
if (prime > 0)
  await run(
    cookie,
    tilesAt(17, prime).map((t) => urls[0].replace(/\d+\/\d+\/\d+\.mvt/, `${t.z}/${t.x}/${t.y}.mvt`))
  );
// --warm-client N: N requests to /api/v1/health first, so the client's own first requests (its JIT, its
// twenty sockets, on the same two cores) are not timed as the server's cold tiles; the server's tile path stays fresh.
const warmClient = Number(arg('warm-client', '0'));
if (warmClient > 0)
  await run(
    cookie,
    Array.from({ length: warmClient }, () => '/api/v1/health')
  );
const cold = await run(cookie, urls);
const warm = await run(cookie, urls);
const perZoom = Object.fromEntries(
  [...new Set(tiles.map((t) => t.z))].map((z) => [`z${z}`, tiles.filter((t) => t.z === z).length])
);
console.log(
  JSON.stringify(
    {
      base: BASE,
      mode,
      concurrency: CONCURRENCY,
      farmland: { patches: farmland?.featureCount, versionId: farmland?.versionId },
      imported,
      primed: prime,
      warmClient,
      tiles: perZoom,
      cold,
      warm
    },
    null,
    2
  )
);
