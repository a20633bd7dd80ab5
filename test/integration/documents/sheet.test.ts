// 一键成表 end to end on the database: issue → stored PDF → parse the PDF back (pdfjs-dist) → verify codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import {
  currentSheet,
  issueSheet,
  issuedSheets,
  uploadSheetScan,
  verifyCode
} from '../../../src/lib/server/documents/documents.service.ts';
import { COPY_LABELS } from '../../../src/lib/server/documents/sheet-pdf.ts';
import { installWorld, rect, WORLD } from '../classification/fixture.ts';
import { makeFixtureProject, sessionUser } from './fixture.ts';

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  return pages;
}

describe('project information sheet (一键成表)', () => {
  let db: Db;
  let restore: () => Promise<unknown>;
  beforeAll(async () => {
    db = await getDb();
    restore = (await installWorld(db, WORLD, 'sheet-test')).restore;
  });
  afterAll(async () => restore?.());

  const form = {
    enterpriseName: '上海测试精密机械有限公司',
    uscc: '91310000MA1FL4CT3X',
    contactPerson: '李华',
    contactPhone: '13912345678',
    parcelAddress: '闵行区测试路 100 号',
    authorityCode: 'minhang',
    landArea: 40000,
    plotRatioAfter: 1.6,
    contractPlotRatio: 1.2,
    newlyTransferred: false,
    retainedInPlan: true,
    retainedPlanKind: 'regulatory_detailed',
    industryCode: 'C3411'
  };

  it('prints the fields, three copy labels and the code; verifies genuine, then superseded after re-issue; forged is unknown', async () => {
    const lead = await sessionUser(db, 'district_industry', 'minhang');
    // 200 m × 200 m = 40,000 m² = 60 亩, inside the development boundary, clear of blocks and reserves.
    const p = await makeFixtureProject(db, {
      stage: 'preliminary_review',
      authority: 'minhang',
      title: '测试精密机械技术改造项目',
      form,
      geometry: rect(4000, 4000, 4200, 4200)
    });

    const first = await issueSheet(db, lead, p.id, 'https://zeroland.test');
    expect(first.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(first.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Subset-embedded font: the whole six-page sheet stays well under 1 MB (the font file alone is 8 MB).
    expect(first.bytes.length).toBeLessThan(600_000);
    expect(createHash('sha256').update(first.bytes).digest('hex')).toBe(first.sha256);

    const pages = await pdfPages(first.bytes);
    expect(pages).toHaveLength(6);
    const all = pages.join('\n');
    expect(all).toContain('零增地技术改造项目信息表');
    expect(all).toContain('上海测试精密机械有限公司');
    expect(all).toContain('91310000MA1FL4CT3X');
    expect(all).toContain('闵行区测试路 100 号');
    expect(all).toContain('城市开发边界内');
    // The form's declared area, and the area measured from the parcel (EPSG:4549) in m² and 亩 (÷ 666.67).
    expect(all).toContain('40,000（60 亩）');
    const measured = Number(
      (await db.query<{ a: number }>('select area_m2 as a from parcels where project_id = $1', [p.id])).rows[0].a
    );
    const fmt = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
    expect(all).toContain(`${fmt(measured)} 平方米（${fmt(measured / (10000 / 15))} 亩）`);
    expect(all).toContain('控详规划');
    for (const label of COPY_LABELS) expect(all).toContain(label);
    // Each copy's pages carry its own label, and every page the verification code.
    COPY_LABELS.forEach((label, i) => {
      expect(pages[2 * i]).toContain(label);
      expect(pages[2 * i + 1]).toContain(label);
    });
    for (const page of pages) expect(page).toContain(first.code);
    expect(all).toContain(`https://zeroland.test/verify/${first.code}`);
    expect(all).toContain('项目单位（盖章）');
    expect(all).toContain('区产业部门（盖章）');

    const v1 = await verifyCode(db, first.code);
    expect(v1).toMatchObject({ status: 'genuine', projectTitle: '测试精密机械技术改造项目', sha256: first.sha256 });
    // A code typed in lower case with an O for 0 still verifies.
    expect((await verifyCode(db, first.code.toLowerCase().replace(/0/g, 'o'))).status).toBe('genuine');

    const second = await issueSheet(db, lead, p.id, 'https://zeroland.test');
    expect(second.code).not.toBe(first.code);
    expect(second.supersedes).toBe(first.code);
    expect((await verifyCode(db, first.code)).status).toBe('superseded');
    expect((await verifyCode(db, second.code)).status).toBe('genuine');
    expect((await verifyCode(db, 'ABCD-EFGH-JKMN')).status).toBe('unknown');
    expect((await verifyCode(db, 'not a code')).status).toBe('unknown');

    // The stored PDF is the one served, byte for byte; both issues are in the event log.
    const current = await currentSheet(db, p.owner, p.id);
    expect(current.code).toBe(second.code);
    expect(createHash('sha256').update(current.bytes).digest('hex')).toBe(second.sha256);
    const { rows } = await db.query<{ action: string; payload: { code: string } }>(
      `select action, payload from events where project_id = $1 and action = 'issue_sheet' order by id`,
      [p.id]
    );
    expect(rows.map((r) => r.payload.code)).toEqual([first.code, second.code]);
    expect((await issuedSheets(db, lead, p.id)).map((s) => s.status)).toEqual(['genuine', 'superseded']);

    // The stamped scan comes back and is kept with the project, tied to the current sheet.
    const scan = await uploadSheetScan(db, p.owner, p.id, {
      name: '盖章扫描.pdf',
      bytes: new TextEncoder().encode('%PDF-1.4 scan')
    });
    expect(scan.sheetCode).toBe(second.code);
    const files = await db.query<{ kind: string }>(
      `select kind from project_files where project_id = $1 order by kind`,
      [p.id]
    );
    expect(files.rows.map((r) => r.kind)).toEqual(['project_sheet', 'project_sheet', 'sheet_scan']);
  });

  it('refuses the enterprise, other districts and un-reviewed applications', async () => {
    const p = await makeFixtureProject(db, {
      stage: 'submitted',
      authority: 'minhang',
      form,
      geometry: rect(4000, 4000, 4100, 4100)
    });
    const lead = await sessionUser(db, 'district_industry', 'minhang');
    const other = await sessionUser(db, 'district_industry', 'songjiang');
    await expect(issueSheet(db, lead, p.id, 'http://x')).rejects.toMatchObject({ status: 409, code: 'not_reviewed' });
    await expect(issueSheet(db, other, p.id, 'http://x')).rejects.toMatchObject({ status: 404 });
    await expect(issueSheet(db, p.owner, p.id, 'http://x')).rejects.toMatchObject({ status: 403 });
    await expect(currentSheet(db, p.owner, p.id)).rejects.toMatchObject({ status: 404, code: 'no_sheet' });
  });
});
