// Exports of recognised parcels over HTTP, and the city dashboard.
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { loginAs } from '../helpers/http.ts';
import { ingestBoundary } from '../../src/lib/geo/ingest.ts';

describe('exports API', () => {
  it('gives the planning bureau the recognised parcels as Shapefile, GeoJSON and KML with the same areas', async () => {
    const planner = await loginAs('city_ghzy');
    const areas: Record<string, number[]> = {};
    for (const format of ['geojson', 'shp', 'kml']) {
      const res = await planner.request('GET', `/api/v1/exports/recognised?format=${format}`);
      expect(res.status, format).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')![1];
      if (format === 'shp')
        expect(
          Object.keys(unzipSync(bytes))
            .map((n) => n.split('.').pop())
            .sort()
        ).toEqual(['cpg', 'dbf', 'prj', 'shp', 'shx']);
      const r = await ingestBoundary([{ name, bytes }]);
      expect(r.features.length, format).toBe(Number(res.headers.get('x-feature-count')));
      areas[format] = r.features.map((f) => f.areaM2).sort();
    }
    expect(areas.geojson.length).toBeGreaterThan(0); // the demo Lingang project is recognised
    for (const f of ['shp', 'kml']) areas[f].forEach((a, i) => expect(a).toBeCloseTo(areas.geojson[i], 4));
  });

  it('shows the dashboard to the city only, and records a measure against a district', async () => {
    const city = await loginAs('city_jxw');
    const dash = await (await city.request('GET', '/api/v1/stats/dashboard')).json();
    expect(dash.districts).toHaveLength(17);
    expect(dash.rules.slowAverageDays).toBe(10);
    expect((await (await loginAs('pd_industry')).request('GET', '/api/v1/stats/dashboard')).status).toBe(403);
    const m = await city.request('POST', '/api/v1/stats/measures', {
      authorityCode: 'jiading',
      measure: 'public_notice',
      note: '认定用时过长，予以通报'
    });
    expect(m.status).toBe(201);
    const list = await (await (await loginAs('jd_industry')).request('GET', '/api/v1/stats/measures')).json();
    expect(
      list.measures.some(
        (x: { measure: string; authorityCode: string }) =>
          x.measure === 'public_notice' && x.authorityCode === 'jiading'
      )
    ).toBe(true);
    const bad = await city.request('POST', '/api/v1/stats/measures', { authorityCode: 'jiading', measure: 'fine' });
    expect(bad.status).toBe(400);
  });
});
