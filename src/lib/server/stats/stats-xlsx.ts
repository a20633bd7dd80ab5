// The 申报项目一览表（含工作节点） as .xlsx: Chinese headers, frozen header row, real date cells (numFmt
// yyyy-mm-dd, stored as dates so Excel can sort and filter them), working days as numbers.
import ExcelJS from 'exceljs';
import { formatForPrint } from '../export/xlsx-print.ts';
import { AUTHORITIES } from '../../domain/authorities.ts';
import { LAND_TYPE_INFO, isLandType } from '../../domain/land-types.ts';
import { MILESTONE_INFO, type Milestone } from '../../domain/tracking.ts';
import { STAGE_LABELS, type Stage } from '../../domain/workflow-model.ts';
import type { ProjectStat } from './stats.model.ts';

const MILESTONE_COLUMNS: Milestone[] = ['eia_approved', 'construction_start', 'completion_acceptance', 'operation'];

export const STATS_HEADERS = [
  '项目编号',
  '项目名称',
  '项目单位',
  '所在区',
  '空间类型',
  '当前阶段',
  '申报日期',
  '受理日期',
  '联审发起',
  '联审结束',
  '报市审核',
  '认定日期',
  '认定结果',
  '报备确认',
  '转入跟踪',
  ...MILESTONE_COLUMNS.map((m) => MILESTONE_INFO[m].zh),
  '已用工作日',
  '认定期限',
  '超期',
  '问题认定'
];

/** A Shanghai calendar date as an Excel date (UTC midnight: Excel has no time zone, so none leaks in). */
const xDate = (iso: string | null | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** `sampleNotice`: set when the land types and districts come from sample layers (示意数据); shown on the header and in a 说明 sheet. */
export async function statsWorkbook(
  stats: ProjectStat[],
  title: string,
  sampleNotice: string | null = null
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '零增地技术改造优质项目认定平台';
  wb.created = new Date();
  const ws = wb.addWorksheet('申报项目一览表', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.addRow(STATS_HEADERS);
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
  for (const s of stats) {
    const n = s.nodes;
    ws.addRow([
      s.code,
      s.title,
      s.enterpriseName,
      AUTHORITIES.find((a) => a.code === s.authorityCode)?.zh ?? s.authorityCode ?? '',
      isLandType(s.landType) ? LAND_TYPE_INFO[s.landType].zh : '未判定',
      STAGE_LABELS[s.stage as Stage]?.zh ?? s.stage,
      xDate(n.submitted),
      xDate(n.accepted),
      xDate(n.jointReviewStarted),
      xDate(n.jointReviewClosed),
      xDate(n.cityReview),
      xDate(n.decided),
      n.outcome === 'recognised' ? '通过认定' : n.outcome === 'rejected' ? '未通过认定' : '',
      xDate(n.filed),
      xDate(n.tracking),
      ...MILESTONE_COLUMNS.map((m) => xDate(n.milestones[m])),
      s.workingDays,
      xDate(s.due),
      s.overdue ? '超期未认定' : s.late ? '超期认定' : '',
      s.findings || null
    ]);
  }
  const dateCols = STATS_HEADERS.map((h, i) => ({ h, i: i + 1 })).filter(
    ({ h }) => /日期|发起|结束|审核|确认|跟踪|期限/.test(h) || MILESTONE_COLUMNS.some((m) => MILESTONE_INFO[m].zh === h)
  );
  for (const { i } of dateCols) ws.getColumn(i).numFmt = 'yyyy-mm-dd';
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 36 : i === 2 ? 28 : 13));
  formatForPrint(ws, {
    fromRow: 1,
    toRow: stats.length + 1,
    columns: STATS_HEADERS.length,
    repeatRows: '1:1',
    headerRows: [1]
  });
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, stats.length + 1), column: STATS_HEADERS.length }
  };
  wb.title = title;
  if (sampleNotice) {
    ws.getCell(1, STATS_HEADERS.indexOf('空间类型') + 1).note = sampleNotice;
    ws.getCell(1, STATS_HEADERS.indexOf('所在区') + 1).note = sampleNotice;
    wb.description = sampleNotice;
    const about = wb.addWorksheet('说明');
    about.addRow(['注意']).font = { bold: true, color: { argb: 'FFB91C1C' } };
    about.addRow([sampleNotice]);
    about.getColumn(1).width = 100;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
