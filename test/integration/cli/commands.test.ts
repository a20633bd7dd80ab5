// The CLI commands an operator runs on an installation: `db migrate`, `db seed`, `layers list|import|use`,
// `classify`. Each runs as a separate process (as an operator would), on a database of its own: a temp
// folder embedded, or a throwaway database beside the test database on PostgreSQL. Each process loads PostGIS
// afresh (20 s+ embedded), so the commands run once each, in the order an operator would use them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'zeroland-cli-cmd-'));
const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dir, PGLITE_DIR: path.join(dir, 'pglite'), ZEROLAND_NO_SEED: '1', LANG: 'C', ZEROLAND_USER: 'cli-test' };
const serverUrl = process.env.DATABASE_URL;
let cliDb: string | null = null;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  if (serverUrl) {
    const u = new URL(serverUrl);
    cliDb = `${u.pathname.slice(1)}_cli`;
    await admin(`drop database if exists "${cliDb}"`);
    await admin(`create database "${cliDb}"`);
    u.pathname = '/' + cliDb;
    env.DATABASE_URL = u.toString();
  }
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (cliDb) await admin(`drop database if exists "${cliDb}"`);
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/zeroland', ...args], { env, encoding: 'utf8', timeout: 280_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('zeroland db, layers and classify', () => {
  it('db migrate: creates the schema and says which engine', () => {
    const r = cli('db', 'migrate');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`database: ${serverUrl ? 'postgres' : 'pglite'}; migrations applied`));
  }, 300_000);

  it('db seed: demo users and the sample layers (示意数据); a second seed adds nothing', () => {
    const r = cli('db', 'seed');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/demo users: [1-9]\d* added/);
    expect(r.stdout).toMatch(/district/);
  }, 300_000);

  it('layers list: every seeded kind is current and marked as sample', () => {
    const r = cli('layers', 'list', '--json');
    expect(r.status).toBe(0);
    const versions = JSON.parse(r.stdout) as { kind: string; version: number; isCurrent: boolean; sample: boolean }[];
    const kinds = new Set(versions.map((v) => v.kind));
    for (const k of ['district', 'development_boundary', 'industrial_block', 'strategic_reserve', 'lingang']) expect(kinds, k).toContain(k);
    expect(versions.filter((v) => v.kind === 'district')).toMatchObject([{ version: 1, isCurrent: true, sample: true }]);
  }, 300_000);

  it('layers import --stage then use: the staged version becomes current only when used', () => {
    const imported = cli('layers', 'import', 'central_city', 'seed/sample-layers/central_city.geojson', '--label', 'CLI 测试版', '--stage', '--json');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const r = JSON.parse(imported.stdout) as { version: { version: number; featureCount: number; isCurrent: boolean }; switched?: unknown };
    expect(r.version).toMatchObject({ version: 2, isCurrent: false });
    expect(r.version.featureCount).toBeGreaterThan(0);
    expect(r.switched ?? null).toBeNull();
    const used = cli('layers', 'use', 'central_city', '2');
    expect(used.stderr).toBe('');
    expect(used.status).toBe(0);
    expect(used.stdout).toMatch(/central_city: version 1 → 2; \d+ open project\(s\) re-classified/);
    const bad = cli('layers', 'use', 'central_city', '9');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 600_000);

  it('classify: a Pudong sample parcel is inside the boundary, recognised by Pudong, on sample data', () => {
    const fc = JSON.parse(readFileSync('seed/sample-layers/sample-parcels.geojson', 'utf8'));
    const p03 = fc.features.find((f: { properties: { id: string } }) => f.properties.id === 'P03');
    const file = path.join(dir, 'P03.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [p03] }));
    const r = cli('classify', file, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { features: { landType: string; authorityCode: string; layerVersions: { sample: boolean }[] }[] };
    expect(out.features).toHaveLength(1);
    const cls = out.features[0];
    expect(cls.landType).toBe('inside_boundary');
    expect(cls.authorityCode).toBe('pudong');
    expect(cls.layerVersions.some((v: { sample: boolean }) => v.sample)).toBe(true);
  }, 300_000);
});
