// Tile latency against the running app: p50/p95 at z8, z12 and z16 under 20 concurrent requests.
//   BASE_URL=http://localhost:3000 npx tsx bench/tiles/run.ts [--layers district,development_boundary,basic_farmland] [--requests 400]
// Signs in as the demo admin. Each zoom runs twice: "cold" asks distinct tiles (rendered by PostGIS and
// encoded), "warm" repeats them (the per-process tile cache and 304s are what a panning user mostly gets).
import { performance } from 'node:perf_hooks';

const BASE = process.env.BASE_URL ?? 'http://localhost:3000';
const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const CONCURRENCY = 20;
const layers = arg('layers', 'district,development_boundary,industrial_block,basic_farmland').split(',');
const requests = Number(arg('requests', '400'));

function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
}

/** Tiles covering Shanghai's extent at zoom z (at most `max`, spread over the city). */
function tilesAt(z: number, max: number) {
  const a = tileOf(120.85, 31.88, z);
  const b = tileOf(122.12, 30.68, z);
  const all: { x: number; y: number }[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) all.push({ x, y });
  const step = Math.max(1, Math.floor(all.length / max));
  return all.filter((_, i) => i % step === 0).slice(0, max);
}

async function login() {
  const res = await fetch(`${BASE}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE }, body: JSON.stringify({ username: 'admin', password: 'demo2026' }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('zl_session='));
  if (!cookie) throw new Error(`login failed: ${res.status}`);
  return cookie;
}

async function run(cookie: string, urls: string[]) {
  const ms: number[] = [];
  const statuses: Record<number, number> = {};
  let bytes = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const s = performance.now();
      const res = await fetch(BASE + url, { headers: { cookie } });
      bytes += (await res.arrayBuffer()).byteLength;
      ms.push(performance.now() - s);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  }));
  const sorted = ms.sort((a, b) => a - b);
  const q = (p: number) => +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
  return { n: urls.length, rps: +(urls.length / ((performance.now() - t0) / 1000)).toFixed(0), p50: q(0.5), p95: q(0.95), max: q(1), kbPerTile: +(bytes / urls.length / 1024).toFixed(1), statuses };
}

const cookie = await login();
const out: Record<string, unknown> = {};
for (const z of [8, 12, 16]) {
  const tiles = tilesAt(z, Math.ceil(requests / layers.length));
  const urls = tiles.flatMap((t) => layers.map((l) => `/api/v1/tiles/${l}/${z}/${t.x}/${t.y}.mvt`)).slice(0, requests);
  const repeated = Array.from({ length: requests }, (_, i) => urls[i % urls.length]);
  out[`z${z}`] = { cold: await run(cookie, urls), warm: await run(cookie, repeated) };
}
console.log(JSON.stringify({ base: BASE, concurrency: CONCURRENCY, layers, result: out }, null, 2));
