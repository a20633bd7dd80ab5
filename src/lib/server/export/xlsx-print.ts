// A worksheet as an office prints a table (issue 14.5): thin borders on every table cell, wrapped text at
// the top of the cell, landscape A4 fitted to the page width, the header rows repeated on every page,
// centred page numbers in the footer. ExcelJS writes these as the sheet's page setup, so Excel and WPS
// print the same way without anyone adjusting it.
import type ExcelJS from 'exceljs';

const THIN = { style: 'thin' as const, color: { argb: 'FF64748B' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export interface PrintOptions {
  /** First and last row of the table (header row included), 1-based. */
  fromRow: number;
  toRow: number;
  /** Number of table columns, from column A. */
  columns: number;
  /** Rows repeated at the top of every printed page, e.g. '1:3' (title lines and the header row). */
  repeatRows: string;
  /** Rows of column headers inside the table (bold, shaded, centred). */
  headerRows?: number[];
}

export function formatForPrint(ws: ExcelJS.Worksheet, o: PrintOptions): void {
  for (let r = o.fromRow; r <= o.toRow; r++) {
    const row = ws.getRow(r);
    const header = o.headerRows?.includes(r) ?? false;
    for (let c = 1; c <= o.columns; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      cell.alignment = {
        ...(cell.alignment ?? {}),
        wrapText: true,
        vertical: header ? 'middle' : 'top',
        ...(header ? { horizontal: 'center' as const } : {})
      };
      if (header) {
        cell.font = { ...(cell.font ?? {}), bold: true };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
      }
    }
  }
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as needed
    horizontalCentered: true,
    printTitlesRow: o.repeatRows,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }
  };
  ws.headerFooter = { ...ws.headerFooter, oddFooter: '&C第 &P 页，共 &N 页' };
}
