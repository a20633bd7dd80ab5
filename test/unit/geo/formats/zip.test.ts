// Safe unzip: bombs refused by declared and by actual size, traversal names refused, GBK member names read,
// junk and folders handled, damaged archives refused with a reason.
import iconv from 'iconv-lite';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBoundaryFiles } from '../../../../src/lib/geo/formats/index.ts';
import { DEFAULT_ZIP_LIMITS, unzipSafe } from '../../../../src/lib/geo/io/zip.ts';
import { type Ring, writeDbf, writeShp } from '../../../../src/lib/server/export/shapefile-writer.ts';
import { makeZip } from './helpers/zip-writer.ts';
import { inputErrorOf } from '../../../helpers/input-error.ts';
import { UserError } from '../../../../src/lib/errors.ts';

/** Bytes that are not a deflate stream: if the reader tried to inflate them it would report "damaged". */
const NOT_DEFLATE = new Uint8Array(4096).fill(0xff);
const square: Ring = [
  [0, 0],
  [0, 10],
  [10, 10],
  [10, 0],
  [0, 0]
];

describe('zip limits', () => {
  it('declared sizes over the total limit are refused before any inflating', () => {
    // Three members of 100 MB declared, each at a plausible 100:1 ratio: only the total gives them away.
    const payload = new Uint8Array(1024 * 1024).fill(0xff);
    const zip = makeZip(
      [1, 2, 3].map((i) => ({
        name: `big${i}.dbf`,
        data: new Uint8Array(0),
        rawPayload: payload,
        declaredSize: 100 * 1024 * 1024
      }))
    );
    const e = inputErrorOf(() => unzipSafe(zip, 'bomb.zip'));
    expect(e.code).toBe('zip-too-large'); // not 'zip-corrupt': the invalid payload was never touched
    expect(e.en).toMatch(/declared 314572800 bytes > 209715200/);
    // A classic single-member bomb (1.5 GB declared) is refused the same way.
    const one = makeZip([
      { name: 'big.shp', data: new Uint8Array(0), rawPayload: NOT_DEFLATE, declaredSize: 1_500_000_000 }
    ]);
    expect(inputErrorOf(() => unzipSafe(one, 'bomb1.zip')).code).toBe('zip-too-large');
  });

  it('an abnormal declared ratio is refused before inflating', () => {
    const zip = makeZip([
      { name: 'a.dbf', data: new Uint8Array(0), rawPayload: NOT_DEFLATE, declaredSize: 50 * 1024 * 1024 }
    ]);
    const e = inputErrorOf(() => unzipSafe(zip, 'ratio.zip'));
    expect(e.code).toBe('zip-too-large');
    expect(e.en).toMatch(/12800:1/);
  });

  it('a lying header (small declared size, huge real output) is stopped while inflating', () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const payload = deflateSync(zeros, { level: 1 });
    const zip = makeZip([{ name: 'x.shp', data: zeros.subarray(0, 1000), rawPayload: payload, declaredSize: 1000 }]);
    const before = process.memoryUsage().arrayBuffers;
    const e = inputErrorOf(() => unzipSafe(zip, 'liar.zip'));
    expect(e.code).toBe('zip-too-large');
    expect(e.en).toMatch(/more data than declared/);
    // Stopped after the first step: far less than the 64 MB the stream would produce is still held.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('the total budget holds across entries (each one honest, together too big)', () => {
    const data = new Uint8Array(600 * 1024).fill(7);
    const zip = makeZip([1, 2, 3].map((i) => ({ name: `f${i}.dbf`, data, method: 0 as const })));
    const limits = { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1024 * 1024 };
    expect(inputErrorOf(() => unzipSafe(zip, 'many.zip', limits)).code).toBe('zip-too-large');
    expect(unzipSafe(zip, 'many.zip').entries).toHaveLength(3);
  });

  it('too many members are refused from the directory alone', () => {
    const zip = makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: new Uint8Array([65]) })));
    const e = inputErrorOf(() => unzipSafe(zip, 'flood.zip', { ...DEFAULT_ZIP_LIMITS, maxEntries: 20 }));
    expect(e.code).toBe('zip-too-many-entries');
  });
});

describe('zip names', () => {
  it.each(['../../etc/passwd.shp', '/etc/site.shp', 'C:\\Windows\\site.shp', 'ok/../../x.dbf'])(
    'refuses the traversal name %s',
    (name) => {
      const zip = makeZip([{ name, data: new Uint8Array([1]) }]);
      const e = inputErrorOf(() => unzipSafe(zip, 'slip.zip'));
      expect(e.code).toBe('zip-unsafe-path');
      expect(e.zh).toContain('不安全');
    }
  );

  it('GBK member names without the UTF-8 flag (as Windows tools write them) come out right', async () => {
    const { shp, shx } = writeShp([[square]]);
    const dbf = writeDbf([{ name: 'ID', type: 'N', length: 4 }], [[1]]);
    const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
    const zip = makeZip([
      { name: gbk('浦东新区/用地红线.shp'), data: shp, utf8Flag: false },
      { name: gbk('浦东新区/用地红线.shx'), data: shx, utf8Flag: false },
      { name: gbk('浦东新区/用地红线.dbf'), data: dbf, utf8Flag: false }
    ]);
    const u = unzipSafe(zip, 'gbk.zip');
    expect(u.entries.map((e) => e.path)).toEqual([
      '浦东新区/用地红线.shp',
      '浦东新区/用地红线.shx',
      '浦东新区/用地红线.dbf'
    ]);
    expect(u.decisions).toContainEqual(expect.objectContaining({ what: 'zip-name-encoding', value: 'gb18030' }));
    const r = await readBoundaryFiles([{ name: 'gbk.zip', bytes: zip }], {});
    expect(r.sourceLayer).toBe('用地红线');
    expect(r.features[0].properties).toEqual({ ID: 1 });
  });

  it('UTF-8 flagged names, nested folders and __MACOSX junk', () => {
    const zip = makeZip([
      { name: 'a/b/c/红线.kml', data: new Uint8Array([60]) },
      { name: '__MACOSX/a/b/c/._红线.kml', data: new Uint8Array([0, 5, 22]) },
      { name: 'a/.DS_Store', data: new Uint8Array([0]) },
      { name: 'a/b/', data: new Uint8Array(0), method: 0 }
    ]);
    expect(unzipSafe(zip, 'mac.zip').entries.map((e) => e.path)).toEqual(['a/b/c/红线.kml']);
  });
});

describe('damaged zips', () => {
  const good = makeZip([
    {
      name: 'a.geojson',
      data: new TextEncoder().encode('{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[0,0]]]}'.repeat(1))
    }
  ]);

  it('a zip cut short (no central directory) is refused as damaged', async () => {
    const e = await readBoundaryFiles([{ name: 'cut.zip', bytes: good.subarray(0, good.length - 30) }], {}).then(
      () => null,
      (x) => x
    );
    expect((e as UserError).code).toBe('zip-corrupt');
  });

  it('a corrupted deflate stream is refused as damaged, not a crash', () => {
    const zip = makeZip([{ name: 'a.dbf', data: new Uint8Array(100), rawPayload: NOT_DEFLATE.subarray(0, 50) }]);
    expect(inputErrorOf(() => unzipSafe(zip, 'bad.zip')).code).toBe('zip-corrupt');
  });

  it('a zip inside a zip is opened (one level)', async () => {
    const inner = makeZip([
      {
        name: 'site.geojson',
        data: new TextEncoder().encode('{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[0,0]]]}')
      }
    ]);
    const r = await readBoundaryFiles(
      [{ name: 'outer.zip', bytes: makeZip([{ name: 'inner.zip', data: inner }]) }],
      {}
    );
    expect(r.format).toBe('geojson');
  });

  it('a KMZ is a zip whose doc.kml is read, format kmz', async () => {
    const kml =
      '<kml><Placemark><name>地块</name><Polygon><outerBoundaryIs><LinearRing><coordinates>121,31 121.01,31 121.01,31.01 121,31</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>';
    const zip = makeZip([
      { name: 'doc.kml', data: new TextEncoder().encode(kml) },
      { name: 'files/other.kml', data: new TextEncoder().encode('<kml/>') }
    ]);
    const r = await readBoundaryFiles([{ name: 'site.kmz', bytes: zip }], {});
    expect(r.format).toBe('kmz');
    expect(r.features[0].properties.name).toBe('地块');
    expect(r.decisions).toContainEqual({
      what: 'kmz-document',
      value: 'doc.kml',
      rule: 'doc.kml',
      alternatives: ['files/other.kml']
    });
  });
});
