// The French-spreadsheet variant of the CSV exports: « ; » between cells, decimal commas, a UTF-8 byte-order mark,
// and cells as formula-safe as in the standard file.
import { describe, expect, it } from "vitest";
import { excelFrCsv, excelFrName, toExcelFr } from "../../pipelines/core/csv-excel-fr.ts";

describe("CSV pour les tableurs français", () => {
  it("separates with semicolons, writes decimals with a comma and starts with a byte-order mark", () => {
    const text = toExcelFr("id,libelle,valeur,millesime\ntx_chomage,\"Taux de chômage, 15-64 ans\",12.5,2022\npop,Population,-2.25,2016/2022\n");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.slice(1).split("\r\n")).toEqual([
      "id;libelle;valeur;millesime",
      "tx_chomage;Taux de chômage, 15-64 ans;12,5;2022",
      "pop;Population;-2,25;2016/2022",
      "",
    ]);
  });

  it("keeps every text cell formula-safe and leaves codes, years and integers as they are", () => {
    const text = excelFrCsv([["=HYPERLINK(\"x\")", "+33 6", "@SUM(A1)", "-", "32013", "2A004", "1e-05", "-3"]]);
    expect(text.slice(1).trim()).toBe("\"'=HYPERLINK(\"\"x\"\")\";'+33 6;'@SUM(A1);'-;32013;2A004;1e-05;-3");
  });

  it("names the file beside the standard one", () => {
    expect(excelFrName("indicateurs.csv")).toBe("indicateurs-excel-fr.csv");
    expect(excelFrName("rapport-2020.csv")).toBe("rapport-2020-excel-fr.csv");
  });
});
