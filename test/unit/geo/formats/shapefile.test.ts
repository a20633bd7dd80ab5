// Synthetic shapefiles with known answers: ring structure, Z/M dropped, missing .dbf, and the DBF encoding
// order (user → .cpg → language driver byte except 87 → ASCII → GB18030 detection → UTF-8 → latin1).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readBoundaryFiles } from '../../../../src/lib/geo/formats/index.ts';
import { type InputFile, type ReadOptions, type ReadResult } from '../../../../src/lib/geo/types.ts';
import {
  type DbfField,
  type Ring,
  type ShpShape as ShpRecord,
  writeDbf,
  writeShp
} from '../../../../src/lib/server/export/shapefile-writer.ts';
import { makeZip } from './helpers/zip-writer.ts';
import { UserError } from '../../../../src/lib/errors.ts';

// Shapefile spec: outer rings clockwise (y up), holes counter-clockwise.
const square = (x0: number, y0: number, s: number): Ring => [
  [x0, y0],
  [x0, y0 + s],
  [x0 + s, y0 + s],
  [x0 + s, y0],
  [x0, y0]
];
const ccw = (r: Ring): Ring => [...r].reverse();
const OUTER = square(40500000, 3450000, 100);
const HOLE = ccw(square(40500040, 3450040, 20));

function files(
  base: string,
  records: ShpRecord[],
  opts: { type?: number; dbf?: Uint8Array | null; cpg?: string; prj?: string } = {}
): InputFile[] {
  // Z = 7 + index, M = 100 + index, so a reader that kept them would be caught.
  const { shp, shx } = writeShp(records, opts.type ?? 5, { z: (i) => 7 + i, m: (i) => 100 + i });
  const out: InputFile[] = [
    { name: `${base}.shp`, bytes: shp },
    { name: `${base}.shx`, bytes: shx }
  ];
  const dbf =
    opts.dbf === undefined
      ? writeDbf(
          [{ name: 'ID', type: 'N', length: 5 }],
          records.map((_, i) => [i + 1])
        )
      : opts.dbf;
  if (dbf) out.push({ name: `${base}.dbf`, bytes: dbf });
  if (opts.cpg !== undefined) out.push({ name: `${base}.cpg`, bytes: new TextEncoder().encode(opts.cpg) });
  if (opts.prj) out.push({ name: `${base}.prj`, bytes: new TextEncoder().encode(opts.prj) });
  return out;
}

const read = (f: InputFile[], o: ReadOptions = {}) => readBoundaryFiles(f, o);
const refused = async (f: InputFile[], o: ReadOptions = {}) => {
  const e = await read(f, o).then(
    () => null,
    (x: unknown) => x
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
};

describe('shapefile geometry', () => {
  it('a polygon with a hole: one Polygon, outer then hole, coordinates unchanged', async () => {
    const r = await read(files('p', [[OUTER, HOLE]]));
    expect(r.format).toBe('shapefile');
    expect(r.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [OUTER, HOLE] });
  });

  it('a geometry read from the bytes on each reading: the same coordinates every time, as JSON too, and its count', async () => {
    const a = square(40500000, 3450000, 10),
      b = square(40500100, 3450000, 50),
      h = ccw(square(40500120, 3450020, 5));
    const r = await read(
      files('m', [
        [OUTER, HOLE],
        [h, a, b]
      ])
    );
    const [p, m] = r.features.map((f) => f.geometry);
    expect(p.coordinates).toEqual([OUTER, HOLE]);
    expect(p.coordinates).not.toBe(p.coordinates); // fresh arrays: the positions are not kept between readings
    expect(JSON.parse(JSON.stringify(m))).toEqual({ type: 'MultiPolygon', coordinates: [[a], [b, h]] });
    expect(Object.keys(m)).toEqual(['type', 'coordinates']);
    expect((m as { positionCount?: number }).positionCount).toBe(15);
    expect((p as { positionCount?: number }).positionCount).toBe(10);
  });

  it('one-ring records (most parcels): clockwise is a Polygon as it is; counter-clockwise or too short, as before', async () => {
    const cw = square(40500000, 3450000, 10),
      anti = ccw(square(40500100, 3450000, 10)),
      short = cw.slice(0, 3);
    const r = await read(files('one', [[cw], [anti], [short]]));
    expect(r.features.map((f) => f.geometry)).toEqual([
      { type: 'Polygon', coordinates: [cw] },
      { type: 'Polygon', coordinates: [anti] }
    ]);
    expect((r.features[0].geometry as { positionCount?: number }).positionCount).toBe(5);
    expect(r.features.map((f) => f.properties.ID)).toEqual([1, 2]);
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain('shp-ring-orientation');
    expect(codes).toContain('shp-degenerate-ring');
  });

  it('a multipolygon with the hole listed first goes to the part that contains it', async () => {
    const a = square(0, 0, 10),
      b = square(100, 0, 50),
      h = ccw(square(120, 20, 5));
    const r = await read(files('m', [[h, a, b]]));
    expect(r.features[0].geometry).toEqual({ type: 'MultiPolygon', coordinates: [[a], [b, h]] });
    expect(r.warnings.filter((w) => w.code.startsWith('shp-ring'))).toEqual([]);
  });

  it('a hole touching its shell at a vertex still belongs to it', async () => {
    const outer: Ring = [
      [0, 0],
      [0, 10],
      [10, 10],
      [10, 0],
      [0, 0]
    ];
    const hole: Ring = [
      [0, 0],
      [5, 2],
      [5, 5],
      [0, 0]
    ]; // starts on the shell's corner
    expect(hole.length).toBe(4);
    const r = await read(files('t', [[outer, hole]]));
    expect(r.features[0].geometry.type).toBe('Polygon');
  });

  it.each([
    ['all rings counter-clockwise', ccw(OUTER), HOLE],
    ['orientation reversed (outer CCW, hole CW)', ccw(OUTER), ccw(HOLE)]
  ])('%s (writer bugs): nested by containment, reported', async (_, outer, hole) => {
    const r = await read(files('w', [[hole, outer]]));
    expect(r.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [outer, hole] });
    expect(r.warnings.map((w) => w.code)).toContain('shp-ring-orientation');
  });

  it('PolygonZ and PolygonM: Z and M values are dropped, x/y kept exactly', async () => {
    for (const type of [15, 25]) {
      const r = await read(files('z', [[OUTER, HOLE]], { type }));
      expect(r.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [OUTER, HOLE] });
    }
  });

  it('a .shp without .dbf is read (geometry is what matters) with a warning', async () => {
    const r = await read(files('nodbf', [[OUTER]], { dbf: null }));
    expect(r.features).toHaveLength(1);
    expect(r.features[0].properties).toEqual({});
    expect(r.warnings.map((w) => w.code)).toContain('shp-no-dbf');
  });

  it('a line shapefile is refused with the reason', async () => {
    const e = await refused(
      files(
        'roads',
        [
          [
            [
              [0, 0],
              [1, 1]
            ]
          ]
        ],
        { type: 3 }
      )
    );
    expect(e.code).toBe('shp-not-polygon');
    expect(e.en).toMatch(/PolyLine/);
    expect(e.zh).toMatch(/不是面/);
  });

  it('a .shp cut off mid-record keeps the whole records before it and says so', async () => {
    const f = files('cut', [[OUTER], [square(0, 0, 1)]]);
    f[0] = { name: 'cut.shp', bytes: f[0].bytes.subarray(0, f[0].bytes.length - 20) };
    const r = await read(f);
    expect(r.features).toHaveLength(1);
    expect(r.warnings.map((w) => w.code)).toContain('shp-truncated');
  });

  it('.prj text becomes a WKT hint; loose files uploaded together are one shapefile', async () => {
    const wkt = 'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]';
    const r = await read(files('site', [[OUTER]], { prj: wkt }));
    expect(r.crsHint).toEqual({ kind: 'wkt', value: wkt, source: 'site.prj' });
  });

  it('several .shp in one zip: the polygon one is chosen and the others named', async () => {
    const lines = files(
      'roads',
      [
        [
          [
            [0, 0],
            [1, 1]
          ]
        ]
      ],
      { type: 3 }
    );
    const polys = files('用地红线', [[OUTER]]);
    const zip = makeZip([...lines, ...polys].map((f) => ({ name: `data/${f.name}`, data: f.bytes })));
    const r = await read([{ name: 'upload.zip', bytes: zip }]);
    expect(r.sourceLayer).toBe('用地红线');
    expect(r.decisions.find((d) => d.what === 'shapefile')).toEqual({
      what: 'shapefile',
      value: '用地红线',
      rule: 'boundary-name',
      alternatives: ['roads']
    });
    const chosen = await read([{ name: 'upload.zip', bytes: zip }], { layer: 'roads' }).then(
      () => null,
      (e: UserError) => e.code
    );
    expect(chosen).toBe('shp-not-polygon'); // the user's choice is honoured, and refused for the right reason
  });
});

describe('DBF text encoding', () => {
  const fields: DbfField[] = [
    { name: '名称', type: 'C', length: 40 },
    { name: 'AREA', type: 'N', length: 12, decimals: 2 }
  ];
  const rows = [
    ['上海市浦东新区用地红线', 1234.5],
    ['金山区工业地块', 88]
  ];
  const expected = [
    { 名称: '上海市浦东新区用地红线', AREA: 1234.5 },
    { 名称: '金山区工业地块', AREA: 88 }
  ];
  const gbkDbf = (ldid: number) => writeDbf(fields, rows, { encoding: 'gbk', ldid });
  const enc = (r: ReadResult) => r.decisions.find((d) => d.what === 'encoding');

  it('GBK without .cpg and with LDID 0: detected as GB18030, Chinese names and values right', async () => {
    const r = await read(files('gbk', [[OUTER], [square(0, 0, 1)]], { dbf: gbkDbf(0) }));
    expect(r.features.map((f) => f.properties)).toEqual(expected);
    expect(enc(r)).toMatchObject({ value: 'gb18030', rule: 'detect-gb18030-common-hanzi' });
  });

  it('LDID 87 is ignored (tools write it regardless): detection still decides', async () => {
    const r = await read(files('l87', [[OUTER], [square(0, 0, 1)]], { dbf: gbkDbf(0x57) }));
    expect(r.features.map((f) => f.properties)).toEqual(expected);
    expect(enc(r)!.rule).toBe('detect-gb18030-common-hanzi');
  });

  it('LDID 0x4D (936) decides GBK by itself', async () => {
    const r = await read(files('l4d', [[OUTER], [square(0, 0, 1)]], { dbf: gbkDbf(0x4d) }));
    expect(r.features.map((f) => f.properties)).toEqual(expected);
    expect(enc(r)).toMatchObject({ value: 'gbk', rule: 'dbf-ldid' });
  });

  it('UTF-8 without any declaration is detected as UTF-8, not misread as GBK', async () => {
    const r = await read(files('u8', [[OUTER], [square(0, 0, 1)]], { dbf: writeDbf(fields, rows) }));
    expect(r.features.map((f) => f.properties)).toEqual(expected);
    expect(enc(r)).toMatchObject({ value: 'utf-8', rule: 'detect-valid-utf-8' });
  });

  it.each([
    ['GBK', 'gbk'],
    ['936', 'gbk'],
    ['CP936', 'gbk'],
    ['ANSI 936', 'gbk'],
    ['GB2312', 'gbk'],
    [' gb18030\r\n', 'gb18030']
  ])('.cpg "%s" → %s', async (label, value) => {
    const r = await read(files('c', [[OUTER], [square(0, 0, 1)]], { dbf: gbkDbf(0), cpg: label }));
    expect(r.features.map((f) => f.properties)).toEqual(expected);
    expect(enc(r)).toEqual({ what: 'encoding', value, rule: 'cpg' });
  });

  it.each([['UTF-8'], ['utf8'], ['65001']])('.cpg "%s" → utf-8', async (label) => {
    const r = await read(files('c', [[OUTER], [square(0, 0, 1)]], { dbf: writeDbf(fields, rows), cpg: label }));
    expect(r.features.map((f) => f.properties)).toEqual(expected);
    expect(enc(r)).toMatchObject({ value: 'utf-8', rule: 'cpg' });
  });

  it('.cpg "88591" → latin1 (é survives)', async () => {
    const dbf = writeDbf([{ name: 'NAME', type: 'C', length: 10 }], [['Café'], ['Noël']], { encoding: 'latin1' });
    const r = await read(files('c', [[OUTER], [square(0, 0, 1)]], { dbf, cpg: '88591' }));
    expect(r.features.map((f) => f.properties.NAME)).toEqual(['Café', 'Noël']);
    expect(enc(r)).toMatchObject({ value: 'latin1', rule: 'cpg' });
  });

  it('an unknown .cpg label is reported and the next rules decide', async () => {
    const r = await read(files('c', [[OUTER], [square(0, 0, 1)]], { dbf: gbkDbf(0x4d), cpg: 'KLINGON' }));
    expect(r.features.map((f) => f.properties)).toEqual(expected);
    expect(enc(r)!.rule).toBe('dbf-ldid');
    expect(r.warnings.map((w) => w.code)).toContain('encoding-cpg-unknown');
  });

  it("the user's choice beats a wrong .cpg; an unknown choice is the user's error", async () => {
    const r = await read(files('c', [[OUTER], [square(0, 0, 1)]], { dbf: gbkDbf(0), cpg: 'UTF-8' }), {
      encoding: 'GBK'
    });
    expect(r.features.map((f) => f.properties)).toEqual(expected);
    expect(enc(r)).toEqual({ what: 'encoding', value: 'gbk', rule: 'user-choice' });
    expect((await refused(files('c', [[OUTER]]), { encoding: 'nonsense-9' })).code).toBe('encoding-unknown');
  });

  it('a GBK value cut mid-character by the field width still reads as GBK', async () => {
    // 11 bytes: 5 hanzi + the first byte of the 6th; GDAL/mapshaper see this in real files.
    const dbf = writeDbf([{ name: 'N', type: 'C', length: 11 }], [['用地红线地块'], ['浦东新区地块']], {
      encoding: 'gbk',
      cut: 'byte'
    });
    const r = await read(files('cut', [[OUTER], [square(0, 0, 1)]], { dbf }));
    expect(enc(r)!.value).toBe('gb18030');
    expect(String(r.features[0].properties.N).startsWith('用地红线地')).toBe(true);
  });

  it('bytes that are neither GB18030 nor UTF-8 fall back to latin1 with a warning', async () => {
    const dbf = writeDbf([{ name: 'N', type: 'C', length: 4 }], [['x'], ['y']]);
    dbf[dbf.indexOf(0x78)] = 0xff; // 0xFF is invalid in both
    const r = await read(files('bad', [[OUTER], [square(0, 0, 1)]], { dbf }));
    expect(enc(r)!.value).toBe('latin1');
    expect(r.warnings.map((w) => w.code)).toContain('encoding-uncertain');
    expect(iconv.decode(Buffer.from([0xff]), 'latin1')).toBe(r.features[0].properties.N);
  });
});
