// End to end: the `observatoire` command as a study officer runs it, on the shared demo run (read-only commands) or
// on a copy of it (commands that write).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import Papa from "papaparse";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { formatEntier } from "../../pipelines/core/format-fr.ts";
import { SEL_E2E } from "./global-setup.ts";
import { copyOf, SHARED_RUN_TIMEOUT, sharedRun, type SharedRun } from "./shared-run.ts";

const execute = promisify(execFile);
const require = createRequire(import.meta.url);
/** Current communes of the 101 départements (overseas collectivities apart). */
const FRANCE_COMMUNES = (require("@etalab/decoupage-administratif/data/communes.json") as { type: string; zone: string }[])
  .filter((commune) => commune.type === "commune-actuelle" && commune.zone !== "com").length;
const BIN = path.resolve("bin/observatoire.js");

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function observatoire(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

interface EtatJson {
  demo: boolean;
  territoire: { code_departement: string; libelle: string };
  sources: { source_id: string; niveau: string; millesime: number; lignes_lues: number; lignes_chargees: number; lignes_rejetees: number }[];
}

let run: SharedRun;

beforeAll(async () => {
  run = await sharedRun();
}, SHARED_RUN_TIMEOUT);

/** A copy of the shared run for a test whose command writes, removed when the test ends. */
function copy(prefix: string): string {
  const work = copyOf(run, prefix);
  onTestFinished(() => fs.rmSync(work, { recursive: true, force: true }));
  return work;
}

describe("observatoire CLI", () => {
  it("loads the demo data into sortie/observatoire.duckdb and reports it as JSON", async () => {
    expect(fs.existsSync(path.join(run.sortie, "observatoire.duckdb"))).toBe(true);
    const etat = await observatoire(["etat", "--json"], run.work);
    expect(etat.code).toBe(0);
    const inventory = JSON.parse(etat.stdout) as EtatJson;
    expect(inventory.demo).toBe(true);
    expect(inventory.territoire.libelle).toBe("Gers");
    const communal = inventory.sources.filter((source) => source.niveau === "commune" && source.source_id.startsWith("insee_"));
    expect(communal.map((source) => source.source_id).sort()).toEqual([
      "insee_comparateur", "insee_filosofi", "insee_populations_legales", "insee_rp_caract_emp", "insee_rp_coupl_fam_men",
      "insee_rp_diplomes_formation", "insee_rp_emploi_pop_active", "insee_rp_evol_struct_pop", "insee_rp_logement",
    ]);
    const caf = inventory.sources.filter((source) => source.source_id.startsWith("caf_"));
    expect(caf.map((source) => `${source.source_id} ${source.niveau}`).sort()).toEqual([
      "caf_accueil_jeune_enfant commune", "caf_accueil_jeune_enfant departement", "caf_accueil_jeune_enfant epci", "caf_accueil_jeune_enfant france",
      "caf_bas_revenus commune", "caf_dependance_prestations commune", "caf_prestations commune",
    ]);
    for (const source of [...caf, ...inventory.sources.filter((s) => s.source_id === "insee_bpe")]) {
      expect(source).toMatchObject({ lignes_chargees: source.lignes_lues, lignes_rejetees: 0 });
    }
    // The demo files are national, as INSEE's are: every current commune of France, none rejected.
    for (const source of communal) {
      expect(source.lignes_lues).toBe(FRANCE_COMMUNES);
      expect(source).toMatchObject({ lignes_chargees: source.lignes_lues, lignes_rejetees: 0 });
    }
    expect(inventory.sources.filter((source) => source.source_id === "insee_filosofi").map((source) => source.niveau).sort())
      .toEqual(["commune", "departement", "epci", "france", "region"]);
  });

  it("prints a readable French summary and flags demo data", async () => {
    const etat = await observatoire(["etat"], run.work);
    expect(etat.stdout).toContain("Données de démonstration");
    expect(etat.stdout).toContain("Territoire : Gers (32), région Occitanie");
    const count = formatEntier(FRANCE_COMMUNES);
    expect(etat.stdout).toMatch(new RegExp(`insee_rp_logement\\s+commune\\s+2022\\s+2025\\s+${count}\\s+${count}\\s+0`));
    expect(etat.stdout).not.toMatch(/\u001b\[/);
  });

  it("does not duplicate a file imported twice", async () => {
    const work = copy("observatoire-reimport-");
    const again = await observatoire(["importer", "--donnees", "donnees", "--force"], work);
    expect(again.code, again.stderr).toBe(0);
    // 21 statistical files, 11 INSEE dictionaries (meta_), 14 activity logs of the GIP, the ANCT France services list,
    // the GIP's places and the Gers commune contours; the demo's notice and record are the observatory's own files.
    expect(again.stderr).toContain("0 fichier(s) chargé(s), 49 déjà chargé(s), 0 refusé(s), 2 ignoré(s)");
    const inventory = JSON.parse((await observatoire(["etat", "--json"], work)).stdout) as EtatJson;
    const comparateur = inventory.sources.find((source) => source.source_id === "insee_comparateur");
    expect(comparateur?.lignes_chargees).toBe(FRANCE_COMMUNES);
  });

  it("skips every step when nothing changed, and says so", async () => {
    const work = copy("observatoire-relance-");
    const again = await observatoire(["pipeline", "--donnees", "donnees", "--donnees", "journaux-nominatifs", "--pseudonymiser"], work, { OBSERVATOIRE_SEL: SEL_E2E });
    expect(again.code, again.stderr).toBe(0);
    // The copy moved the folders: the import looks again, finds every file already loaded, and nothing else runs.
    expect(again.stderr).toMatch(/importer\s+exécutée/);
    expect(again.stderr).toContain("0 fichier(s) chargé(s), 50 déjà chargé(s)");
    for (const step of ["harmoniser", "compter", "distances", "calculer", "offre", "rapport", "publier", "pdf"]) expect(again.stderr).toMatch(new RegExp(`${step}\\s+inchangée`));
    const third = await observatoire(["pipeline", "--donnees", "donnees", "--donnees", "journaux-nominatifs", "--pseudonymiser"], work, { OBSERVATOIRE_SEL: SEL_E2E });
    expect(third.stderr).toMatch(/importer\s+inchangée/);
  });

  it("exits with 2 on a usage error, in French", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-usage-"));
    onTestFinished(() => fs.rmSync(work, { recursive: true, force: true }));
    fs.mkdirSync(path.join(work, "donnees"));
    const missing = await observatoire(["importer"], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("option obligatoire manquante : -d, --donnees <dossier>");
    const badTerritory = await observatoire(["importer", "--donnees", "donnees", "--territoire", "Gers"], work);
    expect(badTerritory.code).toBe(2);
    expect(badTerritory.stderr).toContain("--territoire : code de département attendu");
    const noFolder = await observatoire(["importer", "--donnees", "nulle-part"], work);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain("Dossier de données introuvable : nulle-part");
    const badStep = await observatoire(["pipeline", "--donnees", "donnees", "--force", "calcul"], work);
    expect(badStep.code).toBe(2);
    expect(badStep.stderr).toContain("--force : étape inconnue « calcul »");
  });

  it("exits with 3 when a file is refused, keeping every other file loaded", async () => {
    const work = copy("observatoire-refus-");
    const broken = path.join(work, "donnees-cassees");
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(broken, "base_cc_comparateur.csv"), "");
    const failed = await observatoire(["importer", "--donnees", "donnees", "--donnees", "donnees-cassees"], work);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain(`fichier refusé : ${path.join("donnees-cassees", "base_cc_comparateur.csv")} : le fichier est vide`);
    expect(failed.stderr).toContain("0 fichier(s) chargé(s), 49 déjà chargé(s), 1 refusé(s)");
    const inventory = JSON.parse((await observatoire(["etat", "--json"], work)).stdout) as EtatJson;
    expect(inventory.sources.find((source) => source.source_id === "insee_comparateur")?.lignes_chargees).toBe(FRANCE_COMMUNES);
    expect(fs.readdirSync(path.join(work, "sortie")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // A refused file is not forgotten: the next run examines it again and says why, though nothing else changed.
    const again = await observatoire(["importer", "--donnees", "donnees", "--donnees", "donnees-cassees"], work);
    expect(again.code).toBe(3);
  });

  it("works for another département (Hautes-Pyrénées), from the same national files", async () => {
    const work = copy("observatoire-65-");
    const outcome = await observatoire(["importer", "--donnees", "donnees", "--territoire", "65", "--sortie", "sortie-65"], work);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toMatch(/Hautes-Pyrénées \(65\) : \d+ communes, \d+ EPCI/);
    const calcul = await observatoire(["calculer", "--sortie", "sortie-65"], work);
    expect(calcul.code, calcul.stderr).toBe(0);
    const inventory = JSON.parse((await observatoire(["etat", "--json", "--sortie", "sortie-65"], work)).stdout) as EtatJson;
    expect(inventory.territoire.code_departement).toBe("65");
    const rows = fs.readFileSync(path.join(work, "sortie-65/exports/indicateurs.csv"), "utf8").split("\n").slice(1).map((line) => Papa.parse<string[]>(line).data[0]!).filter(Boolean);
    expect(rows.find((row) => row[0] === "pop" && row[3] === "departement")?.[4]).toBe("65");
  });
});

describe("observatoire calculer and indicateurs", () => {
  it("writes indicateurs.csv with the 40 indicators for the 458 communes (39 each), the 15 + 2 EPCIs, Gers, Occitanie and France", () => {
    const lines = fs.readFileSync(path.join(run.sortie, "exports/indicateurs.csv"), "utf8").trimEnd().split("\n");
    const header = lines[0]!.split(",");
    expect(header.slice(0, 14)).toEqual([
      "id_indicateur", "libelle", "theme", "niveau", "code_geo", "libelle_geo", "millesime", "valeur", "numerateur", "denominateur", "unite", "statut", "fiabilite", "source",
    ]);
    const rows = lines.slice(1).map((line) => Papa.parse<string[]>(line).data[0]!);
    const count = (niveau: string) => rows.filter((row) => row[3] === niveau).length;
    expect(count("commune")).toBe(458 * 39);
    expect(count("epci")).toBe(17 * 40);
    expect(count("departement")).toBe(40);
    expect(count("region")).toBe(40);
    expect(count("france")).toBe(40);
    expect(rows.some((row) => row[0] === "tx_fiches_violences" && row[3] === "commune")).toBe(false);
    expect(rows.every((row) => ["ok", "secret", "manquant", "non_applicable"].includes(row[11]!))).toBe(true);
    expect(lines.some((line) => /NaN|Infinity/.test(line))).toBe(false);
    const france = rows.find((row) => row[0] === "tx_chomage" && row[3] === "france")!;
    expect(france[11]).toBe("ok");
    for (const name of ["indicateurs.parquet", "indicateurs.xlsx", "catalogue.csv", "catalogue.json"]) {
      expect(fs.statSync(path.join(run.sortie, "exports", name)).size).toBeGreaterThan(1000);
    }
    const catalogue = JSON.parse(fs.readFileSync(path.join(run.sortie, "exports/catalogue.json"), "utf8")) as { id_indicateur: string }[];
    expect(catalogue).toHaveLength(40);
  });

  it("writes indicateurs.xlsx with one sheet per level, numbers kept as numbers in each indicator's decimals", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(run.sortie, "exports/indicateurs.xlsx"));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["À lire", "Communes", "EPCI", "Département", "Région", "France"]);
    const sheet = workbook.getWorksheet("Département")!;
    expect(sheet.getRow(1).getCell(1)).toMatchObject({ value: "Indicateur", font: { bold: true } });
    const row = (id: string) => sheet.getRows(2, sheet.rowCount - 1)!.find((candidate) => candidate.getCell(1).value === id)!;
    const chomage = row("tx_chomage");
    expect(typeof chomage.getCell(6).value).toBe("number");
    expect(chomage.getCell(6).numFmt).toBe("#,##0.0");
    expect(row("pop").getCell(6).numFmt).toBe("#,##0");
    expect(chomage.getCell(4)).toMatchObject({ value: "Gers" });
    expect(chomage.getCell(4).numFmt ?? "General").toBe("General");
  });

  it("keeps the other steps' exports (social offer, activity report) when calculer runs alone", async () => {
    const work = copy("observatoire-calcul-");
    const exportsDir = path.join(work, "sortie/exports");
    const others = ["offre_sociale.csv", "acces.csv", "besoin_offre.csv", "zones_blanches.csv", "rapport-2020.md", "rapport-2020.csv", "rapport-2020.json"];
    const before = Object.fromEntries(others.map((name) => [name, fs.readFileSync(path.join(exportsDir, name), "utf8")]));
    const calcul = await observatoire(["calculer", "--force"], work);
    expect(calcul.code, calcul.stderr).toBe(0);
    expect(calcul.stderr).toContain("valeurs calculées");
    for (const name of others) expect(fs.readFileSync(path.join(exportsDir, name), "utf8"), name).toBe(before[name]);
  });

  it("lists the catalogue and prints one indicator in French number formats", async () => {
    const catalogue = await observatoire(["indicateurs"], run.work);
    expect(catalogue.stdout).toMatch(/23\s+tx_chomage\s+Taux de chômage des 15-64 ans/);
    const values = await observatoire(["indicateurs", "tx_chomage", "--niveau", "epci"], run.work);
    expect(values.code).toBe(0);
    expect(values.stdout).toContain("CC d'Aire-sur-l'Adour (EPCI limitrophe)");
    expect(values.stdout).toMatch(/CA Grand Auch Coeur de Gascogne\s+\d+,\d\s+\d+/);
    const bad = await observatoire(["indicateurs", "tx_fiches_violences", "--niveau", "commune"], run.work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("n'est pas publié au niveau commune");
  });
});
