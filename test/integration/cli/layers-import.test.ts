// The README's one-step layer replacement works as written: `npx zeroland layers import <kind> <file>`
// makes the new version current (no --use needed); --stage is the opt-out.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../src/lib/server/db/index.ts';
import { switchLayer } from '../../../src/lib/server/layers/layers.admin.ts';
import { listVersions } from '../../../src/lib/server/layers/layers.repository.ts';
import { cli, cliDataDir } from '../../helpers/cli.ts';

describe('zeroland layers import (as in the README)', () => {
  // One CLI run: each loads PostGIS afresh in its own process (20 s+ embedded).
  it('makes the imported version current and re-classifies, without --use', async () => {
    const file = path.join(cliDataDir(), '战略预留区.geojson');
    const ring = [
      [121.2, 31.3],
      [121.21, 31.3],
      [121.21, 31.31],
      [121.2, 31.31],
      [121.2, 31.3]
    ];
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { name: '预留区 CLI' }, geometry: { type: 'Polygon', coordinates: [ring] } }
        ]
      })
    );
    // On PostgreSQL the CLI works on the tests' database (put back afterwards); embedded, on its own folder.
    const before = process.env.DATABASE_URL
      ? (await listVersions(await getDb(), 'strategic_reserve')).find((v) => v.is_current)
      : undefined;
    const r = cli(['layers', 'import', 'strategic_reserve', file, '--json'], '', { ZEROLAND_USER: 'cli-test' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.version).toMatchObject({
      kind: 'strategic_reserve',
      featureCount: 1,
      isCurrent: true,
      importedBy: 'cli-test'
    });
    expect(out.switched).toMatchObject({ kind: 'strategic_reserve', toVersion: out.version.version });
    if (before)
      await switchLayer(await getDb(), { kind: 'strategic_reserve', version: before.version, by: 'cli-test' });
  }, 300_000);
});
