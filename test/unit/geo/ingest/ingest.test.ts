// The pipeline after the readers (processReadResult) and end to end (ingestBoundary, zeroland inspect).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { ingestBoundary, processReadResult, streamReadResult } from '../../../../src/lib/geo/ingest.ts';
import type { ReadResult } from '../../../../src/lib/geo/types.ts';
import { inputErrorOf } from '../../../helpers/input-error.ts';
import { dxf, encode, GK_X, GK_Y, lwpolyline, square } from '../cad/dxf-writer.ts';
import type { Polygon } from 'geojson';

type XY = [number, number];
const ROOT = new URL('../../../../', import.meta.url).pathname;
const CORPUS = join(ROOT, '../shared/corpus/');
const hasCorpus = existsSync(CORPUS);
if (!hasCorpus) console.warn(`corpus not found at ${CORPUS}: skipping corpus ingest tests`);

const Z40 = '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=40500000 +y_0=0 +ellps=GRS80 +units=m';
/** 200 × 150 m rectangle in zone-40 coordinates with its SW corner at 121.22E 31.03N (松江). */
const z40Ring = (): XY[] => {
  const [x, y] = proj4('WGS84', Z40, [121.22, 31.03]);
  return [
    [x, y],
    [x + 200, y],
    [x + 200, y + 150],
    [x, y + 150],
    [x, y]
  ];
};
const rr = (ring: XY[], extra: Partial<ReadResult> = {}): ReadResult => ({
  format: 'dxf',
  features: [{ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
  decisions: [],
  warnings: [],
  ...extra
});

describe('processReadResult', () => {
  it('reports the inspect JSON shape with source and 4490 geometry', () => {
    const r = processReadResult(rr(z40Ring()));
    expect(r.source).toMatchObject({
      format: 'dxf',
      crs: 'EPSG:4528',
      crsDetected: true,
      rule: 'gk3-zone-prefix',
      axesSwapped: false
    });
    expect(r.features[0]).toMatchObject({ valid: true, properties: { name: 'A' } });
    expect(r.features[0].areaM2).toBeCloseTo(30000, -1);
    expect(r.features[0].areaMu).toBeCloseTo(45, 1);
    expect(r.decisions.at(-1)).toMatchObject({ what: 'crs', value: 'EPSG:4528' });
    expect(r.warnings.map((w) => w.code)).toContain('crs-detected');
  });

  it('user choice beats the file hint, which beats detection', () => {
    const hint = { kind: 'epsg' as const, value: 'EPSG:4528', source: 'test' };
    expect(processReadResult(rr(z40Ring(), { crsHint: hint })).source).toMatchObject({
      crs: 'EPSG:4528',
      crsDetected: false,
      rule: 'file-epsg'
    });
    // The user says Beijing 1954 zone 40: obeyed (and ~100 m away from the CGCS2000 reading).
    expect(processReadResult(rr(z40Ring(), { crsHint: hint }), { crs: 'EPSG:2416' }).source).toMatchObject({
      crs: 'EPSG:2416',
      rule: 'user',
      confidence: 1
    });
  });

  it('survey-style X/Y (northing first) with a declared CRS is swapped back and said so', () => {
    const r = processReadResult(
      rr(
        z40Ring().map(([x, y]): XY => [y, x]),
        { crsHint: { kind: 'survey-header', value: '坐标系=2000国家大地坐标系\n几度分带=3\n带号=40', source: 'txt' } }
      )
    );
    expect(r.source).toMatchObject({ crs: 'EPSG:4528', axesSwapped: true });
    expect(r.warnings.map((w) => w.code)).toContain('crs-axes-swapped');
    expect(r.features[0].areaM2).toBeCloseTo(30000, -1);
  });

  it('outside Shanghai: lon/lat elsewhere is refused, naming where it lands; allowed when the check is off', () => {
    const london: XY[] = [
      [-0.12, 51.5],
      [-0.11, 51.5],
      [-0.11, 51.51],
      [-0.12, 51.51],
      [-0.12, 51.5]
    ];
    const e = inputErrorOf(() => processReadResult(rr(london, { format: 'geojson' })));
    expect(e.code).toBe('crs-outside-shanghai');
    expect(e.en).toMatch(/0\.1150°W 51\.5050°N/);
    expect(processReadResult(rr(london, { format: 'geojson' }), { requireShanghai: false }).source.crs).toBe(
      'EPSG:4326'
    );
  });

  it('wrong CRS given: names the CRS the data looks like', () => {
    const e = inputErrorOf(() => processReadResult(rr(z40Ring()), { crs: 'EPSG:4549' }));
    expect(e.code).toBe('crs-wrong');
    expect(e.en).toMatch(/EPSG:4528/);
  });

  it('wrong units (a millimetre drawing read as metres with a declared CRS) are named', () => {
    const mm = z40Ring().map(([x, y]): XY => [x * 1000, y * 1000]);
    const e = inputErrorOf(() => processReadResult(rr(mm), { crs: 'EPSG:4528' }));
    expect(e.code).toBe('crs-wrong-units');
    expect(e.en).toMatch(/millimetres/);
    // Without a declaration detection rescales, warning the user.
    const r = processReadResult(rr(mm));
    expect(r.source.unitsToMetres).toBe(0.001);
    expect(r.warnings.map((w) => w.code)).toContain('crs-units-rescaled');
  });

  it('a British National Grid-like CAD-free file is named as such; a small-valued drawing as not georeferenced', () => {
    const bng: XY[] = [
      [530000, 180000],
      [530200, 180000],
      [530200, 180150],
      [530000, 180000]
    ];
    expect(inputErrorOf(() => processReadResult(rr(bng, { format: 'geojson' }))).en).toMatch(/EPSG:27700/);
    const drawing: XY[] = [
      [0, 0],
      [20, 0],
      [20, 15],
      [0, 15],
      [0, 0]
    ];
    expect(inputErrorOf(() => processReadResult(rr(drawing))).code).toBe('crs-not-georeferenced');
  });

  it('上海2000 results carry the approximation warning', () => {
    const r = processReadResult(
      rr([
        [1200, -3400],
        [1400, -3400],
        [1400, -3250],
        [1200, -3250],
        [1200, -3400]
      ])
    );
    expect(r.source.crs).toBe('SH2000');
    expect(r.source.approximate?.en).toMatch(/approximation/);
    expect(r.warnings.map((w) => w.code)).toContain('crs-approximate');
  });
});

describe('ingestBoundary end to end', () => {
  it('a GeoJSON FeatureCollection in EPSG:4528 with a crs member', async () => {
    const gj = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4528' } },
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [z40Ring()] } }]
    };
    const r = await ingestBoundary([{ name: 'parcel.geojson', bytes: new TextEncoder().encode(JSON.stringify(gj)) }]);
    expect(r.source).toMatchObject({ format: 'geojson', crs: 'EPSG:4528', crsDetected: false });
    expect(Math.abs(r.features[0].areaM2 - 30000)).toBeLessThan(30);
  });

  it.skipIf(!hasCorpus)(
    'a corpus shapefile from England is refused with the reason (its own .prj puts it outside Shanghai)',
    async () => {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, 'shp/gdal_poly.zip')));
      await expect(ingestBoundary([{ name: 'gdal_poly.zip', bytes }])).rejects.toMatchObject({
        code: 'crs-outside-shanghai'
      });
      const r = await ingestBoundary([{ name: 'gdal_poly.zip', bytes }], { requireShanghai: false });
      expect(r.source.rule).toBe('file-wkt');
      expect(r.features.length).toBe(10);
    }
  );
});

describe('streamReadResult (a feature at a time)', () => {
  const two = (first: XY[], second: XY[]): ReadResult => {
    const r = rr(first);
    r.features.push({ ...r.features[0], geometry: { type: 'Polygon', coordinates: [second] } });
    return r;
  };
  const broken = (): XY[] => z40Ring().map(([x, y], i) => (i === 2 ? [x, NaN] : [x, y]));

  it('gives the same result as processReadResult, its warnings complete once the features are read', () => {
    const read = () => two(z40Ring(), broken());
    const whole = processReadResult(read(), { requireShanghai: false });
    const { extentSettled, ...s } = streamReadResult(read(), { requireShanghai: false });
    expect(extentSettled).toBe(true); // nothing to check: nothing can be refused later
    expect(s.errors).toEqual([]);
    const features = [...s.features];
    expect({ ...s, features }).toEqual(whole);
    expect(features.map((f) => f.valid)).toEqual([true, false]);
    expect(s.errors.map((e) => e.code)).toEqual(['ring-bad-coordinate']);
  });

  it('throws no-valid-polygon only at the end of the features, after giving out each invalid one', () => {
    const s = streamReadResult(two(broken(), broken()), { requireShanghai: false });
    const it = s.features[Symbol.iterator]();
    expect(it.next().value).toMatchObject({ valid: false });
    expect(it.next().value).toMatchObject({ valid: false });
    expect(inputErrorOf(() => it.next())?.code).toBe('no-valid-polygon');
  });

  it('with checkFirst, a feature outside Shanghai is refused before any feature is given out', () => {
    // 500 km east: in zone 40's numbers, but beyond Shanghai (named as a wrong zone)
    const far = z40Ring().map(([x, y]): XY => [x + 500_000, y]);
    expect(
      inputErrorOf(() => streamReadResult(two(z40Ring(), far), { crs: 'EPSG:4528', checkFirst: true }))?.code
    ).toBe('crs-wrong-zone');
    // without it, feature by feature: the first is given out, the second refused
    const it = streamReadResult(two(z40Ring(), far), { crs: 'EPSG:4528' }).features[Symbol.iterator]();
    expect(it.next().value).toMatchObject({ valid: true });
    expect(inputErrorOf(() => it.next())?.code).toBe('crs-wrong-zone');
  });

  it('checkFirstAbove: a file of no more positions is checked feature by feature, and says so', () => {
    const far = z40Ring().map(([x, y]): XY => [x + 500_000, y]);
    const positions = 2 * z40Ring().length;
    const opts = { crs: 'EPSG:4528', checkFirst: true };
    expect(
      inputErrorOf(() => streamReadResult(two(z40Ring(), far), { ...opts, checkFirstAbove: positions - 1 }))?.code
    ).toBe('crs-wrong-zone');
    const s = streamReadResult(two(z40Ring(), far), { ...opts, checkFirstAbove: positions });
    expect(s.extentSettled).toBe(false);
    const it = s.features[Symbol.iterator]();
    expect(it.next().value).toMatchObject({ valid: true });
    expect(inputErrorOf(() => it.next())?.code).toBe('crs-wrong-zone');
    expect(streamReadResult(two(z40Ring(), z40Ring()), { ...opts, checkFirstAbove: positions - 1 }).extentSettled).toBe(
      true
    );
  });
});

describe('DXF units end to end', () => {
  // AutoCAD's metric template says millimetres ($INSUNITS=4); survey drawings keep it whether they are drawn in
  // metres or in millimetres. Both must land where they are, at their area (they were read 1,000 times too small:
  // the reader scaled them and the CRS stage scaled again).
  const drawn = (k: number) =>
    encode(
      dxf({
        insunits: 4,
        layers: ['0', '红线'],
        entities: [lwpolyline('红线', square(GK_X * k, GK_Y * k, 50 * k), true)]
      })
    );
  it.each([
    ['metres kept by the metric template', 1],
    ['true millimetres', 1000]
  ])('%s: 2,500 m² in Shanghai, declared or detected', async (_, k) => {
    for (const crs of ['EPSG:4549', undefined]) {
      const r = await ingestBoundary([{ name: 'site.dxf', bytes: drawn(k) }], { crs });
      expect(r.source.crs).toBe('EPSG:4549');
      expect(r.source.unitsToMetres).toBe(1);
      expect(r.features[0].areaM2).toBeCloseTo(2500, 0);
      const [lon, lat] = (r.features[0].geometry as Polygon).coordinates[0][0];
      expect(lon).toBeCloseTo(121.0, 0);
      expect(lat).toBeCloseTo(31.1, 1);
    }
  });
});

describe('zeroland inspect (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zeroland-inspect-'));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin/zeroland'), 'inspect', ...args], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_US.UTF-8' },
      maxBuffer: 64 << 20
    });

  it('--json prints the inspect JSON; exit 0', () => {
    const f = join(dir, 'p.geojson');
    writeFileSync(
      f,
      JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [z40Ring()] } })
    );
    const p = run(f, '--json');
    expect(p.status).toBe(0);
    const j = JSON.parse(p.stdout);
    expect(j.source.crs).toBe('EPSG:4528');
    expect(j.features[0].areaM2).toBeGreaterThan(29970);
    const h = run(f);
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/EPSG:4528/);
    expect(h.stdout).toMatch(/亩/);
  }, 30_000);

  it('a bad file exits 2 with one line and no stack trace', () => {
    const f = join(dir, 'bad.geojson');
    writeFileSync(
      f,
      JSON.stringify({
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [-0.12, 51.5],
              [-0.11, 51.5],
              [-0.11, 51.51],
              [-0.12, 51.5]
            ]
          ]
        }
      })
    );
    const p = run(f);
    expect(p.status).toBe(2);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stderr).toMatch(/outside Shanghai/);
    expect(run(join(dir, 'missing.shp')).status).toBe(2);
  }, 30_000);

  // --json writes each feature as it is validated: an error decided after the first feature must still leave
  // stdout empty (nothing half-written for `| jq` or `> out.json`).
  const collection = (...rings: number[][][]) =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: rings.map((r) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [r] } }))
    });
  const london = [
    [-0.12, 51.5],
    [-0.11, 51.5],
    [-0.11, 51.51],
    [-0.12, 51.5]
  ];

  it('--json: a file whose last feature is outside Shanghai exits 2 with nothing on stdout', () => {
    const f = join(dir, 'late-outside.geojson');
    const inside = [
      [121.4, 31.2],
      [121.401, 31.2],
      [121.401, 31.201],
      [121.4, 31.2]
    ];
    // ~1 MB of JSON before London: more than the writer's 64 KB buffer, so held back, not merely unsent
    writeFileSync(f, collection(...Array.from({ length: 2000 }, () => inside), london));
    const p = run(f, '--json', '--crs', 'EPSG:4490');
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr).toMatch(/outside Shanghai/);
  }, 30_000);

  it('--json: the same for a file too big to be kept back (over 100,000 positions), checked before writing', () => {
    const f = join(dir, 'big-late-outside.geojson');
    // a 100 m circle of 100,001 positions near People's Square, then London
    const n = 100_000;
    const circle = Array.from({ length: n + 1 }, (_, i) => {
      const a = (2 * Math.PI * (i % n)) / n;
      return [121.475 + 0.001 * Math.cos(a), 31.23 + 0.001 * Math.sin(a)];
    });
    writeFileSync(f, collection(circle, london));
    const p = run(f, '--json', '--crs', 'EPSG:4490');
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr).toMatch(/outside Shanghai/);
    // without London it is written whole
    writeFileSync(f, collection(circle));
    const ok = run(f, '--json', '--crs', 'EPSG:4490');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).features[0].geometry.coordinates[0]).toHaveLength(n + 1);
  }, 60_000);
});
