// The CLI writes big JSON in pieces; what arrives must be exactly JSON.stringify(value, null, 2).
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonPieces, writeJson } from '../../../src/cli/json-out.ts';

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

describe('JSON in pieces', () => {
  it('joins to the same text as JSON.stringify(value, null, 2) at every depth', () => {
    for (const v of samples)
      for (const depth of [0, 1, 2, 4]) expect([...jsonPieces(v, depth)].join('')).toBe(JSON.stringify(v, null, 2));
  });

  it('writes a document larger than one piece whole, with a final newline', async () => {
    const value = {
      features: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `地块 ${i}`, ring: [[i, i + 0.5]] }))
    };
    const out = new PassThrough();
    const got: Buffer[] = [];
    out.on('data', (b: Buffer) => got.push(b));
    await writeJson(out, value);
    expect(Buffer.concat(got).toString('utf8')).toBe(JSON.stringify(value, null, 2) + '\n');
  });

  it('writes straight to a regular file (stdout redirected to one) with the same text', async () => {
    const value = { features: Array.from({ length: 5_000 }, (_, i) => ({ id: i, name: `地块 ${i}`, at: [i, 0.5] })) };
    const dir = mkdtempSync(join(tmpdir(), 'json-out-'));
    const fd = openSync(join(dir, 'out.json'), 'w');
    try {
      const stream = { fd, write: () => expect.fail('a file is written with writeSync') };
      await writeJson(stream as unknown as NodeJS.WritableStream, value);
      expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(JSON.stringify(value, null, 2) + '\n');
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
