// Formula injection (OWASP « CSV injection »): text opened by a spreadsheet must never run. The TypeScript rule (XLSX,
// report CSV) and the SQL rule (COPY exports) must treat the same hostile texts the same way, and leave numbers alone.
import { describe, expect, it } from "vitest";
import { safeCell, safeQuery } from "../../pipelines/core/safe-cells.ts";
import { memoryWarehouse } from "../support/memory-warehouse.ts";

const HOSTILE = [
  '=HYPERLINK("http://exemple.invalid","Cliquez")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "+33 5 62 00 00 00",
  "\t=1+1",
  "\r=1+1",
  "=1",
  "-",
];
const HARMLESS = ["Auch", "Val de Gers", "L'Isle-Jourdain", " =1 (une espace avant)", "", "12,5", "-2,5", "-3", "+4.25", "-1e5", "2026-12-07"];

describe("cellules sûres dans un tableur", () => {
  it.each(HOSTILE)("neutralise %j par une apostrophe, sans rien perdre du texte", (text) => {
    expect(safeCell(text)).toBe(`'${text}`);
  });

  it.each(HARMLESS)("laisse %j tel quel (texte ordinaire ou nombre, même négatif)", (text) => {
    expect(safeCell(text)).toBe(text);
  });

  it("la requête sûre de DuckDB donne les mêmes cellules, et ne touche ni aux nombres ni aux valeurs absentes", async () => {
    const warehouse = await memoryWarehouse();
    const texts = [...HOSTILE, ...HARMLESS];
    await warehouse.run("CREATE TABLE t (i INTEGER, libelle VARCHAR, valeur DOUBLE)");
    for (const [index, text] of texts.entries()) await warehouse.run("INSERT INTO t VALUES (?, ?, ?)", [index, text, -index - 0.5]);
    await warehouse.run("INSERT INTO t VALUES (?, NULL, NULL)", [texts.length]);
    const rows = await warehouse.all<{ i: number; libelle: string | null; valeur: number | null }>(`${await safeQuery(warehouse, "SELECT * FROM t")} ORDER BY i`);
    expect(rows.map((row) => row.libelle)).toEqual([...texts.map(safeCell), null]);
    expect(rows.map((row) => row.valeur)).toEqual([...texts.map((_, index) => -index - 0.5), null]);
  });
});
