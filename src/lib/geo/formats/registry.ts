// The single-file boundary formats and their readers: adding a format is its reader file plus one line here
// (and, when its bytes or extension are new, a rule in io/sniff.ts). Shapefiles are not here: they arrive as a
// set of files (.shp .shx .dbf .prj .cpg) that the dispatcher (index.ts) groups first.
import type { ReadOptions, ReadResult } from '../types.ts';
import { userError } from '../../errors.ts';

export interface ReadItem {
  name: string;
  bytes: Uint8Array;
  inZip: boolean;
}
type Reader = (it: ReadItem, opts: ReadOptions) => ReadResult | Promise<ReadResult>;

export interface FormatEntry {
  /** The reader, loaded on first use (the CAD readers are large; DWG pulls an optional WASM dependency). */
  load: () => Promise<Reader>;
  /** The reader spends the vertex budget itself as it goes; otherwise the dispatcher counts its output. */
  countsWhileReading: boolean;
}

/** A reader module a deployment may lack: the user gets a sentence instead of a stack trace. */
async function optional(kind: 'dxf' | 'dwg', load: () => Promise<Reader | undefined>): Promise<Reader> {
  const unavailable = () =>
    userError(
      `${kind}-unavailable`,
      `此服务器暂不能读取 ${kind.toUpperCase()} 文件，请另存为 ${kind === 'dwg' ? 'DXF' : 'Shapefile、GeoJSON 或 KML'} 后上传。`,
      `${kind.toUpperCase()} files cannot be read on this server yet; save as ${kind === 'dwg' ? 'DXF' : 'Shapefile, GeoJSON or KML'} and upload that.`
    );
  const reader = await load().catch(() => {
    throw unavailable();
  });
  if (!reader) throw unavailable();
  return reader;
}

export const FORMATS = {
  geojson: {
    countsWhileReading: true,
    load: async () => {
      const m = await import('./geojson.ts');
      return (it, o) => m.readGeoJson(it.bytes, it.name, o);
    }
  },
  kml: {
    countsWhileReading: true,
    load: async () => {
      const m = await import('./kml.ts');
      return (it, o) => m.readKml(it.bytes, it.name, o, it.inZip ? 'kmz' : 'kml');
    }
  },
  'survey-txt': {
    countsWhileReading: false,
    load: async () => {
      const m = await import('./survey-txt.ts');
      return (it, o) => m.readSurveyTxt(it.bytes, it.name, o);
    }
  },
  dxf: {
    countsWhileReading: true,
    load: () =>
      optional('dxf', async () => {
        const m = await import('./dxf.ts');
        return m.readDxfFrom && ((it, o) => m.readDxfFrom(it, o)); // the item holds the bytes: see releaseBytes
      })
  },
  dwg: {
    countsWhileReading: true,
    load: () =>
      optional('dwg', async () => {
        const m = await import('./dwg.ts');
        return m.readDwg && ((it, o) => m.readDwg(it.bytes, o));
      })
  }
} satisfies Record<string, FormatEntry>;

export type StandaloneKind = keyof typeof FORMATS;

export const isStandalone = (kind: string): kind is StandaloneKind => Object.hasOwn(FORMATS, kind);
