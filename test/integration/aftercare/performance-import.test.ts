// xlsx import of yearly figures: the template lists the district's recognised projects; a file with a bad row
// is refused whole with the row number and reason (nothing half-imported); the corrected file goes in.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import {
  importPerformance,
  performanceTemplate,
  TEMPLATE_HEADERS
} from '../../../src/lib/server/aftercare/performance-xlsx.ts';
import { performanceOf } from '../../../src/lib/server/aftercare/contract.service.ts';
import { recognisedProject } from './fixture.ts';

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('年度实绩');
  ws.addRow(TEMPLATE_HEADERS);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('yearly figures from xlsx', () => {
  let db: Db;
  beforeAll(async () => {
    db = await getDb();
  });

  it('refuses a file with a bad row, naming the row and the reason, and writes nothing; imports the corrected file in one go', async () => {
    const a = await recognisedProject(db);
    const b = await recognisedProject(db);
    const code = async (id: string) =>
      (await db.query<{ code: string }>('select code from projects where id = $1', [id])).rows[0].code;
    const [ca, cb] = [await code(a.id), await code(b.id)];

    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load((await performanceTemplate(db, a.district)) as unknown as ArrayBuffer);
    const listed = tpl.worksheets[0].getColumn(1).values.slice(2);
    expect(listed).toEqual(expect.arrayContaining([ca, cb]));
    await expect(performanceTemplate(db, a.owner)).rejects.toMatchObject({ status: 403 });

    const bad = await workbook([
      [ca, '', 2024, 1200, 30000, 5000, 80],
      [cb, '', 2024, '一千', 30000, 5000, 80], // row 3: tax not a number
      [ca, '', 2024, 1, 1, 1, 1], // row 4: duplicate of row 2
      ['ZL-NOPE', '', 2024, 1, 1, 1, 1] // row 5: not a project of the district
    ]);
    const err = await importPerformance(db, a.district, { name: 'figures.xlsx', bytes: bad }).catch((e) => e);
    expect(err).toMatchObject({ status: 400, code: 'bad_rows' });
    expect(err.text.zh).toContain('第 3 行：“税收（万元）”应为不小于 0 的数字（现为 一千）');
    expect(err.text.zh).toContain(`第 4 行：${ca} 的 2024 年与第 2 行重复`);
    expect(err.text.zh).toContain('第 5 行：项目编号“ZL-NOPE”不是本区已认定的项目');
    expect(err.text.en).toContain('Row 3: "Tax (10k CNY)" must be a number ≥ 0 (got 一千)');
    expect(await performanceOf(db, a.id)).toEqual([]); // row 2 was fine but nothing was written

    const other = await importPerformance(db, a.otherDistrict, {
      name: 'x.xlsx',
      bytes: await workbook([[ca, '', 2024, 1, 1, 1, 1]])
    }).catch((e) => e);
    expect(other.text.zh).toContain('第 2 行：项目编号'); // another district cannot write Pudong's figures

    const good = await workbook([
      [ca, '', 2024, 1200, 30000, 5000, 80],
      [cb, '', 2024, 900, 20000, 0, 40],
      [ca, '', 2023, 800, 15000, 7000, 60]
    ]);
    expect(await importPerformance(db, a.district, { name: 'figures.xlsx', bytes: good })).toEqual({
      imported: 3,
      projects: 2
    });
    expect(await performanceOf(db, a.id)).toEqual([
      expect.objectContaining({ year: 2023, taxWan: 800, status: 'confirmed', source: 'import' }),
      expect.objectContaining({
        year: 2024,
        taxWan: 1200,
        outputWan: 30000,
        investmentWan: 5000,
        employees: 80,
        status: 'confirmed'
      })
    ]);
    await expect(
      importPerformance(db, a.district, { name: 'x.xlsx', bytes: new TextEncoder().encode('not a workbook') })
    ).rejects.toMatchObject({ code: 'not_xlsx' });
  });
});
