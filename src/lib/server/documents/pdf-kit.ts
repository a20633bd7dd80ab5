// Shared pdfkit setup and page furniture for the platform's documents: the npm CJK font, the magnolia
// watermark on every page, labelled table rows. One job: turning layout calls into pdfkit calls.
import PDFDocument from 'pdfkit';
import { cjkFontPath } from './font.ts';
import { drawMagnoliaSeal } from './magnolia-seal.ts';

export type Doc = PDFKit.PDFDocument;

export const FONT = 'cjk';
export const FONT_BOLD = 'cjk-bold';
export const PLATFORM_NAME = '零增地技术改造优质项目认定平台';
/** Seal red of Chinese official documents, softened for a watermark that must not hide the text. */
export const SEAL_COLOR = '#c8102e';
export const WATERMARK_OPACITY = 0.16;

export const A4 = { w: 595.28, h: 841.89 };
export const MARGIN = 48;

export function newDocument(info: { title: string; subject: string; createdAt: Date; landscape?: boolean }): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    layout: info.landscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    info: {
      Title: info.title,
      Subject: info.subject,
      Author: PLATFORM_NAME,
      Creator: PLATFORM_NAME,
      CreationDate: info.createdAt,
      ModDate: info.createdAt
    }
  });
  doc.registerFont(FONT, cjkFontPath('regular'));
  doc.registerFont(FONT_BOLD, cjkFontPath('bold'));
  return doc;
}

/** Collects the PDF bytes; call after drawing, instead of doc.end(). */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The seal across the middle of the page plus the platform's name faintly repeated on a diagonal. */
export function watermark(doc: Doc) {
  const { width: w, height: h } = doc.page;
  doc.save();
  doc.opacity(0.05).font(FONT).fontSize(13).fillColor(SEAL_COLOR);
  for (let row = -2; row < 9; row++) {
    for (let col = -1; col < 3; col++) {
      const x = col * 260 + (row % 2) * 130;
      const y = row * 120;
      doc.save().rotate(-30, { origin: [x, y] });
      doc.text(PLATFORM_NAME, x, y, { lineBreak: false });
      doc.restore();
    }
  }
  doc.restore();
  drawMagnoliaSeal(doc, w / 2, h / 2, Math.min(w, h) * 0.3, {
    color: SEAL_COLOR,
    opacity: WATERMARK_OPACITY,
    ringText: PLATFORM_NAME,
    baseText: '项目信息专用',
    font: FONT_BOLD
  });
}

export interface Cell {
  text: string;
  bold?: boolean;
  shade?: boolean;
  align?: 'left' | 'center' | 'right';
}

/** One table row of cells with given widths; returns the row height. Grows with the tallest cell. */
export function row(doc: Doc, x: number, y: number, widths: number[], cells: Cell[], size = 9, minHeight = 18): number {
  const pad = 4;
  let h = minHeight;
  cells.forEach((c, i) => {
    doc.font(c.bold ? FONT_BOLD : FONT).fontSize(size);
    h = Math.max(h, doc.heightOfString(c.text || ' ', { width: widths[i] - 2 * pad }) + 2 * pad);
  });
  let cx = x;
  cells.forEach((c, i) => {
    if (c.shade) doc.rect(cx, y, widths[i], h).fillColor('#f1f5f9', 0.85).fill();
    doc.rect(cx, y, widths[i], h).lineWidth(0.6).strokeColor('#475569', 1).stroke();
    doc
      .font(c.bold ? FONT_BOLD : FONT)
      .fontSize(size)
      .fillColor('#0f172a', 1);
    doc.text(c.text, cx + pad, y + pad, { width: widths[i] - 2 * pad, align: c.align ?? 'left' });
    cx += widths[i];
  });
  return h;
}

export function heading(doc: Doc, text: string, x: number, y: number, size = 11): number {
  doc.font(FONT_BOLD).fontSize(size).fillColor('#0f172a', 1).text(text, x, y, { lineBreak: false });
  return size + 8;
}

/** Numbers as Chinese forms print them: thousands separators, at most `digits` decimals. */
export const num = (v: number, digits = 2) =>
  v.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** Shanghai date and time of an instant, e.g. 2026年3月5日 14:05. */
export function cnDateTime(d: Date, withTime = true): string {
  const f = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {})
  });
  return f.format(d);
}
