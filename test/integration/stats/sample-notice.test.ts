// GIS exports built while a current layer is a sample (示意数据) say so in every format; with official layers
// they do not. Each case runs in a transaction that is rolled back, so the layers stay as other files left them.
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { getDb, type Queryable } from '../../../src/lib/server/db/index.ts';
import { exportRecognised } from '../../../src/lib/server/export/exports.service.ts';
import { currentSampleKinds } from '../../../src/lib/server/layers/sample-notice.ts';
import { sessionUser } from '../documents/fixture.ts';

class Rollback extends Error {}
async function inRolledBackTx(fn: (tx: Queryable) => Promise<void>) {
  const db = await getDb();
  await db
    .transaction(async (tx) => {
      await fn(tx);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
}

/** Makes the district layer's current version a sample (adding one when the database has none). */
async function sampleDistrictLayer(tx: Queryable) {
  const cur = await tx.query(`update layer_versions set sample = true where kind = 'district' and is_current`);
  if (cur.rowCount === 0) {
    await tx.query(`insert into layer_versions (kind, version, label, source_name, source_sha256, imported_by, feature_count, total_area_m2, is_current, sample)
      values ('district', (select coalesce(max(version), 0) + 1 from layer_versions where kind = 'district'), 'sample', 'district.geojson', 'x', 'test', 0, 0, true, true)`);
  }
}

describe('示意数据 on GIS exports', () => {
  it('GeoJSON carries a notice naming the sample layers; every record and the KML title say 示意数据', async () => {
    const planner = await sessionUser(await getDb(), 'city_planning');
    await inRolledBackTx(async (tx) => {
      await sampleDistrictLayer(tx);
      expect(await currentSampleKinds(tx)).toContain('district');
      const gj = JSON.parse(new TextDecoder().decode((await exportRecognised(tx, planner, 'geojson')).bytes));
      expect(gj.notice).toMatchObject({ zh: '示意数据，非官方数据', en: 'schematic sample data, not official data' });
      expect(gj.notice.sampleLayers).toContain('district');
      for (const f of gj.features) expect(f.properties.DATA_NOTE).toContain('示意数据');
      const kml = new TextDecoder().decode((await exportRecognised(tx, planner, 'kml')).bytes);
      expect(kml).toContain('已认定项目地块（示意数据，非官方数据）');
      const shp = unzipSync((await exportRecognised(tx, planner, 'shp')).bytes);
      const dbf = shp[Object.keys(shp).find((n) => n.endsWith('.dbf'))!];
      expect(strFromU8(dbf.subarray(32, 32 * 24), true)).toContain('DATA_NOTE');
    });
  });

  it('with no sample layer current, no notice', async () => {
    const planner = await sessionUser(await getDb(), 'city_planning');
    await inRolledBackTx(async (tx) => {
      await tx.query('update layer_versions set sample = false');
      const gj = JSON.parse(new TextDecoder().decode((await exportRecognised(tx, planner, 'geojson')).bytes));
      expect(gj.notice).toBeUndefined();
      for (const f of gj.features) expect(f.properties.DATA_NOTE).toBe('');
    });
  });
});
