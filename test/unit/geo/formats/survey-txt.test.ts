// 界址点坐标 TXT: header → hint, parcels and rings, X = northing / Y = easting → [easting, northing], GBK,
// and files that swap X and Y (detected from the zone-prefixed easting's 8 integer digits).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readBoundaryFiles } from '../../../../src/lib/geo/formats/index.ts';
import { type ReadOptions } from '../../../../src/lib/geo/types.ts';
import { UserError } from '../../../../src/lib/errors.ts';

// Parcel A: 100 m square with a 20 m square hole; parcel B: a triangle. Coordinates as [easting, northing].
const A: [number, number][] = [
  [40500000, 3450000],
  [40500000, 3450100],
  [40500100, 3450100],
  [40500100, 3450000],
  [40500000, 3450000]
];
const A_HOLE: [number, number][] = [
  [40500040, 3450040],
  [40500060, 3450040],
  [40500060, 3450060],
  [40500040, 3450060],
  [40500040, 3450040]
];
const B: [number, number][] = [
  [40501000.125, 3451000.5],
  [40501050.25, 3451000.5],
  [40501000.125, 3451080.75],
  [40501000.125, 3451000.5]
];

const HEADER = [
  '[属性描述]',
  '格式版本号=1.01版本',
  '数据产生单位=上海市测绘院',
  '数据产生日期=2024-05-06',
  '坐标系=2000国家大地坐标系',
  '几度分带=3',
  '投影类型=高斯克吕格',
  '计量单位=米',
  '带号=40',
  '精度=0.001',
  '转换参数=,,,,,,'
];

/** Point lines in the standard order `J<n>,<ring>,X(northing),Y(easting)`, or swapped, or with extra fields. */
function points(rings: [number, number][][], style: 'standard' | 'swapped' | 'extra' = 'standard'): string[] {
  let n = 0;
  return rings.flatMap((ring, r) =>
    ring.map(([e, nn]) => {
      n++;
      if (style === 'swapped') return `J${n},${r + 1},${e.toFixed(3)},${nn.toFixed(3)}`;
      if (style === 'extra') return `${n},J${n},${r + 1},${nn.toFixed(3)},${e.toFixed(3)},界桩,0.05`;
      return `J${n},${r + 1},${nn.toFixed(3)},${e.toFixed(3)}`;
    })
  );
}

function file(style: 'standard' | 'swapped' | 'extra' = 'standard'): string {
  return [
    ...HEADER,
    '[地块坐标]',
    `${A.length + A_HOLE.length},0.96,310115001,张江工业地块,面,H51G001001,工业用地,0601,@`,
    ...points([A, A_HOLE], style),
    `${B.length},0.2,310115002,配套地块,面,H51G001001,仓储用地,0801,@`,
    ...points([B], style)
  ].join('\r\n');
}

const read = (bytes: Uint8Array, o: ReadOptions = {}) => readBoundaryFiles([{ name: '界址点坐标.txt', bytes }], o);

describe('survey coordinate TXT', () => {
  it('GBK file with two parcels, one with a hole: rings, [easting, northing] order, properties', async () => {
    const r = await read(new Uint8Array(iconv.encode(file(), 'gbk')));
    expect(r.format).toBe('survey-txt');
    expect(r.features.map((f) => f.geometry)).toEqual([
      { type: 'Polygon', coordinates: [A, A_HOLE] },
      { type: 'Polygon', coordinates: [B] }
    ]);
    expect(r.features[0].properties).toEqual({
      界址点数: 10,
      地块面积: 0.96,
      地块编号: '310115001',
      地块名称: '张江工业地块',
      记录图形属性: '面',
      图幅号: 'H51G001001',
      地块用途: '工业用地',
      地类编码: '0601'
    });
    expect(r.decisions).toContainEqual(expect.objectContaining({ what: 'encoding', value: 'gb18030' }));
    expect(r.decisions).toContainEqual(
      expect.objectContaining({
        what: 'axis-order',
        value: 'X=northing, Y=easting (standard)',
        rule: 'zone-prefix-digits'
      })
    );
    expect(r.warnings).toEqual([]);
  });

  it('the [属性描述] header goes to the CRS stage as a hint', async () => {
    const r = await read(new TextEncoder().encode(file()));
    expect(r.crsHint!.kind).toBe('survey-header');
    expect(JSON.parse(r.crsHint!.value)).toMatchObject({
      坐标系: '2000国家大地坐标系',
      几度分带: '3',
      带号: '40',
      计量单位: '米'
    });
  });

  it('swapped X/Y is detected by the 8-digit zone-prefixed easting and reported', async () => {
    const r = await read(new TextEncoder().encode(file('swapped')));
    expect(r.features[0].geometry).toEqual({ type: 'Polygon', coordinates: [A, A_HOLE] });
    expect(r.features[1].geometry).toEqual({ type: 'Polygon', coordinates: [B] });
    expect(r.decisions).toContainEqual({
      what: 'axis-order',
      value: 'swapped: X=easting, Y=northing',
      rule: 'zone-prefix-digits',
      alternatives: ['X=northing, Y=easting (standard)']
    });
  });

  it('without a zone prefix the 6-digit easting decides', async () => {
    const text = [
      '[地块坐标]',
      '4,0.1,1,a,面,,,,@',
      'J1,1,3450000,500000',
      'J2,1,3450100,500000',
      'J3,1,3450100,500100',
      'J1,1,3450000,500000'
    ].join('\n');
    const swapped = text.replace(/(\d{7}),(\d{6})/g, '$2,$1');
    for (const t of [text, swapped]) {
      const r = await read(new TextEncoder().encode(t));
      expect((r.features[0].geometry.coordinates as number[][][])[0][2]).toEqual([500100, 3450100]);
      expect(r.decisions.find((d) => d.what === 'axis-order')!.rule).toBe('northing-7-easting-6-digits');
    }
  });

  it('a variant with extra fields before and after the coordinates reads the same', async () => {
    const r = await read(new TextEncoder().encode(file('extra')));
    expect(r.features.map((f) => f.geometry)).toEqual([
      { type: 'Polygon', coordinates: [A, A_HOLE] },
      { type: 'Polygon', coordinates: [B] }
    ]);
  });

  it('a declared point count that does not match is reported', async () => {
    const r = await read(new TextEncoder().encode(file().replace('10,0.96', '12,0.96')));
    expect(r.warnings.map((w) => w.code)).toContain('survey-point-count');
  });

  it('a file with a header but no points is refused with the reason', async () => {
    const e = await read(new TextEncoder().encode([...HEADER, '[地块坐标]'].join('\n'))).then(
      () => null,
      (x) => x
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe('survey-no-points');
  });
});
