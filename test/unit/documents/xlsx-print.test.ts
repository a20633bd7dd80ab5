// The joint-review table and the statistics workbook print as an office prints a table (issue 14.5):
// borders, wrapped text, landscape A4 fitted to the width, header rows repeated on every page.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderReviewTableXlsx, type ReviewTable } from '../../../src/lib/server/documents/review-table.ts';
import { STATS_HEADERS, statsWorkbook } from '../../../src/lib/server/stats/stats-xlsx.ts';

async function open(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const LONG =
  '须按控详规划控制建筑高度不超过 24 米，沿河一侧退界不少于 10 米，施工期间落实扬尘和噪声控制措施，竣工后报区规划资源局核实。';
const TABLE: ReviewTable = {
  projectCode: 'ZL-2026-0042',
  title: '年产 20 万套精密零件智能化技术改造项目',
  enterpriseName: '上海示意精密机械有限公司',
  authorityName: '浦东新区',
  startedOn: '2026-11-02',
  lines: [
    {
      department: 'planning_resources',
      departmentLabel: '区规划资源局',
      opinion: 'conditional',
      opinionLabel: '有条件同意',
      comment: LONG,
      date: '2026-11-05',
      by: '张三'
    },
    {
      department: 'development_reform',
      departmentLabel: '区发展改革委',
      opinion: 'agree',
      opinionLabel: '同意',
      comment: '',
      date: '2026-11-06',
      by: '李四'
    }
  ],
  conclusion: { text: '各部门意见已齐，报请区政府认定。', date: '2026-11-09', by: '王五', override: false },
  supplements: ['会议纪要.pdf']
};

describe('xlsx formatted for print', () => {
  it('the joint-review table: landscape A4, fitted to one page wide, title and header rows repeated, bordered wrapped cells', async () => {
    const ws = (await open(await renderReviewTableXlsx(TABLE))).worksheets[0];
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(ws.headerFooter.oddFooter).toContain('&P');
    // Every cell of the table, header to the supplements row, has four borders and wraps.
    for (let r = 3; r <= 7; r++) {
      for (let c = 1; c <= 6; c++) {
        const cell = ws.getRow(r).getCell(c);
        expect(cell.border?.left?.style, `R${r}C${c}`).toBe('thin');
        expect(cell.border?.bottom?.style, `R${r}C${c}`).toBe('thin');
        expect(cell.alignment?.wrapText, `R${r}C${c}`).toBe(true);
      }
    }
    expect(ws.getRow(3).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(4).getCell(4).value).toBe(LONG);
    expect(ws.getRow(4).getCell(4).alignment?.vertical).toBe('top');
  });

  it('the statistics workbook: the same page set-up, header row repeated', async () => {
    const ws = (await open(await statsWorkbook([], '统计'))).getWorksheet('申报项目一览表')!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
    expect(ws.getRow(1).getCell(STATS_HEADERS.length).border?.right?.style).toBe('thin');
  });
});
