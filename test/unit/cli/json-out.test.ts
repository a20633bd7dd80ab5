// The CLI writes big JSON in pieces: the document's first levels indented, each value below them on one line.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamedArray, jsonText, writeJson } from '../../../src/cli/json-out.ts';

const samples: unknown[] = [
  {
    a: 1,
    b: [1, 2, { c: [3, [4]], d: undefined }],
    e: {},
    f: [],
    g: null,
    h: 'x\ny',
    u: undefined,
    at: new Date(0),
    n: [undefined, () => 1],
    名称: '用地红线'
  },
  {
    features: [
      {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [121.1, 31.2],
              [121.2, 31.2],
              [121.1, 31.3],
              [121.1, 31.2]
            ]
          ]
        },
        properties: { x: [] }
      }
    ]
  },
  [],
  {},
  [1, [2, [3]]],
  'text',
  0,
  null
];

/** What the pieces must join to, built another way: the value indented by JSON.stringify with each value
 *  `depth` levels down replaced by a marker, and each marker then replaced by that value's compact text. */
function expected(value: unknown, depth: number): string {
  const compact: string[] = [];
  const mark = (v: unknown, d: number): unknown => {
    if (v === null || typeof v !== 'object' || 'toJSON' in v) return v;
    if (d === 0) return `\u0000${compact.push(JSON.stringify(v)) - 1}\u0000`;
    if (Array.isArray(v)) return v.map((x) => mark(x, d - 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mark(x, d - 1)]));
  };
  return JSON.stringify(mark(value, depth), null, 2).replace(/"\\u0000(\d+)\\u0000"/g, (_, i) => compact[+i]);
}

describe('JSON in pieces', () => {
  it('indents the first levels and writes each value below them on one line, as JSON of the same value', async () => {
    for (const v of samples)
      for (const depth of [0, 1, 2, 4]) {
        const text = await jsonText(v, depth);
        expect(text).toBe(expected(v, depth));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }
    expect(await jsonText(samples[0], 0)).toBe(JSON.stringify(samples[0]));
  });

  it('puts one feature on each line', async () => {
    const text = await jsonText(samples[1]);
    expect(text).toBe(
      '{\n  "features": [\n    {"geometry":{"type":"Polygon","coordinates":[[[121.1,31.2],[121.2,31.2],[121.1,31.3],[121.1,31.2]]]},"properties":{"x":[]}}\n  ]\n}'
    );
  });

  it('writes a StreamedArray as the array of its items, reading them only as it writes', async () => {
    const items = [{ a: 1 }, undefined, [2, 3], 'x'];
    let read = 0;
    const lazy = (function* () {
      for (const x of items) {
        read++;
        yield x;
      }
    })();
    const value = { head: 1, features: new StreamedArray(lazy), tail: [] };
    expect(read).toBe(0);
    expect(await jsonText(value)).toBe(expected({ head: 1, features: items, tail: [] }, 2));
    expect(read).toBe(items.length);
    expect(await jsonText({ f: new StreamedArray([]) })).toBe('{\n  "f": []\n}');
  });

  const sink = () => {
    const out = new PassThrough();
    const got: Buffer[] = [];
    out.on('data', (b: Buffer) => got.push(b));
    return { out, text: () => Buffer.concat(got).toString('utf8') };
  };
  const many = (n: number, fail = false) =>
    (function* () {
      for (let i = 0; i < n; i++) yield { id: i, name: `地块 ${i}`, pad: 'x'.repeat(200) };
      if (fail) throw new Error('no valid polygon');
    })();

  it('holdWhile: an error before the hold is released leaves the output empty, however much was made', async () => {
    const { out, text } = sink();
    const value = { features: new StreamedArray(many(2_000, true)) }; // ~500 KB, several buffers
    await expect(writeJson(out, value, { holdWhile: () => true })).rejects.toThrow('no valid polygon');
    expect(text()).toBe('');
  });

  it('holdWhile: once released, what was held and the rest arrive whole and in order', async () => {
    const { out, text } = sink();
    let seen = 0;
    const counted = (function* () {
      for (const f of many(2_000)) {
        seen++;
        yield f;
      }
    })();
    await writeJson(out, { features: new StreamedArray(counted) }, { holdWhile: () => seen < 1_000 });
    expect(text()).toBe(expected({ features: [...many(2_000)] }, 2) + '\n');
  });

  it('writes a document larger than one piece whole, with a final newline', async () => {
    const value = {
      features: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `地块 ${i}`, ring: [[i, i + 0.5]] }))
    };
    const out = new PassThrough();
    const got: Buffer[] = [];
    out.on('data', (b: Buffer) => got.push(b));
    await writeJson(out, value);
    const text = Buffer.concat(got).toString('utf8');
    expect(text).toBe(expected(value, 2) + '\n');
    expect(text.split('\n')).toHaveLength(20_000 + 5);
  });

  it('writes straight to a regular file (stdout redirected to one) with the same text', async () => {
    // small features, and features bigger than the 64 KB buffer (one huge parcel, members of 70 KB each)
    const value = {
      features: [
        ...Array.from({ length: 5_000 }, (_, i) => ({ id: i, name: `地块 ${i}`, at: [i, 0.5] })),
        ...Array.from({ length: 3 }, (_, i) => ({ id: i, ring: 'x'.repeat(70_000), name: '大'.repeat(30_000) }))
      ]
    };
    const dir = mkdtempSync(join(tmpdir(), 'json-out-'));
    const fd = openSync(join(dir, 'out.json'), 'w');
    try {
      const stream = { fd, write: () => expect.fail('a file is written with writeSync') };
      await writeJson(stream as unknown as NodeJS.WritableStream, value);
      expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(expected(value, 2) + '\n');
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
