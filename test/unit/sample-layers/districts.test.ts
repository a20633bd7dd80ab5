// The schematic districts partition the land, carry exactly the app's district codes, and keep Shanghai's
// real geography recognisable: landmarks fall in the right district, areas are near the official ones.
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { AUTHORITIES } from '../../../src/lib/domain/authorities.ts';
import { km2, load, overlap, polygonsOf, type AreaFeature } from './helpers.ts';

/** Official land areas (km², Shanghai Statistical Yearbook, rounded): the schematic must stay within ×1.5. */
const REAL_KM2: Record<string, number> = {
  huangpu: 20.5,
  xuhui: 54.8,
  changning: 38.3,
  jingan: 36.9,
  putuo: 54.8,
  hongkou: 23.5,
  yangpu: 60.7,
  minhang: 370.8,
  baoshan: 271,
  jiading: 464.2,
  pudong: 1210.4,
  jinshan: 586.1,
  songjiang: 605.6,
  qingpu: 670.1,
  fengxian: 687.4,
  chongming: 1185.5
};
const AREA_FACTOR = 1.5;

/** Well-known places (lon, lat) and the district they are in. */
const LANDMARKS: [string, [number, number], string][] = [
  ['人民广场 People’s Square', [121.475, 31.232], 'huangpu'],
  ['外滩 the Bund', [121.488, 31.238], 'huangpu'],
  ['陆家嘴 Lujiazui', [121.51, 31.238], 'pudong'],
  ['静安寺 Jing’an Temple', [121.446, 31.224], 'jingan'],
  ['徐家汇 Xujiahui', [121.437, 31.195], 'xuhui'],
  ['中山公园 Zhongshan Park', [121.418, 31.222], 'changning'],
  ['五角场 Wujiaochang', [121.514, 31.301], 'yangpu'],
  ['虹口足球场 Hongkou Stadium', [121.479, 31.273], 'hongkou'],
  ['真如 Zhenru', [121.405, 31.255], 'putuo'],
  ['莘庄 Xinzhuang', [121.385, 31.111], 'minhang'],
  ['浦江镇 Pujiang (east bank)', [121.51, 31.07], 'minhang'],
  ['吴淞 Wusong', [121.48, 31.37], 'baoshan'],
  ['嘉定老城 Jiading old town', [121.25, 31.38], 'jiading'],
  ['安亭 Anting', [121.17, 31.3], 'jiading'],
  ['青浦城区 Qingpu town', [121.12, 31.15], 'qingpu'],
  ['朱家角 Zhujiajiao', [121.05, 31.11], 'qingpu'],
  ['松江城区 Songjiang town', [121.23, 31.03], 'songjiang'],
  ['南桥 Nanqiao', [121.46, 30.92], 'fengxian'],
  ['金山卫 Jinshanwei', [121.33, 30.73], 'jinshan'],
  ['枫泾 Fengjing', [121.02, 30.885], 'jinshan'],
  ['浦东机场 Pudong Airport', [121.8, 31.15], 'pudong'],
  ['滴水湖 Dishui Lake', [121.93, 30.9], 'pudong'],
  ['城桥 Chengqiao', [121.41, 31.645], 'chongming'],
  ['长兴岛 Changxing', [121.7, 31.39], 'chongming'],
  ['横沙岛 Hengsha', [121.86, 31.33], 'chongming']
];

const districts = () => load('district').features;
const byCode = (code: string) => districts().find((f) => f.properties.code === code) as AreaFeature;
const centroid = (code: string) => turf.centroid(byCode(code)).geometry.coordinates;

describe('district.geojson', () => {
  it('holds exactly the 16 district codes and names of src/lib/domain/authorities.ts', () => {
    const expected = AUTHORITIES.filter((a) => a.kind === 'district');
    expect(expected).toHaveLength(16);
    expect(districts()).toHaveLength(16);
    expect(
      districts()
        .map((f) => f.properties.code)
        .sort()
    ).toEqual(expected.map((a) => a.code).sort());
    for (const a of expected) {
      expect(byCode(a.code).properties.name).toBe(a.zh);
      expect(byCode(a.code).properties.name_en).toBe(a.en);
    }
  });

  it('partitions the land: no overlaps, and the sum of areas equals the area of the union within 0.5%', () => {
    const fs = districts();
    const sum = fs.reduce((s, f) => s + km2(f), 0);
    const union = km2(turf.union(turf.featureCollection(fs)) as AreaFeature);
    expect(Math.abs(sum - union) / union).toBeLessThan(0.005);
    for (let i = 0; i < fs.length; i++) {
      for (let j = i + 1; j < fs.length; j++) {
        const o = km2(overlap(fs[i], fs[j]));
        expect(o, `${String(fs[i].properties.code)} ∩ ${String(fs[j].properties.code)}`).toBeLessThan(0.001);
      }
    }
  });

  it('has no holes or gaps inside the mainland: the mainland districts dissolve into one polygon without holes', () => {
    const mainland = districts().filter((f) => f.properties.code !== 'chongming');
    const u = turf.union(turf.featureCollection(mainland)) as AreaFeature;
    expect(u.geometry.type).toBe('Polygon');
    expect(polygonsOf(u)[0]).toHaveLength(1);
  });

  it('totals about Shanghai’s 6,340 km², each district within ×1.5 of its real area', () => {
    const total = districts().reduce((s, f) => s + km2(f), 0);
    expect(total).toBeGreaterThan(6340 / AREA_FACTOR);
    expect(total).toBeLessThan(6340 * AREA_FACTOR);
    for (const [code, real] of Object.entries(REAL_KM2)) {
      const a = km2(byCode(code));
      expect(a, code).toBeGreaterThan(real / AREA_FACTOR);
      expect(a, code).toBeLessThan(real * AREA_FACTOR);
    }
  });

  it('keeps each mainland district in one piece, and Chongming as three islands (Chongming, Changxing, Hengsha)', () => {
    for (const f of districts()) {
      expect(polygonsOf(f).length, String(f.properties.code)).toBe(f.properties.code === 'chongming' ? 3 : 1);
    }
  });

  it.each(LANDMARKS)('puts %s in the right district', (_name, point, code) => {
    const hit = districts()
      .filter((f) => turf.booleanPointInPolygon(point, f))
      .map((f) => f.properties.code);
    expect(hit).toEqual([code]);
  });

  it('keeps the relative positions: Chongming north, Pudong east of the centre, Jinshan south-west', () => {
    const [hpLon, hpLat] = centroid('huangpu');
    expect(hpLon).toBeGreaterThan(121.44);
    expect(hpLon).toBeLessThan(121.52);
    expect(hpLat).toBeGreaterThan(31.19);
    expect(hpLat).toBeLessThan(31.26);
    for (const code of Object.keys(REAL_KM2).filter((c) => c !== 'chongming'))
      expect(centroid('chongming')[1]).toBeGreaterThan(centroid(code)[1]);
    expect(centroid('pudong')[0]).toBeGreaterThan(hpLon);
    expect(centroid('baoshan')[1]).toBeGreaterThan(centroid('jingan')[1]);
    expect(centroid('jiading')[0]).toBeLessThan(centroid('putuo')[0]);
    expect(centroid('qingpu')[0]).toBeLessThan(centroid('minhang')[0]);
    expect(centroid('jinshan')[1]).toBeLessThan(centroid('songjiang')[1]);
    expect(centroid('jinshan')[0]).toBeLessThan(centroid('fengxian')[0]);
  });
});
