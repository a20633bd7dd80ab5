// Synthetic DXFs with answers computed by hand (areas from geometry formulas, not from the code under test).
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { readDxf } from '../../../../src/lib/geo/formats/dxf.ts';
import type { ReadResult } from '../../../../src/lib/geo/types.ts';
import { CHORD_TOLERANCE_M } from '../../../../src/lib/geo/cad/curves.ts';
import { arc, block, circle, dxf, ellipse, hatch, insert, line, lwpolyline, polylineR12 } from './dxf-writer.ts';
import { inputErrorOf } from '../../../helpers/input-error.ts';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function ringArea(r: number[][]): number {
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return s / 2;
}
/** Polygon area: |shell| − Σ|holes|. */
function area(res: ReadResult, i = 0): number {
  const g = res.features[i].geometry;
  if (g.type !== 'Polygon') throw new Error('expected Polygon');
  const [shell, ...holes] = g.coordinates;
  return Math.abs(ringArea(shell)) - holes.reduce((a, h) => a + Math.abs(ringArea(h)), 0);
}
function bbox(res: ReadResult, i = 0) {
  const pts = (res.features[i].geometry.coordinates as number[][][])[0];
  return {
    minX: Math.min(...pts.map((p) => p[0])),
    maxX: Math.max(...pts.map((p) => p[0])),
    minY: Math.min(...pts.map((p) => p[1])),
    maxY: Math.max(...pts.map((p) => p[1]))
  };
}

describe('polylines and bulges', () => {
  it('closed LWPOLYLINE square: exact area and vertices, outer ring counter-clockwise and closed', () => {
    const r = readDxf(
      enc(
        dxf({
          layers: ['0'],
          entities: [
            lwpolyline(
              '0',
              [
                [0, 0],
                [0, 50],
                [100, 50],
                [100, 0]
              ],
              true
            )
          ]
        })
      ),
      {}
    );
    expect(r.format).toBe('dxf');
    expect(r.features).toHaveLength(1);
    expect(area(r)).toBe(5000);
    const ring = (r.features[0].geometry.coordinates as number[][][])[0];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(ringArea(ring)).toBeGreaterThan(0); // RFC 7946 exterior ring CCW
  });

  it('two bulge=1 segments of radius r make a circle: area πr² exactly, every vertex within the chord tolerance', () => {
    const rad = 25;
    const r = readDxf(
      enc(
        dxf({
          entities: [
            lwpolyline(
              '0',
              [
                [rad, 0, 1],
                [-rad, 0, 1]
              ],
              true
            )
          ]
        })
      ),
      {}
    );
    // Area-exact densification (curves.ts arcPoints): not the inscribed polygon's 0.1 % deficit.
    expect(area(r) / (Math.PI * rad * rad) - 1).toBeCloseTo(0, 10);
    const ring = (r.features[0].geometry.coordinates as number[][][])[0];
    for (const [x, y] of ring) expect(Math.abs(Math.hypot(x, y) - rad)).toBeLessThanOrEqual(CHORD_TOLERANCE_M);
    // The surveyed vertices themselves are kept bit for bit.
    expect(ring).toContainEqual([rad, 0]);
    expect(ring).toContainEqual([-rad, 0]);
  });

  it('the bulge on the closing segment (last vertex) is honoured', () => {
    // 10×10 square, CCW; the closing edge (0,10)→(0,0) is a half circle bulging west: 100 + π·5²/2.
    const r = readDxf(
      enc(
        dxf({
          entities: [
            lwpolyline(
              '0',
              [
                [0, 0],
                [10, 0],
                [10, 10],
                [0, 10, 1]
              ],
              true
            )
          ]
        })
      ),
      {}
    );
    const exact = 100 + (Math.PI * 25) / 2;
    expect(area(r)).toBeCloseTo(exact, 9);
    expect(Math.abs(bbox(r).minX + 5)).toBeLessThanOrEqual(CHORD_TOLERANCE_M);
  });

  it('R12 POLYLINE/VERTEX with bulge, and an open polyline whose ends meet counts as closed', () => {
    const r = readDxf(
      enc(
        dxf({
          version: 'AC1009',
          entities: [
            polylineR12(
              'A',
              [
                [0, 0],
                [10, 0],
                [10, 10],
                [0, 10, 1]
              ],
              true
            )
          ]
        })
      ),
      {}
    );
    expect(Math.abs(area(r) - (100 + (Math.PI * 25) / 2))).toBeLessThan(1);
    const open = readDxf(
      enc(
        dxf({
          entities: [
            lwpolyline(
              'B',
              [
                [0, 0],
                [10, 0],
                [10, 10],
                [0, 0.004]
              ],
              false
            )
          ]
        })
      ),
      {}
    );
    expect(area(open)).toBeCloseTo(50, 1);
  });

  it('keeps full precision for Shanghai CGCS2000 zone 40 coordinates with prefix', () => {
    const x0 = 40512345.678,
      y0 = 3456789.123;
    const pts: [number, number][] = [
      [x0, y0],
      [x0 + 50.25, y0],
      [x0 + 50.25, y0 + 40.5],
      [x0, y0 + 40.5]
    ];
    const r = readDxf(enc(dxf({ layers: ['红线'], entities: [lwpolyline('红线', pts, true)] })), {});
    const ring = (r.features[0].geometry.coordinates as number[][][])[0];
    expect(ring).toContainEqual([40512345.678, 3456789.123]);
    expect(ring).toContainEqual([x0 + 50.25, y0 + 40.5]);
    expect(area(r)).toBeCloseTo(50.25 * 40.5, 3);
    expect(r.decisions.find((d) => d.what === 'units')?.rule).toBe('insunits-absent-assume-metres');
  });
});

describe('curves, chains, hatches', () => {
  it('ARC + LINE chain closing within tolerance becomes a ring', () => {
    // U-shape: bottom, right side, top half-circle (10,10)→(0,10), left side back down with a 3 mm gap.
    const es = [
      line('L', [0, 0], [10, 0]),
      line('L', [10, 10], [10, 0]),
      arc('L', [5, 10], 5, 0, 180),
      line('L', [0, 10], [0, 0.003])
    ];
    const r = readDxf(enc(dxf({ entities: es })), {});
    expect(r.features).toHaveLength(1);
    expect(r.features[0].properties.entity).toBe('chain');
    expect(Math.abs(area(r) - (100 + (Math.PI * 25) / 2))).toBeLessThanOrEqual(Math.PI * 5 * CHORD_TOLERANCE_M + 0.02);
    expect(r.layers?.find((l) => l.name === 'L')).toEqual({ name: 'L', entityCount: 4, closedRings: 1 });
  });

  it('a chain with a gap wider than the tolerance stays open and is reported', () => {
    const es = [
      line('L', [0, 0], [10, 0]),
      line('L', [10, 0], [10, 10]),
      line('L', [10, 10], [0, 10]),
      line('L', [0, 10], [0, 0.5]),
      circle('C', [0, 0], 1)
    ];
    const r = readDxf(enc(dxf({ entities: es })), { layer: 'C' });
    expect(r.layers?.find((l) => l.name === 'L')?.closedRings).toBe(0);
    expect(() => readDxf(enc(dxf({ entities: es })), { layer: 'L' })).toThrow(/no closed polyline/);
  });

  it('CIRCLE and ELLIPSE: areas πr² and πab within tolerance', () => {
    const r = readDxf(enc(dxf({ entities: [circle('C', [100, 100], 20), ellipse('E', [0, 0], [30, 0], 0.5)] })), {
      layer: 'E'
    });
    expect(Math.abs(area(r) - Math.PI * 30 * 15)).toBeLessThanOrEqual(2 * Math.PI * 30 * CHORD_TOLERANCE_M);
    const c = readDxf(enc(dxf({ entities: [circle('C', [100, 100], 20)] })), {});
    expect(Math.abs(area(c) - Math.PI * 400)).toBeLessThanOrEqual(2 * Math.PI * 20 * CHORD_TOLERANCE_M);
  });

  it('HATCH boundary: polyline path and edge path with line and clockwise/ccw arc edges', () => {
    const h = hatch(
      'H',
      [
        [
          [0, 0],
          [20, 0],
          [20, 10],
          [0, 10]
        ]
      ],
      [
        [
          {
            line: [
              [100, 0],
              [110, 0]
            ]
          },
          {
            line: [
              [110, 0],
              [110, 10]
            ]
          },
          // Top half circle, counter-clockwise from 0° to 180°: area 100 + π·5²/2.
          { arc: { c: [105, 10], r: 5, start: 0, end: 180, ccw: true } },
          {
            line: [
              [100, 10],
              [100, 0]
            ]
          }
        ],
        [
          {
            line: [
              [200, 0],
              [210, 0]
            ]
          },
          {
            line: [
              [210, 0],
              [210, 10]
            ]
          },
          // Clockwise from 180° to 0° through 90° (the top), i.e. the same top half circle drawn backwards.
          { arc: { c: [205, 10], r: 5, start: 180, end: 0, ccw: false } },
          {
            line: [
              [200, 10],
              [200, 0]
            ]
          }
        ]
      ]
    );
    const r = readDxf(enc(dxf({ entities: [h] })), {});
    expect(r.features).toHaveLength(3);
    const areas = r.features.map((_, i) => area(r, i)).sort((a, b) => a - b);
    expect(areas[2]).toBe(200);
    // The clockwise edge stored as 360° − angle must bulge the same way as the ccw one: area above 100.
    expect(Math.abs(areas[0] - (100 + (Math.PI * 25) / 2))).toBeLessThan(0.8);
    expect(Math.abs(areas[1] - (100 + (Math.PI * 25) / 2))).toBeLessThan(0.8);
  });

  it('rings inside rings become holes (even-odd), islands in holes are separate polygons', () => {
    const es = [
      lwpolyline(
        'P',
        [
          [0, 0],
          [100, 0],
          [100, 100],
          [0, 100]
        ],
        true
      ),
      lwpolyline(
        'P',
        [
          [20, 20],
          [80, 20],
          [80, 80],
          [20, 80]
        ],
        true
      ),
      lwpolyline(
        'P',
        [
          [40, 40],
          [60, 40],
          [60, 60],
          [40, 60]
        ],
        true
      )
    ];
    const r = readDxf(enc(dxf({ entities: es })), {});
    expect(r.features).toHaveLength(2);
    expect(area(r, 0)).toBe(10000 - 3600);
    expect((r.features[0].geometry.coordinates as number[][][])[1].length).toBe(5);
    expect(ringArea((r.features[0].geometry.coordinates as number[][][])[1])).toBeLessThan(0); // hole clockwise
    expect(area(r, 1)).toBe(400);
  });

  it('OCS extrusion (0,0,-1): x is mirrored for LWPOLYLINE and CIRCLE', () => {
    const r = readDxf(
      enc(
        dxf({
          entities: [
            lwpolyline(
              'M',
              [
                [10, 0],
                [20, 0],
                [20, 10],
                [10, 10]
              ],
              true,
              [0, 0, -1]
            )
          ]
        })
      ),
      {}
    );
    expect(bbox(r)).toEqual({ minX: -20, maxX: -10, minY: 0, maxY: 10 });
    const c = readDxf(enc(dxf({ entities: [circle('M', [5, 7], 1, [0, 0, -1])] })), {});
    const b = bbox(c);
    expect((b.minX + b.maxX) / 2).toBeCloseTo(-5, 9);
    expect((b.minY + b.maxY) / 2).toBeCloseTo(7, 2);
  });
});

describe('blocks', () => {
  it('nested INSERT with scale and rotation, layer-0 entities take the insert layer', () => {
    // INNER unit square; OUTER inserts INNER at (10,0), scale 2, 90°: p → (−2y+10, 2x);
    // model space inserts OUTER at (100,200), scale 3: q → 3q + (100,200). Hand result: x 124..130, y 200..206.
    const blocks = [
      block('INNER', [
        lwpolyline(
          '0',
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1]
          ],
          true
        )
      ]),
      block('OUTER', [insert('0', 'INNER', [10, 0], 2, 90)])
    ];
    const r = readDxf(
      enc(dxf({ layers: ['0', '红线'], blocks, entities: [insert('红线', 'OUTER', [100, 200], 3, 0)] })),
      {}
    );
    expect(r.sourceLayer).toBe('红线');
    const b = bbox(r);
    expect(b.minX).toBeCloseTo(124, 9);
    expect(b.maxX).toBeCloseTo(130, 9);
    expect(b.minY).toBeCloseTo(200, 9);
    expect(b.maxY).toBeCloseTo(206, 9);
    expect(area(r)).toBeCloseTo(36, 9);
  });

  it('a recursive block pair does not hang and is reported', () => {
    const blocks = [
      block('A', [insert('0', 'B', [1, 0])]),
      block('B', [insert('0', 'A', [0, 1]), circle('0', [0, 0], 1)])
    ];
    const r = readDxf(enc(dxf({ blocks, entities: [insert('X', 'A', [0, 0])] })), {});
    expect(r.warnings.some((w) => /recursive/.test(w.en))).toBe(true);
    expect(r.features.length).toBeGreaterThan(0);
  });
});

describe('encodings, layer choice, units', () => {
  it('R12 with $DWGCODEPAGE ANSI_936: GBK layer names decoded, 红线 picked among others', () => {
    const text = dxf({
      version: 'AC1009',
      codepage: 'ANSI_936',
      layers: ['0', '道路红线', '红线', '建筑'],
      entities: [
        lwpolyline(
          '道路红线',
          [
            [0, 0],
            [500, 0],
            [500, 10],
            [0, 10]
          ],
          true
        ),
        lwpolyline(
          '建筑',
          [
            [0, 0],
            [5, 0],
            [5, 5],
            [0, 5]
          ],
          true
        ),
        lwpolyline(
          '建筑',
          [
            [10, 0],
            [15, 0],
            [15, 5],
            [10, 5]
          ],
          true
        ),
        lwpolyline(
          '红线',
          [
            [0, 0],
            [30, 0],
            [30, 20],
            [0, 20]
          ],
          true
        )
      ]
    });
    const bytes = new Uint8Array(iconv.encode(text, 'gbk'));
    const r = readDxf(bytes, {});
    expect(r.decisions.find((d) => d.what === 'encoding')).toMatchObject({
      value: 'gbk',
      rule: 'dwgcodepage-ANSI_936'
    });
    expect(r.layers?.map((l) => l.name)).toEqual(['0', '道路红线', '红线', '建筑']);
    expect(r.sourceLayer).toBe('红线');
    expect(r.decisions.find((d) => d.what === 'layer')?.rule).toBe('name-exact:红线');
    expect(area(r)).toBe(600);
  });

  it('partial names: 用地红线范围 is picked, 道路红线 is not; without a name the layer with most rings wins', () => {
    const sq = (l: string, x: number) =>
      lwpolyline(
        l,
        [
          [x, 0],
          [x + 1, 0],
          [x + 1, 1],
          [x, 1]
        ],
        true
      );
    const r = readDxf(enc(dxf({ entities: [sq('道路红线', 0), sq('用地红线范围', 5)] })), {});
    expect(r.sourceLayer).toBe('用地红线范围');
    const m = readDxf(enc(dxf({ entities: [sq('A', 0), sq('B', 5), sq('B', 10)] })), {});
    expect(m.sourceLayer).toBe('B');
    expect(m.decisions.find((d) => d.what === 'layer')?.rule).toBe('most-closed-rings');
  });

  it('\\U+ escapes in layer names are decoded', () => {
    const r = readDxf(
      enc(
        dxf({
          version: 'AC1015',
          entities: [
            lwpolyline(
              '\\U+7EA2\\U+7EBF',
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1]
              ],
              true
            ),
            lwpolyline(
              'X',
              [
                [5, 0],
                [6, 0],
                [6, 1]
              ],
              true
            )
          ]
        })
      ),
      {}
    );
    expect(r.sourceLayer).toBe('红线');
  });

  it('the user layer wins; an unknown layer is an error listing the layers', () => {
    const es = [
      lwpolyline(
        '红线',
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1]
        ],
        true
      ),
      lwpolyline(
        'OTHER',
        [
          [5, 0],
          [7, 0],
          [7, 2],
          [5, 2]
        ],
        true
      )
    ];
    expect(readDxf(enc(dxf({ entities: es })), { layer: 'other' }).sourceLayer).toBe('OTHER');
    const e = inputErrorOf(() => readDxf(enc(dxf({ entities: es })), { layer: 'NOPE' }));
    expect(e.code).toBe('cad_layer_unknown');
    expect(e.en).toContain('红线');
    expect(e.zh).toContain('OTHER');
  });

  it('relayer (kept rings, packed) gives what a fresh read of that layer gives, and each pick its own arrays', () => {
    const es = [
      lwpolyline(
        '红线',
        [
          [0, 0],
          [10, 0, 0.3],
          [10, 10],
          [0, 10]
        ],
        true
      ),
      line('路', [20, 0], [30, 0]),
      line('路', [30, 0], [30, 10]),
      line('路', [30, 10], [20, 0.004]), // closes within the 1 cm tolerance: a chained ring
      line('路', [50, 50], [60, 60]), // stays open
      circle('树', [100, 100], 2)
    ];
    const bytes = enc(dxf({ insunits: 4, entities: es })); // mm: coordinates scaled on the way out
    const first = readDxf(bytes, {});
    expect(first.relayer!('路').features).toHaveLength(1);
    expect(first.relayer!('路').warnings.map((w) => w.code)).toContain('cad_open_lines');
    for (const layer of ['路', '树', '红线']) {
      const { relayer: _a, ...again } = first.relayer!(layer);
      const { relayer: _b, ...fresh } = readDxf(bytes, { layer });
      expect(again).toEqual(fresh);
    }
    const a = first.relayer!('红线');
    const b = first.relayer!('红线');
    expect(a.features).toEqual(b.features);
    (a.features[0].geometry.coordinates as number[][][])[0][0][0] = -1;
    expect((b.features[0].geometry.coordinates as number[][][])[0][0][0]).not.toBe(-1);
  });

  it('$INSUNITS=4 (mm): coordinates scaled to metres, factor reported', () => {
    const r = readDxf(
      enc(
        dxf({
          insunits: 4,
          entities: [
            lwpolyline(
              '0',
              [
                [0, 0],
                [100000, 0],
                [100000, 50000],
                [0, 50000]
              ],
              true
            )
          ]
        })
      ),
      {}
    );
    expect(r.unitsToMetres).toBe(1); // scaled here: the CRS stage must not scale again
    expect(r.decisions.find((d) => d.what === 'units')?.rule).toBe('insunits-4-applied');
    expect(area(r)).toBeCloseTo(5000, 6);
  });

  it('$INSUNITS=4 over Gauss-Krüger metre coordinates: not applied, with a warning', () => {
    const x = 40512000,
      y = 3456000;
    const r = readDxf(
      enc(
        dxf({
          insunits: 4,
          entities: [
            lwpolyline(
              '0',
              [
                [x, y],
                [x + 10, y],
                [x + 10, y + 10],
                [x, y + 10]
              ],
              true
            )
          ]
        })
      ),
      {}
    );
    expect(r.unitsToMetres).toBe(1); // kept as the metres they are
    expect(r.decisions.find((d) => d.what === 'units')?.rule).toMatch(/not-applied/);
    expect(r.warnings.map((w) => w.code)).toContain('dxf_insunits_ignored');
    expect(area(r)).toBe(100);
  });

  it('no closed polygon on any layer: error names the layers', () => {
    const e = inputErrorOf(() =>
      readDxf(enc(dxf({ layers: ['0', 'TEXT'], entities: [line('0', [0, 0], [1, 1])] })), {})
    );
    expect(e.code).toBe('cad_no_closed_polygon');
    expect(e.en).toMatch(/no closed polygon on any layer/i);
    expect(e.en).toContain('TEXT');
  });
});

describe('bad files', () => {
  it('empty and whitespace-only DXF', () => {
    expect(inputErrorOf(() => readDxf(new Uint8Array(0), {})).code).toBe('dxf_empty');
    expect(inputErrorOf(() => readDxf(enc('\n\n  \r\n'), {})).code).toBe('dxf_empty');
  });

  it('truncated DXF: cut mid-pair, and cut before any entity', () => {
    const full = dxf({
      entities: [
        lwpolyline(
          '0',
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1]
          ],
          true
        )
      ]
    });
    const midPair = full.slice(0, full.indexOf('LWPOLYLINE') + 30).replace(/\n[^\n]*$/, '\n 20\n');
    expect(inputErrorOf(() => readDxf(enc(midPair.replace(/\n$/, '')), {})).code).toBe('dxf_truncated');
    const beforeEntities = full.slice(0, full.indexOf('ENTITIES') - 6);
    expect(inputErrorOf(() => readDxf(enc(beforeEntities), {})).code).toBe('dxf_truncated');
  });

  it('binary junk named .dxf and text that is not DXF', () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(inputErrorOf(() => readDxf(junk, {})).code).toBe('dxf_not_dxf');
    expect(inputErrorOf(() => readDxf(enc('hello, this is a letter\nnot a drawing\n'), {})).code).toBe('dxf_not_dxf');
  });
});
