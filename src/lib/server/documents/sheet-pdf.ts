// 一键成表: the 项目信息表 (附件 二.1 "生成有白玉兰水印章的项目信息表。项目信息表一式三份，由项目单位和区产业
// 部门盖章确认，一份报区政府、一份由区产业部门留档、一份给企业备份"). One PDF holds the three copies, each
// two pages, each page marked with its copy label and carrying the watermark, the verification code and
// the QR code. Pure: SheetData + IssueInfo in, bytes out.
import { sampleNoticeZh } from '../layers/sample-notice.ts';
import { FIELD_LABELS, PLAN_KIND_LABELS, type ApplicationField, type PlanKind } from '../../domain/application.ts';
import { AUTHORITIES } from '../../domain/authorities.ts';
import { LAND_TYPE_INFO } from '../../domain/land-types.ts';
import { pathOf } from '../../domain/paths.ts';
import { RULE_TEXT } from '../../domain/classification/land-type-rule.ts';
import { drawMapFigure } from './map-figure.ts';
import {
  A4,
  FONT,
  FONT_BOLD,
  MARGIN,
  SEAL_COLOR,
  cnDateTime,
  finish,
  heading,
  newDocument,
  num,
  row,
  watermark,
  type Doc
} from './pdf-kit.ts';
import { drawQr } from './qr.ts';
import { toMu, type IssueInfo, type SheetData } from './sheet-data.ts';
import { AREA_PLANE } from '../../geo/area.ts';

export const SHEET_TITLE = '零增地技术改造项目信息表';
/** The three copies, in the order the policy lists who keeps them. */
export const COPY_LABELS = ['项目单位留存', '区产业部门留存', '区政府留存'] as const;
export const PAGES_PER_COPY = 2;

const CONTENT_W = A4.w - 2 * MARGIN;

/** Form fields in print order, two per table row. */
const FORM_ORDER: ApplicationField[] = [
  'enterpriseName',
  'uscc',
  'contactPerson',
  'contactPhone',
  'parcelAddress',
  'authorityCode',
  'landTitleNumber',
  'landArea',
  'floorAreaExisting',
  'floorAreaPlanned',
  'plotRatioBefore',
  'plotRatioAfter',
  'contractPlotRatio',
  'newlyTransferred',
  'retainedInPlan',
  'retainedPlanKind',
  'investment',
  'expectedAnnualOutput',
  'expectedAnnualTax',
  'industryCode',
  'annualEnergyUse'
];

export function formValue(field: ApplicationField, v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (field === 'authorityCode') return AUTHORITIES.find((a) => a.code === v)?.zh ?? String(v);
  if (field === 'retainedPlanKind') return PLAN_KIND_LABELS[v as PlanKind]?.zh ?? String(v);
  if (typeof v === 'number') return field === 'landArea' ? `${num(v)}（${num(toMu(v))} 亩）` : num(v, 4);
  return String(v);
}

function pageFrame(
  doc: Doc,
  data: SheetData,
  issue: IssueInfo,
  copy: string,
  copyIndex: number,
  page: number,
  total: number
) {
  watermark(doc);
  // Copy label, boxed in seal red at the top right, so a torn-off page still says whose copy it is.
  doc.font(FONT_BOLD).fontSize(11);
  const label = `第${'一二三'[copyIndex]}联 · ${copy}`;
  const lw = doc.widthOfString(label) + 16;
  doc
    .rect(A4.w - MARGIN - lw, 22, lw, 20)
    .lineWidth(1)
    .strokeColor(SEAL_COLOR, 1)
    .stroke();
  doc.fillColor(SEAL_COLOR, 1).text(label, A4.w - MARGIN - lw + 8, 26, { lineBreak: false });
  doc
    .font(FONT)
    .fontSize(8)
    .fillColor('#475569', 1)
    .text(`项目编号 ${data.projectCode}`, MARGIN, 28, { lineBreak: false });
  // Footer: verification code on every page (inside the bottom margin: lift it so pdfkit does not break the page).
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.font(FONT).fontSize(8).fillColor('#475569', 1);
  doc.text(
    `核验码 ${issue.code}　出具时间 ${cnDateTime(issue.issuedAt)}　核验网址 ${issue.verifyUrl}`,
    MARGIN,
    A4.h - 34,
    { lineBreak: false }
  );
  doc.text(`第 ${page} 页 / 共 ${total} 页`, A4.w - MARGIN - 70, A4.h - 34, {
    width: 70,
    align: 'right',
    lineBreak: false
  });
  doc.page.margins.bottom = bottom;
}

function firstPage(doc: Doc, data: SheetData, issue: IssueInfo) {
  let y = 58;
  doc
    .font(FONT_BOLD)
    .fontSize(18)
    .fillColor('#0f172a', 1)
    .text(SHEET_TITLE, MARGIN, y, { width: CONTENT_W, align: 'center' });
  y += 28;
  doc
    .font(FONT)
    .fontSize(9.5)
    .fillColor('#334155', 1)
    .text(
      `项目名称：${data.title}　　所在区：${data.authorityName}　　出具日期：${cnDateTime(issue.issuedAt, false)}`,
      MARGIN,
      y,
      { width: CONTENT_W, align: 'center' }
    );
  y += 22;
  y += heading(doc, '一、项目基本信息', MARGIN, y);
  const w = [90, CONTENT_W / 2 - 90, 90, CONTENT_W / 2 - 90];
  for (let i = 0; i < FORM_ORDER.length; i += 2) {
    const a = FORM_ORDER[i];
    const b = FORM_ORDER[i + 1];
    y += row(doc, MARGIN, y, w, [
      { text: FIELD_LABELS[a].zh, shade: true },
      { text: formValue(a, data.form[a]) },
      { text: b ? FIELD_LABELS[b].zh : '', shade: true },
      { text: b ? formValue(b, data.form[b]) : '' }
    ]);
  }
  y += row(
    doc,
    MARGIN,
    y,
    [90, CONTENT_W - 90],
    [{ text: FIELD_LABELS.description.zh, shade: true }, { text: formValue('description', data.form.description) }],
    9,
    36
  );
  y += 14;

  y += heading(doc, '二、用地面积与空间类型判定', MARGIN, y);
  const c = data.classification;
  const areaText = data.parcel
    ? `${num(data.parcel.areaM2)} 平方米（${num(toMu(data.parcel.areaM2))} 亩）`
    : '未上传地块边界';
  const landType = c ? LAND_TYPE_INFO[c.landType] : null;
  const path = c
    ? pathOf({
        landType: c.landType,
        lingang: c.lingang,
        newlyTransferred: data.form.newlyTransferred === true,
        retainedInPlan: data.form.retainedInPlan === true,
        plotRatioAfter: typeof data.form.plotRatioAfter === 'number' ? data.form.plotRatioAfter : null,
        contractPlotRatio: typeof data.form.contractPlotRatio === 'number' ? data.form.contractPlotRatio : null
      })
    : null;
  const pathNotes: string[] = [];
  if (path?.cityReview) pathNotes.push('使用战略预留区内新出让土地：区政府初审后报市“三委两局”审核认定（三.1）');
  if (path?.commitmentRequired)
    pathNotes.push('未在控详规划中保留：须提交无条件服从政府实施规划收回土地承诺（一.4(2)）');
  if (path?.planAdjustmentRequired) pathNotes.push('未经规划确认保留：认定后须完成规划调整方可实施（一.4(3)）');
  if (path?.filingRequired)
    pathNotes.push('突破原土地出让合同容积率：认定后向市经济信息化委、市规划资源局报备（一.4(3)）');
  if (path && !path.eligible && path.blocker) pathNotes.push(path.blocker.zh);
  const lw = [90, CONTENT_W - 90];
  y += row(doc, MARGIN, y, lw, [{ text: '地块面积（测算）', shade: true }, { text: areaText }]);
  y += row(doc, MARGIN, y, lw, [
    { text: '空间类型', shade: true },
    { text: landType ? `${landType.zh}（${landType.clause}）` : '尚未判定', bold: true }
  ]);
  if (c) {
    y += row(doc, MARGIN, y, lw, [{ text: '判定规则', shade: true }, { text: RULE_TEXT[c.rule]?.zh ?? c.rule }]);
    y += row(doc, MARGIN, y, lw, [
      { text: '办理路径', shade: true },
      {
        text: pathNotes.length
          ? pathNotes.join('；\n')
          : `由${c.lingang ? '临港新片区管委会' : '区政府'}认定，按规划实施`
      }
    ]);
    const cw = [120, CONTENT_W - 120 - 240, 90, 80, 70];
    y += row(
      doc,
      MARGIN,
      y,
      cw,
      ['图层', '名称', '面积（平方米）', '面积（亩）', '占比'].map((t) => ({
        text: t,
        bold: true,
        shade: true,
        align: 'center' as const
      }))
    );
    const zones = [...c.zones].sort((a, b) => b.share - a.share).slice(0, 10);
    for (const z of zones) {
      if (y > A4.h - 90) break;
      y += row(doc, MARGIN, y, cw, [
        { text: kindLabel(z.kind, data) },
        { text: z.name || '—' },
        { text: num(z.areaM2), align: 'right' },
        { text: num(toMu(z.areaM2)), align: 'right' },
        { text: `${num(z.share * 100, 1)}%`, align: 'right' }
      ]);
    }
    const conflicts = c.conflicts.length
      ? c.conflicts.map((k) => `${kindLabel(k.kind, data)}“${k.name}” ${num(k.areaM2)} 平方米`).join('；')
      : '未涉及永久基本农田、生态保护红线';
    if (y < A4.h - 80) y += row(doc, MARGIN, y, lw, [{ text: '冲突检查', shade: true }, { text: conflicts }]);
  }
}

const KIND_NAMES: Record<string, string> = {
  district: '行政区',
  lingang: '临港新片区',
  development_boundary: '城市开发边界',
  industrial_block: '规划产业区块',
  strategic_reserve: '战略预留区',
  basic_farmland: '永久基本农田',
  eco_redline: '生态保护红线',
  central_city: '中心城',
  river_buffer: '沿江沿河1公里'
};
function kindLabel(kind: string, data: SheetData): string {
  return data.mapZones.find((z) => z.kind === kind)?.kindName ?? KIND_NAMES[kind] ?? kind;
}

function secondPage(doc: Doc, data: SheetData, issue: IssueInfo) {
  let y = 58;
  y += heading(doc, '三、地块位置示意图', MARGIN, y);
  const box = { x: MARGIN, y, w: CONTENT_W, h: 290 };
  if (data.parcel)
    drawMapFigure(
      doc,
      { parcel: data.parcel.geometry, zones: data.mapZones, district: data.mapDistrict ?? null },
      box,
      FONT
    );
  else {
    doc.rect(box.x, box.y, box.w, box.h).lineWidth(0.8).strokeColor('#334155', 1).stroke();
    doc
      .font(FONT)
      .fontSize(10)
      .fillColor('#64748b', 1)
      .text('未上传地块边界', box.x, box.y + box.h / 2 - 6, { width: box.w, align: 'center' });
  }
  y += box.h + 24;
  doc
    .font(FONT)
    .fontSize(7.5)
    .fillColor('#64748b', 1)
    .text(
      `坐标系 CGCS2000（EPSG:4490），面积按 CGCS2000 高斯-克吕格投影（${AREA_PLANE}）测算；图层为平台当前版本。`,
      MARGIN,
      y,
      { width: CONTENT_W }
    );
  y += 16;
  // Sample layers (示意数据) behind the classification and the map: said on the sheet itself.
  const sample = sampleNoticeZh(
    (data.classification?.layerVersions ?? []).filter((v) => v.sample).map((v) => kindLabel(v.kind, data))
  );
  if (sample) {
    doc
      .font(FONT_BOLD)
      .fontSize(8)
      .fillColor('#b91c1c', 1)
      .text(`注意：${sample}`, MARGIN, y - 6, { width: CONTENT_W });
    y += 8;
  }

  y += heading(doc, '四、申报材料清单', MARGIN, y);
  const dw = [30, 170, CONTENT_W - 30 - 170 - 90, 90];
  y += row(
    doc,
    MARGIN,
    y,
    dw,
    ['序号', '材料', '文件名', '上传日期'].map((t) => ({ text: t, bold: true, shade: true, align: 'center' as const }))
  );
  const docs = data.documents.slice(0, 10);
  if (!docs.length) y += row(doc, MARGIN, y, [CONTENT_W], [{ text: '（无）', align: 'center' }]);
  docs.forEach((d, i) => {
    y += row(
      doc,
      MARGIN,
      y,
      dw,
      [
        { text: String(i + 1), align: 'center' },
        { text: d.label },
        { text: d.name },
        { text: cnDateTime(d.addedAt, false), align: 'center' }
      ],
      8.5
    );
  });
  if (data.documents.length > docs.length) {
    y += row(
      doc,
      MARGIN,
      y,
      [CONTENT_W],
      [{ text: `另有 ${data.documents.length - docs.length} 份材料，见平台项目页。` }],
      8.5
    );
  }
  y += 16;

  // 五、确认: the two stamp boxes the policy asks for (项目单位和区产业部门盖章确认).
  y = Math.max(y, A4.h - 270);
  y += heading(doc, '五、盖章确认', MARGIN, y);
  const bw = (CONTENT_W - 16) / 2;
  for (const [i, who] of ['项目单位（盖章）', '区产业部门（盖章）'].entries()) {
    const bx = MARGIN + i * (bw + 16);
    doc.rect(bx, y, bw, 110).lineWidth(0.8).strokeColor('#334155', 1).stroke();
    doc
      .font(FONT_BOLD)
      .fontSize(10)
      .fillColor('#0f172a', 1)
      .text(who, bx + 8, y + 8, { lineBreak: false });
    doc
      .font(FONT)
      .fontSize(9)
      .text('经办人（签字）：', bx + 8, y + 66, { lineBreak: false });
    doc.text('日期：　　　年　　月　　日', bx + 8, y + 88, { lineBreak: false });
  }
  y += 124;

  // Verification: QR code pointing at the public /verify page, and the code in words.
  drawQr(doc, issue.verifyUrl, MARGIN, y, 78);
  doc
    .font(FONT_BOLD)
    .fontSize(10)
    .fillColor('#0f172a', 1)
    .text(`核验码：${issue.code}`, MARGIN + 90, y + 8, { lineBreak: false });
  doc
    .font(FONT)
    .fontSize(8.5)
    .fillColor('#334155', 1)
    .text(
      `扫描二维码或访问 ${issue.verifyUrl} 核验本表真伪。核验页显示本表是否有效、项目名称、出具日期及 PDF 文件的 SHA-256 摘要；重新出具后，旧核验码显示“已作废”。`,
      MARGIN + 90,
      y + 26,
      { width: CONTENT_W - 90 }
    );
  doc.text(`出具人：${issue.issuedByName}`, MARGIN + 90, y + 62, { lineBreak: false });
}

/** Renders the three-copy sheet. */
export async function renderSheetPdf(data: SheetData, issue: IssueInfo): Promise<Buffer> {
  const doc = newDocument({
    title: `${SHEET_TITLE} ${data.projectCode}`,
    subject: `${data.title}（核验码 ${issue.code}）`,
    createdAt: issue.issuedAt
  });
  const total = COPY_LABELS.length * PAGES_PER_COPY;
  COPY_LABELS.forEach((copy, i) => {
    doc.addPage();
    pageFrame(doc, data, issue, copy, i, i * PAGES_PER_COPY + 1, total);
    firstPage(doc, data, issue);
    doc.addPage();
    pageFrame(doc, data, issue, copy, i, i * PAGES_PER_COPY + 2, total);
    secondPage(doc, data, issue);
  });
  return finish(doc);
}
