// The French-spreadsheet variant of a CSV export: French Excel splits a double-clicked CSV on « ; », reads « 12,5 »
// as a number and needs a byte-order mark to read UTF-8 accents. The standard file (comma, decimal point, no BOM)
// stays the open-data reference; this one sits beside it under the same name with the suffix below.
import Papa from "papaparse";
import { safeCell } from "./safe-cells.ts";

export const EXCEL_FR_SUFFIX = "-excel-fr";
const BOM = "\uFEFF";
const DECIMAL = /^[+-]?\d+\.\d+(?:[eE][+-]?\d+)?$/;

/** `indicateurs.csv` → `indicateurs-excel-fr.csv`. */
export function excelFrName(name: string): string {
  return name.replace(/\.csv$/i, `${EXCEL_FR_SUFFIX}.csv`);
}

/** Rows as the French-spreadsheet file: every cell still formula-safe, decimals with a comma. */
export function excelFrCsv(rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => row.map((cell) => (DECIMAL.test(cell) ? cell.replace(".", ",") : safeCell(cell))));
  return `${BOM}${Papa.unparse(cells, { delimiter: ";", newline: "\r\n" })}\r\n`;
}

/** A standard CSV text (comma, decimal point) turned into its French-spreadsheet variant. */
export function toExcelFr(csv: string): string {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  return excelFrCsv(parsed.data);
}
