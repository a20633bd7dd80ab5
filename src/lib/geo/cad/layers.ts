// Which CAD layer holds the site boundary. Fixed order, reported rule (STYLE.md: explicit, ordered guesses):
// the user's layer → an exact name from BOUNDARY_LAYER_NAMES → a layer containing one of them → the layer with
// the most closed rings. Only layers with at least one closed ring qualify.
import { type Decision, type LayerInfo } from '../types.ts';
import { userError } from '../../errors.ts';

/** Names surveyors and planners give the boundary layer, most specific first. 用地红线/用地界线 are the
 *  planning site line, 界址线/宗地 the cadastral parcel line (GB/T 21010, TD/T 1001), the rest common English. */
export const BOUNDARY_LAYER_NAMES = [
  '红线',
  '用地红线',
  '用地界线',
  '用地范围',
  '用地边界',
  '规划用地',
  '界址线',
  '宗地',
  '地块',
  '征地',
  '出让',
  'REDLINE',
  'RED_LINE',
  'RED-LINE',
  'BOUNDARY',
  'BOUND',
  'PARCEL',
  'SITE',
  'PLOT',
  'LOT'
];

/** Words that make a partial match something else: 道路红线 is a road's line, 建筑红线/退界 a setback, and the
 *  other coloured lines (绿线 green space, 蓝线 water, 紫线 heritage, 黄线 infrastructure) are other controls. */
export const NOT_BOUNDARY_WORDS = [
  '道路',
  '河道',
  '建筑',
  '退界',
  '退线',
  '绿线',
  '蓝线',
  '紫线',
  '黄线',
  'ROAD',
  'BUILDING',
  'SETBACK',
  'TEXT',
  '文字',
  '标注'
];

/** Layers of built footprints in as-built surveys (竣工测绘: 建筑物/房屋 layers; JMD = 居民地 in GB/T 20257 codes). */
export const FOOTPRINT_LAYER_NAMES = [
  '建筑',
  '建筑物',
  '建筑轮廓',
  '建筑基底',
  '房屋',
  '房屋面',
  'JZW',
  'FW',
  'JMD',
  'BUILDING',
  'BUILDINGS',
  'BLDG',
  'FOOTPRINT',
  'HOUSE'
];
export const NOT_FOOTPRINT_WORDS = [
  '红线',
  '用地',
  '界址',
  '宗地',
  '道路',
  '退界',
  '退线',
  'TEXT',
  '文字',
  '标注',
  '注记',
  'DIM',
  '尺寸',
  'BOUND',
  'PARCEL'
];

export interface LayerNames {
  names: string[];
  notWords: string[];
}
const BOUNDARY: LayerNames = { names: BOUNDARY_LAYER_NAMES, notWords: NOT_BOUNDARY_WORDS };
export const FOOTPRINTS: LayerNames = { names: FOOTPRINT_LAYER_NAMES, notWords: NOT_FOOTPRINT_WORDS };

export function layerListText(layers: LayerInfo[]): string {
  if (layers.length === 0) return '(none)';
  return layers.map((l) => `${l.name} (${l.entityCount}/${l.closedRings})`).join(', ');
}

export interface LayerPick {
  layer: string;
  decision: Decision;
}

export function pickBoundaryLayer(layers: LayerInfo[], requested?: string, wanted: LayerNames = BOUNDARY): LayerPick {
  const listing = layerListText(layers);
  if (requested !== undefined && requested !== '') {
    const hit =
      layers.find((l) => l.name === requested) ?? layers.find((l) => l.name.toLowerCase() === requested.toLowerCase());
    if (!hit) {
      throw userError(
        'cad_layer_unknown',
        `图纸中没有图层“${requested}”。现有图层（实体数/闭合环数）：${listing}`,
        `The drawing has no layer "${requested}". Layers (entities/closed rings): ${listing}`
      );
    }
    if (hit.closedRings === 0) {
      throw userError(
        'cad_layer_no_polygon',
        `图层“${hit.name}”上没有闭合的多段线或可闭合的线段，无法构成地块范围：请选择其他图层或在 CAD 中闭合边界。图层：${listing}`,
        `Layer "${hit.name}" has no closed polyline or chain of lines that closes: choose another layer or close the boundary in CAD. Layers: ${listing}`
      );
    }
    return { layer: hit.name, decision: { what: 'layer', value: hit.name, rule: 'user' } };
  }
  const usable = layers.filter((l) => l.closedRings > 0);
  if (usable.length === 0) {
    throw userError(
      'cad_no_closed_polygon',
      `图纸中任何图层上都没有闭合的多边形：请在 CAD 中把用地红线画成闭合多段线后重新导出。图层（实体数/闭合环数）：${listing}`,
      `No closed polygon on any layer: draw the site boundary as a closed polyline in CAD and export again. Layers (entities/closed rings): ${listing}`
    );
  }
  const alternatives = usable.map((l) => l.name);
  for (const want of wanted.names) {
    const hit = usable.find((l) => l.name.trim().toUpperCase() === want.toUpperCase());
    if (hit)
      return {
        layer: hit.name,
        decision: { what: 'layer', value: hit.name, rule: `name-exact:${want}`, alternatives }
      };
  }
  for (const want of wanted.names) {
    const hit = usable.find((l) => {
      const up = l.name.toUpperCase();
      return up.includes(want.toUpperCase()) && !wanted.notWords.some((w) => up.includes(w.toUpperCase()));
    });
    if (hit)
      return {
        layer: hit.name,
        decision: { what: 'layer', value: hit.name, rule: `name-contains:${want}`, alternatives }
      };
  }
  const most = usable.reduce((a, b) => (b.closedRings > a.closedRings ? b : a));
  return { layer: most.name, decision: { what: 'layer', value: most.name, rule: 'most-closed-rings', alternatives } };
}
