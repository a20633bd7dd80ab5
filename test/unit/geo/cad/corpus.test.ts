// Every DXF and DWG in ../shared/corpus either yields polygons or fails with a true, stated reason.
// Expected counts were checked against GDAL 3.6.2 (ogr2ogr) where it reads the file, and against
// closed-form areas for the arc files (circular segment area r²/2·(θ − sin θ) per bulge).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDxf } from '../../../../src/lib/geo/formats/dxf.ts';
import { readDwg } from '../../../../src/lib/geo/formats/dwg.ts';
import { type ReadResult } from '../../../../src/lib/geo/types.ts';
import { CHORD_TOLERANCE_M } from '../../../../src/lib/geo/cad/curves.ts';
import { UserError } from '../../../../src/lib/errors.ts';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');
const haveCorpus = existsSync(CORPUS);
if (!haveCorpus) console.warn(`CAD corpus tests skipped: ${CORPUS} not found`);

type Expect = { polygons: number; layer?: string } | { error: string };

const DXF: Record<string, Expect> = {
  'dxfparser_polylines.dxf': { polygons: 8, layer: 'LaserWeb' },
  'ezdxf_AC1003_LINE_Example.dxf': { polygons: 1, layer: '1' },
  'ezdxf_Leica_Disto_S910.dxf': { error: 'cad_no_closed_polygon' }, // points and 3D lines only
  'ezdxf_POLI-ALL210_12.DXF': { polygons: 12, layer: 'T-2DPLINE-ALL' },
  'ezdxf_bin_dxf_r12.dxf': { error: 'cad_no_closed_polygon' }, // binary, read; three LINEs
  'ezdxf_bin_dxf_r2000.dxf': { error: 'cad_no_closed_polygon' }, // binary, read; one LINE
  'ezdxf_clockwise_arcs_hatch.dxf': { polygons: 2, layer: 'HATCH' },
  'ezdxf_dimension_in_nested_blocks.dxf': { polygons: 8, layer: '0' },
  'ezdxf_dxf_unicode.dxf': { error: 'cad_no_closed_polygon' }, // a layer table and no entities
  'ezdxf_houses_of_parliament_georeferenced.dxf': { polygons: 1, layer: '0' },
  'ezdxf_multi_insert_with_attribs.dxf': { polygons: 25, layer: 'FLAGS' }, // MINSERT 5×5
  'ezdxf_recover01.dxf': { polygons: 25, layer: '0' },
  'ezdxf_small_r13.dxf': { polygons: 3, layer: 'FOOT_PRINT' },
  'gdal_LWPOLYLINE-OCS.dxf': { polygons: 1, layer: '0' },
  'gdal_attrib-nested.dxf': { error: 'cad_no_closed_polygon' },
  'gdal_closed_polyline_with_bulge.dxf': { polygons: 1, layer: 'test' },
  'gdal_hatch.dxf': { polygons: 3, layer: '0' },
  'gdal_hatch_as_multipolygon.dxf': { polygons: 5, layer: 'Строения' },
  'gdal_insert-recursive-pair.dxf': { error: 'cad_no_closed_polygon' },
  'gdal_ocs2wcs1.dxf': { polygons: 12, layer: '0' },
  'gdal_polyline_smooth.dxf': { polygons: 1, layer: '1' },
  'gdal_spline_closed.dxf': { polygons: 1, layer: '0' },
  'gdal_utf-8.dxf': { error: 'cad_no_closed_polygon' },
  'libredwg_2000_entities-2d.dxf': { polygons: 1, layer: '0' },
  'libredwg_gh109_1.dxf': { polygons: 1, layer: '0' }
};

const DWG: Record<string, Expect> = {
  'acadsharp_geoloc.dwg': { error: 'cad_no_closed_polygon' }, // GEODATA only, no entities
  'gdal_AC1018_signature.dwg': { error: 'dwg_damaged' }, // 7 bytes
  'libredwg_2004_HatchG.dwg': { polygons: 2, layer: '0' },
  'libredwg_2004_Polyline.dwg': { error: 'cad_no_closed_polygon' }, // one open LWPOLYLINE
  'libredwg_2007_Polyline.dwg': { error: 'cad_no_closed_polygon' },
  'libredwg_2010_gh209_1.dwg': { polygons: 2, layer: 'Symbol_Work' },
  'libredwg_2013_gh109_1.dwg': { polygons: 1, layer: '0' },
  'libredwg_2018_Polyline.dwg': { error: 'cad_no_closed_polygon' },
  'libredwg_example_2018.dwg': { polygons: 1, layer: 'Tavolo 3' },
  'libredwg_r11_entities-2d.dwg': { polygons: 2, layer: '0' },
  'libredwg_r14_v.dwg': { polygons: 1, layer: 'R-DOOR-OTLN' },
  'libredwg_sample_2000.dwg': { polygons: 2, layer: 'Tavolo 1' }
};

function ringArea(r: number[][]): number {
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return Math.abs(s / 2);
}
const shellArea = (r: ReadResult, i = 0) => ringArea((r.features[i].geometry.coordinates as number[][][])[0]);

async function outcome(read: () => ReadResult | Promise<ReadResult>): Promise<ReadResult | UserError> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
}

function check(name: string, got: ReadResult | UserError, expected: Expect | undefined): void {
  expect(expected, `no expectation written for ${name}`).toBeDefined();
  const want = expected as Expect;
  if ('error' in want) {
    expect(got, `${name} should fail`).toBeInstanceOf(UserError);
    expect((got as UserError).code).toBe(want.error);
  } else {
    expect(got, `${name} should read: ${(got as Error).message}`).not.toBeInstanceOf(UserError);
    const r = got as ReadResult;
    expect(r.features).toHaveLength(want.polygons);
    if (want.layer) expect(r.sourceLayer).toBe(want.layer);
  }
}

/** Closed-form area of a closed polyline with bulges (shoelace + signed circular segments). */
function exactBulgeArea(vs: [number, number, number][]): number {
  let a = 0;
  for (let i = 0; i < vs.length; i++) {
    const [x1, y1, b] = vs[i];
    const [x2, y2] = vs[(i + 1) % vs.length];
    a += (x1 * y2 - x2 * y1) / 2;
    if (b) {
      const th = 4 * Math.atan(Math.abs(b));
      const r = Math.hypot(x2 - x1, y2 - y1) / (2 * Math.sin(th / 2));
      a += Math.sign(b) * ((r * r) / 2) * (th - Math.sin(th));
    }
  }
  return Math.abs(a);
}

describe.skipIf(!haveCorpus)('DXF corpus', () => {
  for (const f of haveCorpus ? readdirSync(join(CORPUS, 'dxf')) : []) {
    it(f, async () =>
      check(f, await outcome(() => readDxf(new Uint8Array(readFileSync(join(CORPUS, 'dxf', f))), {})), DXF[f])
    );
  }

  const read = (f: string) => readDxf(new Uint8Array(readFileSync(join(CORPUS, 'dxf', f))), {});

  it('closed LWPOLYLINE with bulges in zone-40 coordinates: closed-form area, surveyed vertex kept exactly', () => {
    const r = read('gdal_closed_polyline_with_bulge.dxf');
    const exact = exactBulgeArea([
      [40585366.70650577, 3433935.538090975, 0],
      [40585329.92564863, 3433998.440817071, 0.2621272319479089],
      [40585297.73920335, 3434017.254552271, 0],
      [40585271.13131783, 3434017.686781913, 0],
      [40585252.16981492, 3433885.990375476, 0],
      [40585256.74147, 3433885.916111596, 0.1393571566538866],
      [40585329.65156154, 3433905.365607637, 0],
      [40585364.24837356, 3433925.992208718, 0.4117239835866821]
    ]);
    expect(exact).toBeCloseTo(10210.134, 2);
    const got = shellArea(r);
    expect(got).toBeLessThanOrEqual(exact);
    // Loss ≤ arc length × sagitta; the three arcs here are well under 400 m long together.
    expect(exact - got).toBeLessThan(400 * CHORD_TOLERANCE_M);
    expect((r.features[0].geometry.coordinates as number[][][])[0]).toContainEqual([
      40585366.70650577, 3433935.538090975
    ]);
  });

  it('old POLYLINE with bulges (GDAL polyline_smooth): closed-form area 870.46', () => {
    const exact = exactBulgeArea([
      [251297.8179190048, 412226.82864000782, 0],
      [251297.8179190048, 412226.82864000782, 1.4110547181610731],
      [251308.8984362325, 412208.9379316938, -0.2087839309652931],
      [251316.57014238741, 412213.19721172168, 1.7181251404792479],
      [251303.57075799999, 412231.72690827277, -0.2147205537362407]
    ]);
    expect(Math.abs(shellArea(read('gdal_polyline_smooth.dxf')) - exact)).toBeLessThan(100 * CHORD_TOLERANCE_M);
  });

  it('HATCH of four half circles round a unit square: 1 + π/2', () => {
    expect(Math.abs(shellArea(read('gdal_hatch.dxf')) - (1 + Math.PI / 2))).toBeLessThan(0.02);
  });

  it('closed SPLINE evaluated as a B-spline (GDAL gives 6.065 for the same curve)', () => {
    expect(shellArea(read('gdal_spline_closed.dxf'))).toBeCloseTo(6.07, 1);
  });

  it('HATCH paths in mm: five disjoint rings with the areas GDAL reports (1112.8, 330.7, … mm²)', () => {
    const r = read('gdal_hatch_as_multipolygon.dxf');
    expect(r.unitsToMetres).toBe(1); // handed over in metres, scaled by the reader
    const areas = r.features.map((_, i) => shellArea(r, i) * 1e6).sort((a, b) => b - a);
    expect(areas[0]).toBeCloseTo(1112.818, 0);
    expect(areas[1]).toBeCloseTo(330.697, 0);
  });

  it('names: \\U+ escapes, a stale ANSI_1252 header over UTF-8, Chinese layers of a TArch drawing', () => {
    const uni = (() => {
      try {
        read('ezdxf_dxf_unicode.dxf');
      } catch (e) {
        return (e as UserError).en;
      }
      return '';
    })();
    expect(uni).toContain('Tschüss mit ü');
    const utf = (() => {
      try {
        read('gdal_utf-8.dxf');
      } catch (e) {
        return (e as UserError).en;
      }
      return '';
    })();
    expect(utf).toContain('éven');
    expect(read('libredwg_gh109_1.dxf').layers?.map((l) => l.name)).toContain('洁具');
  });

  it('binary DXF is read (layer table and entity counts), recover01 without EOF is read with a warning', () => {
    const bin = (() => {
      try {
        read('ezdxf_bin_dxf_r12.dxf');
      } catch (e) {
        return (e as UserError).en;
      }
      return '';
    })();
    expect(bin).toMatch(/0 \(3\/0\)/);
    expect(read('ezdxf_recover01.dxf').warnings.map((w) => w.code)).toContain('dxf_no_eof');
  });
});

describe.skipIf(!haveCorpus)('DWG corpus', () => {
  for (const f of haveCorpus ? readdirSync(join(CORPUS, 'dwg')) : []) {
    it(f, { timeout: 60_000 }, async () =>
      check(f, await outcome(() => readDwg(new Uint8Array(readFileSync(join(CORPUS, 'dwg', f))), {})), DWG[f])
    );
  }

  it('Chinese layer names come through from a TArch DWG', { timeout: 60_000 }, async () => {
    const r = await readDwg(new Uint8Array(readFileSync(join(CORPUS, 'dwg', 'libredwg_2013_gh109_1.dwg'))), {});
    expect(r.format).toBe('dwg');
    expect(r.layers?.map((l) => l.name)).toContain('洁具');
  });
});
