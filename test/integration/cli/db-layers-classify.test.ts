// The CLI as the README documents it (issue 19 item 5), on a fresh installation of its own: `db migrate` creates and
// migrates it, `db seed` adds the sample installation, `layers import --stage` stores a version that is not current,
// `layers use` makes it current and re-classifies open projects, `layers list` shows which one is current, and
// `classify` answers against the current layers. Embedded: a new temp folder; on PostgreSQL: a throwaway database.
// Each run loads the database afresh in its own process (≈20 s embedded), so the runs are kept to six.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';
import { parcel } from '../../api/projects-helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'zeroland-cli-fresh-'));
let env: Record<string, string> = {};
let dropDb: (() => Promise<void>) | null = null;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) {
    env = { DATABASE_URL: '', DATA_DIR: dir };
    return;
  }
  const u = new URL(url);
  const name = `${u.pathname.slice(1)}_cli_fresh`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  u.pathname = `/${name}`;
  env = { DATABASE_URL: u.toString(), DATA_DIR: dir };
  dropDb = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
});
afterAll(async () => {
  await dropDb?.();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => {
  const r = cli(args, '', { ...env, ZEROLAND_USER: 'cli-test' });
  if (r.status !== 0) throw new Error(`zeroland ${args.join(' ')} → exit ${r.status}: ${r.stderr}`);
  return r.stdout;
};

describe('zeroland db | layers | classify on a fresh installation', () => {
  it('migrate, seed, stage a layer version, use it, list, and classify against it', () => {
    expect(run(['db', 'migrate'])).toMatch(/^database: (pglite|postgres)\w*; migrations applied$/m);

    const seeded = run(['db', 'seed']);
    expect(seeded).toMatch(/^demo users: \d+ added$/m);
    expect(seeded).toMatch(/^sample layer development_boundary: \d+ features, \d+ tiles$/m);
    expect(seeded).toMatch(/^sample layer strategic_reserve: \d+ features/m);
    expect(seeded).toContain('sample project 【示意】精密机械零增地技术改造项目（浦东，区级联审中）');

    // A reserve area drawn over the demo parcel P03 (Pudong, inside the development boundary), staged: not current yet.
    const file = path.join(dir, '战略预留区-新版.geojson');
    const ring = [
      [121.655, 31.195],
      [121.665, 31.195],
      [121.665, 31.205],
      [121.655, 31.205],
      [121.655, 31.195]
    ];
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: '预留区（CLI 测试）' },
            geometry: { type: 'Polygon', coordinates: [ring] }
          }
        ]
      })
    );
    const staged = JSON.parse(run(['layers', 'import', 'strategic_reserve', file, '--stage', '--json']));
    expect(staged.version).toMatchObject({
      kind: 'strategic_reserve',
      version: 2,
      featureCount: 1,
      isCurrent: false,
      sample: false,
      importedBy: 'cli-test'
    });
    expect(staged.switched ?? null).toBeNull();

    // `use` makes it current; the demo project on P03 (open, in joint review) is re-classified into the reserve type.
    const used = JSON.parse(run(['layers', 'use', 'strategic_reserve', '2', '--json']));
    expect(used).toMatchObject({ kind: 'strategic_reserve', fromVersion: 1, toVersion: 2 });
    expect(used.checked).toBeGreaterThanOrEqual(1);
    const demo = used.changes.find((c: { title: string }) => c.title.startsWith('【示意】精密机械'));
    expect(demo.changed).toContain('landType');
    expect(demo.after.landType).toBe('reserve');

    const listed = JSON.parse(run(['layers', 'list', 'strategic_reserve', '--json'])) as {
      version: number;
      isCurrent: boolean;
      sample: boolean;
    }[];
    expect(listed.map((v) => [v.version, v.isCurrent, v.sample]).sort()).toEqual([
      [1, false, true],
      [2, true, false]
    ]);

    const p03 = path.join(dir, 'P03.geojson');
    writeFileSync(
      p03,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { name: 'P03' }, geometry: parcel('P03').geometry }]
      })
    );
    const c = JSON.parse(run(['classify', p03, '--json']));
    expect(c.source.crs).toContain('4490');
    expect(c.features).toHaveLength(1);
    expect(c.features[0]).toMatchObject({
      landType: 'reserve',
      rule: 'reserve_overlap',
      authorityCode: 'pudong',
      lingang: false
    });
    // ~189 m × 240 m: about 4.3 ha, wholly inside the new reserve area.
    expect(c.features[0].areaM2).toBeGreaterThan(42_000);
    expect(c.features[0].areaM2).toBeLessThan(44_500);
  }, 900_000);
});
