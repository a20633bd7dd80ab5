// A recognised project (stage tracking, Pudong) whose parcel went through the boundary pipeline from the
// synthetic parcel DXF, so survey and parcel share the same reprojection.
import type { Db } from '../../../src/lib/server/db/index.ts';
import { ingestBoundary } from '../../../src/lib/geo/ingest.ts';
import { sessionUser } from '../documents/fixture.ts';
import { uniqueName } from '../../helpers/fixtures.ts';
import { parcelDxf } from '../../helpers/asbuilt-fixtures.ts';
import { createProjectAt } from '../../helpers/projects.ts';

export const FORM = {
  landArea: 10000,
  plotRatioAfter: 0.7,
  investment: 9000,
  expectedAnnualOutput: 30000,
  expectedAnnualTax: 1500,
  enterpriseName: '上海竣工测绘测试有限公司'
};

export async function recognisedProject(db: Db, form: Record<string, unknown> = FORM) {
  const owner = await sessionUser(db, 'enterprise');
  const parcel = (await ingestBoundary([parcelDxf()])).features[0].geometry;
  // Through the service (row, workflow state, 'create' event), then moved to tracking with its decision and clock.
  const { id } = await createProjectAt(db, owner, {
    authority: 'pudong',
    stage: 'tracking',
    title: uniqueName('竣工核实'),
    form
  });
  await db.query(`update projects set workflow = workflow || $2::jsonb where id = $1`, [
    id,
    JSON.stringify({
      decision: { outcome: 'recognised', at: '2025-03-01T10:00:00+08:00' },
      clock: { startedOn: '2025-02-17', pauses: [], stoppedOn: '2025-03-01' }
    })
  ]);
  await db.query(
    `insert into parcels (project_id, geom, area_m2, source_crs) select $1, g, ST_Area(ST_Transform(g, 4549)), 'EPSG:4528'
       from (select ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)) g) s`,
    [id, JSON.stringify(parcel)]
  );
  return {
    id,
    owner,
    district: await sessionUser(db, 'district_industry', 'pudong'),
    otherDistrict: await sessionUser(db, 'district_industry', 'jiading'),
    planning: await sessionUser(db, 'city_planning'),
    sheitc: await sessionUser(db, 'city_sheitc')
  };
}
