// .prj WKT (ESRI Gauss_Kruger), GeoJSON crs names, survey TXT headers and user strings → CRS.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import {
  resolveName,
  resolveSurveyHeader,
  resolveUserCrs,
  resolveWktText,
  toLonLatFn,
  CRS_REGISTRY
} from '../../../../src/lib/geo/crs.ts';
import { UserError } from '../../../../src/lib/errors.ts';

const CORPUS = new URL('../../../../../shared/corpus/', import.meta.url).pathname;
const hasCorpus = existsSync(CORPUS);
if (!hasCorpus) console.warn(`corpus not found at ${CORPUS}: skipping the corpus .prj tests`);

const GEOG_CGCS =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const esriGk = (name: string, fe: number, cm: number, geog = GEOG_CGCS, proj = 'Gauss_Kruger') =>
  `PROJCS["${name}",${geog},PROJECTION["${proj}"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

describe('.prj WKT', () => {
  it.skipIf(!hasCorpus)('mapshaper Beijing 1954 3° GK CM 114E (ESRI Gauss_Kruger) → EPSG:2435', () => {
    const crs = resolveWktText(readFileSync(CORPUS + 'other/mapshaper_beijing1954_gk_cm114e.prj', 'utf8'))!;
    expect(crs.code).toBe('EPSG:2435');
    expect(crs.approximate?.en).toMatch(/Beijing 1954/);
  });

  it.skipIf(!hasCorpus)('gdal Stacks.prj (Texas State Plane, US feet) goes through proj4js and lands in Texas', () => {
    const zip = unzipSync(readFileSync(CORPUS + 'shp/gdal_Stacks.zip'));
    const prj = strFromU8(zip[Object.keys(zip).find((n) => n.endsWith('.prj'))!]);
    const shp = zip[Object.keys(zip).find((n) => n.endsWith('.shp'))!];
    const crs = resolveWktText(prj)!;
    expect(crs.code).toBe('WKT');
    // .shp header bytes 36–67: Xmin, Ymin, Xmax, Ymax (ESRI Shapefile Technical Description, 1998)
    const v = new DataView(shp.buffer, shp.byteOffset);
    const [x, y] = [v.getFloat64(36, true), v.getFloat64(44, true)];
    const [lon, lat] = toLonLatFn(crs)([x, y]);
    expect(lon).toBeGreaterThan(-100);
    expect(lon).toBeLessThan(-93);
    expect(lat).toBeGreaterThan(27);
    expect(lat).toBeLessThan(31.5);
  });

  it.each([
    ['CGCS2000_3_Degree_GK_Zone_40', 40500000, 120, 'EPSG:4528'],
    ['CGCS2000_3_Degree_GK_Zone_41', 41500000, 123, 'EPSG:4529'],
    ['CGCS2000_3_Degree_GK_CM_120E', 500000, 120, 'EPSG:4549'],
    ['CGCS2000_3_Degree_GK_CM_123E', 500000, 123, 'EPSG:4550'],
    ['CGCS2000_GK_Zone_21', 21500000, 123, 'EPSG:4499']
  ])('ESRI %s → %s', (name, fe, cm, code) => {
    expect(resolveWktText(esriGk(name, fe, cm))!.code).toBe(code);
  });

  it('Xian 1980 and Beijing 1954 GK by parameters, Transverse_Mercator spelling too', () => {
    const xian =
      'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    const bj =
      'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(resolveWktText(esriGk('Xian_1980_3_Degree_GK_Zone_41', 41500000, 123, xian))!.code).toBe('EPSG:2365');
    expect(
      resolveWktText(esriGk('Xian_1980_3_Degree_GK_CM_120E', 500000, 120, xian, 'Transverse_Mercator'))!.code
    ).toBe('EPSG:2385');
    expect(resolveWktText(esriGk('Beijing_1954_3_Degree_GK_Zone_40', 40500000, 120, bj))!.code).toBe('EPSG:2416');
    expect(resolveWktText(esriGk('Beijing_1954_3_Degree_GK_CM_123E', 500000, 123, bj))!.code).toBe('EPSG:2438');
  });

  it('geographic CGCS2000 .prj → EPSG:4490', () => {
    expect(resolveWktText(GEOG_CGCS)!.code).toBe('EPSG:4490');
  });

  it('a non-standard TM on CGCS2000 becomes a proj4 string with its parameters (上海2000-like)', () => {
    const wkt = `PROJCS["Shanghai_2000",${GEOG_CGCS},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",-238.173],PARAMETER["False_Northing",-3457068.779],PARAMETER["Central_Meridian",121.4644444444],PARAMETER["Scale_Factor",1.0000025616],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
    const crs = resolveWktText(wkt)!;
    expect(crs.code).toBe('WKT');
    const a = toLonLatFn(crs)([1234, -567]);
    const b = toLonLatFn({ ...crs, code: 'SH2000', proj4: CRS_REGISTRY.SH2000.proj4 })([1234, -567]);
    expect(Math.abs(a[0] - b[0])).toBeLessThan(1e-9);
    expect(Math.abs(a[1] - b[1])).toBeLessThan(1e-9);
  });
});

describe('GeoJSON crs names and user strings', () => {
  it.each([
    ['urn:ogc:def:crs:EPSG::4490', 'EPSG:4490'],
    ['EPSG:4528', 'EPSG:4528'],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326'],
    ['http://www.opengis.net/def/crs/EPSG/0/4549', 'EPSG:4549'],
    ['4326', 'EPSG:4326'],
    ['上海2000', 'SH2000']
  ])('%s → %s', (name, code) => {
    expect(resolveName(name)!.code).toBe(code);
  });

  it('GCJ-02 / BD-09 only by name, proj4 strings accepted, nonsense refused with a user error', () => {
    expect(resolveUserCrs('gcj02').obfuscated).toBe('GCJ-02');
    expect(resolveUserCrs('BD-09').obfuscated).toBe('BD-09');
    expect(resolveUserCrs('+proj=tmerc +lon_0=121 +ellps=GRS80 +units=m').code).toBe('PROJ4');
    expect(() => resolveUserCrs('EPSG:99999')).toThrow(UserError);
    expect(() => resolveUserCrs('nonsense')).toThrow(UserError);
  });
});

describe('survey TXT header', () => {
  it('2000国家大地坐标系, 3° zone 40 → EPSG:4528 (4488 + zone)', () => {
    expect(
      resolveSurveyHeader('坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n带号=40')!.code
    ).toBe('EPSG:4528');
  });
  it('JSON form, 国家2000 and zone 41 → EPSG:4529; 6° zone 21 → EPSG:4499; 西安80 zone 41 → EPSG:2365', () => {
    expect(resolveSurveyHeader(JSON.stringify({ 坐标系: '国家2000', 几度分带: '3', 带号: '41' }))!.code).toBe(
      'EPSG:4529'
    );
    expect(resolveSurveyHeader('坐标系=2000国家大地坐标系\n几度分带=6\n带号=21')!.code).toBe('EPSG:4499');
    expect(resolveSurveyHeader('坐标系=1980西安坐标系\n几度分带=3\n带号=41')!.code).toBe('EPSG:2365');
  });
  it('no zone → undefined (left to detection)', () => {
    expect(resolveSurveyHeader('坐标系=2000国家大地坐标系')).toBeUndefined();
  });
});
