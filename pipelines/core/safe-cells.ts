// Every CSV and Excel cell the observatory writes is safe to open in a spreadsheet: text starting with = + - @ (or a
// tab or a carriage return) would be run as a formula (OWASP's « CSV injection »), so it gets a leading apostrophe.
// Place names and labels come from input files anyone may have edited. Numbers are never touched: a negative
// number stays a number, and a text that is a plain number ("-2,5") stays as it is.
import { sqlIdentifier, type Warehouse } from "./warehouse.ts";

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$/;

export function safeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The same rule in DuckDB, for the exports written by COPY. */
const SQL_SAFE = (column: string) =>
  `CASE WHEN regexp_matches(${column}, '^[=+\\-@\\t\\r]') AND NOT regexp_full_match(${column}, '[+-]?[0-9]+([.,][0-9]+)?([eE][+-]?[0-9]+)?') THEN '''' || ${column} ELSE ${column} END`;

/** A query's result with every text column made safe, the other columns (numbers, dates) as they are. */
export async function safeQuery(warehouse: Warehouse, query: string): Promise<string> {
  const columns = await warehouse.all<{ column_name: string; column_type: string }>(`DESCRIBE (${query})`);
  const select = columns.map(({ column_name, column_type }) => {
    const column = sqlIdentifier(column_name);
    return column_type === "VARCHAR" ? `${SQL_SAFE(column)} AS ${column}` : column;
  });
  return `SELECT ${select.join(", ")} FROM (${query})`;
}
