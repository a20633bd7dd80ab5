// Benchmark inputs, deterministic: a ~20 MB DXF with ~100k entities and a 5,000-polygon shapefile, both in
// CGCS2000 / 3° GK CM 120°E (EPSG:4549) over western Shanghai (Qingpu, ~121.0°E 31.1°N).
import iconv from 'iconv-lite';
import { writeShapefile, type PolygonRecord, type Ring } from './shapefile-writer.ts';

export const EPSG_4549_WKT =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 120E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",120],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4549"]]';

const X0 = 595000;
const Y0 = 3442000;

/** Park-Miller PRNG: the same file every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

// 8 decimals as AutoCAD writes them (see GDAL's closed_polyline_with_bulge.dxf), which also brings the file to ~20 MB.
const f = (v: number) => v.toFixed(8);

export function makeDxf(): { bytes: Uint8Array; entities: number; parcels: number } {
  const rand = rng(42);
  const out: string[] = [];
  const p = (c: number, v: string | number) => out.push(`${String(c).padStart(3)}\n${v}\n`);
  p(0, 'SECTION');
  p(2, 'HEADER');
  p(9, '$ACADVER');
  p(1, 'AC1015');
  p(9, '$DWGCODEPAGE');
  p(3, 'ANSI_936');
  p(9, '$INSUNITS');
  p(70, 6);
  p(0, 'ENDSEC');
  const layers = ['0', '用地红线', '道路', '文字', '树', '其他'];
  p(0, 'SECTION');
  p(2, 'TABLES');
  p(0, 'TABLE');
  p(2, 'LAYER');
  p(70, layers.length);
  for (const l of layers) {
    p(0, 'LAYER');
    p(2, l);
    p(70, 0);
    p(62, 7);
    p(6, 'CONTINUOUS');
  }
  p(0, 'ENDTAB');
  p(0, 'ENDSEC');
  p(0, 'SECTION');
  p(2, 'ENTITIES');
  let n = 0;
  const PARCELS = 20000;
  const cols = 150;
  let handle = 0x100;
  const common = (type: string, layer: string) => {
    p(0, type);
    p(5, (handle++).toString(16).toUpperCase());
    p(100, 'AcDbEntity');
    p(8, layer);
  };
  for (let i = 0; i < PARCELS; i++, n++) {
    const cx = X0 + (i % cols) * 60,
      cy = Y0 + Math.floor(i / cols) * 60;
    const w = 30 + rand() * 20,
      h = 30 + rand() * 20;
    const pts: [number, number, number][] = [
      [cx, cy, 0],
      [cx + w, cy, 0],
      [cx + w, cy + h * 0.5, 0.2],
      [cx + w, cy + h, 0],
      [cx + w / 2, cy + h + 3, 0],
      [cx, cy + h, 0]
    ];
    common('LWPOLYLINE', '用地红线');
    p(100, 'AcDbPolyline');
    p(90, pts.length);
    p(70, 1);
    for (const [x, y, b] of pts) {
      p(10, f(x));
      p(20, f(y));
      if (b) p(42, b);
    }
  }
  for (let i = 0; i < 50000; i++, n++) {
    const x = X0 + rand() * 9000,
      y = Y0 + rand() * 8000;
    common('LINE', '道路');
    p(100, 'AcDbLine');
    p(10, f(x));
    p(20, f(y));
    p(30, 0);
    p(11, f(x + rand() * 50));
    p(21, f(y + rand() * 50));
    p(31, 0);
  }
  for (let i = 0; i < 15000; i++, n++) {
    common('TEXT', '文字');
    p(100, 'AcDbText');
    p(10, f(X0 + rand() * 9000));
    p(20, f(Y0 + rand() * 8000));
    p(30, 0);
    p(40, 2.5);
    p(1, `地块${i}号`);
  }
  for (let i = 0; i < 10000; i++, n++) {
    common('CIRCLE', '树');
    p(100, 'AcDbCircle');
    p(10, f(X0 + rand() * 9000));
    p(20, f(Y0 + rand() * 8000));
    p(30, 0);
    p(40, 1 + rand() * 2);
  }
  for (let i = 0; i < 5000; i++, n++) {
    common('ARC', '其他');
    p(100, 'AcDbCircle');
    p(10, f(X0 + rand() * 9000));
    p(20, f(Y0 + rand() * 8000));
    p(30, 0);
    p(40, 5 + rand() * 5);
    p(100, 'AcDbArc');
    p(50, 0);
    p(51, 90 + rand() * 180);
  }
  p(0, 'ENDSEC');
  p(0, 'EOF');
  return { bytes: new Uint8Array(iconv.encode(out.join(''), 'gbk')), entities: n, parcels: PARCELS };
}

export function makeShapefile(count = 5000) {
  const rand = rng(7);
  const polys: PolygonRecord[] = [];
  const cols = 80;
  for (let i = 0; i < count; i++) {
    const cx = X0 + (i % cols) * 100 + 50,
      cy = Y0 + Math.floor(i / cols) * 100 + 50;
    const k = 8 + Math.floor(rand() * 5);
    const outer: Ring = [];
    for (let j = 0; j < k; j++) {
      const a = (j / k) * Math.PI * 2,
        r = 30 + rand() * 15;
      outer.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
    const rings: Ring[] = [outer];
    if (i % 5 === 0)
      rings.push([
        [cx - 5, cy - 5],
        [cx + 5, cy - 5],
        [cx + 5, cy + 5],
        [cx - 5, cy + 5]
      ]);
    polys.push({ rings, id: i + 1, name: `青浦区地块${i + 1}` });
  }
  return writeShapefile(polys, EPSG_4549_WKT);
}
