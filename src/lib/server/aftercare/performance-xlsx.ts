// 年度实绩 xlsx: the template the platform provides (one row per project and year, pre-filled with the
// district's recognised projects) and its import. Every row is checked first; one bad row refuses the whole
// file with each bad row's number and reason, otherwise all rows are written in one transaction.
import ExcelJS from 'exceljs';
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { AFTERCARE_STAGES } from '../../domain/aftercare/terms.ts';
import { parsePerformance, PERFORMANCE_FIELDS, PERFORMANCE_LABELS } from '../../domain/aftercare/performance.ts';
import { currentYear, writePerformance } from './contract.service.ts';
import { projectsInStages, type AftercareProjectRow } from './aftercare.repository.ts';

export const TEMPLATE_HEADERS = [
  '项目编号',
  '项目名称',
  PERFORMANCE_LABELS.year.zh,
  ...PERFORMANCE_FIELDS.map((f) => PERFORMANCE_LABELS[f].zh)
];
const MAX_ROWS = 5000;

const projectsInScope = (db: Queryable, actor: SessionUser) =>
  projectsInStages(db, AFTERCARE_STAGES, actor.role === 'district_industry' ? actor.authorityCode : undefined);

const mayImport = (actor: SessionUser) => {
  if (actor.role !== 'district_industry')
    throw apiError(403, 'role_not_allowed', {
      zh: '年度实绩由区产业部门导入。',
      en: 'Yearly figures are imported by the district industry department.'
    });
};

export async function performanceTemplate(db: Queryable, actor: SessionUser): Promise<Uint8Array> {
  mayImport(actor);
  const wb = new ExcelJS.Workbook();
  wb.creator = '零增地技术改造优质项目认定平台';
  const ws = wb.addWorksheet('年度实绩', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(TEMPLATE_HEADERS);
  ws.getRow(1).font = { bold: true };
  const year = currentYear() - 1;
  for (const p of await projectsInScope(db, actor)) ws.addRow([p.code, p.title, year, null, null, null, null]);
  ws.columns.forEach((c, i) => {
    c.width = i === 1 ? 48 : 18;
  });
  const help = wb.addWorksheet('填写说明');
  for (const line of [
    '每行填写一个项目一个年度的实绩；项目编号须为本区已认定项目的编号，项目名称仅供核对。',
    `年度为已结束的年度（${year} 及以前）；金额单位为万元，从业人数为整数，均不小于 0。`,
    '同一项目同一年度在文件中只能出现一次；已有的年度实绩将被覆盖并视为区产业部门确认。',
    '任一行有误则整个文件不导入，系统会列出行号和原因，请修改后重新上传。'
  ])
    help.addRow([line]);
  help.getColumn(1).width = 100;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const cellValue = (v: ExcelJS.CellValue): unknown => {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && 'result' in (v as object)) return (v as { result: unknown }).result; // formula
  if (typeof v === 'object' && 'richText' in (v as object))
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  return v;
};

export interface ImportProblem {
  row: number;
  zh: string;
  en: string;
}

export async function importPerformance(
  db: Db,
  actor: SessionUser,
  file: { name: string; bytes: Uint8Array } | undefined
) {
  mayImport(actor);
  if (!file)
    throw apiError(400, 'file_missing', {
      zh: '请选择年度实绩 xlsx 文件（平台提供的模板）。',
      en: 'Choose the yearly figures xlsx file (the platform’s template).'
    });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
  } catch {
    throw apiError(400, 'not_xlsx', {
      zh: `“${file.name}”不是有效的 xlsx 文件，请使用平台提供的模板（Excel 2007 及以上格式）。`,
      en: `"${file.name}" is not a valid xlsx file; use the platform’s template (Excel 2007+ format).`
    });
  }
  const ws = wb.worksheets[0];
  const header = ws
    ? (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => String(cellValue(v) ?? '').trim())
    : [];
  const col = (name: string) => header.indexOf(name) + 1;
  const missing = TEMPLATE_HEADERS.filter((h) => h !== '项目名称' && col(h) === 0);
  if (missing.length)
    throw apiError(400, 'bad_template', {
      zh: `表头缺少：${missing.join('、')}。请使用平台提供的模板。`,
      en: `Missing columns: ${missing.join(', ')}. Use the platform’s template.`
    });

  const scope = new Map((await projectsInScope(db, actor)).map((p) => [p.code, p]));
  const problems: ImportProblem[] = [];
  const good: {
    row: number;
    project: AftercareProjectRow;
    value: ReturnType<typeof parsePerformance> & { ok: true };
  }[] = [];
  const seen = new Map<string, number>();
  const last = Math.min(ws.rowCount, MAX_ROWS + 1);
  if (ws.rowCount > MAX_ROWS + 1)
    throw apiError(400, 'too_many_rows', {
      zh: `一次最多导入 ${MAX_ROWS} 行。`,
      en: `At most ${MAX_ROWS} rows per file.`
    });
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    const get = (h: string) => cellValue(row.getCell(col(h)).value);
    const code = String(get('项目编号') ?? '').trim();
    const values = {
      year: get(PERFORMANCE_LABELS.year.zh),
      ...Object.fromEntries(PERFORMANCE_FIELDS.map((f) => [f, get(PERFORMANCE_LABELS[f].zh)]))
    };
    if (!code && Object.values(values).every((v) => v === undefined || v === '')) continue; // blank row
    const project = scope.get(code);
    if (!project) {
      problems.push({
        row: r,
        zh: `第 ${r} 行：项目编号“${code || '空'}”不是本区已认定的项目`,
        en: `Row ${r}: project code "${code || 'empty'}" is not a recognised project of your district`
      });
      continue;
    }
    const parsed = parsePerformance(values, currentYear());
    if (!parsed.ok) {
      problems.push({
        row: r,
        zh: `第 ${r} 行：${parsed.problems.map((p) => p.zh).join('；')}`,
        en: `Row ${r}: ${parsed.problems.map((p) => p.en).join('; ')}`
      });
      continue;
    }
    const key = `${code}:${parsed.value.year}`;
    if (seen.has(key)) {
      problems.push({
        row: r,
        zh: `第 ${r} 行：${code} 的 ${parsed.value.year} 年与第 ${seen.get(key)} 行重复`,
        en: `Row ${r}: ${code} ${parsed.value.year} repeats row ${seen.get(key)}`
      });
      continue;
    }
    seen.set(key, r);
    good.push({ row: r, project, value: parsed });
  }
  if (problems.length) {
    const err = apiError(400, 'bad_rows', {
      zh: `文件未导入（共 ${problems.length} 行有误，其余行也未写入）：${problems
        .slice(0, 20)
        .map((p) => p.zh)
        .join('；')}${problems.length > 20 ? '…' : ''}`,
      en: `Nothing imported (${problems.length} bad row(s); the other rows were not written either): ${problems
        .slice(0, 20)
        .map((p) => p.en)
        .join('; ')}${problems.length > 20 ? '…' : ''}`
    });
    (err as unknown as { details: ImportProblem[] }).details = problems;
    throw err;
  }
  if (!good.length)
    throw apiError(400, 'no_rows', { zh: '文件中没有实绩数据行。', en: 'The file has no rows of figures.' });
  await db.transaction(async (tx) => {
    for (const g of good) await writePerformance(tx, actor, g.project.id, g.project.stage, g.value.value, 'import');
  });
  return { imported: good.length, projects: new Set(good.map((g) => g.project.id)).size };
}
