// Sample installation: demo users and the schematic sample layers (示意数据). Idempotent: skips what exists.
import { readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Db } from '../db/index.ts';
import { hashPassword } from '../auth/password.ts';
import { findUserByUsername, insertUser } from '../users/users.repository.ts';
import { insertLayerVersion, kindsWithVersions, layerKindCodes } from '../layers/layers.repository.ts';
import { buildVersionTiles } from '../tiles/pyramid-runner.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.ts';
import { demoAllowed } from './demo-policy.ts';
import { operatorError } from '../../errors.ts';

export const SAMPLE_LAYERS_DIR = path.resolve(process.env.SAMPLE_LAYERS_DIR ?? 'seed/sample-layers');

export interface SeedReport {
  users: number;
  layers: string[];
}

/** Seeding in a production process: the demo accounts (printed password) are never created there. */
export async function seed(db: Db, log: (line: string) => void = () => {}): Promise<SeedReport> {
  if (!demoAllowed())
    throw operatorError(
      'demo_refused',
      'not a demo installation (NODE_ENV=production or ZEROLAND_DEMO=0): the sample installation with its demo accounts is never added here. Create users with `zeroland users add` or in the browser (系统管理员 → 用户).'
    );
  const report: SeedReport = { users: 0, layers: [] };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      if (await findUserByUsername(tx, u.username)) continue;
      await insertUser(tx, { ...u, passwordHash, demo: true });
      report.users++;
    }
  });
  log(`demo users: ${report.users} added`);
  // Today is past the guideline's 2025-10-25: the demo records a labelled sample extension so recognition works.
  await (await import('../policy/versions.service.ts')).ensureDemoPolicyExtension(db);
  report.layers = await seedSampleLayers(db, log);
  await (await import('./sample-projects.ts')).seedSampleProjects(db, log);
  return report;
}

async function seedSampleLayers(db: Db, log: (line: string) => void): Promise<string[]> {
  const kinds = await layerKindCodes(db);
  const present = await kindsWithVersions(db);
  const files = await readdir(SAMPLE_LAYERS_DIR).catch(() => [] as string[]);
  const added: string[] = [];
  for (const kind of kinds) {
    const file = files.find((f) => f === `${kind}.geojson`);
    if (!file || present.has(kind)) continue;
    const bytes = await readFile(path.join(SAMPLE_LAYERS_DIR, file));
    const fc = JSON.parse(bytes.toString('utf8'));
    const { id } = await db.transaction((tx) =>
      insertLayerVersion(tx, {
        kind,
        label: '示意数据 / schematic sample',
        sourceName: `seed/sample-layers/${file}`,
        sourceSha256: createHash('sha256').update(bytes).digest('hex'),
        importedBy: 'seed',
        sample: true,
        features: fc.features
      })
    );
    const tiles = await buildVersionTiles(db, id);
    added.push(kind);
    log(`sample layer ${kind}: ${fc.features.length} features, ${tiles.tiles} tiles`);
  }
  return added;
}
