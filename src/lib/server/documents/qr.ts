// The verification QR code drawn as vector squares (no raster image in the PDF): `qrcode` computes the
// module matrix, pdfkit draws one rectangle per dark module.
import QRCode from 'qrcode';

type Doc = PDFKit.PDFDocument;

/** Draws a QR code for `text` with its top-left at (x, y), `size` points wide including the quiet zone. */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number) {
  // Level M (15 % recovery) survives a stamp or fold over part of the code on the printed sheet.
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fillColor('#ffffff').fill();
  doc.fillColor('#000000');
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col))
        doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.01, cell + 0.01);
    }
  }
  doc.fill();
  doc.restore();
}
