// Recognised parcels for the planning bureau's GIS (附件 三.2 supervision; 二.4 市规划资源局监督检查):
// GeoJSON (RFC 7946 + the CGCS2000 CRS named), zipped Shapefile (.prj CGCS2000, .cpg UTF-8) and KML.
import type { Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { LAND_TYPE_INFO, isLandType } from '../../domain/land-types.ts';
import { supervisionFeatures, type SupervisionFeature, type SupervisionFilter } from '../supervision/supervision.service.ts';
import { kmlDocument } from './kml-writer.ts';
import { zippedShapefile, type DbfField } from './shapefile-writer.ts';

export const EXPORT_FORMATS = ['geojson', 'shp', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const landTypeZh = (t: string | null) => (isLandType(t) ? LAND_TYPE_INFO[t].zh : '');

/** Attribute names fit dBASE's 10 characters so all three formats carry the same keys. */
function attributes(f: SupervisionFeature) {
  const p = f.properties;
  return {
    CODE: p.code, NAME: p.title, ENTERPRISE: p.enterpriseName, DISTRICT: p.authorityName, LAND_TYPE: landTypeZh(p.landType),
    STATUS: p.statusLabel, RECOG_DATE: p.recognisedOn ?? '', AREA_M2: Math.round(p.areaM2 * 100) / 100
  };
}

const FIELDS: DbfField[] = [
  { name: 'CODE', type: 'C', length: 40 }, { name: 'NAME', type: 'C', length: 254 }, { name: 'ENTERPRISE', type: 'C', length: 254 },
  { name: 'DISTRICT', type: 'C', length: 40 }, { name: 'LAND_TYPE', type: 'C', length: 40 }, { name: 'STATUS', type: 'C', length: 60 },
  { name: 'RECOG_DATE', type: 'C', length: 10 }, { name: 'AREA_M2', type: 'N', length: 18, decimals: 2 }
];

export interface ExportFile { bytes: Uint8Array; mime: string; name: string; count: number }

export async function exportRecognised(db: Queryable, actor: SessionUser, format: string, filter: SupervisionFilter = {}): Promise<ExportFile> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw apiError(400, 'bad_format', { zh: '导出格式只能是 geojson、shp 或 kml。', en: 'The export format must be geojson, shp or kml.' });
  }
  const features = await supervisionFeatures(db, actor, filter);
  const stamp = new Date().toISOString().slice(0, 10);
  const base = `recognised_parcels_${stamp}`;
  if (format === 'geojson') {
    const fc = {
      type: 'FeatureCollection',
      // RFC 7946 drops "crs"; GIS tools still read this member, and it tells the planning bureau the frame.
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
      features: features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: attributes(f) }))
    };
    return { bytes: new TextEncoder().encode(JSON.stringify(fc)), mime: 'application/geo+json', name: `${base}.geojson`, count: features.length };
  }
  if (format === 'kml') {
    const kml = kmlDocument('已认定项目地块', features.map((f) => ({ name: `${f.properties.code} ${f.properties.title}`, geometry: f.geometry, data: attributes(f) })));
    return { bytes: new TextEncoder().encode(kml), mime: 'application/vnd.google-earth.kml+xml', name: `${base}.kml`, count: features.length };
  }
  const zip = zippedShapefile(base, features.map((f) => ({ polygons: f.geometry.coordinates, attributes: attributes(f) })), FIELDS);
  return { bytes: zip, mime: 'application/zip', name: `${base}.zip`, count: features.length };
}
