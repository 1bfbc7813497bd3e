// The demo as `npm start` writes it (the shared run's data folder): national files, like INSEE's, with the studied
// territory named in the notice.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { observatoire } from "../support/site-fixture.ts";
import { copyOf, SHARED_RUN_TIMEOUT, sharedRun, type SharedRun } from "./shared-run.ts";

const require = createRequire(import.meta.url);
const communes = (require("@etalab/decoupage-administratif/data/communes.json") as { code: string; type: string; departement: string }[])
  .filter((commune) => commune.type === "commune-actuelle");
const rowsOf = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, delimiter: ";", skipEmptyLines: true }).data;

describe("démonstration d'un territoire : fichiers nationaux", () => {
  let run: SharedRun;
  const file = (relative: string) => path.join(run.donnees, relative);

  beforeAll(async () => {
    run = await sharedRun();
  }, SHARED_RUN_TIMEOUT);

  it("couvre toutes les communes de France, comme les fichiers de l'Insee, et nomme le territoire étudié", () => {
    const comparateur = rowsOf(fs.readFileSync(file("insee-comparateur/base_cc_comparateur.csv"), "utf8"));
    const codes = new Set(comparateur.map((row) => row.CODGEO));
    expect(comparateur.length).toBeGreaterThan(34_000);
    for (const commune of communes.filter((candidate) => ["01", "2A", "32", "65", "971", "976"].includes(candidate.departement))) {
      expect(codes.has(commune.code), commune.code).toBe(true);
    }
    expect(run.demo).toMatch(new RegExp(`\\d+ fichiers écrits pour ${comparateur.length.toLocaleString("fr-FR").replace(/\s/g, "\\s")} communes`));
    const notice = fs.readFileSync(file("DONNEES-DE-DEMONSTRATION.txt"), "utf8");
    expect(notice).toContain("Territoire étudié : Gers (32).");
    expect(notice).toContain("France entière (101 départements)");
    const zip = unzipSync(fs.readFileSync(file("insee-filosofi/base-cc-filosofi-2021-geo2024_CSV.zip")));
    expect(rowsOf(strFromU8(zip["cc_filosofi_2021_DEP.csv"]!))).toHaveLength(101);
    expect(rowsOf(strFromU8(zip["cc_filosofi_2021_REG.csv"]!))).toHaveLength(18);
    // The BPE stays under ~300,000 equipments nationally; a few France services buses are mobile.
    const bpe = fs.readFileSync(file("insee-bpe/BPE24.csv"), "utf8").split("\n").slice(1, -1);
    expect(bpe.length).toBeLessThan(320_000);
    expect(bpe.filter((line) => line.endsWith(";1")).length).toBeGreaterThan(50);
    const caf = fs.readFileSync(file("caf/s_ben_com_f.csv"), "utf8").split("\n").slice(1, -1);
    expect(caf).toHaveLength(4 * comparateur.length);
  });

  it("ne réécrit pas les fichiers quand rien n'a changé : l'étape demo est sautée", async () => {
    const work = copyOf(run, "observatoire-demo-");
    onTestFinished(() => fs.rmSync(work, { recursive: true, force: true }));
    const bpe = path.join(work, "donnees/insee-bpe/BPE24.csv");
    const before = fs.statSync(bpe).mtimeMs;
    const again = await observatoire(["demo", "--donnees", "donnees"], work);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("Données de démonstration : inchangé, étape sautée");
    expect(fs.statSync(bpe).mtimeMs).toBe(before);
  });
});
