// The statistics workbook says 示意数据 when its land types and districts come from sample layers.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { STATS_HEADERS, statsWorkbook } from '../../../src/lib/server/stats/stats-xlsx.ts';
import { sampleNoticeZh } from '../../../src/lib/server/layers/sample-notice.ts';

async function open(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('申报项目一览表 and sample layers', () => {
  it('built on sample layers: a 说明 sheet and notes on the 空间类型 and 所在区 headers say 示意数据', async () => {
    const notice = sampleNoticeZh(['行政区', '城市开发边界'])!;
    expect(notice).toBe('空间类型、所在区等依据的图层（行政区、城市开发边界）为示意数据，非官方数据。');
    const wb = await open(await statsWorkbook([], 't', notice));
    const about = wb.getWorksheet('说明')!;
    expect(about.getCell('A2').value).toBe(notice);
    const ws = wb.getWorksheet('申报项目一览表')!;
    expect(String(ws.getCell(1, STATS_HEADERS.indexOf('空间类型') + 1).note)).toContain('示意数据');
    expect(String(ws.getCell(1, STATS_HEADERS.indexOf('所在区') + 1).note)).toContain('示意数据');
    // The table itself is unchanged: headers in row 1, nothing else.
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(STATS_HEADERS);
    expect(ws.rowCount).toBe(1);
  });

  it('on official layers: no notice anywhere', async () => {
    expect(sampleNoticeZh([])).toBeNull();
    const wb = await open(await statsWorkbook([], 't', null));
    expect(wb.getWorksheet('说明')).toBeUndefined();
    expect(wb.getWorksheet('申报项目一览表')!.getCell(1, 5).note).toBeUndefined();
  });
});
