// 申报项目区级联审情况一览表 (附件 二.2): each invited department, its opinion, comments and date, with the lead's
// conclusion, read from the event log of the latest joint-review round (start_joint_review → record_opinion →
// close_joint_review). PDF (pdfkit, with the platform watermark) and .xlsx (exceljs).
import ExcelJS from 'exceljs';
import { formatForPrint } from '../export/xlsx-print.ts';
import type { Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import {
  OPINION_CHANNEL_LABELS,
  OPINION_LABELS,
  type Opinion,
  type OpinionChannel
} from '../../domain/workflow-model.ts';
import { departmentLabel } from '../../domain/departments.ts';
import { shanghaiDate } from '../../domain/dates.ts';
import { loadVisible } from '../projects/project-access.ts';
import { listEvents, listProjectFiles } from '../projects/projects.repository.ts';
import { authorityName } from './documents.repository.ts';
import { A4, FONT, FONT_BOLD, MARGIN, cnDateTime, finish, newDocument, row, watermark } from './pdf-kit.ts';

export const REVIEW_TABLE_TITLE = '申报项目区级联审情况一览表';

export interface ReviewLine {
  department: string;
  departmentLabel: string;
  opinion: Opinion | null;
  opinionLabel: string;
  comment: string;
  /** Shanghai date of the opinion, YYYY-MM-DD. */
  date: string | null;
  by: string;
}

export interface ReviewTable {
  projectCode: string;
  title: string;
  enterpriseName: string;
  authorityName: string;
  startedOn: string | null;
  lines: ReviewLine[];
  conclusion: { text: string; date: string; by: string; override: boolean } | null;
  supplements: string[];
}

export async function reviewTableData(db: Queryable, actor: SessionUser, projectId: string): Promise<ReviewTable> {
  const row0 = await loadVisible(db, actor, projectId);
  const events = await listEvents(db, projectId, [
    'start_joint_review',
    'record_opinion',
    'enter_opinion',
    'close_joint_review'
  ]);
  const startIdx = events.map((e) => e.action).lastIndexOf('start_joint_review');
  const round = startIdx >= 0 ? events.slice(startIdx) : [];
  const start = round[0];
  const invited = (start?.payload.departments as string[] | undefined) ?? [];
  const latest = new Map<string, (typeof round)[number]>();
  for (const e of round)
    if ((e.action === 'record_opinion' || e.action === 'enter_opinion') && typeof e.payload.department === 'string')
      latest.set(e.payload.department, e);
  const names = new Map<string, { zh: string; en: string }>();
  for (const e of round)
    if (typeof e.payload.department === 'string' && e.payload.departmentName)
      names.set(e.payload.department, e.payload.departmentName as { zh: string; en: string });
  const deptLabel = (d: string) => names.get(d)?.zh ?? departmentLabel(d, row0.workflow?.invitations).zh;
  const departments = [...new Set([...invited, ...latest.keys()])];
  const lines: ReviewLine[] = departments.map((d) => {
    const e = latest.get(d);
    const opinion = (e?.payload.opinion as Opinion | undefined) ?? null;
    return {
      department: d,
      departmentLabel: deptLabel(d),
      opinion,
      opinionLabel: opinion ? OPINION_LABELS[opinion].zh : '未反馈',
      comment: e?.comment ?? '',
      date: e ? shanghaiDate(new Date(e.at)) : null,
      // 附件 二.2: the lead fills in the table from the department's letter; the table says so.
      by:
        e?.action === 'enter_opinion'
          ? `${e.actor_name ?? ''}代录（${OPINION_CHANNEL_LABELS[(e.payload.via as OpinionChannel) ?? 'letter']?.zh ?? '书面函件'}）`
          : (e?.actor_name ?? '')
    };
  });
  const close = round.find((e) => e.action === 'close_joint_review');
  const files = await listProjectFiles(db, projectId);
  return {
    projectCode: row0.code,
    title: row0.title,
    enterpriseName: String(row0.form?.enterpriseName ?? row0.owner_enterprise ?? ''),
    authorityName: await authorityName(db, row0.authority_code),
    startedOn: start ? shanghaiDate(new Date(start.at)) : null,
    lines,
    conclusion: close
      ? {
          text: close.comment ?? (close.payload.override ? '' : '联审结束，报请区政府认定。'),
          date: shanghaiDate(new Date(close.at)),
          by: close.actor_name ?? '',
          override: close.payload.override === true
        }
      : null,
    supplements: files.filter((f) => f.kind === 'joint_review_material').map((f) => f.original_name)
  };
}

export async function renderReviewTablePdf(t: ReviewTable, generatedAt = new Date()): Promise<Buffer> {
  const doc = newDocument({
    title: `${REVIEW_TABLE_TITLE} ${t.projectCode}`,
    subject: t.title,
    createdAt: generatedAt,
    landscape: true
  });
  const W = A4.h;
  const H = A4.w;
  const contentW = W - 2 * MARGIN;
  doc.addPage();
  watermark(doc);
  let y = 40;
  doc
    .font(FONT_BOLD)
    .fontSize(17)
    .fillColor('#0f172a', 1)
    .text(REVIEW_TABLE_TITLE, MARGIN, y, { width: contentW, align: 'center' });
  y += 30;
  doc
    .font(FONT)
    .fontSize(9.5)
    .fillColor('#334155', 1)
    .text(
      `项目编号：${t.projectCode}　项目名称：${t.title}　项目单位：${t.enterpriseName || '—'}　所在区：${t.authorityName}　联审发起：${t.startedOn ?? '—'}`,
      MARGIN,
      y,
      { width: contentW }
    );
  y += 24;
  const widths = [36, 150, 90, contentW - 36 - 150 - 90 - 90 - 110, 90, 110];
  const head = ['序号', '部门', '意见', '意见说明', '日期', '经办人'].map((text) => ({
    text,
    bold: true,
    shade: true,
    align: 'center' as const
  }));
  y += row(doc, MARGIN, y, widths, head, 9.5, 22);
  if (!t.lines.length) y += row(doc, MARGIN, y, [contentW], [{ text: '尚未发起区级联审。', align: 'center' }]);
  t.lines.forEach((l, i) => {
    if (y > H - 120) {
      doc.addPage();
      watermark(doc);
      y = 40;
      y += row(doc, MARGIN, y, widths, head, 9.5, 22);
    }
    y += row(
      doc,
      MARGIN,
      y,
      widths,
      [
        { text: String(i + 1), align: 'center' },
        { text: l.departmentLabel },
        { text: l.opinionLabel, align: 'center', bold: l.opinion === 'disagree' },
        { text: l.comment || '—' },
        { text: l.date ?? '—', align: 'center' },
        { text: l.by || '—' }
      ],
      9.5,
      24
    );
  });
  y += row(
    doc,
    MARGIN,
    y,
    [186, contentW - 186],
    [
      { text: '牵头部门（区产业部门）结论', shade: true, bold: true },
      {
        text: t.conclusion
          ? `${t.conclusion.override ? '（部分部门未反馈，牵头部门说明理由后结束联审）' : ''}${t.conclusion.text}　${t.conclusion.date}　${t.conclusion.by}`
          : '联审进行中'
      }
    ],
    9.5,
    36
  );
  y += row(
    doc,
    MARGIN,
    y,
    [186, contentW - 186],
    [{ text: '补充材料', shade: true }, { text: t.supplements.length ? t.supplements.join('；') : '无' }],
    9.5
  );
  doc.page.margins.bottom = 0;
  doc
    .font(FONT)
    .fontSize(8)
    .fillColor('#475569', 1)
    .text(`由平台生成　${cnDateTime(generatedAt)}`, MARGIN, H - 30, { lineBreak: false });
  return finish(doc);
}

/** The same table as a workbook: real date cells, frozen header row, Chinese headers. */
export async function renderReviewTableXlsx(t: ReviewTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '零增地技术改造优质项目认定平台';
  const ws = wb.addWorksheet('区级联审情况', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = `${REVIEW_TABLE_TITLE}（${t.projectCode} ${t.title}）`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells('A2:F2');
  ws.getCell('A2').value =
    `项目单位：${t.enterpriseName || '—'}　所在区：${t.authorityName}　联审发起：${t.startedOn ?? '—'}`;
  ws.getRow(3).values = ['序号', '部门', '意见', '意见说明', '日期', '经办人'];
  ws.getRow(3).font = { bold: true };
  ws.columns = [{ width: 6 }, { width: 24 }, { width: 14 }, { width: 50 }, { width: 14 }, { width: 18 }];
  t.lines.forEach((l, i) => {
    const r = ws.addRow([i + 1, l.departmentLabel, l.opinionLabel, l.comment, l.date ? excelDate(l.date) : null, l.by]);
    r.getCell(5).numFmt = 'yyyy-mm-dd';
  });
  const c = ws.addRow([
    '',
    '牵头部门结论',
    t.conclusion ? (t.conclusion.override ? '结束联审（说明理由）' : '结束联审') : '联审进行中',
    t.conclusion?.text ?? '',
    t.conclusion ? excelDate(t.conclusion.date) : null,
    t.conclusion?.by ?? ''
  ]);
  c.getCell(5).numFmt = 'yyyy-mm-dd';
  const last = ws.addRow(['', '补充材料', '', t.supplements.join('；') || '无']);
  // The supplements list spans the rest of the row, as on the paper form.
  ws.mergeCells(last.number, 4, last.number, 6);
  ws.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  formatForPrint(ws, { fromRow: 3, toRow: last.number, columns: 6, repeatRows: '1:3', headerRows: [3] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A Shanghai calendar date as an Excel date cell (midnight UTC, so no time-zone shift on display). */
export const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
