// « Quartiers (IRIS) » on commune sheets: the IRIS values of Auch the site writes are the published cells of the real
// Filosofi 2021 IRIS extract (tests/fixtures/reel/insee-filosofi), read here from the CSV itself; `ns` stays non
// significant, never a figure.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { computeIndicators } from "../../pipelines/compute/compute-indicators.ts";
import { readSiteData } from "../../pipelines/publish/site-data.ts";
import { shapeSiteFiles } from "../../pipelines/publish/site-files.ts";
import { importAndDerive } from "../support/import-and-derive.ts";
import { memoryWarehouse } from "../support/memory-warehouse.ts";

const FOLDER = path.resolve("tests/fixtures/reel/insee-filosofi");

describe("Quartiers (IRIS) des fiches communales", () => {
  it("gives Auch's sheet the published IRIS medians and low-income rates, `ns` kept as non significant", async () => {
    const warehouse = await memoryWarehouse();
    await importAndDerive(warehouse, { dossiers: [FOLDER], territoire: "32", commande: "test" });
    await computeIndicators(warehouse);
    const files = shapeSiteFiles(await readSiteData(warehouse), new Date("2026-01-01T00:00:00Z"));
    const auch = files.get("data/communes/32013.json") as { iris?: { code: string; valeurs: Record<string, { valeur?: number; statut: string; millesime: number }> }[] };
    const [header, ...lines] = fs.readFileSync(path.join(FOLDER, "BASE_TD_FILO_IRIS_2021_DEC.csv"), "utf8").split(/\r?\n/).filter(Boolean);
    const columns = header!.split(";");
    const published = lines.map((line) => line.split(";")).filter((cells) => cells[0]!.startsWith("32013"));
    expect(published.length).toBeGreaterThan(5);
    expect(auch.iris?.map((iris) => iris.code)).toEqual(published.map((cells) => cells[0]));
    let nonSignificant = 0;
    for (const cells of published) {
      const shown = auch.iris!.find((iris) => iris.code === cells[0])!;
      for (const [column, racine] of [["DEC_MED21", "DEC_MEDyy"], ["DEC_TP6021", "DEC_TP60yy"]] as const) {
        const cell = cells[columns.indexOf(column)]!;
        const value = shown.valeurs[racine]!;
        expect(value.millesime).toBe(2021);
        if (cell === "ns") {
          expect(value).toEqual({ statut: "non_significatif", millesime: 2021 });
          nonSignificant += 1;
        } else {
          expect(value, `${cells[0]} ${column}`).toEqual({ valeur: Number(cell.replace(",", ".")), statut: "ok", millesime: 2021 });
        }
      }
    }
    expect(nonSignificant).toBeGreaterThan(0);
    // A commune without IRIS has no such section.
    expect((files.get("data/communes/32001.json") as { iris?: unknown }).iris).toBeUndefined();
  }, 60_000);
});
