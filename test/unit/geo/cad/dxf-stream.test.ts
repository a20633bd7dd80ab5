// DXF entities flattened while parsing (dxf-stream.ts) must read as the whole drawing did: when a HEADER,
// LAYER or BLOCK comes after the entities, or the units need the drawing's extent, the file is read again
// whole, with nothing charged twice (a drawing whose units need its extent is read twice: the extent, then
// the drawing); and flattening's budget errors still come after the parse's own.
import { describe, expect, it } from 'vitest';
import { readDxf } from '../../../../src/lib/geo/formats/dxf.ts';
import { UploadBudget } from '../../../../src/lib/geo/budget.ts';
import type { ReadResult } from '../../../../src/lib/geo/types.ts';
import { block, circle, dxf, insert, line, lwpolyline, encode, GK_X, GK_Y, square } from './dxf-writer.ts';
import { inputErrorOf } from '../../../helpers/input-error.ts';

const enc = encode;
const sq = square;
const X = GK_X,
  Y = GK_Y;

/** The drawing in metres, or in millimetres (k = 1000) with the same shapes. */
function drawing(insunits: number, k = 1): string {
  const s = dxf({
    insunits,
    layers: ['0', '红线', '树'],
    blocks: [block('TREE', [circle('0', [0, 0], 2), lwpolyline('0', sq(-1, -1, 2), true)])],
    entities: [
      lwpolyline('红线', sq(X, Y, 50), true),
      lwpolyline(
        '红线',
        [
          [X + 100, Y],
          [X + 150, Y, 0.3],
          [X + 150, Y + 50],
          [X + 100, Y + 50]
        ],
        true
      ),
      line('红线', [X, Y + 100], [X + 20, Y + 100]),
      line('红线', [X + 20, Y + 120], [X + 20, Y + 100.004]),
      line('红线', [X + 20, Y + 120], [X, Y + 120]),
      line('红线', [X, Y + 120], [X, Y + 100]),
      insert('树', 'TREE', [X + 300, Y + 300]),
      circle('树', [X + 400, Y + 400], 3)
    ]
  });
  // Scale every coordinate and radius group (10/20/11/21/40) of the model space by k.
  if (k === 1) return s;
  const at = s.indexOf('ENTITIES');
  return (
    s.slice(0, at) +
    s.slice(at).replace(/^( (?:10|20|11|21|40)\n)(-?[\d.]+)$/gm, (_, c: string, v: string) => c + String(Number(v) * k))
  );
}

/** The file's sections, by name, and a file made of some of them in the order given. */
function sections(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/ {2}0\nSECTION\n {2}2\n(\w+)\n[\s\S]*? {2}0\nENDSEC\n/g)) out[m[1]] = m[0];
  return out;
}
const reorder = (s: string, order: string[]) => enc(order.map((n) => sections(s)[n]).join('') + '  0\nEOF\n');

function same(a: ReadResult, b: ReadResult): void {
  const { relayer: _a, ...x } = a;
  const { relayer: _b, ...y } = b;
  expect(JSON.stringify(x)).toBe(JSON.stringify(y));
  expect(JSON.stringify(a.relayer!('树').features)).toBe(JSON.stringify(b.relayer!('树').features));
}

describe('DXF flattened as it is parsed', () => {
  for (const [insunits, k] of [
    [6, 1],
    [0, 1],
    [4, 1],
    [4, 1000]
  ]) {
    it(`sections after the entities read as in the usual order ($INSUNITS ${insunits}, ×${k}), charged once`, () => {
      const s = drawing(insunits, k);
      const budget = new UploadBudget();
      const usual = readDxf(enc(s), { budget });
      expect(usual.features.length).toBe(3);
      const rule = usual.decisions.find((d) => d.what === 'units')?.rule;
      if (insunits === 4) expect(rule).toMatch(k === 1 ? /not-applied/ : /applied$/);
      for (const order of [
        ['HEADER', 'TABLES', 'ENTITIES', 'BLOCKS'],
        ['TABLES', 'BLOCKS', 'ENTITIES', 'HEADER'],
        ['HEADER', 'BLOCKS', 'ENTITIES', 'TABLES']
      ]) {
        const b = new UploadBudget();
        same(readDxf(reorder(s, order), { budget: b }), usual);
        expect([b.read, b.vertices, b.expansions]).toEqual([budget.read, budget.vertices, budget.expansions]);
      }
    });
  }

  it("flattening's budget error comes after the parse's: a truncated file says truncated", () => {
    const s = drawing(6);
    const tight = () => ({ budget: new UploadBudget({ vertices: 60 }) });
    expect(inputErrorOf(() => readDxf(enc(s), tight()))?.code).toBe('limit-vertices');
    const cut = s.slice(0, s.lastIndexOf(' 40\n') + 4); // ends in the last circle's radius pair
    expect(inputErrorOf(() => readDxf(enc(cut), tight()))?.code).toBe('dxf_truncated');
  });
});
