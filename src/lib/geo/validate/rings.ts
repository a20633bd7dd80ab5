// Ring hygiene (OGC Simple Features / RFC 7946 §3.1.6): closed, no repeated consecutive vertices,
// at least 4 positions, exterior counter-clockwise and holes clockwise.
import type { Position } from 'geojson';
import type { Message } from '../types.ts';
import { signedArea } from '../planar.ts';

export type XY = [number, number];

/** Vertices closer than this (degrees, ≈0.1 mm) are the same vertex: digitising or float noise, not shape. */
export const DUPLICATE_TOLERANCE_DEG = 1e-9;

const same = (a: XY, b: XY) =>
  Math.abs(a[0] - b[0]) <= DUPLICATE_TOLERANCE_DEG && Math.abs(a[1] - b[1]) <= DUPLICATE_TOLERANCE_DEG;

export const at = (p: XY): [number, number] => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
export const fmt = (p: XY) => `${p[0].toFixed(6)}, ${p[1].toFixed(6)}`;

export interface CleanRing {
  ring?: XY[];
  repairs: Message[];
  error?: Message;
}

/** Close, de-duplicate and count one ring; `label` is e.g. '外环' / 'outer ring' for messages. */
export function cleanRing(input: Position[], label: { zh: string; en: string }): CleanRing {
  const repairs: Message[] = [];
  const pts: XY[] = [];
  // indexes, not for…of: in code not yet optimised each step of an iterator is an object (60,000 positions)
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (!Number.isFinite(c[0]) || !Number.isFinite(c[1])) {
      return {
        repairs,
        error: {
          code: 'ring-bad-coordinate',
          zh: `${label.zh}含无效坐标`,
          en: `${label.en} has a non-numeric coordinate`
        }
      };
    }
    pts.push(c.length === 2 ? (c as XY) : [c[0], c[1]]); // the position itself unless a Z is to be dropped
  }
  if (pts.length === 0)
    return { repairs, error: { code: 'ring-empty', zh: `${label.zh}为空`, en: `${label.en} is empty` } };
  const wasClosed = pts.length > 1 && same(pts[0], pts[pts.length - 1]);
  if (wasClosed) pts.pop();
  else if (pts.length > 1) {
    repairs.push({
      code: 'ring-closed',
      zh: `${label.zh}未闭合，已补上闭合点`,
      en: `${label.en} was not closed: closing point added`,
      at: at(pts[0])
    });
  }
  const out: XY[] = [];
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    if (out.length > 0 && same(out[out.length - 1], p)) {
      repairs.push({
        code: 'duplicate-vertex-removed',
        zh: `删除重复顶点 (${fmt(p)})`,
        en: `Repeated vertex removed at ${fmt(p)}`,
        at: at(p)
      });
      continue;
    }
    out.push(p);
  }
  while (out.length > 1 && same(out[0], out[out.length - 1])) {
    const p = out.pop()!;
    repairs.push({
      code: 'duplicate-vertex-removed',
      zh: `删除重复顶点 (${fmt(p)})`,
      en: `Repeated vertex removed at ${fmt(p)}`,
      at: at(p)
    });
  }
  if (out.length < 3) {
    return {
      repairs,
      error: {
        code: 'ring-too-few-positions',
        zh: `${label.zh}不足 4 个坐标（含闭合点），不能构成面`,
        en: `${label.en} has fewer than 4 positions (with the closing one): not an area`,
        at: at(out[0] ?? pts[0])
      }
    };
  }
  out.push(out[0]);
  return { ring: out, repairs };
}

/** RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise (in lon/lat). */
export function orient(ring: XY[], exterior: boolean): { ring: XY[]; flipped: boolean } {
  const ccw = signedArea(ring) > 0;
  return ccw === exterior ? { ring, flipped: false } : { ring: [...ring].reverse(), flipped: true };
}
