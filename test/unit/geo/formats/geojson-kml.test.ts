// GeoJSON and KML readers on synthetic input with known answers, plus their failure messages.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readBoundaryFiles } from '../../../../src/lib/geo/formats/index.ts';
import { type ReadOptions } from '../../../../src/lib/geo/types.ts';
import { UserError } from '../../../../src/lib/errors.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const read = (name: string, text: string | Uint8Array, o: ReadOptions = {}) =>
  readBoundaryFiles([{ name, bytes: typeof text === 'string' ? enc(text) : text }], o);
const refused = async (name: string, text: string | Uint8Array) => {
  const e = await read(name, text).then(
    () => null,
    (x: unknown) => x
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
};

const OUTER = [
  [40500000, 3450000],
  [40500100, 3450000],
  [40500100, 3450100],
  [40500000, 3450100],
  [40500000, 3450000]
];
const HOLE = [
  [40500040, 3450040],
  [40500040, 3450060],
  [40500060, 3450060],
  [40500060, 3450040],
  [40500040, 3450040]
];

describe('GeoJSON', () => {
  it('FeatureCollection with a crs member (EPSG:4528) and Chinese properties', async () => {
    const fc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4528' } },
      features: [
        { type: 'Feature', properties: { 名称: '用地红线' }, geometry: { type: 'Polygon', coordinates: [OUTER, HOLE] } }
      ]
    };
    const r = await read('site.geojson', JSON.stringify(fc));
    expect(r.features).toEqual([
      { type: 'Feature', properties: { 名称: '用地红线' }, geometry: { type: 'Polygon', coordinates: [OUTER, HOLE] } }
    ]);
    expect(r.crsHint).toEqual({ kind: 'epsg', value: '4528', source: 'site.geojson: crs' });
  });

  it('bare geometry, single Feature, and UTF-8 BOM; Z dropped', async () => {
    const withZ = OUTER.map((p) => [...p, 4.5]);
    const bare = await read(
      'a.json',
      '\uFEFF' + JSON.stringify({ type: 'MultiPolygon', coordinates: [[withZ], [HOLE]] })
    );
    expect(bare.features[0].geometry).toEqual({ type: 'MultiPolygon', coordinates: [[OUTER], [HOLE]] });
    const one = await read(
      'b.json',
      JSON.stringify({ type: 'Feature', id: 7, properties: null, geometry: { type: 'Polygon', coordinates: [OUTER] } })
    );
    expect(one.features[0].properties).toEqual({ id: 7 });
    expect(one.crsHint).toBeUndefined();
  });

  it('GeometryCollection: polygons kept, others skipped with a warning naming them', async () => {
    const gc = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [1, 2] },
        { type: 'Polygon', coordinates: [OUTER] }
      ]
    };
    const r = await read('gc.geojson', JSON.stringify(gc));
    expect(r.features).toHaveLength(1);
    expect(r.warnings.find((w) => w.code === 'geojson-skipped')!.en).toContain('Point×1');
  });

  it('invalid JSON says where (line and column)', async () => {
    const e = await refused('bad.geojson', '{\n  "type": "Polygon",\n  "coordinates": [[[0,0],[1,0]],]\n}');
    expect(e.code).toBe('geojson-syntax');
    expect(e.en).toMatch(/syntax error at line 3, column \d+/);
    expect(e.zh).toMatch(/第 3 行/);
  });

  it('truncated JSON is called truncated', async () => {
    const full = JSON.stringify({ type: 'Polygon', coordinates: [OUTER] });
    const e = await refused('cut.geojson', full.slice(0, 40));
    expect(e.code).toBe('geojson-syntax');
    expect(e.en).toMatch(/ends early/);
  });

  it('non-numeric coordinates are refused with the path', async () => {
    const e = await refused(
      'x.geojson',
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            ['a', 1],
            [1, 1],
            [0, 0]
          ]
        ]
      })
    );
    expect(e.code).toBe('geojson-invalid');
    expect(e.en).toContain('geometry[0][1]');
  });
});

const kml = (body: string, decl = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${decl}\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`;
const ring = (pts: number[][]) =>
  `<LinearRing><coordinates>${pts.map((p) => p.join(',')).join(' ')}</coordinates></LinearRing>`;
const LON = [
  [121.5, 31.2, 0],
  [121.51, 31.2, 0],
  [121.51, 31.21, 0],
  [121.5, 31.21, 0],
  [121.5, 31.2, 0]
];
const LON_HOLE = [
  [121.502, 31.202],
  [121.502, 31.204],
  [121.504, 31.204],
  [121.502, 31.202]
];
const two = (pts: number[][]) => pts.map((p) => [p[0], p[1]]);

describe('KML', () => {
  it('polygon with a hole, name and ExtendedData; WGS84 hint', async () => {
    const r = await read(
      'a.kml',
      kml(`<Placemark><name>浦东 &amp; 地块</name><ExtendedData><Data name="编号"><value>PD-01</value></Data></ExtendedData>
      <Polygon><outerBoundaryIs>${ring(LON)}</outerBoundaryIs><innerBoundaryIs>${ring(LON_HOLE)}</innerBoundaryIs></Polygon></Placemark>`)
    );
    expect(r.features).toEqual([
      {
        type: 'Feature',
        properties: { name: '浦东 & 地块', 编号: 'PD-01' },
        geometry: { type: 'Polygon', coordinates: [two(LON), LON_HOLE] }
      }
    ]);
    expect(r.crsHint).toMatchObject({ kind: 'epsg', value: '4326' });
    expect(r.format).toBe('kml');
  });

  it('MultiGeometry with two polygons and a point: MultiPolygon, point reported', async () => {
    const far = LON.map((p) => [p[0] + 1, p[1]]);
    const r = await read(
      'm.kml',
      kml(`<Placemark><MultiGeometry><Point><coordinates>1,2</coordinates></Point>
      <Polygon><outerBoundaryIs>${ring(LON)}</outerBoundaryIs></Polygon><Polygon><outerBoundaryIs>${ring(far)}</outerBoundaryIs></Polygon></MultiGeometry></Placemark>`)
    );
    expect(r.features[0].geometry).toEqual({ type: 'MultiPolygon', coordinates: [[two(LON)], [two(far)]] });
    expect(r.warnings.map((w) => w.code)).toContain('kml-skipped');
  });

  it('namespace prefixes, CDATA, comments and spaces after commas', async () => {
    const text = `<?xml version="1.0"?><kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"><!-- a > b --><kml:Placemark><kml:name><![CDATA[<红线>]]></kml:name>
      <kml:Polygon><kml:outerBoundaryIs><kml:LinearRing><kml:coordinates>121.5, 31.2 121.51, 31.2 121.51, 31.21 121.5, 31.2</kml:coordinates></kml:LinearRing></kml:outerBoundaryIs></kml:Polygon></kml:Placemark></kml:kml>`;
    const r = await read('ns.kml', text);
    expect(r.features[0].properties.name).toBe('<红线>');
    expect((r.features[0].geometry.coordinates as number[][][])[0]).toEqual([
      [121.5, 31.2],
      [121.51, 31.2],
      [121.51, 31.21],
      [121.5, 31.2]
    ]);
  });

  it('a GBK KML declaring its encoding reads right', async () => {
    const text = kml(
      `<Placemark><name>金山工业地块</name><Polygon><outerBoundaryIs>${ring(LON)}</outerBoundaryIs></Polygon></Placemark>`,
      '<?xml version="1.0" encoding="GBK"?>'
    );
    const r = await read('g.kml', new Uint8Array(iconv.encode(text, 'gbk')));
    expect(r.features[0].properties.name).toBe('金山工业地块');
    expect(r.decisions).toContainEqual({ what: 'encoding', value: 'gbk', rule: 'declared-in-file' });
  });

  it('a truncated KML is refused with the line, never half-read', async () => {
    const full = kml(
      `<Placemark><Polygon><outerBoundaryIs>${ring(LON)}</outerBoundaryIs></Polygon></Placemark><Placemark><Polygon><outerBoundaryIs>${ring(LON)}</outerBoundaryIs></Polygon></Placemark>`
    );
    for (const cut of [full.lastIndexOf('<Polygon>') + 30, full.lastIndexOf('</Placemark>')]) {
      const e = await refused('t.kml', full.slice(0, cut));
      expect(e.code).toBe('kml-invalid');
      expect(e.en).toMatch(/^KML line \d+: .*\(file truncated\)/);
    }
  });

  it('mismatched tags are refused', async () => {
    const e = await refused('x.kml', kml('<Placemark><name>a</Placemark></name>'));
    expect(e.en).toMatch(/closing tag <\/Placemark> does not match <name>/);
  });

  it('XML that is not KML is said to be so', async () => {
    const e = await refused('gml.xml', '<?xml version="1.0"?><gml:FeatureCollection/>');
    expect(e.code).toBe('format-unknown');
  });
});
