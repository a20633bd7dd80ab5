// The administrator's basemap (issue 14.3): settings are checked before they are stored, and turned into the
// tile URLs MapLibre loads and the origins the Content-Security-Policy must allow.
import { describe, expect, it } from 'vitest';
import {
  BASEMAP_PRESETS,
  basemapOrigins,
  basemapProblems,
  basemapSchema,
  basemapStyle
} from '../../../src/lib/domain/basemap.ts';
import { boundsOf, centreOf } from '../../../src/lib/components/map/bounds.ts';

const parse = (x: object) => basemapSchema.parse(x);

describe('basemap settings', () => {
  it('an XYZ template becomes one tile URL, its origin allowed', () => {
    const s = parse({ kind: 'xyz', url: 'http://10.1.2.3:8080/tiles/{z}/{x}/{y}.png', attribution: '区测绘院' });
    expect(basemapProblems(s)).toEqual([]);
    const style = basemapStyle(s);
    expect(style.tiles).toEqual(['http://10.1.2.3:8080/tiles/{z}/{x}/{y}.png']);
    expect(style.labelTiles).toEqual([]);
    expect(basemapOrigins(style)).toEqual(['http://10.1.2.3:8080']);
  });

  it('Tianditu vector: WMTS KVP URLs per subdomain with the key, and the label overlay', () => {
    const s = parse({ ...BASEMAP_PRESETS.tianditu_vec.settings, key: 'abc123' });
    expect(basemapProblems(s)).toEqual([]);
    const style = basemapStyle(s);
    expect(style.tiles).toHaveLength(4);
    expect(style.tiles[1]).toBe(
      'https://t1.tianditu.gov.cn/vec_w/wmts?tk=abc123&SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}'
    );
    expect(style.labelTiles[0]).toContain('https://t0.tianditu.gov.cn/cva_w/wmts?tk=abc123&');
    expect(style.labelTiles[0]).toContain('LAYER=cva');
    expect(basemapOrigins(style)).toEqual([
      'https://t0.tianditu.gov.cn',
      'https://t1.tianditu.gov.cn',
      'https://t2.tianditu.gov.cn',
      'https://t3.tianditu.gov.cn'
    ]);
  });

  it('names what is wrong: no tile placeholders, a {key} without a key, WMTS without a layer', () => {
    expect(basemapProblems(parse({ kind: 'xyz', url: 'https://tiles.example.gov.cn/map.png' }))).toEqual([
      'no_tile_pattern'
    ]);
    expect(basemapProblems(parse({ ...BASEMAP_PRESETS.tianditu_img.settings }))).toEqual(['key_missing']);
    expect(basemapProblems(parse({ kind: 'wmts', url: 'https://gis.example.gov.cn/wmts' }))).toEqual([
      'wmts_layer_missing'
    ]);
  });

  it('refuses what is not a web address, a key with odd characters, a zoom out of range', () => {
    expect(basemapSchema.safeParse({ kind: 'xyz', url: 'file:///etc/passwd' }).success).toBe(false);
    expect(basemapSchema.safeParse({ kind: 'xyz', url: 'javascript:alert(1)//{z}/{x}/{y}' }).success).toBe(false);
    expect(basemapSchema.safeParse({ kind: 'xyz', url: 'https://a.b/{z}/{x}/{y}', key: 'a&b=c' }).success).toBe(false);
    expect(basemapSchema.safeParse({ kind: 'xyz', url: 'https://a.b/{z}/{x}/{y}', maxZoom: 30 }).success).toBe(false);
  });
});

describe('map extents', () => {
  it('walks every coordinate of polygons and multipolygons', () => {
    const poly = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [121, 31],
          [121.2, 31],
          [121.2, 31.1],
          [121, 31]
        ]
      ]
    };
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [
        [
          [
            [120.9, 30.9],
            [121, 30.9],
            [121, 31],
            [120.9, 30.9]
          ]
        ]
      ]
    };
    expect(boundsOf([poly, multi])).toEqual([120.9, 30.9, 121.2, 31.1]);
    expect(centreOf(poly)).toEqual([121.1, 31.05]);
    // negative and exponent-free decimals read as numbers, not text
    expect(boundsOf([{ type: 'Point', coordinates: [-0.5, -1e-7] }])).toEqual([-0.5, -1e-7, -0.5, -1e-7]);
    expect(boundsOf([null])).toBeNull();
  });
});
