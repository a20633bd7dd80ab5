// The 白玉兰 (magnolia, Shanghai's city flower) watermark seal of the 项目信息表 (附件 二.1 "生成有白玉兰水印章的
// 项目信息表"). Our own vector design, drawn with pdfkit paths so it stays sharp and small: a double ring with
// the platform's name set around the top, a five-petal magnolia blossom on a short stem with two leaves,
// and a base line (项目信息专用). Nothing here is an official seal: it marks the
// document as issued by this platform; authenticity comes from the verification code.

type Doc = PDFKit.PDFDocument;

export interface SealOptions {
  color: string;
  opacity: number;
  /** Text set around the upper ring. */
  ringText: string;
  /** Short line under the flower. */
  baseText: string;
  font: string;
}

/** One petal: base at the origin, tip at (0, -len), widest about a third of the way up. */
function petal(doc: Doc, len: number, width: number) {
  doc
    .moveTo(0, 0)
    .bezierCurveTo(-width, -0.25 * len, -0.75 * width, -0.85 * len, 0, -len)
    .bezierCurveTo(0.75 * width, -0.85 * len, width, -0.25 * len, 0, 0)
    .closePath();
}

/** The blossom, drawn around (0,0) = where the petals meet, for a seal of radius r. */
function blossom(doc: Doc, r: number, color: string, a: number) {
  // pdfkit's fillColor(c, opacity) replaces the current opacity, so every tint is scaled by the seal's `a`.
  // Outer petals first (lighter), then the inner ones over them: the cupped shape of a magnolia.
  const petals: [number, number, number, number][] = [
    // angle (deg), length, width, tint opacity
    [-58, 0.5 * r, 0.17 * r, 0.55],
    [58, 0.5 * r, 0.17 * r, 0.55],
    [-28, 0.6 * r, 0.2 * r, 0.8],
    [28, 0.6 * r, 0.2 * r, 0.8],
    [0, 0.66 * r, 0.21 * r, 1]
  ];
  for (const [deg, len, w, tint] of petals) {
    doc.save().rotate(deg, { origin: [0, 0] });
    petal(doc, len, w);
    doc.fillColor(color, a * tint * 0.45).fill();
    petal(doc, len, w);
    doc
      .lineWidth(r * 0.018)
      .strokeColor(color, a * tint)
      .stroke();
    // The midrib gives the petal its depth.
    doc
      .moveTo(0, -0.08 * len)
      .bezierCurveTo(-0.05 * w, -0.4 * len, 0.05 * w, -0.7 * len, 0, -0.9 * len)
      .lineWidth(r * 0.008)
      .strokeColor(color, a * tint * 0.8)
      .stroke();
    doc.restore();
  }
  // Calyx, stem and two leaves.
  doc.save();
  doc
    .moveTo(-0.09 * r, 0)
    .bezierCurveTo(-0.06 * r, 0.09 * r, 0.06 * r, 0.09 * r, 0.09 * r, 0)
    .closePath()
    .fillColor(color, a * 0.9)
    .fill();
  doc
    .moveTo(0, 0.06 * r)
    .bezierCurveTo(0.02 * r, 0.18 * r, -0.02 * r, 0.26 * r, 0.01 * r, 0.34 * r)
    .lineWidth(r * 0.03)
    .strokeColor(color, a * 0.9)
    .stroke();
  for (const side of [-1, 1]) {
    doc
      .save()
      .translate(0, 0.2 * r)
      .rotate(side * 62, { origin: [0, 0] });
    petal(doc, 0.26 * r, 0.09 * r);
    doc.fillColor(color, a * 0.5).fill();
    doc.restore();
  }
  doc.restore();
}

/** Characters placed one by one along an arc (pdfkit has no text on a path). */
function ringText(
  doc: Doc,
  text: string,
  r: number,
  fontSize: number,
  font: string,
  color: string,
  a: number,
  spanDeg: number
) {
  const chars = [...text];
  doc.font(font).fontSize(fontSize).fillColor(color, a);
  const step = chars.length > 1 ? spanDeg / (chars.length - 1) : 0;
  chars.forEach((ch, i) => {
    const deg = -spanDeg / 2 + i * step; // 0° = straight up, clockwise positive
    const rad = (deg * Math.PI) / 180;
    const x = r * Math.sin(rad);
    const y = -r * Math.cos(rad);
    const w = doc.widthOfString(ch);
    doc
      .save()
      .translate(x, y)
      .rotate(deg, { origin: [0, 0] });
    doc.text(ch, -w / 2, -fontSize * 0.1, { lineBreak: false });
    doc.restore();
  });
}

/** Draws the seal centred on (cx, cy) with radius r; the caller's graphics state is left untouched. */
export function drawMagnoliaSeal(doc: Doc, cx: number, cy: number, r: number, o: SealOptions) {
  doc.save();
  doc.translate(cx, cy);
  const a = o.opacity;
  doc
    .circle(0, 0, r)
    .lineWidth(r * 0.035)
    .strokeColor(o.color, a)
    .stroke();
  doc
    .circle(0, 0, r * 0.9)
    .lineWidth(r * 0.012)
    .strokeColor(o.color, a)
    .stroke();
  ringText(doc, o.ringText, r * 0.8, r * 0.12, o.font, o.color, a, 250);
  doc.save().translate(0, r * 0.12);
  blossom(doc, r * 0.78, o.color, a);
  doc.restore();
  const base = o.baseText;
  doc
    .font(o.font)
    .fontSize(r * 0.1)
    .fillColor(o.color, a);
  const bw = doc.widthOfString(base);
  doc.text(base, -bw / 2, r * 0.52, { lineBreak: false });
  doc.restore();
}
