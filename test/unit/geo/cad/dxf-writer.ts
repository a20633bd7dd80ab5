// Minimal ASCII DXF writer for synthetic fixtures with known answers (group codes per the DXF Reference).
// Numbers are written with String(), which round-trips doubles exactly.

type V = string | number;
const pairs = (...kv: [number, V][]) => kv.map(([c, v]) => `${String(c).padStart(3)}\n${v}\n`).join('');

export interface DxfSpec {
  version?: string; // $ACADVER; default AC1015 (R2000)
  codepage?: string; // $DWGCODEPAGE
  insunits?: number;
  layers?: string[];
  blocks?: string[]; // from block()
  entities: string[];
}

export function dxf(s: DxfSpec): string {
  let out = pairs([0, 'SECTION'], [2, 'HEADER'], [9, '$ACADVER'], [1, s.version ?? 'AC1015']);
  if (s.codepage) out += pairs([9, '$DWGCODEPAGE'], [3, s.codepage]);
  if (s.insunits !== undefined) out += pairs([9, '$INSUNITS'], [70, s.insunits]);
  out += pairs([0, 'ENDSEC']);
  out += pairs([0, 'SECTION'], [2, 'TABLES'], [0, 'TABLE'], [2, 'LAYER'], [70, (s.layers ?? []).length]);
  for (const l of s.layers ?? []) out += pairs([0, 'LAYER'], [2, l], [70, 0], [62, 7], [6, 'CONTINUOUS']);
  out += pairs([0, 'ENDTAB'], [0, 'ENDSEC']);
  out += pairs([0, 'SECTION'], [2, 'BLOCKS']) + (s.blocks ?? []).join('') + pairs([0, 'ENDSEC']);
  out += pairs([0, 'SECTION'], [2, 'ENTITIES']) + s.entities.join('') + pairs([0, 'ENDSEC'], [0, 'EOF']);
  return out;
}

export type Pt = [number, number] | [number, number, number]; // x, y, bulge

/** The file's bytes, as an upload gives them. */
export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A square's corners (for an LWPOLYLINE, closed by its flag), south-west corner first. */
export const square = (x: number, y: number, s: number): [number, number][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s]
];

/** A Gauss-Krüger point in Songjiang (CGCS2000, CM 120°E, no zone prefix). */
export const GK_X = 595000,
  GK_Y = 3442000;

export function lwpolyline(layer: string, pts: Pt[], closed: boolean, extrusion?: [number, number, number]): string {
  let s = pairs([0, 'LWPOLYLINE'], [8, layer], [90, pts.length], [70, closed ? 1 : 0]);
  for (const p of pts) {
    s += pairs([10, p[0]], [20, p[1]]);
    if (p[2]) s += pairs([42, p[2]]);
  }
  if (extrusion) s += pairs([210, extrusion[0]], [220, extrusion[1]], [230, extrusion[2]]);
  return s;
}

/** Old-style (R12) POLYLINE / VERTEX / SEQEND. */
export function polylineR12(layer: string, pts: Pt[], closed: boolean): string {
  let s = pairs([0, 'POLYLINE'], [8, layer], [66, 1], [10, 0], [20, 0], [30, 0], [70, closed ? 1 : 0]);
  for (const p of pts)
    s += pairs(
      [0, 'VERTEX'],
      [8, layer],
      [10, p[0]],
      [20, p[1]],
      [30, 0],
      ...(p[2] ? [[42, p[2]] as [number, V]] : [])
    );
  return s + pairs([0, 'SEQEND'], [8, layer]);
}

export function line(layer: string, a: [number, number], b: [number, number]): string {
  return pairs([0, 'LINE'], [8, layer], [10, a[0]], [20, a[1]], [30, 0], [11, b[0]], [21, b[1]], [31, 0]);
}

export function arc(layer: string, c: [number, number], r: number, startDeg: number, endDeg: number): string {
  return pairs([0, 'ARC'], [8, layer], [10, c[0]], [20, c[1]], [30, 0], [40, r], [50, startDeg], [51, endDeg]);
}

export function circle(layer: string, c: [number, number], r: number, extrusion?: [number, number, number]): string {
  let s = pairs([0, 'CIRCLE'], [8, layer], [10, c[0]], [20, c[1]], [30, 0], [40, r]);
  if (extrusion) s += pairs([210, extrusion[0]], [220, extrusion[1]], [230, extrusion[2]]);
  return s;
}

export function ellipse(layer: string, c: [number, number], major: [number, number], ratio: number): string {
  return pairs(
    [0, 'ELLIPSE'],
    [8, layer],
    [10, c[0]],
    [20, c[1]],
    [30, 0],
    [11, major[0]],
    [21, major[1]],
    [31, 0],
    [40, ratio],
    [41, 0],
    [42, 2 * Math.PI]
  );
}

export function insert(layer: string, block: string, at: [number, number], scale = 1, rotationDeg = 0): string {
  return pairs(
    [0, 'INSERT'],
    [8, layer],
    [2, block],
    [10, at[0]],
    [20, at[1]],
    [30, 0],
    [41, scale],
    [42, scale],
    [43, scale],
    [50, rotationDeg]
  );
}

export function block(name: string, entities: string[]): string {
  return (
    pairs([0, 'BLOCK'], [8, '0'], [2, name], [70, 0], [10, 0], [20, 0], [30, 0], [3, name]) +
    entities.join('') +
    pairs([0, 'ENDBLK'], [8, '0'])
  );
}

/** HATCH with one polyline path and one edge path (line edges plus one counter-clockwise arc edge). */
export type HatchEdgeSpec =
  | { line: [[number, number], [number, number]] }
  | { arc: { c: [number, number]; r: number; start: number; end: number; ccw: boolean } };

export function hatch(layer: string, polyPaths: Pt[][], edgePaths: HatchEdgeSpec[][]): string {
  let s = pairs(
    [0, 'HATCH'],
    [8, layer],
    [10, 0],
    [20, 0],
    [30, 0],
    [210, 0],
    [220, 0],
    [230, 1],
    [2, 'SOLID'],
    [70, 1],
    [71, 0],
    [91, polyPaths.length + edgePaths.length]
  );
  for (const p of polyPaths) {
    const bul = p.some((v) => v[2]);
    s += pairs([92, 2], [72, bul ? 1 : 0], [73, 1], [93, p.length]);
    for (const v of p) s += pairs([10, v[0]], [20, v[1]], ...(bul ? [[42, v[2] ?? 0] as [number, V]] : []));
    s += pairs([97, 0]);
  }
  for (const path of edgePaths) {
    s += pairs([92, 1], [93, path.length]);
    for (const e of path) {
      if ('line' in e)
        s += pairs([72, 1], [10, e.line[0][0]], [20, e.line[0][1]], [11, e.line[1][0]], [21, e.line[1][1]]);
      else {
        const a = e.arc;
        // Clockwise edges are stored as 360° − angle (AutoCAD's convention).
        const st = a.ccw ? a.start : 360 - a.start;
        const en = a.ccw ? a.end : 360 - a.end;
        s += pairs([72, 2], [10, a.c[0]], [20, a.c[1]], [40, a.r], [50, st], [51, en], [73, a.ccw ? 1 : 0]);
      }
    }
    s += pairs([97, 0]);
  }
  return s + pairs([75, 0], [76, 1], [98, 0]);
}
