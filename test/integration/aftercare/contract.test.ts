// Contract terms, yearly figures (entered, confirmed), verdicts and the city's decision on a proposed finding;
// the supervision map and the exports carry the result.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import {
  confirmPerformance,
  enterPerformance,
  saveContractTerms
} from '../../../src/lib/server/aftercare/contract.service.ts';
import { complianceView, decideProposal } from '../../../src/lib/server/aftercare/compliance.service.ts';
import { uploadSurvey } from '../../../src/lib/server/aftercare/asbuilt.service.ts';
import { supervisionFeatures } from '../../../src/lib/server/supervision/supervision.service.ts';
import { exportRecognised } from '../../../src/lib/server/export/exports.service.ts';
import { trackingRecords } from '../../../src/lib/server/tracking/tracking.service.ts';
import { surveyDxf } from '../../helpers/asbuilt-fixtures.ts';
import { recognisedProject } from './fixture.ts';

const pdf = { name: '土地出让合同.pdf', bytes: new TextEncoder().encode('%PDF-1.4 contract') };

describe('contract performance', () => {
  let db: Db;
  beforeAll(async () => {
    db = await getDb();
  });

  it('records terms with the contract; enterprise figures count only once the district confirms; a failure is proposed and the city confirms it', async () => {
    const p = await recognisedProject(db);
    // 10,000 m² = 15 亩. Contract: tax ≥ 80 万元/亩 from 达产 2022-01-01 (assessed on 2022, due 2023-05-31).
    await expect(
      saveContractTerms(db, p.district, p.id, { fullProductionBy: '2022-01-01', taxPerMu: 80 })
    ).rejects.toMatchObject({ code: 'document_missing' });
    await expect(
      saveContractTerms(db, p.owner, p.id, { fullProductionBy: '2022-01-01', taxPerMu: 80 }, pdf)
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      saveContractTerms(db, p.district, p.id, { fullProductionBy: '2022-01-01', plotRatioMin: 2, plotRatioMax: 1 }, pdf)
    ).rejects.toMatchObject({ code: 'plot_ratio_range' });
    const t = await saveContractTerms(
      db,
      p.district,
      p.id,
      {
        fullProductionBy: '2022-01-01',
        taxPerMu: '80',
        plotRatioMin: '0.6',
        plotRatioMax: '1.5',
        contractNo: '沪规土(2019)出让合同第1号'
      },
      pdf
    );
    expect(t.revision).toBe(1);

    await enterPerformance(db, p.owner, p.id, {
      year: 2022,
      taxWan: 900,
      outputWan: 20000,
      investmentWan: 5000,
      employees: 60
    });
    let c = await complianceView(db, p.district, p.id);
    const tax = () => c.checks.find((x) => x.indicator === 'tax_per_mu')!;
    expect(tax().contract).toBe('not_met'); // today is past 2023-05-31 and nothing is confirmed yet
    expect(tax().contractReason.zh).toContain('仍无经确认的 2022 年及以后实绩');
    await expect(confirmPerformance(db, p.owner, p.id, 2022)).rejects.toMatchObject({ status: 403 });
    await confirmPerformance(db, p.district, p.id, 2022);
    await expect(
      enterPerformance(db, p.owner, p.id, { year: 2022, taxWan: 1, outputWan: 1, investmentWan: 1, employees: 1 })
    ).rejects.toMatchObject({ code: 'already_confirmed' });
    c = await complianceView(db, p.district, p.id);
    expect(tax()).toMatchObject({
      declared: 100,
      contracted: { min: 80 },
      achieved: 60,
      contract: 'not_met',
      declaration: 'not_met',
      basisId: '2022'
    });
    expect(c.compliance).toBe('performance_short');
    const key = 'contract_breach:tax_per_mu:2022';
    expect(c.proposals.find((x) => x.key === key)).toMatchObject({ status: 'open', kind: 'contract_breach' });

    await expect(decideProposal(db, p.district, p.id, { key, decision: 'confirm' })).rejects.toMatchObject({
      status: 403
    });
    await expect(
      decideProposal(db, p.sheitc, p.id, { key: 'false_information:tax_per_mu:2022', decision: 'dismiss' })
    ).rejects.toMatchObject({ code: 'reason_missing' });
    const d = await decideProposal(db, p.sheitc, p.id, { key, decision: 'confirm', reason: '约谈企业后确认' });
    expect(d.findingId).toBeTruthy();
    await expect(decideProposal(db, p.sheitc, p.id, { key, decision: 'confirm' })).rejects.toMatchObject({
      code: 'already_decided'
    });
    const findings = (await trackingRecords(db, p.id)).findings;
    expect(findings).toEqual([
      expect.objectContaining({
        id: d.findingId,
        kind: 'contract_breach',
        description: expect.stringContaining('2022 年 60 万元/亩，低于合同要求 80')
      })
    ]);
    c = await complianceView(db, p.district, p.id);
    expect(c.proposals.find((x) => x.key === key)?.status).toBe('confirmed');
  });

  it('supervision map and exports carry compliance, encroachment and the achieved plot ratio', async () => {
    const p = await recognisedProject(db);
    await uploadSurvey(db, p.district, p.id, [surveyDxf()]);
    const mine = (await supervisionFeatures(db, p.sheitc, { authority: 'pudong' })).find(
      (f) => f.properties.id === p.id
    )!;
    expect(mine.properties).toMatchObject({
      compliance: 'encroaching',
      encroachmentM2: 250,
      plotRatioAchieved: 0.65,
      plotRatioDeclared: 0.7,
      coverage: 0.245,
      complianceColor: '#c0392b'
    });
    expect(
      (await supervisionFeatures(db, p.sheitc, { compliance: 'encroaching' })).some((f) => f.properties.id === p.id)
    ).toBe(true);
    expect(
      (await supervisionFeatures(db, p.sheitc, { compliance: 'compliant' })).some((f) => f.properties.id === p.id)
    ).toBe(false);
    const gj = JSON.parse(new TextDecoder().decode((await exportRecognised(db, p.district, 'geojson')).bytes));
    const code = mine.properties.code;
    expect(
      gj.features.find((f: { properties: { CODE: string } }) => f.properties.CODE === code).properties
    ).toMatchObject({
      COMPLIANCE: '超出地块（新增用地）',
      ENCROACH: 250,
      PR_ACTUAL: 0.65,
      COVERAGE: 0.245,
      FAILED: '零增地（超出认定地块的建筑占地）'
    });
    const x = await exportRecognised(db, p.district, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const row = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === code)!;
    expect(row.getCell(header.indexOf('超出地块面积（平方米）') + 1).value).toBe(250);
    expect(row.getCell(header.indexOf('实际容积率') + 1).value).toBe(0.65);
  });
});

describe('milestone due dates', () => {
  it('late milestones are flagged on the project and wait in the district lead’s inbox', async () => {
    const db = await getDb();
    const { inbox } = await import('../../../src/lib/server/workflow/workflow.service.ts');
    const p = await recognisedProject(db);
    await saveContractTerms(
      db,
      p.district,
      p.id,
      { startBy: '2025-06-30', completeBy: '2026-06-30', fullProductionBy: '2026-12-31', plotRatioMin: 0.5 },
      pdf
    );
    const c = await complianceView(db, p.district, p.id);
    const start = c.schedule.find((s) => s.milestone === 'construction_start')!;
    expect(start).toMatchObject({ due: '2025-06-30', late: true, recordedOn: null });
    const mine = (await inbox(db, p.district)).find((i) => i.project.id === p.id)!;
    expect(mine.overdue).toBe(true);
    expect(mine.dueDate).toBe('2025-05-01'); // EIA filing: 60 days before the start
    expect(mine.actions.map((a) => a.zh)).toContain(
      '跟踪节点逾期：开工建设（应于 2025-06-30 前，已逾期 ' + start.daysLate + ' 天）'
    );
    expect((await inbox(db, p.otherDistrict)).some((i) => i.project.id === p.id)).toBe(false);
  });
});
