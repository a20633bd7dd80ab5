// The documents over HTTP with the demo users: 一键成表, the public /verify page (genuine, superseded, forged),
// the stamped scan, the joint-review table, the statistics workbook.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { baseUrl, loginAs } from '../helpers/http.ts';

const sha = (b: ArrayBuffer) => createHash('sha256').update(new Uint8Array(b)).digest('hex');

async function pudongProjectId() {
  const lead = await loginAs('pd_industry');
  const res = await lead.request('GET', '/api/v1/projects?q=' + encodeURIComponent('精密机械'));
  const body = await res.json();
  const list = (body.projects ?? body) as { id: string; title: string; stage: string }[];
  const p = list.find((x) => x.title.includes('浦东') && x.stage !== 'draft');
  if (!p) throw new Error('demo Pudong project missing: ' + JSON.stringify(body).slice(0, 300));
  return { lead, id: p.id };
}

describe('documents API', () => {
  it('issues the sheet, verifies it publicly, supersedes it on re-issue, and refuses a forged code', async () => {
    const { lead, id } = await pudongProjectId();
    const first = await lead.request('POST', `/api/v1/projects/${id}/sheet.pdf`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    const code1 = first.headers.get('x-verification-code')!;
    const bytes1 = await first.arrayBuffer();
    expect(first.headers.get('x-sha256')).toBe(sha(bytes1));

    // The public page: no cookie at all.
    const page1 = await fetch(`${baseUrl()}/verify/${code1}`);
    expect(page1.status).toBe(200);
    const html1 = await page1.text();
    expect(html1).toContain('data-status="genuine"');
    expect(html1).toContain(sha(bytes1));
    expect(html1).toContain('精密机械');
    expect(html1).not.toContain('上海示意精密机械有限公司'); // only the project name, not the enterprise or other fields

    const second = await lead.request('POST', `/api/v1/projects/${id}/sheet.pdf`);
    const code2 = second.headers.get('x-verification-code')!;
    expect(second.headers.get('x-supersedes')).toBe(code1);
    expect(await (await fetch(`${baseUrl()}/verify/${code1}`)).text()).toContain('data-status="superseded"');
    expect(await (await fetch(`${baseUrl()}/verify/${code2}`)).text()).toContain('data-status="genuine"');
    expect(await (await fetch(`${baseUrl()}/verify/ZZZZ-ZZZZ-ZZZZ`)).text()).toContain('data-status="unknown"');

    // The enterprise downloads the current sheet; a user of another district cannot.
    const ent = await loginAs('ent_pudong');
    const got = await ent.request('GET', `/api/v1/projects/${id}/sheet.pdf`);
    expect(got.status).toBe(200);
    expect(got.headers.get('x-verification-code')).toBe(code2);
    expect((await ent.request('POST', `/api/v1/projects/${id}/sheet.pdf`)).status).toBe(403);
    expect((await (await loginAs('jd_industry')).request('GET', `/api/v1/projects/${id}/sheet.pdf`)).status).toBe(404);

    // The stamped scan comes back; a .exe does not.
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' }), '盖章扫描.jpg');
    const up = await ent.request('POST', `/api/v1/projects/${id}/sheet-scan`, fd);
    expect(up.status).toBe(201);
    expect((await up.json()).sheetCode).toBe(code2);
    const bad = new FormData();
    bad.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'virus.exe');
    const refused = await ent.request('POST', `/api/v1/projects/${id}/sheet-scan`, bad);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toContain('PDF、JPG 或 PNG');
  });

  it('serves the joint-review table as PDF and xlsx, and the statistics workbook', async () => {
    const { lead, id } = await pudongProjectId();
    const pdf = await lead.request('GET', `/api/v1/projects/${id}/review-table?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    const xlsx = await lead.request('GET', `/api/v1/projects/${id}/review-table?format=xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets[0].getCell('A3').value).toBe('序号');
    expect((await lead.request('GET', `/api/v1/projects/${id}/review-table?format=doc`)).status).toBe(400);

    const stats = await lead.request('GET', '/api/v1/stats/summary.xlsx');
    expect(stats.status).toBe(200);
    const sw = new ExcelJS.Workbook();
    await sw.xlsx.load(await stats.arrayBuffer());
    expect(sw.worksheets[0].getCell('A1').value).toBe('项目编号');
    const json = await (await lead.request('GET', '/api/v1/stats/summary')).json();
    expect(sw.worksheets[0].rowCount).toBe(json.count + 1);
    expect(json.projects.every((p: { authorityCode: string }) => p.authorityCode === 'pudong')).toBe(true);
    const bad = await lead.request('GET', '/api/v1/stats/summary?stage=nonsense');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('stage');
    expect((await (await loginAs('ent_pudong')).request('GET', '/api/v1/stats/summary')).status).toBe(403);
  });
});
