// The dispatcher: one upload (one or several files) → one reader, with its decisions; bad uploads refused.
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, readBoundaryFiles } from '../../../../src/lib/geo/formats/index.ts';
import { type InputFile } from '../../../../src/lib/geo/types.ts';
import { UserError } from '../../../../src/lib/errors.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const POLY = enc('{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[0,0]]]}');
const code = (files: InputFile[]) =>
  readBoundaryFiles(files, {}).then(
    () => 'read',
    (e: unknown) => (e instanceof UserError ? e.code : `BUG: ${e}`)
  );

describe('dispatcher', () => {
  it('routes an ASCII DXF (content, whatever the name) to the CAD reader', async () => {
    const dxf = [
      '0',
      'SECTION',
      '2',
      'ENTITIES',
      '0',
      'LWPOLYLINE',
      '8',
      '红线',
      '90',
      '4',
      '70',
      '1',
      '10',
      '0',
      '20',
      '0',
      '10',
      '100',
      '20',
      '0',
      '10',
      '100',
      '20',
      '100',
      '10',
      '0',
      '20',
      '100',
      '0',
      'ENDSEC',
      '0',
      'EOF',
      ''
    ].join('\n');
    const r = await readBoundaryFiles([{ name: 'drawing.txt', bytes: enc(dxf) }], {});
    expect(r.format).toBe('dxf');
    expect(r.decisions[0]).toEqual({ what: 'format', value: 'dxf', rule: 'magic' });
    expect(r.features).toHaveLength(1);
  });

  it('records the format decision first, then the reader’s own', async () => {
    const r = await readBoundaryFiles([{ name: 'a.geojson', bytes: POLY }], {});
    expect(r.decisions.map((d) => d.what)).toEqual(['format', 'encoding']);
  });

  it('refuses: nothing, empty file, junk .dxf, two boundary files at once, an upload over the limit', async () => {
    expect(await code([])).toBe('file-missing');
    expect(await code([{ name: 'a.geojson', bytes: new Uint8Array(0) }])).toBe('file-empty');
    expect(await code([{ name: 'site.dxf', bytes: Uint8Array.from({ length: 300 }, (_, i) => (i * 131) % 256) }])).toBe(
      'dxf-not-dxf'
    );
    expect(
      await code([
        { name: 'a.geojson', bytes: POLY },
        { name: 'b.geojson', bytes: POLY }
      ])
    ).toBe('several-boundaries');
    // Zero-filled buffers are lazily mapped: this costs no real memory.
    expect(await code([{ name: 'huge.zip', bytes: new Uint8Array(MAX_INPUT_BYTES + 1) }])).toBe('file-too-large');
    expect(await code([{ name: 'notes.docx', bytes: enc('hello') }])).toBe('format-unknown');
  });
});
