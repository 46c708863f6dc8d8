import type { Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import type { ExportColumn } from './export-columns';

/** Text a spreadsheet would run as a formula (OWASP: = + - @ tab CR) gets a leading apostrophe. */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface SheetWriter {
  add(row: Record<string, unknown>): void;
  /** writes the sheet out; no rows may follow */
  done(): void;
}

/**
 * The one place that knows the XLSX library (exceljs 4.4.0, pinned and weakly maintained, so it
 * stays swappable): a streaming workbook whose sheets are written one after the other, dates as
 * real dates, text never a formula.
 */
export class SpreadsheetWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor(stream: Writable) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  }

  sheet(name: string, columns: ExportColumn[]): SheetWriter {
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({
      header: c.key,
      key: c.key,
      width: c.type === 'date' ? 20 : c.type === 'text' ? 30 : 12,
      ...(c.type === 'date' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    return {
      add: (row) => {
        const cells: Record<string, unknown> = {};
        for (const c of columns) {
          const value = row[c.key];
          if (value === null || value === undefined) cells[c.key] = null;
          else if (c.type === 'date') cells[c.key] = new Date(value as string);
          else if (typeof value === 'string') cells[c.key] = escapeFormula(value);
          else cells[c.key] = value;
        }
        sheet.addRow(cells).commit();
      },
      done: () => sheet.commit(),
    };
  }

  finish(): Promise<void> {
    return this.workbook.commit();
  }
}
