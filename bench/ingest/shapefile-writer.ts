// Benchmark fixtures' shapefile (polygons + an ID and a GBK NAME attribute), written by the product's one
// shapefile writer (src/lib/server/export/shapefile-writer.ts).
import { orientPolygon, writeDbf, writeShp } from '../../src/lib/server/export/shapefile-writer.ts';

export type Ring = [number, number][];
export interface PolygonRecord {
  rings: Ring[];
  id: number;
  name: string;
}

export function writeShapefile(
  polys: PolygonRecord[],
  prj: string
): { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array; prj: Uint8Array; cpg: Uint8Array } {
  const { shp, shx } = writeShp(polys.map((p) => orientPolygon(p.rings)));
  // ID N(10), NAME C(40) in GBK, declared by the .cpg and by language driver 0x4D (CP936).
  const fields = [
    { name: 'ID', type: 'N', length: 10 },
    { name: 'NAME', type: 'C', length: 40 }
  ] as const;
  const dbf = writeDbf(
    [...fields],
    polys.map((p) => [p.id, p.name]),
    { encoding: 'gbk', ldid: 0x4d, cut: 'byte', date: new Date(Date.UTC(2020, 0, 1)) }
  );
  return { shp, shx, dbf, prj: Buffer.from(prj), cpg: Buffer.from('GBK') };
}
