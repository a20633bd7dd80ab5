// The city dashboard counts recognised projects per district by their after-recognition compliance (issue 16 §5):
// an encroaching as-built survey moves a Pudong project into "encroaching"; Jiading's figures do not move.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import { uploadSurvey } from '../../../src/lib/server/aftercare/asbuilt.service.ts';
import { complianceView } from '../../../src/lib/server/aftercare/compliance.service.ts';
import { cityDashboard } from '../../../src/lib/server/stats/stats.service.ts';
import { surveyDxf } from '../../helpers/asbuilt-fixtures.ts';
import { recognisedProject } from './fixture.ts';

describe('compliance counts on the city dashboard', () => {
  let db: Db;
  beforeAll(async () => {
    db = await getDb();
  });

  it('counts per district and for the city; a district user may not see the city dashboard', async () => {
    const plain = await recognisedProject(db);
    const before = await cityDashboard(db, plain.sheitc);
    const pd0 = before.districts.find((d) => d.authorityCode === 'pudong')!.compliance;
    const jd0 = before.districts.find((d) => d.authorityCode === 'jiading')!.compliance;

    const built = await recognisedProject(db);
    await uploadSurvey(db, built.district, built.id, [surveyDxf()]); // 250 m² outside the parcel
    expect((await complianceView(db, built.district, built.id)).compliance).toBe('encroaching');

    const after = await cityDashboard(db, plain.sheitc);
    const pd = after.districts.find((d) => d.authorityCode === 'pudong')!.compliance;
    expect(pd.encroaching).toBe(pd0.encroaching + 1);
    expect(pd.total).toBe(pd0.total + 1);
    expect(pd.encroaching + pd.plot_ratio_short + pd.performance_short + pd.compliant + pd.not_due).toBe(pd.total);
    expect(after.districts.find((d) => d.authorityCode === 'jiading')!.compliance).toEqual(jd0);
    expect(after.city.compliance.total).toBe(before.city.compliance.total + 1);
    expect(after.city.compliance.encroaching).toBe(before.city.compliance.encroaching + 1);
    // The city's totals are the districts' sums.
    expect(after.districts.reduce((n, d) => n + d.compliance.total, 0)).toBe(after.city.compliance.total);
    await expect(cityDashboard(db, plain.district)).rejects.toMatchObject({ status: 403 });
  });
});
