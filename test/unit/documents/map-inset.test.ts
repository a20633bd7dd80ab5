// Issue 14.3: the 项目信息表's 地块位置示意图 has an inset of the whole district with the parcel marked, so a
// reader of the printed sheet sees where in the district the parcel lies.
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { MultiPolygon, Polygon } from 'geojson';
import { renderSheetPdf } from '../../../src/lib/server/documents/sheet-pdf.ts';
import type { SheetData } from '../../../src/lib/server/documents/sheet-data.ts';

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  let all = '';
  for (let i = 1; i <= pdf.numPages; i++)
    all +=
      (await (await pdf.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('') + '\n';
  return all;
}

const parcel: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [121.4, 31.1],
        [121.402, 31.1],
        [121.402, 31.102],
        [121.4, 31.102],
        [121.4, 31.1]
      ]
    ]
  ]
};
const district: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [121.3, 31.0],
      [121.6, 31.0],
      [121.6, 31.2],
      [121.3, 31.2],
      [121.3, 31.0]
    ]
  ]
};

const data = (withDistrict: boolean): SheetData => ({
  projectId: '00000000-0000-0000-0000-000000000001',
  projectCode: 'ZL-2026-0001',
  title: '测试项目',
  authorityName: '闵行区',
  stageLabel: '预审',
  form: { enterpriseName: '上海测试有限公司', authorityCode: 'minhang', landArea: 10_000 },
  parcel: { areaM2: 45_000, geometry: parcel, sourceCrs: 'EPSG:4549' },
  classification: null,
  documents: [],
  mapZones: [],
  mapDistrict: withDistrict ? { name: '闵行区', geometry: district } : null
});
const issue = {
  code: 'ABCD-EFGH-JKMN',
  issuedAt: new Date('2026-03-02T02:00:00Z'),
  issuedByName: '测试',
  verifyUrl: 'https://zl.test/verify/ABCD-EFGH-JKMN'
};

describe('the location figure of the 项目信息表', () => {
  it('has an inset naming the district when the district is known', async () => {
    const pdf = await renderSheetPdf(data(true), issue);
    if (process.env.SCREENSHOTS)
      (await import('node:fs')).writeFileSync(`${process.env.SCREENSHOTS}/sheet-inset.pdf`, pdf);
    expect(await pdfText(pdf)).toContain('闵行区（位置示意）');
  });
});
