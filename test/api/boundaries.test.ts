// POST /api/v1/boundaries/inspect: the CLI's inspect JSON for an upload, nothing stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../helpers/http.ts';
import { ok, parcelDxf, parcelGeoJson, upload } from './projects-helpers.ts';

let c: Client;
beforeAll(async () => {
  c = await loginAs('ent_pudong');
});

interface Inspect { source: { format: string; crs: string }; features: { areaM2: number; geometry: { type: string } }[]; errors: unknown[] }

describe('boundary inspect', () => {
  it('reads a GeoJSON parcel and a DXF of the same parcel to the same area', async () => {
    const g = await ok<Inspect>(await c.request('POST', '/api/v1/boundaries/inspect', upload('P03.geojson', parcelGeoJson('P03'))));
    expect(g.source.format).toBe('geojson');
    const d = await ok<Inspect>(await c.request('POST', '/api/v1/boundaries/inspect', upload('P03.dxf', parcelDxf('P03'), { crs: 'EPSG:4549' })));
    expect(d.source.format).toBe('dxf');
    expect(d.source.crs).toBe('EPSG:4549');
    // The DXF vertices were rounded to 1 mm, so the areas agree to well under 1 m².
    expect(Math.abs(d.features[0].areaM2 - g.features[0].areaM2)).toBeLessThan(1);
    expect(g.features[0].areaM2).toBeGreaterThan(1000);
  });

  it('a broken file is 400 with the reason in the caller\'s language', async () => {
    const res = await c.request('POST', '/api/v1/boundaries/inspect', upload('bad.geojson', '{"type":"FeatureCollection","features":['));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await (await loginAs('ent_pudong', 'en')).request('POST', '/api/v1/boundaries/inspect', upload('bad.geojson', '{"type":"FeatureCollection","features":['));
    expect((await en.json()).error.message).toMatch(/^[\x20-\x7e]+$/);
  });

  it('a request without a file is 400', async () => {
    const fd = new FormData();
    fd.append('crs', 'auto');
    expect((await c.request('POST', '/api/v1/boundaries/inspect', fd)).status).toBe(400);
  });
});
