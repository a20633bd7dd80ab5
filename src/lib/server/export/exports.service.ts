// Recognised parcels for the planning bureau's GIS (附件 三.2 supervision; 二.4 市规划资源局监督检查):
// GeoJSON (RFC 7946 + the CGCS2000 CRS named), zipped Shapefile (.prj CGCS2000, .cpg UTF-8), KML and an xlsx
// table; all carry the after-recognition results (compliance, encroachment, achieved plot ratio, coverage).
import ExcelJS from 'exceljs';
import type { Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { LAND_TYPE_INFO, isLandType } from '../../domain/land-types.ts';
import {
  supervisionFeatures,
  type SupervisionFeature,
  type SupervisionFilter
} from '../supervision/supervision.service.ts';
import { kmlDocument } from './kml-writer.ts';
import { zippedShapefile, type DbfField } from './shapefile-writer.ts';
import { INDICATOR_LABELS, type Indicator } from '../../domain/aftercare/verdicts.ts';
import { currentSampleKinds, SAMPLE_NOTICE } from '../layers/sample-notice.ts';

export const EXPORT_FORMATS = ['geojson', 'shp', 'kml', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const landTypeZh = (t: string | null) => (isLandType(t) ? LAND_TYPE_INFO[t].zh : '');

/** Attribute names fit dBASE's 10 characters so all three formats carry the same keys. */
function attributes(f: SupervisionFeature, note: string) {
  const p = f.properties;
  return {
    CODE: p.code,
    NAME: p.title,
    ENTERPRISE: p.enterpriseName,
    DISTRICT: p.authorityName,
    LAND_TYPE: landTypeZh(p.landType),
    STATUS: p.statusLabel,
    RECOG_DATE: p.recognisedOn ?? '',
    AREA_M2: Math.round(p.areaM2 * 100) / 100,
    COMPLIANCE: p.complianceLabel,
    ENCROACH: p.encroachmentM2,
    PR_ACTUAL: p.plotRatioAchieved,
    PR_DECL: p.plotRatioDeclared,
    COVERAGE: p.coverage,
    SIGNOFF: p.asBuiltSignoff === 'pass' ? '通过' : p.asBuiltSignoff === 'fail' ? '不通过' : '',
    FAILED: p.contractFailures.map((i) => INDICATOR_LABELS[i as Indicator]?.zh ?? i).join('、'),
    DATA_NOTE: note
  };
}

/** Column headers of the xlsx export, in attribute order. */
const XLSX_HEADERS: Record<string, string> = {
  CODE: '项目编号',
  NAME: '项目名称',
  ENTERPRISE: '项目单位',
  DISTRICT: '所在区',
  LAND_TYPE: '空间类型',
  STATUS: '跟踪状态',
  RECOG_DATE: '认定日期',
  AREA_M2: '地块面积（平方米）',
  COMPLIANCE: '履约与竣工核实',
  ENCROACH: '超出地块面积（平方米）',
  PR_ACTUAL: '实际容积率',
  PR_DECL: '申报容积率',
  COVERAGE: '建筑密度',
  SIGNOFF: '规划核实结论',
  FAILED: '不达标指标'
};

const FIELDS: DbfField[] = [
  { name: 'CODE', type: 'C', length: 40 },
  { name: 'NAME', type: 'C', length: 254 },
  { name: 'ENTERPRISE', type: 'C', length: 254 },
  { name: 'DISTRICT', type: 'C', length: 40 },
  { name: 'LAND_TYPE', type: 'C', length: 40 },
  { name: 'STATUS', type: 'C', length: 60 },
  { name: 'RECOG_DATE', type: 'C', length: 10 },
  { name: 'AREA_M2', type: 'N', length: 18, decimals: 2 },
  { name: 'COMPLIANCE', type: 'C', length: 40 },
  { name: 'ENCROACH', type: 'N', length: 18, decimals: 2 },
  { name: 'PR_ACTUAL', type: 'N', length: 10, decimals: 2 },
  { name: 'PR_DECL', type: 'N', length: 10, decimals: 2 },
  { name: 'COVERAGE', type: 'N', length: 10, decimals: 4 },
  { name: 'SIGNOFF', type: 'C', length: 10 },
  { name: 'FAILED', type: 'C', length: 120 },
  { name: 'DATA_NOTE', type: 'C', length: 80 }
];

export interface ExportFile {
  bytes: Uint8Array;
  mime: string;
  name: string;
  count: number;
}

export async function exportRecognised(
  db: Queryable,
  actor: SessionUser,
  format: string,
  filter: SupervisionFilter = {}
): Promise<ExportFile> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw apiError(400, 'bad_format', {
      zh: '导出格式只能是 geojson、shp、kml 或 xlsx。',
      en: 'The export format must be geojson, shp, kml or xlsx.'
    });
  }
  const features = await supervisionFeatures(db, actor, filter);
  // Land types and districts come from the zoning layers: while any current layer is a sample, every record says so.
  const sampleKinds = await currentSampleKinds(db);
  const note = sampleKinds.length ? `${SAMPLE_NOTICE.zh}（${sampleKinds.join(',')}）` : '';
  const attrs = (f: SupervisionFeature) => attributes(f, note);
  const stamp = new Date().toISOString().slice(0, 10);
  const base = `recognised_parcels_${stamp}`;
  if (format === 'geojson') {
    const fc = {
      type: 'FeatureCollection',
      // RFC 7946 drops "crs"; GIS tools still read this member, and it tells the planning bureau the frame.
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
      ...(note ? { notice: { ...SAMPLE_NOTICE, sampleLayers: sampleKinds } } : {}),
      features: features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: attrs(f) }))
    };
    return {
      bytes: new TextEncoder().encode(JSON.stringify(fc)),
      mime: 'application/geo+json',
      name: `${base}.geojson`,
      count: features.length
    };
  }
  if (format === 'kml') {
    const kml = kmlDocument(
      note ? `已认定项目地块（${SAMPLE_NOTICE.zh}）` : '已认定项目地块',
      features.map((f) => ({
        name: `${f.properties.code} ${f.properties.title}`,
        geometry: f.geometry,
        data: attrs(f)
      }))
    );
    return {
      bytes: new TextEncoder().encode(kml),
      mime: 'application/vnd.google-earth.kml+xml',
      name: `${base}.kml`,
      count: features.length
    };
  }
  if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    wb.creator = '零增地技术改造优质项目认定平台';
    const ws = wb.addWorksheet('已认定项目', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
    const keys = Object.keys(XLSX_HEADERS);
    ws.addRow(keys.map((k) => XLSX_HEADERS[k]));
    ws.getRow(1).font = { bold: true };
    for (const f of features) {
      const a = attrs(f) as Record<string, unknown>;
      ws.addRow(keys.map((k) => a[k] ?? null));
    }
    ws.columns.forEach((c, i) => {
      c.width = i === 1 ? 40 : 16;
    });
    if (note) wb.addWorksheet('说明').addRow([`注意：空间类型、所在区依据的图层为${note}`]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    return {
      bytes,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      name: `${base}.xlsx`,
      count: features.length
    };
  }
  const zip = zippedShapefile(
    base,
    features.map((f) => ({ polygons: f.geometry.coordinates, attributes: attrs(f) })),
    FIELDS
  );
  return { bytes: zip, mime: 'application/zip', name: `${base}.zip`, count: features.length };
}
