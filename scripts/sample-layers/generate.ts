// Writes the schematic sample zoning layers of Shanghai to seed/sample-layers/*.geojson.
//   npx tsx scripts/sample-layers/generate.ts [--out dir] [--preview file.svg [--centre]]
// Deterministic (seeded PRNG): running it twice gives identical files. All output is SCHEMATIC sample data
// drawn from general knowledge, not official planning data (示意数据，非官方数据).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { AUTHORITIES } from '../../src/lib/domain/authorities.ts';
import { districts, land } from './districts.ts';
import { areaKm2, finish, finishValid, problems, unionAll, type Area, type Geom } from './geo.ts';
import { demoParcels, parcelAreaHa, type Layers } from './parcels.ts';
import { renderSvg } from './preview.ts';
import { centralCity, ecoRedline, farmland, lingang, riverBand, zoning, type Named } from './zoning.ts';
import { DIANSHAN_LAKE, HUANGPU_LOWER, HUANGPU_UPPER } from './outline.ts';

const NOTICE_ZH = '示意数据，非官方数据';
const NOTICE_EN = 'schematic sample, not official data';
const LICENCE = 'zeroland project work, drawn from general geographic knowledge; no third-party data (see README.md)';

type Props = Record<string, unknown>;

function collection(
  layer: string,
  titleZh: string,
  titleEn: string,
  features: Feature<Area, Props>[]
): FeatureCollection & { name: string; properties: Props } {
  return {
    type: 'FeatureCollection',
    name: layer,
    // Foreign member (RFC 7946 §6.1) so the label travels with the file, not only with each feature.
    properties: {
      sample: true,
      layer,
      title_zh: titleZh,
      title_en: titleEn,
      notice_zh: NOTICE_ZH,
      notice_en: NOTICE_EN,
      crs: 'EPSG:4490',
      generator: 'scripts/sample-layers/generate.ts',
      licence: LICENCE
    },
    features
  };
}

function feature(g: Geom, props: Props, what: string): Feature<Area, Props> {
  if (!g) throw new Error(`${what}: empty geometry`);
  const geometry = finishValid(g.geometry);
  if (!geometry) throw new Error(`${what}: invalid after rounding (${problems(finish(g.geometry)).join(', ')})`);
  return { type: 'Feature', properties: { ...props, sample: true, note: NOTICE_ZH }, geometry };
}

/** Majority district of a zone, so each block/reserve can be listed by district. */
function districtOf(g: Geom, ds: Map<string, Geom>): string {
  const p = turf.pointOnFeature(g as Feature<Area>);
  for (const [code, dg] of ds) if (dg && turf.booleanPointInPolygon(p, dg)) return code;
  return '';
}

const numbered = (items: Named[], prefix: string, width: number, extra: (n: Named) => Props = () => ({})) =>
  items.map((n, i) =>
    feature(
      n.geom,
      { code: `${prefix}${String(i + 1).padStart(width, '0')}`, name: n.name, ...n.props, ...extra(n) },
      n.name
    )
  );

const asGeom = (fs: Feature<Area, Props>[]): Geom => unionAll(fs.map((f) => f as Feature<Area>));

function main() {
  const args = process.argv.slice(2);
  const outDir = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'seed/sample-layers';
  const preview = args.includes('--preview') ? args[args.indexOf('--preview') + 1] : null;

  const l = land();
  const ds = districts(l);
  const districtFs = AUTHORITIES.filter((a) => a.kind === 'district').map((a) =>
    feature(ds.get(a.code) ?? null, { code: a.code, name: a.zh, name_en: a.en }, a.code)
  );
  const eco = ecoRedline(l);
  const ecoAll = unionAll(eco.map((e) => e.geom));
  const central = centralCity(l);
  const z = zoning(l, ecoAll, central[0].geom);
  const farm = farmland(l, z.boundaryAll, ecoAll);
  const lg = lingang(l);

  const files: Record<string, ReturnType<typeof collection>> = {
    district: collection('district', '行政区(示意)', 'Districts (schematic)', districtFs),
    lingang: collection(
      'lingang',
      '临港新片区(示意)',
      'Lingang New Area (schematic)',
      lg.map((n) => feature(n.geom, { code: 'lingang', name: '临港新片区', name_en: 'Lingang New Area' }, 'lingang'))
    ),
    development_boundary: collection(
      'development_boundary',
      '城市开发边界(示意)',
      'Urban development boundary (schematic)',
      numbered(z.boundary, 'DB-', 2)
    ),
    industrial_block: collection(
      'industrial_block',
      '规划产业区块(示意)',
      'Planned industrial blocks (schematic)',
      numbered(z.blocks, 'IB-', 3, (n) => ({ district: districtOf(n.geom, ds) }))
    ),
    strategic_reserve: collection(
      'strategic_reserve',
      '战略预留区(示意)',
      'Strategic reserve areas (schematic)',
      numbered(z.reserves, 'SR-', 2, (n) => ({ district: districtOf(n.geom, ds) }))
    ),
    basic_farmland: collection(
      'basic_farmland',
      '永久基本农田(示意)',
      'Permanent basic farmland (schematic)',
      numbered(farm, 'BF-', 4)
    ),
    eco_redline: collection(
      'eco_redline',
      '生态保护红线(示意)',
      'Ecological protection red line (schematic)',
      numbered(eco, 'ER-', 2)
    ),
    central_city: collection(
      'central_city',
      '中心城(示意)',
      'Central city, inside the Outer Ring (schematic)',
      central.map((n) =>
        feature(n.geom, { code: 'central-city', name: n.name, name_en: 'Central city (inside the Outer Ring)' }, n.name)
      )
    ),
    river_buffer: collection(
      'river_buffer',
      '黄浦江、长江干流1公里范围(示意)',
      '1 km from the Huangpu and the Yangtze main stream (schematic)',
      riverBand(l).map((n, i) =>
        feature(n.geom, { code: ['river-huangpu', 'river-yangtze'][i], name: n.name, buffer_km: 1 }, n.name)
      )
    )
  };

  // Expectations are computed against the finished (rounded) layers, exactly as a reader of the files sees them.
  const layers: Layers = {
    districts: new Map(files.district.features.map((f) => [String(f.properties?.code), f as Feature<Area>])),
    boundary: asGeom(files.development_boundary.features as Feature<Area, Props>[]),
    blocks: asGeom(files.industrial_block.features as Feature<Area, Props>[]),
    reserves: asGeom(files.strategic_reserve.features as Feature<Area, Props>[]),
    farmland: asGeom(files.basic_farmland.features as Feature<Area, Props>[]),
    eco: asGeom(files.eco_redline.features as Feature<Area, Props>[]),
    lingang: asGeom(files.lingang.features as Feature<Area, Props>[])
  };
  const parcels = demoParcels(layers);
  const parcelFs = parcels.map((p) =>
    feature(p.geom, { id: p.id, name: p.name, district: p.district, expected: p.expected }, p.id)
  );
  files['sample-parcels'] = collection('sample-parcels', '示意地块(演示用)', 'Demo parcels (schematic)', parcelFs);

  mkdirSync(outDir, { recursive: true });
  for (const [name, fc] of Object.entries(files))
    writeFileSync(join(outDir, `${name}.geojson`), JSON.stringify(fc) + '\n');

  const landKm2 = areaKm2(unionAll(districtFs as Feature<Area>[]));
  console.log(`land ${landKm2.toFixed(0)} km²`);
  for (const f of districtFs) console.log(`  ${f.properties.code}: ${areaKm2(f as Feature<Area>).toFixed(1)} km²`);
  for (const [name, fc] of Object.entries(files)) {
    const km2 = areaKm2(asGeom(fc.features as Feature<Area, Props>[]));
    console.log(
      `${name}: ${fc.features.length} features, ${km2.toFixed(1)} km² (${((100 * km2) / landKm2).toFixed(1)}% of land)`
    );
  }
  for (const p of parcels)
    console.log(`  ${p.id} ${p.district} ${parcelAreaHa(p.geom).toFixed(1)} ha ${JSON.stringify(p.expected)}`);

  if (preview) {
    const F = (k: string) => files[k].features as Feature<Area>[];
    writeFileSync(
      preview,
      renderSvg(
        [
          {
            features: F('district'),
            fill: '#f3f0e6',
            stroke: '#777',
            width: 1.5,
            label: (f) => String(f.properties?.name)
          },
          { features: F('basic_farmland'), fill: '#f1d77a', stroke: 'none', opacity: 0.9 },
          { features: F('development_boundary'), fill: '#f4b6b6', stroke: '#c33', opacity: 0.6 },
          { features: F('industrial_block'), fill: '#8e5bd1', stroke: '#503', opacity: 0.8 },
          { features: F('strategic_reserve'), fill: '#2aa05a', stroke: '#063', opacity: 0.9 },
          { features: F('eco_redline'), fill: '#2a8a3a', stroke: '#050', opacity: 0.5 },
          { features: F('river_buffer'), fill: '#39f', stroke: 'none', opacity: 0.3 },
          { features: F('lingang'), fill: 'none', stroke: '#06c', width: 3 },
          { features: F('central_city'), fill: 'none', stroke: '#000', width: 2 },
          { features: F('district'), fill: 'none', stroke: '#555', width: 1 },
          {
            features: F('sample-parcels'),
            fill: '#f00',
            stroke: '#f00',
            width: 4,
            label: (f) => String(f.properties?.id)
          }
        ],
        [
          { coords: [...HUANGPU_LOWER, ...HUANGPU_UPPER], stroke: '#3a7bd5', width: 2 },
          { coords: [...DIANSHAN_LAKE, DIANSHAN_LAKE[0]], stroke: '#36c', width: 2 }
        ],
        args.includes('--centre') ? { minLon: 121.3, maxLon: 121.65, minLat: 31.05, maxLat: 31.42 } : undefined
      )
    );
    console.log(`preview: ${preview}`);
  }
}

main();
