// DXF group stream → intermediate drawing: HEADER variables, the LAYER table, BLOCKS and model-space
// ENTITIES. Tolerant of what real files do: no HEADER (ENTITIES-only writers), many ENTITIES sections and
// no EOF (ezdxf's recover01.dxf), old-style POLYLINE/VERTEX/SEQEND.
import {
  emptyDrawing,
  ignoredEntitiesNote,
  type BulgeVertex,
  type CadBlock,
  type CadDrawing,
  type CadEntity
} from './model.ts';
import { DxfRecord } from './dxf-record.ts';
import { entityHeader, makeEntity } from './dxf-entities.ts';
import { truncatedError, type GroupReader } from './dxf-groups.ts';
import { UploadBudget } from '../budget.ts';

/** POLYLINE flags (group 70): 16 = 3D mesh, 64 = polyface mesh — surfaces, not outlines. */
const POLYLINE_MESH_FLAGS = 16 | 64;
/** VERTEX flag 16 = spline frame control point: not on the curve; the fitted vertices (flag 8) are. */
const VERTEX_SPLINE_FRAME = 16;

export interface ParseStats {
  records: number;
  /** Model-space entities read (kept in `drawing.entities` or handed to the sink). */
  entities: number;
  sawEof: boolean;
  sawSection: boolean;
}

/** Takes model-space entities as they are read instead of `drawing.entities` (dxf-stream.ts), and hears of
 *  definitions that come after them (a HEADER, LAYER or BLOCK record), which may change what they meant. */
export interface EntitySink {
  entity(e: CadEntity): void;
  definition(): void;
}

/** A string of its own: the group reader's values are slices of a ~64 KB decoded piece of the file, and V8
 *  keeps a slice of 13 or more characters as a view into its piece (up to 128 KB of UTF-16 kept per name). */
function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** One string per distinct value for the whole drawing (100,000 entities name a handful of layers), each
 *  its own (`ownString`); the table is dropped with the parse. */
function interner(f: (s: string) => string = (s) => s): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) seen.set(ownString(s), (v = ownString(f(s))));
    return v;
  };
}

/** Read all records into `d` (model-space entities to `sink` when given); `decodeRaw` decodes \U+ escapes
 *  in names. Throws when the data stop mid-pair. */
export function parseDxf(
  r: GroupReader,
  decodeRaw: (s: string) => string,
  binary: boolean,
  budget: UploadBudget = new UploadBudget(),
  d: CadDrawing = emptyDrawing(),
  sink?: EntitySink
): ParseStats {
  // One record holds all groups of one entity: an LWPOLYLINE of millions of vertices would be held three
  // times over (codes, strings, numbers) before the vertex budget sees it, so records are bounded too.
  const maxGroups = budget.limits.vertices * 4 + 1000;
  const decodeName = interner(decodeRaw); // layer, block names and texts
  const typeName = interner();
  const rec = new DxfRecord(binary);
  const stats: ParseStats = { records: 0, entities: 0, sawEof: false, sawSection: false };
  let section = '';
  let block: CadBlock | undefined;
  let poly: { entity: CadEntity; vertices: BulgeVertex[]; skipFrame: boolean; sink: boolean } | undefined;
  let inAttribs = false;
  const unsupported = new Map<string, number>();

  const target = (): CadEntity[] | undefined => {
    if (block) return block.entities;
    if (section === 'ENTITIES' || (!stats.sawSection && section === '')) return d.entities;
    return undefined;
  };
  const endPoly = (): void => {
    if (!poly) return;
    const p = poly;
    poly = undefined;
    const g = p.entity.geom;
    if (g.kind === 'polyline') g.vertices = p.vertices;
    if (p.sink) sink!.entity(p.entity); // complete now: its place in the entity order is still this one
  };
  /** A model-space entity goes to the sink when there is one. */
  const add = (list: CadEntity[], e: CadEntity): void => {
    if (list !== d.entities) list.push(e);
    else {
      stats.entities++;
      if (sink) sink.entity(e);
      else list.push(e);
    }
  };

  let has = r.next();
  while (has && r.code !== 0) has = r.next(); // leading junk before the first record (e.g. 999 comments)
  while (has) {
    rec.reset(typeName(r.value));
    for (has = r.next(); has && r.code !== 0; has = r.next()) {
      rec.push(r.code, r.value, r.num());
      if (rec.n > maxGroups) budget.spendRead(rec.n / 3);
    }
    stats.records++;
    const type = rec.type;

    if (type === 'VERTEX' && poly) {
      const h = rec.numOf(70, 0);
      if (!(poly.skipFrame && h & VERTEX_SPLINE_FRAME)) {
        poly.vertices.push({ x: rec.numOf(10, 0), y: rec.numOf(20, 0), bulge: rec.numOf(42, 0) });
        budget.spendRead(1);
      }
      continue;
    }
    if (type === 'SEQEND') {
      endPoly();
      inAttribs = false;
      continue;
    }
    if (poly) endPoly();
    if (inAttribs && type === 'ATTRIB') continue;
    inAttribs = false;

    switch (type) {
      case 'SECTION':
        section = rec.str(2).toUpperCase();
        stats.sawSection = true;
        if (section === 'HEADER') {
          sink?.definition();
          readHeader(rec, d);
        }
        continue;
      case 'ENDSEC':
        section = '';
        block = undefined;
        continue;
      case 'EOF':
        stats.sawEof = true;
        has = false;
        continue;
      case 'BLOCK':
        if (section === 'BLOCKS') {
          sink?.definition();
          const name = decodeName(rec.str(2));
          block = { name, base: [rec.numOf(10, 0), rec.numOf(20, 0), rec.numOf(30, 0)], entities: [] };
          d.blocks.set(name, block);
        }
        continue;
      case 'ENDBLK':
        block = undefined;
        continue;
      case 'LAYER':
        if (section === 'TABLES') {
          sink?.definition();
          d.layerTable.push(decodeName(rec.str(2)));
        }
        continue;
    }
    if (section === 'TABLES' || section === 'HEADER' || section === 'OBJECTS' || section === 'CLASSES') continue;
    const list = target();
    if (!list) continue;

    if (type === 'POLYLINE') {
      const h = entityHeader(rec, decodeName);
      const flags = rec.numOf(70, 0);
      if (!h || flags & POLYLINE_MESH_FLAGS) {
        // Still swallow its VERTEX records, into a throwaway list.
        poly = { entity: { type, layer: '', geom: { kind: 'other' } }, vertices: [], skipFrame: true, sink: false };
        continue;
      }
      const entity: CadEntity = {
        type,
        layer: h.layer,
        handle: h.handle,
        extrusion: h.extrusion,
        geom: { kind: 'polyline', vertices: [], closed: (flags & 1) === 1, elevation: rec.numOf(30, 0) }
      };
      const toSink = sink !== undefined && list === d.entities;
      if (toSink) stats.entities++;
      else add(list, entity);
      poly = { entity, vertices: [], skipFrame: (flags & 4) !== 0, sink: toSink };
      continue;
    }
    const e = makeEntity(rec, decodeName);
    if (!e) continue;
    budget.spendRead(
      e.geom.kind === 'polyline'
        ? e.geom.vertices.length
        : e.geom.kind === 'spline'
          ? e.geom.ctrl.length + e.geom.fit.length
          : 1
    );
    if (e.geom.kind === 'insert' && rec.numOf(66, 0) === 1) inAttribs = true;
    if (e.geom.kind === 'other') unsupported.set(type, (unsupported.get(type) ?? 0) + 1);
    add(list, e);
  }
  endPoly();
  if (r.truncated) throw truncatedError();
  if (unsupported.size) {
    d.notes.push(ignoredEntitiesNote(unsupported));
  }
  return stats;
}

function readHeader(rec: DxfRecord, d: CadDrawing): void {
  for (let i = 0; i < rec.n; i++) {
    if (rec.codes[i] !== 9 || i + 1 >= rec.n) continue;
    const name = rec.strs[i];
    if (name === '$ACADVER') d.version = rec.strs[i + 1];
    else if (name === '$INSUNITS') d.insunits = rec.num(i + 1);
  }
}
