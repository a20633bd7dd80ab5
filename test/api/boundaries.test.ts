// POST /api/v1/boundaries/inspect: the CLI's inspect JSON for an upload, nothing stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../helpers/http.ts';
import { ok, parcelDxf, parcelGeoJson, upload } from './projects-helpers.ts';

let c: Client;
beforeAll(async () => {
  c = await loginAs('ent_pudong');
});

interface Inspect {
  source: { format: string; crs: string };
  features: { areaM2: number; geometry: { type: string } }[];
  errors: unknown[];
}

describe('boundary inspect', () => {
  it('reads a GeoJSON parcel and a DXF of the same parcel to the same area', async () => {
    const g = await ok<Inspect>(
      await c.request('POST', '/api/v1/boundaries/inspect', upload('P03.geojson', parcelGeoJson('P03')))
    );
    expect(g.source.format).toBe('geojson');
    const d = await ok<Inspect>(
      await c.request('POST', '/api/v1/boundaries/inspect', upload('P03.dxf', parcelDxf('P03'), { crs: 'EPSG:4549' }))
    );
    expect(d.source.format).toBe('dxf');
    expect(d.source.crs).toBe('EPSG:4549');
    // The DXF vertices were rounded to 1 mm, so the areas agree to well under 1 m².
    expect(Math.abs(d.features[0].areaM2 - g.features[0].areaM2)).toBeLessThan(1);
    expect(g.features[0].areaM2).toBeGreaterThan(1000);
  });

  it("a broken file is 400 with the reason in the caller's language", async () => {
    const res = await c.request(
      'POST',
      '/api/v1/boundaries/inspect',
      upload('bad.geojson', '{"type":"FeatureCollection","features":[')
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await (
      await loginAs('ent_pudong', 'en')
    ).request('POST', '/api/v1/boundaries/inspect', upload('bad.geojson', '{"type":"FeatureCollection","features":['));
    expect((await en.json()).error.message).toMatch(/^[\x20-\x7e]+$/);
  });

  it('one upload, named by its id: a CRS change without the file, the attachment by id, nobody else may use it', async () => {
    const first = await c.request(
      'POST',
      '/api/v1/boundaries/inspect',
      upload('P03.dxf', parcelDxf('P03'), { crs: 'EPSG:4549' })
    );
    const a = await ok<Inspect & { upload: { id: string; files: { name: string }[] } }>(first);
    expect(a.upload.id).toMatch(/^[0-9a-f]{64}$/);
    expect(a.upload.files.map((f) => f.name)).toEqual(['P03.dxf']);
    // Another CRS by id (JSON body, no file): the parcel lands outside Shanghai in zone 38, refused for that reason.
    const wrong = await c.request('POST', '/api/v1/boundaries/inspect', { upload: a.upload.id, crs: 'EPSG:4547' });
    expect(wrong.status).toBe(400);
    const again = await ok<Inspect>(
      await c.request('POST', '/api/v1/boundaries/inspect', { upload: a.upload.id, crs: 'EPSG:4549' })
    );
    expect(again.features[0].areaM2).toBe(a.features[0].areaM2);
    // A new application starts from the checked upload (issue 14.2); a replacement boundary is attached by id too.
    const { id } = await ok<{ id: string }>(
      await c.request('POST', '/api/v1/projects', {
        title: '测试企业零增地改造（按编号）',
        upload: a.upload.id,
        crs: 'EPSG:4549'
      }),
      201
    );
    const fd = new FormData();
    fd.append('upload', a.upload.id);
    fd.append('crs', 'EPSG:4549');
    const attached = await ok<{ parcel: { areaM2: number; sourceName: string } }>(
      await c.request('PUT', `/api/v1/projects/${id}/boundary`, fd)
    );
    expect(attached.parcel.sourceName).toBe('P03.dxf');
    expect(Math.abs(attached.parcel.areaM2 - a.features[0].areaM2)).toBeLessThan(1);
    // Another user cannot name it (404, as for an unknown id).
    const other = await loginAs('ent_jiading');
    expect((await other.request('POST', '/api/v1/boundaries/inspect', { upload: a.upload.id })).status).toBe(404);
    expect((await c.request('POST', '/api/v1/boundaries/inspect', { upload: 'f'.repeat(64) })).status).toBe(404);
  });

  it('a request without a file is 400', async () => {
    const fd = new FormData();
    fd.append('crs', 'auto');
    expect((await c.request('POST', '/api/v1/boundaries/inspect', fd)).status).toBe(400);
  });
});
