// The parcel location figure on the 项目信息表: the parcel over the zoning layers it touches, drawn by the
// server from PostGIS data (documents.repository.ts loads it), with a scale bar, a north arrow and a legend.
// Projection: a local equirectangular plane around the parcel's centre. Over the ~1–3 km a figure spans
// in Shanghai (31°N) its scale error is below 0.1 %, far under what a printed scale bar can show.
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Doc = PDFKit.PDFDocument;

export interface MapZone {
  kind: string;
  kindName: string;
  name: string;
  color: string;
  purpose: string;
  geometry: Polygon | MultiPolygon;
}

export interface MapFigureData {
  parcel: MultiPolygon;
  zones: MapZone[];
  /** The parcel's district: drawn whole in an inset with the parcel marked, so a reader sees where it is. */
  district?: { name: string; geometry: Polygon | MultiPolygon } | null;
}

const M_PER_DEG_LAT = 110_574; // WGS84/GRS80 at ~31°N; the two ellipsoids differ by < 0.1 mm here
const M_PER_DEG_LON_EQ = 111_320;

/** "Nice" scale bar lengths in metres. */
const SCALE_STEPS = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000];

const polygonsOf = (g: Polygon | MultiPolygon): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;

export function parcelExtent(parcel: MultiPolygon) {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const poly of parcel.coordinates)
    for (const ring of poly)
      for (const [x, y] of ring) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  return { minX, minY, maxX, maxY };
}

/** Draws the figure into the box (x, y, w, h) in points. */
export function drawMapFigure(
  doc: Doc,
  data: MapFigureData,
  box: { x: number; y: number; w: number; h: number },
  font: string
) {
  const e = parcelExtent(data.parcel);
  const lat0 = (e.minY + e.maxY) / 2;
  const lon0 = (e.minX + e.maxX) / 2;
  const mx = M_PER_DEG_LON_EQ * Math.cos((lat0 * Math.PI) / 180);
  const toM = ([lon, lat]: Position) => [(lon - lon0) * mx, (lat - lat0) * M_PER_DEG_LAT];
  const wM = (e.maxX - e.minX) * mx;
  const hM = (e.maxY - e.minY) * M_PER_DEG_LAT;
  // The parcel fills about 45 % of the frame so the surrounding zones are visible.
  const scale = Math.min((box.w * 0.45) / Math.max(wM, 1), (box.h * 0.45) / Math.max(hM, 1)); // points per metre
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const pt = (p: Position): [number, number] => {
    const [X, Y] = toM(p);
    return [cx + X * scale, cy - Y * scale];
  };
  const path = (g: Polygon | MultiPolygon) => {
    for (const poly of polygonsOf(g))
      for (const ring of poly) {
        ring.forEach((p, i) => {
          const [px, py] = pt(p);
          if (i === 0) doc.moveTo(px, py);
          else doc.lineTo(px, py);
        });
        doc.closePath();
      }
  };

  doc.save();
  doc.rect(box.x, box.y, box.w, box.h).fillColor('#f8fafc').fill();
  doc.rect(box.x, box.y, box.w, box.h).clip();
  // Zones: authority layers as outlines, zoning/conflict/constraint layers as translucent fills.
  for (const z of data.zones) {
    path(z.geometry);
    if (z.purpose === 'authority') doc.lineWidth(1).dash(4, { space: 2 }).strokeColor(z.color).stroke().undash();
    else
      doc
        .fillColor(z.color, 0.22)
        .strokeColor(z.color, 0.9)
        .lineWidth(0.8)
        .fillAndStroke('even-odd' as never);
  }
  path(data.parcel);
  doc
    .fillColor('#dc2626', 0.3)
    .strokeColor('#b91c1c', 1)
    .lineWidth(2)
    .fillAndStroke('even-odd' as never);
  doc.restore();
  doc.rect(box.x, box.y, box.w, box.h).lineWidth(0.8).strokeColor('#334155').stroke();

  // Scale bar: the nice length closest to a fifth of the frame width.
  const target = box.w / 5 / scale;
  const len = SCALE_STEPS.reduce(
    (best, s) => (Math.abs(s - target) < Math.abs(best - target) ? s : best),
    SCALE_STEPS[0]
  );
  const barW = len * scale;
  const bx = box.x + 12;
  const by = box.y + box.h - 18;
  doc.save();
  doc
    .rect(bx - 4, by - 14, barW + 40, 24)
    .fillColor('#ffffff', 0.85)
    .fill();
  doc
    .rect(bx, by, barW / 2, 4)
    .fillColor('#111827', 1)
    .fill();
  doc
    .rect(bx + barW / 2, by, barW / 2, 4)
    .lineWidth(0.6)
    .strokeColor('#111827')
    .stroke();
  doc.rect(bx, by, barW, 4).lineWidth(0.6).strokeColor('#111827').stroke();
  doc.font(font).fontSize(7).fillColor('#111827');
  doc.text('0', bx - 2, by - 10, { lineBreak: false });
  doc.text(len >= 1000 ? `${len / 1000} km` : `${len} m`, bx + barW - 6, by - 10, { lineBreak: false });
  doc.restore();

  // North arrow (the frame is north-up: the projection has no rotation).
  const nx = box.x + box.w - 22;
  const ny = box.y + 14;
  doc.save();
  doc
    .moveTo(nx, ny)
    .lineTo(nx - 7, ny + 22)
    .lineTo(nx, ny + 17)
    .closePath()
    .fillColor('#111827', 1)
    .fill();
  doc
    .moveTo(nx, ny)
    .lineTo(nx + 7, ny + 22)
    .lineTo(nx, ny + 17)
    .closePath()
    .lineWidth(0.8)
    .strokeColor('#111827')
    .stroke();
  doc
    .font(font)
    .fontSize(9)
    .fillColor('#111827')
    .text('N', nx - 3.5, ny + 24, { lineBreak: false });
  doc.restore();

  if (data.district) drawInset(doc, data.district, e, box, font);

  // Legend under the frame: the parcel and each kind present.
  const kinds = new Map<string, { name: string; color: string; purpose: string }>();
  for (const z of data.zones)
    if (!kinds.has(z.kind)) kinds.set(z.kind, { name: z.kindName, color: z.color, purpose: z.purpose });
  const items = [{ name: '申报地块', color: '#dc2626', purpose: 'parcel' }, ...kinds.values()];
  let lx = box.x;
  const ly = box.y + box.h + 6;
  doc.font(font).fontSize(7.5);
  for (const it of items) {
    const w = doc.widthOfString(it.name) + 22;
    if (lx + w > box.x + box.w) break;
    if (it.purpose === 'authority')
      doc
        .rect(lx, ly + 1, 12, 7)
        .lineWidth(0.8)
        .dash(2, { space: 1 })
        .strokeColor(it.color)
        .stroke()
        .undash();
    else
      doc
        .rect(lx, ly + 1, 12, 7)
        .fillColor(it.color, it.purpose === 'parcel' ? 0.6 : 0.35)
        .strokeColor(it.color, 1)
        .lineWidth(0.6)
        .fillAndStroke();
    doc.fillColor('#111827', 1).text(it.name, lx + 15, ly, { lineBreak: false });
    lx += w;
  }
}

/** Inset, bottom right: the whole district outlined, the parcel's place marked by a red square and cross-hair. */
function drawInset(
  doc: Doc,
  district: NonNullable<MapFigureData['district']>,
  parcel: ReturnType<typeof parcelExtent>,
  box: { x: number; y: number; w: number; h: number },
  font: string
) {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const poly of polygonsOf(district.geometry))
    for (const [x, y] of poly[0]) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  const mx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180); // degrees of longitude are shorter at 31°N
  const size = Math.min(box.w, box.h) * 0.34;
  const inset = { x: box.x + box.w - size - 6, y: box.y + box.h - size - 6, w: size, h: size };
  const k = Math.min((size - 16) / Math.max((maxX - minX) * mx, 1e-9), (size - 22) / Math.max(maxY - minY, 1e-9));
  const ox = inset.x + (size - (maxX - minX) * mx * k) / 2;
  const oy = inset.y + 14 + (size - 22 - (maxY - minY) * k) / 2;
  const pt = ([lon, lat]: Position): [number, number] => [ox + (lon - minX) * mx * k, oy + (maxY - lat) * k];
  doc.save();
  doc.rect(inset.x, inset.y, inset.w, inset.h).fillColor('#ffffff', 0.95).fill();
  doc.rect(inset.x, inset.y, inset.w, inset.h).lineWidth(0.6).strokeColor('#334155', 1).stroke();
  for (const poly of polygonsOf(district.geometry))
    for (const ring of poly) {
      ring.forEach((p, i) => (i === 0 ? doc.moveTo(...pt(p)) : doc.lineTo(...pt(p))));
      doc.closePath();
    }
  doc
    .fillColor('#f1f5f9', 1)
    .strokeColor('#475569', 1)
    .lineWidth(0.7)
    .fillAndStroke('even-odd' as never);
  const [cx, cy] = pt([(parcel.minX + parcel.maxX) / 2, (parcel.minY + parcel.maxY) / 2]);
  doc
    .rect(cx - 2.5, cy - 2.5, 5, 5)
    .fillColor('#dc2626', 1)
    .fill();
  doc
    .moveTo(cx - 7, cy)
    .lineTo(cx + 7, cy)
    .moveTo(cx, cy - 7)
    .lineTo(cx, cy + 7)
    .lineWidth(0.6)
    .strokeColor('#b91c1c', 1)
    .stroke();
  doc
    .font(font)
    .fontSize(7)
    .fillColor('#111827', 1)
    .text(`${district.name}（位置示意）`, inset.x + 4, inset.y + 3, { lineBreak: false, width: inset.w - 8 });
  doc.restore();
}
