// `zeroland inspect --json | jq` must get the whole document: the CLI waits for stdout to drain before it
// exits (it was cut at 64 KiB when the reader was slower than the writer).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'zeroland-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 1,500 hundred-vertex polygons in Jing'an/Putuo: inspect --json prints >10 MB about them. */
function bigGeoJson(): string {
  const features = Array.from({ length: 1500 }, (_, i) => {
    const x = 121.3 + (i % 50) * 0.005;
    const y = 31.1 + Math.floor(i / 50) * 0.004;
    const ring = Array.from({ length: 100 }, (_, k) => [
      x + 0.001 * Math.cos((k / 100) * 2 * Math.PI),
      y + 0.001 * Math.sin((k / 100) * 2 * Math.PI)
    ]);
    return {
      type: 'Feature',
      properties: { name: `p${i}` },
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] }
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

it('a 10 MB `inspect --json` read through a slow pipe arrives whole and parses', async () => {
  const file = path.join(dir, 'big.geojson');
  writeFileSync(file, bigGeoJson());
  const child = spawn(process.execPath, ['bin/zeroland', 'inspect', file, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe']
  });
  // A slow reader: nothing is read for the first second, so the pipe fills and the CLI's writes queue up.
  child.stdout.pause();
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  setTimeout(() => child.stdout.resume(), 1000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const out = Buffer.concat(chunks);
  expect(out.length).toBeGreaterThan(10 * 1024 * 1024);
  const parsed = JSON.parse(out.toString('utf8'));
  expect(parsed.features).toHaveLength(1500);
});
