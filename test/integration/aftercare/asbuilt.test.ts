// As-built check on synthetic surveys with exact answers (see test/helpers/asbuilt-fixtures.ts):
// 250 m² encroachment, 0 m² for the building inside, plot ratio 0.65, coverage 0.245 — from CAD labels and
// from a Shapefile floors attribute; the planning bureau signs off; a bad survey is refused with its reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import { asBuiltOf, signOffSurvey, uploadSurvey } from '../../../src/lib/server/aftercare/asbuilt.service.ts';
import { complianceView } from '../../../src/lib/server/aftercare/compliance.service.ts';
import { trackingRecords } from '../../../src/lib/server/tracking/tracking.service.ts';
import { BUILDING_A, surveyDxf, surveyShapefile } from '../../helpers/asbuilt-fixtures.ts';
import { recognisedProject } from './fixture.ts';

const near = (a: number | null, b: number, tol = 0.01) => expect(Math.abs((a ?? NaN) - b)).toBeLessThan(tol);

describe('as-built survey', () => {
  let db: Db;
  beforeAll(async () => {
    db = await getDb();
  });

  it('CAD survey with text labels: 250 m² outside the parcel, 0 m² for the building inside, plot ratio 0.65', async () => {
    const p = await recognisedProject(db);
    const r = await uploadSurvey(db, p.district, p.id, [surveyDxf()]);
    expect(r.survey.buildingCount).toBe(2); // the red line redrawn in the survey is not a building
    expect(r.inspect.source.crs).toBe('EPSG:4528');
    // Ingestion orders CAD polygons by area; find each building by its footprint.
    const a = r.buildings.find((x) => Math.abs(x.footprintM2! - 850) < 0.01)!;
    const b = r.buildings.find((x) => Math.abs(x.footprintM2! - 1600) < 0.01)!;
    expect(a && b).toBeTruthy();
    near(a.encroachmentM2, 250);
    expect(a.floors).toBe(2);
    near(a.floorAreaM2, 1700);
    expect(a.label).toBe('2F');
    expect(b.encroachmentM2).toBe(0);
    expect(b.outside).toBeNull();
    expect(b.floorAreaM2).toBe(4800);
    near(r.survey.parcelAreaM2!, 10000);
    near(r.survey.encroachmentM2!, 250);
    expect(r.survey.plotRatio).toBe(0.65);
    expect(r.survey.coverage).toBe(0.245);
    expect(r.survey.toleranceM).toBe(0.05);
    // The offending polygon is the 12.5 m × 20 m strip east of the line.
    expect(a.outside?.type).toBe('MultiPolygon');
    const xs = a.outside!.coordinates[0][0].map((c) => c[0]);
    expect(Math.max(...xs)).toBeGreaterThan(Math.min(...xs));

    const c = await complianceView(db, p.planning, p.id);
    expect(c.compliance).toBe('encroaching');
    const landUse = c.checks.find((x) => x.indicator === 'land_use')!;
    expect(landUse.contract).toBe('not_met');
    expect(c.proposals.map((x) => x.key)).toContain(`contract_breach:land_use:${r.survey.id}`);
    // 0.65 against the declared 0.7: within 10 %, so not a false declaration.
    expect(c.checks.find((x) => x.indicator === 'plot_ratio')!.declaration).toBe('met');
  });

  it('Shapefile with a floors attribute gives the same figures; planning bureau signs off and it becomes the planning-check milestone', async () => {
    const p = await recognisedProject(db);
    const r = await uploadSurvey(db, p.district, p.id, [surveyShapefile()], { toleranceM: '0.1' });
    near(r.survey.encroachmentM2!, 250);
    expect(r.survey.plotRatio).toBe(0.65);
    expect(r.buildings[0].source).toEqual({ zh: '属性 FLOORS', en: 'attribute FLOORS' });

    await expect(signOffSurvey(db, p.district, p.id, { result: 'pass' })).rejects.toMatchObject({ status: 403 });
    await expect(signOffSurvey(db, p.planning, p.id, { result: 'fail' })).rejects.toMatchObject({
      status: 400,
      code: 'reason_missing'
    });
    const s = await signOffSurvey(db, p.planning, p.id, { result: 'fail', reason: '东侧厂房超出用地红线 250 平方米' });
    expect(s).toMatchObject({ signoff: 'fail', signoffReason: '东侧厂房超出用地红线 250 平方米' });
    await expect(signOffSurvey(db, p.planning, p.id, { result: 'pass' })).rejects.toMatchObject({
      status: 409,
      code: 'already_signed'
    });
    const t = await trackingRecords(db, p.id);
    expect(t.milestones).toEqual([expect.objectContaining({ milestone: 'planning_check', result: 'fail' })]);
    const view = await asBuiltOf(db, p.owner, p.id);
    expect(view.survey?.signoff).toBe('fail');
    await expect(asBuiltOf(db, p.otherDistrict, p.id)).rejects.toMatchObject({ status: 404 });
  });

  it('a building inside the parcel only: 0 m², and a sliver within the survey tolerance is not encroachment', async () => {
    const p = await recognisedProject(db);
    // A: 3 cm over the east line (x to 100.03) — inside the 5 cm tolerance; B inside.
    const r = await uploadSurvey(db, p.district, p.id, [
      surveyShapefile([
        { r: [70, 10, 100.03, 30], floors: 1 },
        { r: [10, 50, 50, 90], floors: 3 }
      ])
    ]);
    expect(r.survey.encroachmentM2).toBe(0);
    near(r.survey.withinToleranceM2!, 0.6); // 0.03 × 20
    near(r.survey.floorAreaM2!, 600.6 + 4800);
    const strict = await uploadSurvey(
      db,
      p.district,
      p.id,
      [surveyShapefile([{ r: [70, 10, 100.03, 30], floors: 1 }])],
      { toleranceM: 0 }
    );
    near(strict.survey.encroachmentM2!, 0.6);
    expect((await asBuiltOf(db, p.district, p.id)).survey?.id).toBe(strict.survey.id); // the newest survey is current
  });

  it('refuses footprints without floors, naming the building and the fix; nothing is stored', async () => {
    const p = await recognisedProject(db);
    await expect(uploadSurvey(db, p.district, p.id, [surveyDxf({ labels: false })])).rejects.toMatchObject({
      status: 400,
      code: 'floors_missing',
      text: { zh: expect.stringContaining('5F'), en: expect.stringContaining('no floor count') }
    });
    expect((await asBuiltOf(db, p.district, p.id)).survey).toBeNull();
    await expect(uploadSurvey(db, p.owner, p.id, [surveyDxf()])).rejects.toMatchObject({ status: 403 });
    await expect(uploadSurvey(db, p.district, p.id, [surveyDxf()], { toleranceM: 5 })).rejects.toMatchObject({
      code: 'bad_tolerance'
    });
    expect(BUILDING_A[2] - 100).toBe(12.5);
  });
});
