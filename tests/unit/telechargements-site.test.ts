// The site's downloads: each standard CSV beside its French-spreadsheet variant (and never a variant of a
// variant), one CSV per page with its references, and the printed PDFs copied in for the pages' links.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyDownloads } from "../../pipelines/publish/downloads.ts";
import { stagingRoot } from "../../pipelines/core/paths.ts";
import { toExcelFr } from "../../pipelines/core/csv-excel-fr.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-telechargements-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const CSV = [
  "id_indicateur,niveau,code_geo,valeur",
  "tx_chomage,commune,32013,12.2",
  "tx_chomage,epci,200066926,11.8",
  "tx_chomage,departement,32,11.5",
  "tx_chomage,region,76,12.1",
  "tx_chomage,france,FRANCE,11.6",
  "",
].join("\n");

describe("téléchargements du site", () => {
  it("writes each CSV beside its French-spreadsheet variant, a CSV per page and the printed PDFs", () => {
    const sortie = path.join(work, "sortie");
    const site = path.join(work, "site");
    fs.mkdirSync(path.join(sortie, "exports"), { recursive: true });
    fs.writeFileSync(path.join(sortie, "exports", "indicateurs.csv"), CSV);
    fs.writeFileSync(path.join(sortie, "exports", "indicateurs-excel-fr.csv"), toExcelFr(CSV));
    fs.writeFileSync(path.join(sortie, "exports", "rapport-2020.csv"), "indicateur,valeur\nappels,4.5\n");
    fs.mkdirSync(path.join(stagingRoot(sortie), "data"), { recursive: true });
    fs.writeFileSync(path.join(stagingRoot(sortie), "data", "site.json"), JSON.stringify({
      territoire: { code_departement: "32", code_region: "76" },
      epcis: [{ code: "200066926" }],
      communes: [{ code: "32013", code_epci: "200066926" }],
    }));
    fs.mkdirSync(path.join(sortie, "pdf", "communes"), { recursive: true });
    fs.writeFileSync(path.join(sortie, "pdf", "communes", "fiche-32013-auch.pdf"), "%PDF-1.4\n");
    fs.mkdirSync(site);

    const written = copyDownloads(sortie, site);
    expect(written.filter((name) => name.includes("excel-fr-excel-fr"))).toEqual([]);
    expect(written).toEqual(expect.arrayContaining([
      "indicateurs.csv", "indicateurs-excel-fr.csv", "rapport-2020.csv", "rapport-2020-excel-fr.csv",
      path.join("indicateurs", "tx_chomage.csv"), path.join("indicateurs", "tx_chomage-excel-fr.csv"),
      path.join("territoires", "commune-32013.csv"), path.join("territoires", "commune-32013-excel-fr.csv"),
      path.join("pdf", "communes", "fiche-32013-auch.pdf"),
    ]));
    const telechargements = path.join(site, "telechargements");
    // A commune's page CSV: the commune, its EPCI and the département; not the region nor France.
    const commune = fs.readFileSync(path.join(telechargements, "territoires", "commune-32013.csv"), "utf8").trim().split("\n");
    expect(commune.map((line) => line.split(",")[2])).toEqual(["code_geo", "32013", "200066926", "32"]);
    const excel = fs.readFileSync(path.join(telechargements, "territoires", "commune-32013-excel-fr.csv"), "utf8");
    expect(excel.startsWith("\uFEFF")).toBe(true);
    expect(excel).toContain("tx_chomage;commune;32013;12,2\r\n");
    expect(fs.readFileSync(path.join(telechargements, "rapport-2020-excel-fr.csv"), "utf8")).toBe("\uFEFFindicateur;valeur\r\nappels;4,5\r\n");
  });
});
