// Every real file in ../shared/corpus/{shp,geojson,kml,other} either reads, with the structure GDAL 3.6.2
// reports for it (SOURCES.md, `ogrinfo`), or is refused with the reason that is true for it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoundaryFiles } from '../../../../src/lib/geo/formats/index.ts';
import { type ReadResult } from '../../../../src/lib/geo/types.ts';
import { UserError } from '../../../../src/lib/errors.ts';

const CORPUS = resolve(process.cwd(), '../shared/corpus');
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus tests skipped: ${CORPUS} not found`);

type Expect = { ok: (r: ReadResult) => void } | { err: string; says?: RegExp };

const rings = (r: ReadResult, i = 0) => {
  const g = r.features[i].geometry;
  return g.type === 'Polygon' ? [g.coordinates.length] : g.coordinates.map((p) => p.length);
};
const all2d = (r: ReadResult) =>
  r.features.every((f) =>
    JSON.stringify(f.geometry.coordinates)
      .match(/\[[^[\]]+\]/g)!
      .every((p) => p.split(',').length === 2)
  );

const EXPECT: Record<string, Expect> = {
  // shp/
  'shp/gdal_Stacks.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(1);
      expect(rings(r)).toEqual([2, 2]);
      expect(r.crsHint).toMatchObject({ kind: 'wkt' });
      expect(r.crsHint!.value).toMatch(/Texas_South_Central/);
    }
  },
  'shp/gdal_chinese_cp936.dbf': { err: 'shp-missing', says: /no \.shp/ },
  'shp/gdal_multipointz_non_constant_z.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(1);
      expect(rings(r)).toEqual([1, 1, 1, 1, 1, 1, 1]);
      expect(all2d(r)).toBe(true);
      expect(r.crsHint).toBeUndefined();
    }
  },
  'shp/gdal_multipolygon_as_invalid_polygon.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(2);
      expect(rings(r, 0)).toEqual([1, 1]);
      expect(r.warnings.map((w) => w.code)).toContain('shp-ring-orientation');
    }
  },
  'shp/gdal_poly.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(10);
      expect(r.crsHint!.value).toMatch(/OSGB 1936/);
      expect(r.features[0].properties).toHaveProperty('EAS_ID');
    }
  },
  'shp/gdal_polygonm_with_m.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(2);
      expect(rings(r, 1)).toEqual([2]);
      expect(r.warnings.map((w) => w.code)).toContain('shp-no-dbf');
      expect(all2d(r)).toBe(true);
    }
  },
  'shp/mapshaper_big5_cpg.zip': { err: 'shp-not-polygon', says: /Point/ },
  'shp/mapshaper_chinese_gbk_ldid.zip': { err: 'shp-not-polygon', says: /Point/ },
  'shp/mapshaper_gbk_noldid.dbf': { err: 'shp-missing' },
  'shp/pyshp_MyPolyZ.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(1);
      expect(all2d(r)).toBe(true);
    }
  },
  'shp/pyshp_REL.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(1);
      expect(r.crsHint!.value).toMatch(/Austria_Lambert/);
      expect(r.decisions).toContainEqual({ what: 'encoding', value: 'utf-8', rule: 'cpg' });
    }
  },
  'shp/pyshp_blockgroups_multishapefile.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(663);
      expect(r.decisions.find((d) => d.what === 'shapefile')).toMatchObject({
        value: 'blockgroups',
        alternatives: ['blockgroups2']
      });
      expect(r.layers?.map((l) => [l.name, l.entityCount])).toEqual([
        ['blockgroups', 663],
        ['blockgroups2', 663]
      ]);
    }
  },
  'shp/pyshp_empty_zipfile.zip': { err: 'format-unknown', says: /dummyfile\.txt/ },
  'shp/shpjs_SHP_Exclude.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(1);
      expect(rings(r)).toEqual([2]);
      expect(r.crsHint).toBeUndefined();
    }
  },
  'shp/shpjs_T8Th4_6n.zip': { err: 'shp-not-polygon', says: /PolyLine/ },
  'shp/shpjs_badzip.zip': { err: 'zip-not-zip', says: /\.dbf/ },
  'shp/shpjs_codepage.zip': { err: 'shp-not-polygon', says: /Point/ },
  'shp/shpjs_mixedcase.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(40);
      expect(r.crsHint!.value).toMatch(/Massachusetts/);
    }
  },
  'shp/shpjs_noshp.zip': { err: 'shp-missing', says: /counties\.dbf/ },
  'shp/shpjs_qgis.zip': {
    ok: (r) => {
      expect(r.features).toHaveLength(2);
      expect(r.crsHint!.value).toMatch(/WGS_1984/);
    }
  },
  // geojson/
  'geojson/antimeridian_complex-split.json': { ok: (r) => expect(rings(r)).toEqual([1]) },
  'geojson/antimeridian_one-hole.json': { ok: (r) => expect(rings(r)).toEqual([2]) },
  'geojson/antimeridian_split.json': {
    ok: (r) =>
      expect(r.features[0].geometry.coordinates).toEqual([
        [
          [170, 40],
          [-170, 40],
          [-170, 50],
          [170, 50],
          [170, 40]
        ]
      ])
  },
  // Open and 3-position rings are passed on as written: closing them is the validation stage's job.
  'geojson/checkgeojson_bad_different-first-last.geojson': {
    ok: (r) => expect((r.features[0].geometry.coordinates[0] as unknown[]).length).toBe(4)
  },
  'geojson/checkgeojson_bad_short-linearring.geojson': {
    ok: (r) => expect((r.features[0].geometry.coordinates[0] as unknown[]).length).toBe(3)
  },
  'geojson/checkgeojson_good-featurecollection.geojson': {
    ok: (r) => {
      expect(r.features).toHaveLength(1);
      expect(r.warnings.find((w) => w.code === 'geojson-skipped')!.en).toMatch(/Point×1, LineString×1/);
    }
  },
  'geojson/gdal_point_with_utf8bom.json': { err: 'no-polygon', says: /only Point×1/ },
  'geojson/gdal_srs_name.geojson': { err: 'no-polygon', says: /Point×1, LineString×1/ },
  'geojson/mapshaper_ex1_invalid_rings.json': { ok: (r) => expect(rings(r)).toEqual([15]) },
  'geojson/mapshaper_mixed_feature.json': {
    ok: (r) => {
      expect(r.features).toHaveLength(1);
      expect(r.features[0].properties.name).toBe('C');
    }
  },
  'geojson/mapshaper_openring.json': { ok: (r) => expect(r.features).toHaveLength(1) },
  'geojson/mapshaper_polygon_with_hole_and_island.json': {
    ok: (r) => expect(r.features[0].geometry.type).toBe('MultiPolygon')
  },
  'geojson/rewind_collection.input.geojson': { ok: (r) => expect(r.features).toHaveLength(2) },
  // kml/
  'kml/gdal_geometries.kml': {
    ok: (r) => {
      expect(r.features).toHaveLength(6);
      expect(r.crsHint).toMatchObject({ kind: 'epsg', value: '4326' });
    }
  },
  'kml/gdal_samples.kml': {
    ok: (r) => {
      expect(r.features).toHaveLength(9);
      expect(r.features.map((f) => f.properties.name)).toContain('The Pentagon');
    }
  },
  'kml/gdal_truncated.kml': { err: 'kml-invalid', says: /never closed \(file truncated\)/ },
  'kml/mapshaper_Albania.kmz': { err: 'no-polygon', says: /only Point×63/ },
  'kml/togeojson_multigeometry.kml': { err: 'no-polygon', says: /LineString×2/ },
  'kml/togeojson_polygon.kml': {
    ok: (r) => {
      expect(r.features).toHaveLength(1);
      expect(rings(r)).toEqual([2]);
    }
  },
  // other/
  'other/mapshaper_beijing1954_gk_cm114e.prj': { err: 'shp-missing', says: /no \.shp/ }
};

describe.skipIf(!present)('real files in ../shared/corpus', () => {
  const files = present
    ? ['shp', 'geojson', 'kml', 'other'].flatMap((d) => readdirSync(`${CORPUS}/${d}`).map((f) => `${d}/${f}`))
    : [];

  it('has an expectation for every corpus file (nothing silently untested)', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECT).sort());
  });

  for (const [file, exp] of Object.entries(EXPECT)) {
    it(`${file}: ${'ok' in exp ? 'reads' : `refused (${exp.err})`}`, async () => {
      const input = [{ name: file.split('/')[1], bytes: new Uint8Array(readFileSync(`${CORPUS}/${file}`)) }];
      if ('ok' in exp) {
        exp.ok(await readBoundaryFiles(input, {}));
      } else {
        const e = await readBoundaryFiles(input, {}).then(
          () => null,
          (x: unknown) => x
        );
        expect(e).toBeInstanceOf(UserError);
        expect((e as UserError).code).toBe(exp.err);
        if (exp.says) expect((e as UserError).en).toMatch(exp.says);
        expect((e as UserError).zh).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  }
});
