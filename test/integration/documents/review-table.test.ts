// 申报项目区级联审情况一览表: the latest joint-review round from the event log, as PDF and .xlsx, read back.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { getDb } from '../../../src/lib/server/db/index.ts';
import {
  renderReviewTablePdf,
  renderReviewTableXlsx,
  reviewTableData
} from '../../../src/lib/server/documents/review-table.ts';
import { makeFixtureProject, sessionUser } from './fixture.ts';

describe('joint-review table', () => {
  it('lists each invited department with its opinion, comment and date, and the lead conclusion', async () => {
    const db = await getDb();
    const at = (d: string) => `${d}T10:00:00+08:00`;
    const p = await makeFixtureProject(db, {
      stage: 'decision',
      authority: 'minhang',
      title: '联审测试项目',
      form: { enterpriseName: '上海联审测试有限公司' },
      events: [
        // An earlier round that was restarted: only the latest round is printed.
        { action: 'start_joint_review', at: at('2025-09-01'), payload: { departments: ['planning_resources'] } },
        {
          action: 'record_opinion',
          at: at('2025-09-02'),
          payload: { department: 'planning_resources', opinion: 'disagree' }
        },
        {
          action: 'start_joint_review',
          at: at('2025-10-09'),
          payload: { departments: ['planning_resources', 'ecology_environment', 'development_reform'] }
        },
        {
          action: 'record_opinion',
          at: at('2025-10-10'),
          payload: { department: 'planning_resources', opinion: 'agree' }
        },
        {
          action: 'record_opinion',
          at: at('2025-10-11'),
          payload: { department: 'ecology_environment', opinion: 'conditional' }
        },
        {
          action: 'close_joint_review',
          at: at('2025-10-13'),
          payload: { override: true, unanswered: ['development_reform'] }
        }
      ]
    });
    const lead = await sessionUser(db, 'district_industry', 'minhang');
    const t = await reviewTableData(db, lead, p.id);
    expect(t.lines.map((l) => [l.departmentLabel, l.opinionLabel, l.date])).toEqual([
      ['区规划资源局', '同意', '2025-10-10'],
      ['区生态环境局', '有条件同意', '2025-10-11'],
      ['区发展改革委', '未反馈', null]
    ]);
    expect(t.conclusion).toMatchObject({ date: '2025-10-13', override: true });

    const pdf = await getDocument({ data: new Uint8Array(await renderReviewTablePdf(t)), isEvalSupported: false })
      .promise;
    const text = (await (await pdf.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    for (const s of [
      '申报项目区级联审情况一览表',
      '联审测试项目',
      '上海联审测试有限公司',
      '区规划资源局',
      '有条件同意',
      '未反馈',
      '牵头部门（区产业部门）结论'
    ])
      expect(text).toContain(s);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReviewTableXlsx(t)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '部门', '意见', '意见说明', '日期', '经办人']);
    expect(ws.getRow(4).getCell(2).value).toBe('区规划资源局');
    expect(ws.getRow(4).getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getRow(6).getCell(3).value).toBe('未反馈');

    await expect(
      reviewTableData(db, await sessionUser(db, 'district_industry', 'jinshan'), p.id)
    ).rejects.toMatchObject({ status: 404 });
  });
});
