// Formula injection through the files themselves: the real ANCT list of the Gers, with hostile names and addresses
// typed in (as anyone editing the file could), goes through import, calculation and the offer analysis; no cell of
// any CSV or XLSX the observatory then writes may start a formula, and the hostile texts are still all there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it, onTestFinished } from "vitest";
import { computeIndicators } from "../../pipelines/compute/compute-indicators.ts";
import { writeExports } from "../../pipelines/exports/write-exports.ts";
import { runOfferAnalysis } from "../../pipelines/offer/run-offer.ts";
import { importAndDerive } from "../support/import-and-derive.ts";
import { memoryWarehouse } from "../support/memory-warehouse.ts";

const HOSTILE: [string, string][] = [
  ['"France services Val de Gers"', '"=HYPERLINK(""http://exemple.invalid"",""Cliquez"")"'],
  ['"France services La Poste de Plaisance du Gers"', "\"@SUM(1+1)*cmd|' /C calc'!A0\""],
  ['"18 Rue des Cordeliers"', "\"-2+3+cmd|' /C calc'!A0\""],
  ['"1 Place Carnot"', '"\t=1+1"'],
];
/** A cell a spreadsheet would run: it starts with = + - @ (or a tab or carriage return) and is not a plain number. */
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$/;

describe("aucune formule dans les exports, même avec des libellés hostiles dans les fichiers", () => {
  it("neutralise les cellules de tous les CSV et XLSX écrits, sans perdre le texte", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "formules-"));
    onTestFinished(() => fs.rmSync(work, { recursive: true, force: true }));
    const donnees = path.join(work, "donnees");
    fs.mkdirSync(donnees);
    let list = fs.readFileSync(path.resolve("tests/fixtures/reel/anct-france-services/liste-fs-20240801.csv"), "utf8");
    for (const [original, hostile] of HOSTILE) {
      expect(list, original).toContain(original);
      list = list.replace(original, hostile);
    }
    fs.writeFileSync(path.join(donnees, "liste-fs-20240801.csv"), list);
    const warehouse = await memoryWarehouse();
    // The shipped contours place the communes: the offer's nearest places (with their names) are then computed.
    await importAndDerive(warehouse, { dossiers: [path.resolve("data/contours"), donnees], territoire: "32", commande: "test" });
    await computeIndicators(warehouse);
    const sortie = path.join(work, "sortie");
    await writeExports(warehouse, sortie);
    await runOfferAnalysis(warehouse, sortie);

    const exportsDir = path.join(sortie, "exports");
    const cells: string[] = [];
    for (const name of fs.readdirSync(exportsDir).filter((file) => file.endsWith(".csv"))) {
      for (const row of Papa.parse<string[]>(fs.readFileSync(path.join(exportsDir, name), "utf8"), { skipEmptyLines: true }).data) cells.push(...row);
    }
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(exportsDir, "indicateurs.xlsx"));
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === "string" && cells.push(cell.value)))));
    expect(cells.length).toBeGreaterThan(10_000);
    expect(cells.filter((cell) => FORMULA.test(cell) && !NUMBER.test(cell))).toEqual([]);
    // The hostile names reached the exports (as text, behind an apostrophe): the check above was not vacuous.
    const acces = cells.filter((cell) => cell.startsWith("'"));
    expect(acces.some((cell) => cell.startsWith("'=HYPERLINK("))).toBe(true);
  });
});
