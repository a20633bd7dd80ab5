// The 项目信息表 PDF read back as a reader would: the QR code decoded from the drawn modules (jsQR, an
// independent decoder) gives the public verification address built from PUBLIC_ORIGIN, and a sheet built
// on sample layers says 示意数据 on the page.
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import jsQR from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderSheetPdf } from '../../../src/lib/server/documents/sheet-pdf.ts';
import { publicOrigin } from '../../../src/lib/server/documents/origin.ts';
import type { SheetData } from '../../../src/lib/server/documents/sheet-data.ts';
import { decide, DEFAULT_TOLERANCES } from '../../../src/lib/domain/classification/land-type-rule.ts';

const QR_SIZE = 78; // points, as sheet-pdf.ts draws it

/** Page content streams of a PDF, inflated. */
function contentStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    try {
      out.push(inflateSync(bytes).toString('latin1'));
    } catch {
      /* not a Flate stream (fonts, images) */
    }
    re.lastIndex = end;
  }
  return out;
}

/** Rebuilds the QR bitmap from the filled squares drawn after the white QR_SIZE background, and decodes it. */
function decodeQr(stream: string): string | null {
  const rects = [...stream.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)].map((r) =>
    r.slice(1, 5).map(Number)
  );
  const bg = rects.findIndex(([, , w, h]) => w === QR_SIZE && h === QR_SIZE);
  if (bg < 0) return null;
  const [x0, y0] = rects[bg];
  const cells = rects
    .slice(bg + 1)
    .filter(([x, y, w, h]) => w === h && w < 5 && x >= x0 && y >= y0 && x < x0 + QR_SIZE && y < y0 + QR_SIZE);
  const cell = cells[0][2] - 0.01;
  const modules = Math.round(QR_SIZE / cell);
  const px = 4;
  const size = modules * px;
  const img = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const [x, y] of cells) {
    const c = Math.round((x - x0) / cell),
      r = Math.round((y - y0) / cell);
    for (let dy = 0; dy < px; dy++)
      for (let dx = 0; dx < px; dx++) {
        const i = ((r * px + dy) * size + c * px + dx) * 4;
        img[i] = img[i + 1] = img[i + 2] = 0;
      }
  }
  return jsQR(img, size, size)?.data ?? null;
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  let all = '';
  for (let i = 1; i <= pdf.numPages; i++)
    all +=
      (await (await pdf.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('') + '\n';
  return all;
}

function sheetData(sample: boolean): SheetData {
  const row = (kind: string, purpose: string, code: string | null) => ({
    kind,
    purpose,
    zone_id: 1,
    name: kind === 'district' ? '闵行区' : '城市开发边界',
    code,
    area_m2: 10_000
  });
  const layerVersions = [
    { kind: 'development_boundary', versionId: 1, version: 1, label: 'v1', sample },
    { kind: 'district', versionId: 2, version: 1, label: 'v1', sample }
  ];
  return {
    projectId: '00000000-0000-0000-0000-000000000001',
    projectCode: 'ZL-2026-0001',
    title: '测试项目',
    authorityName: '闵行区',
    stageLabel: '预审',
    form: { enterpriseName: '上海测试有限公司', authorityCode: 'minhang', landArea: 10_000 },
    parcel: null,
    classification: decide({
      parcelAreaM2: 10_000,
      overlaps: [row('development_boundary', 'land_type', null), row('district', 'authority', 'minhang')],
      layerVersions,
      tolerances: DEFAULT_TOLERANCES
    }),
    documents: [],
    mapZones: []
  };
}

afterEach(() => vi.unstubAllEnvs());

describe('the 项目信息表 PDF', () => {
  it('QR code: decodes to the verification address at PUBLIC_ORIGIN, on every copy', async () => {
    vi.stubEnv('PUBLIC_ORIGIN', 'https://zeroland.example.gov.cn/');
    // Behind a proxy the request arrives at an internal address; the printed code must not carry it.
    const verifyUrl = `${publicOrigin(new URL('http://10.0.0.5:3000/projects/x'))}/verify/ABCD-EFGH-JKMN`;
    expect(verifyUrl).toBe('https://zeroland.example.gov.cn/verify/ABCD-EFGH-JKMN');
    const pdf = await renderSheetPdf(sheetData(false), {
      code: 'ABCD-EFGH-JKMN',
      issuedAt: new Date('2026-03-02T02:00:00Z'),
      issuedByName: '测试',
      verifyUrl
    });
    const decoded = contentStreams(pdf)
      .map(decodeQr)
      .filter((d): d is string => d !== null);
    expect(decoded).toEqual([verifyUrl, verifyUrl, verifyUrl]);
  });

  it("without PUBLIC_ORIGIN the request's own origin is used", () => {
    vi.stubEnv('PUBLIC_ORIGIN', '');
    expect(publicOrigin(new URL('https://zl.test:8443/a/b'))).toBe('https://zl.test:8443');
  });

  it('says 示意数据 when the classification used sample layers, and not otherwise', async () => {
    const issue = {
      code: 'ABCD-EFGH-JKMN',
      issuedAt: new Date('2026-03-02T02:00:00Z'),
      issuedByName: '测试',
      verifyUrl: 'https://zl.test/verify/ABCD-EFGH-JKMN'
    };
    const sample = await pdfText(await renderSheetPdf(sheetData(true), issue));
    expect(sample).toContain('示意数据，非官方数据');
    const official = await pdfText(await renderSheetPdf(sheetData(false), issue));
    expect(official).not.toContain('示意数据');
  });
});
