// Loader conformance on small INSEE-format fixtures (tests/fixtures/<case>/): values, statuses, vintages,
// encodings, line accounting, and the exact French diagnostics for each bad input.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import os from "node:os";
import { describe, expect, it, onTestFinished } from "vitest";
import { importAndDerive } from "../support/import-and-derive.ts";
import { DataError } from "../../pipelines/core/errors.ts";
import { cleaner } from "../../pipelines/ingest/prepare-read.ts";
import { scanBytes } from "../../pipelines/ingest/scan.ts";
import type { ImportReport } from "../../pipelines/ingest/import-files.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";
import { memoryWarehouse } from "../support/memory-warehouse.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const fixture = (name: string) => path.join(FIXTURES, name);

const NON_NUMERIC = "valeur non numérique (attendu : un nombre, une marque Insee « s », « ns », « so », « nd », ou vide)";
const UNKNOWN_COMMUNE = "code commune inconnu du code officiel géographique";
const MERGED_NON_ADDITIVE = "commune fusionnée : valeur non additive (médiane, taux) non reportée";
const MERGED_SECRET = "commune fusionnée : une commune d'origine est sous secret statistique";


async function load(...cases: string[]): Promise<{ warehouse: Warehouse; report: ImportReport }> {
  const warehouse = await memoryWarehouse();
  const report = await importAndDerive(warehouse, { dossiers: cases.map(fixture), territoire: "32", commande: "test" });
  return { warehouse, report };
}

/** Runs an import whose files are refused and returns their DataErrors (and the warehouse, to check nothing was kept). */
async function loadRefused(name: string): Promise<{ warehouse: Warehouse; report: ImportReport; errors: DataError[] }> {
  const { warehouse, report } = await load(name);
  const errors = report.refuses.map((refused) => refused.erreur);
  for (const error of errors) expect(error).toBeInstanceOf(DataError);
  return { warehouse, report, errors };
}

type Cell = {
  valeur: number | null;
  statut: string;
  millesime: number | null;
  geo_annee: number | null;
  ligne: number;
  niveau: string;
};

async function cell(warehouse: Warehouse, code: string, variable: string, source?: string): Promise<Cell | undefined> {
  const rows = await warehouse.all<Cell & { source_id: string }>(
    "SELECT valeur, statut, millesime, geo_annee, ligne, niveau, source_id FROM valeurs_brutes WHERE code_geo = ? AND variable = ?",
    [code, variable],
  );
  const matching = source ? rows.filter((row) => row.source_id === source) : rows;
  expect(matching.length).toBeLessThanOrEqual(1);
  const row = matching[0];
  if (!row) return undefined;
  const { source_id: _source, ...rest } = row;
  return rest;
}

type CogCell = {
  valeur: number | null;
  statut: string;
  motif: string | null;
  codes_sources: string;
  niveau: string;
};

async function cogCell(warehouse: Warehouse, code: string, variable: string): Promise<CogCell | undefined> {
  const rows = await warehouse.all<CogCell>(
    "SELECT valeur, statut, motif, codes_sources, niveau FROM valeurs_cog WHERE code_geo = ? AND variable = ?",
    [code, variable],
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}

async function rejects(warehouse: Warehouse) {
  return warehouse.all<{ chemin: string; ligne: number; colonne: string | null; valeur: string | null; motif: string }>(
    "SELECT chemin, ligne, colonne, valeur, motif FROM rejets ORDER BY ligne, colonne",
  );
}

/** The file's bytes, reading "archive.zip!member" paths inside the archive. */
function fileBytes(dossier: string, chemin: string): Buffer {
  const [file, member] = chemin.split("!");
  const bytes = fs.readFileSync(path.join(dossier, file!));
  if (member === undefined) return bytes;
  const entry = unzipSync(bytes)[member];
  if (!entry) throw new Error(`${member} absent de ${file}`);
  return Buffer.from(entry);
}

/** Data lines counted independently of the loader: non-blank lines after the header. */
function countDataLines(bytes: Buffer): number {
  const lines = bytes.toString("latin1").split("\n");
  return lines.slice(1).filter((line) => line.trim() !== "").length;
}

/** For every file: read = loaded + rejected, matching both the file on disk and the warehouse content. */
async function expectAccounting(warehouse: Warehouse, report: ImportReport): Promise<void> {
  expect(report.fichiers.length).toBeGreaterThan(0);
  for (const file of report.fichiers) {
    expect(file.lignesLues, file.chemin).toBe(countDataLines(fileBytes(file.dossier, file.chemin)));
    expect(file.lignesChargees + file.lignesRejetees, file.chemin).toBe(file.lignesLues);
    const journal = await warehouse.all<{ fichier_id: number; lignes_lues: number; lignes_chargees: number; lignes_rejetees: number }>(
      "SELECT fichier_id, lignes_lues, lignes_chargees, lignes_rejetees FROM journal_import WHERE dossier = ? AND chemin = ? AND remplace_par IS NULL",
      [file.dossier, file.chemin],
    );
    expect(journal).toHaveLength(1);
    const { fichier_id, ...counts } = journal[0]!;
    expect(counts).toEqual({ lignes_lues: file.lignesLues, lignes_chargees: file.lignesChargees, lignes_rejetees: file.lignesRejetees });
    const stored = await warehouse.one<{ chargees: number; rejetees: number }>(
      `SELECT (SELECT count(DISTINCT ligne) FROM valeurs_brutes WHERE fichier_id = ?) AS chargees,
              (SELECT count(DISTINCT ligne) FROM rejets WHERE fichier_id = ?) AS rejetees`,
      [fichier_id, fichier_id],
    );
    expect(stored, file.chemin).toEqual({ chargees: file.lignesChargees, rejetees: file.lignesRejetees });
  }
}

describe("comparateur-quirks: base du comparateur (BOM, CRLF, mixed decimals, secrets, empty merged rows)", () => {
  const dossier = fixture("comparateur-quirks");
  const csv = fs.readFileSync(path.join(dossier, "base_cc_comparateur.csv"));

  it("the fixture really has a BOM, CRLF line ends and the 32-column header", () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString("utf8");
    expect(text.split("\r\n").length - 1).toBe(text.split("\n").length - 1);
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]!.split(";")).toHaveLength(32);
  });

  it("is recognised and dated from its header, with the encoding reported", async () => {
    const { warehouse, report } = await load("comparateur-quirks");
    expect(report.ignores).toEqual([]);
    expect(report.avertissements).toEqual([]);
    expect(report.fichiers).toHaveLength(1);
    expect(report.fichiers[0]).toMatchObject({
      dossier, chemin: "base_cc_comparateur.csv", sourceId: "insee_comparateur", niveau: "commune",
      millesime: 2022, geoAnnee: 2025, encodage: "utf-8 (BOM)", lignesLues: 8, lignesChargees: 8, lignesRejetees: 0, etat: "charge",
    });
    await expectAccounting(warehouse, report);
    expect(await rejects(warehouse)).toEqual([]);
  });

  it("reads dot decimals (RP), comma decimals (Filosofi) and fractional counts exactly", async () => {
    const { warehouse } = await load("comparateur-quirks");
    expect(await cell(warehouse, "32013", "P22_POP")).toMatchObject({ valeur: 22825, statut: "ok", ligne: 3 });
    expect(await cell(warehouse, "32013", "P22_MEN")).toMatchObject({ valeur: 12182.2155351684, statut: "ok" });
    expect(await cell(warehouse, "32013", "P22_RSECOCC")).toMatchObject({ valeur: 387.645232152114, statut: "ok" });
    expect(await cell(warehouse, "32013", "SUPERF")).toMatchObject({ valeur: 72.48, statut: "ok" });
    expect(await cell(warehouse, "32013", "PIMP21")).toMatchObject({ valeur: 48.0, statut: "ok" });
    expect(await cell(warehouse, "32013", "TP6021")).toMatchObject({ valeur: 18.0, statut: "ok" });
    expect(await cell(warehouse, "32013", "MED21")).toMatchObject({ valeur: 21800, statut: "ok" });
    // First column right after the BOM and last column right before CRLF.
    expect(await cell(warehouse, "32001", "P22_POP")).toMatchObject({ valeur: 722, statut: "ok", ligne: 2 });
    expect(await cell(warehouse, "32013", "ETTEFP1024")).toMatchObject({ valeur: 293, statut: "ok" });
    const codes = await warehouse.all<{ code_geo: string }>("SELECT DISTINCT code_geo FROM valeurs_brutes ORDER BY 1");
    expect(codes.map((row) => row.code_geo)).toEqual(["32001", "32013", "32067", "32260", "32296", "32344", "32365", "32413"]);
  });

  it("keeps `s` as secret (value NULL, never 0), as many as the file holds", async () => {
    const { warehouse } = await load("comparateur-quirks");
    expect(await cell(warehouse, "32001", "PIMP21")).toMatchObject({ valeur: null, statut: "secret" });
    expect(await cell(warehouse, "32296", "TP6021")).toMatchObject({ valeur: null, statut: "secret" });
    const cellsInFile = csv.toString("utf8").split(/\r?\n/).slice(1).flatMap((line) => line.split(";").slice(1));
    const statuses = await warehouse.all<{ statut: string; n: number; non_null: number }>(
      "SELECT statut, count(*)::INTEGER AS n, count(valeur)::INTEGER AS non_null FROM valeurs_brutes GROUP BY statut ORDER BY statut",
    );
    expect(statuses).toEqual([
      { statut: "ok", n: cellsInFile.filter((value) => /^-?[0-9.,]+$/.test(value)).length, non_null: cellsInFile.filter((value) => /^-?[0-9.,]+$/.test(value)).length },
      { statut: "secret", n: cellsInFile.filter((value) => value === "s").length, non_null: 0 },
      { statut: "vide", n: cellsInFile.filter((value) => value === "").length, non_null: 0 },
    ]);
  });

  it("loads the empty-except-s;s;s;s row of 32067 as empty RP cells and secret Filosofi cells", async () => {
    const { warehouse } = await load("comparateur-quirks");
    const rows = await warehouse.all<{ statut: string; n: number }>(
      "SELECT statut, count(*)::INTEGER AS n FROM valeurs_brutes WHERE code_geo = '32067' AND valeur IS NULL GROUP BY statut ORDER BY statut",
    );
    expect(rows).toEqual([{ statut: "secret", n: 4 }, { statut: "vide", n: 27 }]);
    expect(await cell(warehouse, "32067", "P22_POP")).toMatchObject({ valeur: null, statut: "vide", ligne: 4 });
    expect(await cell(warehouse, "32067", "MED21")).toMatchObject({ valeur: null, statut: "secret" });
  });

  it("dates each column: RP on geography 2025, its Filosofi columns on geography 2024", async () => {
    const { warehouse } = await load("comparateur-quirks");
    const vintages = await warehouse.all<{ variable: string; racine: string; millesime: number; geo_annee: number }>(
      "SELECT DISTINCT variable, racine, millesime, geo_annee FROM valeurs_brutes WHERE variable IN ('P22_POP', 'P16_POP', 'NAIS1621', 'NBMENFISC21', 'PIMP21', 'MED21', 'TP6021', 'ETTOT24', 'SUPERF') ORDER BY variable",
    );
    expect(vintages).toEqual([
      { variable: "ETTOT24", racine: "ETTOTyy", millesime: 2024, geo_annee: 2025 },
      { variable: "MED21", racine: "MEDyy", millesime: 2021, geo_annee: 2024 },
      { variable: "NAIS1621", racine: "NAISyyyy", millesime: 2021, geo_annee: 2025 },
      { variable: "NBMENFISC21", racine: "NBMENFISCyy", millesime: 2021, geo_annee: 2024 },
      { variable: "P16_POP", racine: "Pyy_POP", millesime: 2016, geo_annee: 2025 },
      { variable: "P22_POP", racine: "Pyy_POP", millesime: 2022, geo_annee: 2025 },
      { variable: "PIMP21", racine: "PIMPyy", millesime: 2021, geo_annee: 2024 },
      { variable: "SUPERF", racine: "SUPERF", millesime: 2022, geo_annee: 2025 },
      { variable: "TP6021", racine: "TP60yy", millesime: 2021, geo_annee: 2024 },
    ]);
  });

  it("maps the merged communes onto 32365: counts summed, medians and rates `manquant`, secrets kept", async () => {
    const { warehouse } = await load("comparateur-quirks");
    expect(await cogCell(warehouse, "32365", "P22_POP")).toEqual({
      valeur: 480, statut: "ok", motif: null, codes_sources: "32067,32260,32365,32413", niveau: "commune",
    });
    expect(await cogCell(warehouse, "32365", "P16_POP")).toMatchObject({ valeur: 549, statut: "ok" });
    expect(await cogCell(warehouse, "32365", "MED21")).toEqual({
      valeur: null, statut: "manquant", motif: MERGED_NON_ADDITIVE, codes_sources: "32067,32260,32365,32413", niveau: "commune",
    });
    expect(await cogCell(warehouse, "32365", "NBMENFISC21")).toMatchObject({ valeur: null, statut: "secret", motif: MERGED_SECRET });
    // A commune that only kept its own code is carried over as is.
    expect(await cogCell(warehouse, "32013", "TP6021")).toEqual({ valeur: 18, statut: "ok", motif: null, codes_sources: "32013", niveau: "commune" });
    expect(await cogCell(warehouse, "32001", "PIMP21")).toMatchObject({ valeur: null, statut: "secret", motif: null });
    const codes = await warehouse.all<{ code_geo: string }>("SELECT DISTINCT code_geo FROM valeurs_cog ORDER BY 1");
    expect(codes.map((row) => row.code_geo)).toEqual(["32001", "32013", "32296", "32344", "32365"]);
  });
});

describe("latin1: census base-cc file in ISO-8859-1", () => {
  const dossier = fixture("latin1");
  const bytes = fs.readFileSync(path.join(dossier, "base-cc-evol-struct-pop-2021.CSV"));

  it("the fixture is real Latin-1 bytes with CRLF", () => {
    expect(bytes.includes(Buffer.from("Montr\xe9al", "latin1"))).toBe(true);
    expect(bytes.includes(Buffer.from("é", "utf8"))).toBe(false);
    expect(bytes.toString("latin1").split("\r\n").length - 1).toBe(bytes.toString("latin1").split("\n").length - 1);
  });

  it("decodes the accents of LIBGEO", async () => {
    const decoded = await scanBytes(bytes, "base-cc-evol-struct-pop-2021.CSV");
    expect(decoded.encodage).toBe("latin-1");
    expect(decoded.separateur).toBe(";");
    expect(decoded.finsDeLigne).toBe("crlf");
    expect(decoded.entete.slice(0, 3)).toEqual(["CODGEO", "LIBGEO", "P21_POP"]);
    const text = cleaner(decoded.encodage)(bytes, true).toString("utf8");
    for (const name of ["Montréal", "Saint-Élix-Theux", "Sérempuy", "Lectoure", "Marciac"]) expect(text).toContain(name);
    expect(text).not.toContain("\uFFFD");
  });

  it("loads with its encoding reported, dated from the P21_ columns", async () => {
    const { warehouse, report } = await load("latin1");
    expect(report.fichiers).toHaveLength(1);
    expect(report.fichiers[0]).toMatchObject({
      dossier, chemin: "base-cc-evol-struct-pop-2021.CSV", sourceId: "insee_rp_evol_struct_pop", niveau: "commune",
      millesime: 2021, geoAnnee: 2024, encodage: "latin-1", lignesLues: 6, lignesChargees: 6, lignesRejetees: 0,
    });
    const journal = await warehouse.one<{ encodage: string; separateur: string }>("SELECT encodage, separateur FROM journal_import");
    expect(journal).toEqual({ encodage: "latin-1", separateur: ";" });
    await expectAccounting(warehouse, report);
    expect(await rejects(warehouse)).toEqual([]);
  });

  it("keeps the values of the accented rows, and the older census column on the file's geography", async () => {
    const { warehouse } = await load("latin1");
    expect(await cell(warehouse, "32290", "P21_POP")).toEqual({ valeur: 1170, statut: "ok", millesime: 2021, geo_annee: 2024, ligne: 5, niveau: "commune" });
    expect(await cell(warehouse, "32290", "P21_POP0014")).toMatchObject({ valeur: 138.391304347826 });
    expect(await cell(warehouse, "32375", "P21_POP")).toMatchObject({ valeur: 86, ligne: 6 });
    expect(await cell(warehouse, "32431", "P15_POP")).toMatchObject({ valeur: 41, millesime: 2015, geo_annee: 2024, ligne: 7 });
    // LIBGEO is a label, not a measure.
    const variables = await warehouse.all<{ variable: string }>("SELECT DISTINCT variable FROM valeurs_brutes ORDER BY 1");
    expect(variables.map((row) => row.variable)).not.toContain("LIBGEO");
    expect(variables).toHaveLength(9);
  });
});

describe("filosofi-levels: the Filosofi archive with commune, EPCI and département files", () => {
  const dossier = fixture("filosofi-levels");
  const archive = "base-cc-filosofi-2021-geo2024_CSV.zip";

  it("loads every member, each with its level, vintage and stated geography", async () => {
    const { warehouse, report } = await load("filosofi-levels");
    expect(report.ignores).toEqual([]);
    const files = report.fichiers.map(({ chemin, niveau, millesime, geoAnnee, sourceId, lignesLues, lignesRejetees }) => ({
      chemin, niveau, millesime, geoAnnee, sourceId, lignesLues, lignesRejetees,
    }));
    expect(files.sort((a, b) => a.chemin.localeCompare(b.chemin))).toEqual([
      { chemin: `${archive}!cc_filosofi_2021_COM.csv`, niveau: "commune", millesime: 2021, geoAnnee: 2024, sourceId: "insee_filosofi", lignesLues: 7, lignesRejetees: 0 },
      { chemin: `${archive}!cc_filosofi_2021_DEP.csv`, niveau: "departement", millesime: 2021, geoAnnee: 2024, sourceId: "insee_filosofi", lignesLues: 1, lignesRejetees: 0 },
      { chemin: `${archive}!cc_filosofi_2021_EPCI.csv`, niveau: "epci", millesime: 2021, geoAnnee: 2024, sourceId: "insee_filosofi", lignesLues: 2, lignesRejetees: 0 },
    ]);
    for (const file of report.fichiers) expect(file.dossier).toBe(dossier);
    await expectAccounting(warehouse, report);
  });

  it("reads each level's cells: comma decimals, negative shares, secrets", async () => {
    const { warehouse } = await load("filosofi-levels");
    expect(await cell(warehouse, "32013", "MED21")).toMatchObject({ valeur: 21800, statut: "ok", niveau: "commune" });
    expect(await cell(warehouse, "32013", "PIMP21")).toMatchObject({ valeur: 48.0, statut: "ok" });
    expect(await cell(warehouse, "32013", "PIMPOT21")).toMatchObject({ valeur: -15.1, statut: "ok" });
    expect(await cell(warehouse, "32013", "D121")).toMatchObject({ valeur: 11190, statut: "ok" });
    expect(await cell(warehouse, "32296", "TP6021")).toMatchObject({ valeur: null, statut: "secret" });
    expect(await cell(warehouse, "200066926", "MED21")).toEqual({ valeur: 22110, statut: "ok", millesime: 2021, geo_annee: 2024, ligne: 2, niveau: "epci" });
    expect(await cell(warehouse, "243200409", "TP60AGE121")).toMatchObject({ valeur: null, statut: "secret", niveau: "epci" });
    expect(await cell(warehouse, "243200409", "TP6021")).toMatchObject({ valeur: 17.0, niveau: "epci" });
    expect(await cell(warehouse, "32", "MED21")).toEqual({ valeur: 21270, statut: "ok", millesime: 2021, geo_annee: 2024, ligne: 2, niveau: "departement" });
    expect(await cell(warehouse, "32", "TP6021")).toMatchObject({ valeur: 15.5 });
  });

  it("passes EPCI and département values through, and does not carry medians over merged communes", async () => {
    const { warehouse } = await load("filosofi-levels");
    expect(await cogCell(warehouse, "200066926", "MED21")).toEqual({ valeur: 22110, statut: "ok", motif: null, codes_sources: "200066926", niveau: "epci" });
    expect(await cogCell(warehouse, "32", "NBMENFISC21")).toEqual({ valeur: 86904, statut: "ok", motif: null, codes_sources: "32", niveau: "departement" });
    expect(await cogCell(warehouse, "32365", "MED21")).toEqual({ valeur: null, statut: "manquant", motif: MERGED_NON_ADDITIVE, codes_sources: "32067,32365", niveau: "commune" });
    expect(await cogCell(warehouse, "32365", "NBMENFISC21")).toMatchObject({ valeur: null, statut: "secret", motif: MERGED_SECRET });
  });
});

describe("pop-legales: populations légales with split codes, vintage from the folder name", () => {
  const dossier = fixture("pop-legales");

  it("takes the millésime from the folder (2021) and the geography two years later (2023)", async () => {
    const { warehouse, report } = await load("pop-legales");
    expect(report.avertissements).toEqual([]);
    expect(report.fichiers).toHaveLength(1);
    expect(report.fichiers[0]).toMatchObject({
      dossier, chemin: "populations-legales-2021/donnees_communes.csv", sourceId: "insee_populations_legales", niveau: "commune",
      millesime: 2021, geoAnnee: 2023, encodage: "utf-8", lignesLues: 5, lignesChargees: 5, lignesRejetees: 0,
    });
    await expectAccounting(warehouse, report);
  });

  it("joins CODDEP and CODCOM as text, keeping leading zeros, and loads only the population columns", async () => {
    const { warehouse } = await load("pop-legales");
    expect(await cell(warehouse, "32001", "PMUN")).toEqual({ valeur: 720, statut: "ok", millesime: 2021, geo_annee: 2023, ligne: 2, niveau: "commune" });
    expect(await cell(warehouse, "32013", "PTOT")).toMatchObject({ valeur: 23507, ligne: 3 });
    expect(await cell(warehouse, "32013", "PCAP")).toMatchObject({ valeur: 1079 });
    const codes = await warehouse.all<{ code_geo: string }>("SELECT DISTINCT code_geo FROM valeurs_brutes ORDER BY 1");
    expect(codes.map((row) => row.code_geo)).toEqual(["32001", "32013", "32067", "32296", "32365"]);
    const variables = await warehouse.all<{ variable: string }>("SELECT DISTINCT variable FROM valeurs_brutes ORDER BY 1");
    expect(variables.map((row) => row.variable)).toEqual(["PCAP", "PMUN", "PTOT"]);
  });

  it("sums the populations of merged communes on the current COG", async () => {
    const { warehouse } = await load("pop-legales");
    expect(await cogCell(warehouse, "32365", "PMUN")).toEqual({ valeur: 52 + 318, statut: "ok", motif: null, codes_sources: "32067,32365", niveau: "commune" });
  });
});

describe("bad inputs: row problems go to `rejets` with file, line, column and reason", () => {
  it("malformed-row: a row with too many fields and a truncated last row without newline", async () => {
    const { warehouse, report } = await load("malformed-row");
    const chemin = path.join(fixture("malformed-row"), "cc_filosofi_2021_COM.csv");
    expect(report.fichiers[0]).toMatchObject({ lignesLues: 4, lignesChargees: 2, lignesRejetees: 2 });
    expect(await rejects(warehouse)).toEqual([
      {
        chemin, ligne: 3, colonne: null, motif: "trop de champs sur la ligne (séparateur en trop ?)",
        valeur: "32013;10947;20241;21800;48,0;18,0;31,0;26,0;22,0;18,0;12,0;10,0;5,0;32,0;62,5;54,2;2,5;5,8;36,0;8,8;7,8;1,7;4,4;1,7;-15,1;11190;37240;3,3;99",
      },
      { chemin, ligne: 5, colonne: "TP6021", valeur: "32365;96;193;20940;s", motif: "champs manquants : ligne tronquée ou mal formée" },
    ]);
    expect(await cell(warehouse, "32296", "MED21")).toMatchObject({ valeur: 19090, ligne: 4 });
    expect(await cell(warehouse, "32013", "MED21")).toBeUndefined();
    expect(await cell(warehouse, "32365", "MED21")).toBeUndefined();
    await expectAccounting(warehouse, report);
  });

  it("unknown-commune: 32999 and 99999 are rejected on their lines, the other rows load", async () => {
    const { warehouse, report } = await load("unknown-commune");
    const chemin = path.join(fixture("unknown-commune"), "cc_filosofi_2021_COM.csv");
    expect(await rejects(warehouse)).toEqual([
      { chemin, ligne: 3, colonne: "CODGEO", valeur: "32999", motif: UNKNOWN_COMMUNE },
      { chemin, ligne: 5, colonne: "CODGEO", valeur: "99999", motif: UNKNOWN_COMMUNE },
    ]);
    expect(report.fichiers[0]).toMatchObject({ lignesLues: 4, lignesChargees: 2, lignesRejetees: 2 });
    expect(await cell(warehouse, "32001", "NBMENFISC21")).toMatchObject({ valeur: 378, ligne: 4 });
    const codes = await warehouse.all<{ code_geo: string }>("SELECT DISTINCT code_geo FROM valeurs_brutes ORDER BY 1");
    expect(codes.map((row) => row.code_geo)).toEqual(["32001", "32013"]);
    await expectAccounting(warehouse, report);
  });

  it("duplicate-key: the second occurrence is rejected at its real line and names the first", async () => {
    const { warehouse, report } = await load("duplicate-key");
    const chemin = path.join(fixture("duplicate-key"), "cc_filosofi_2021_COM.csv");
    expect(await rejects(warehouse)).toEqual([
      { chemin, ligne: 4, colonne: "CODGEO", valeur: "32013", motif: "code en double (première occurrence ligne 2)" },
    ]);
    expect(report.fichiers[0]).toMatchObject({ lignesLues: 4, lignesChargees: 3, lignesRejetees: 1 });
    // The first occurrence (MED21 21800) is kept, not the duplicate (21900).
    expect(await cell(warehouse, "32013", "MED21")).toMatchObject({ valeur: 21800, ligne: 2 });
    expect(await cell(warehouse, "32296", "MED21")).toMatchObject({ valeur: 19090, ligne: 5 });
    await expectAccounting(warehouse, report);
  });

  it("bad-value: `12a` is rejected with its column, and its whole row is left out", async () => {
    const { warehouse, report } = await load("bad-value");
    const chemin = path.join(fixture("bad-value"), "cc_filosofi_2021_COM.csv");
    expect(await rejects(warehouse)).toEqual([{ chemin, ligne: 4, colonne: "MED21", valeur: "12a", motif: NON_NUMERIC }]);
    expect(report.fichiers[0]).toMatchObject({ lignesLues: 4, lignesChargees: 3, lignesRejetees: 1 });
    expect(await cell(warehouse, "32296", "NBMENFISC21")).toBeUndefined();
    expect(await cell(warehouse, "32365", "MED21")).toMatchObject({ valeur: 20940, ligne: 5 });
    await expectAccounting(warehouse, report);
  });

  it("blank-lines: rejects and loaded rows after blank lines keep their true line numbers", async () => {
    const { warehouse, report } = await load("blank-lines");
    const chemin = path.join(fixture("blank-lines"), "cc_filosofi_2021_COM.csv");
    const lines = fs.readFileSync(chemin, "utf8").split("\n");
    expect(lines[3]).toBe("");
    expect(lines[6]).toBe("");
    expect(await rejects(warehouse)).toEqual([
      { chemin, ligne: 6, colonne: "MED21", valeur: "12a", motif: NON_NUMERIC },
      { chemin, ligne: 8, colonne: "CODGEO", valeur: "32999", motif: UNKNOWN_COMMUNE },
    ]);
    expect(lines[5]!.startsWith("32365;")).toBe(true);
    expect(lines[7]!.startsWith("32999;")).toBe(true);
    expect(report.fichiers[0]).toMatchObject({ lignesLues: 6, lignesChargees: 4, lignesRejetees: 2 });
    expect(await cell(warehouse, "32013", "MED21")).toMatchObject({ ligne: 3 });
    expect(await cell(warehouse, "32296", "MED21")).toMatchObject({ valeur: 19090, ligne: 5 });
    expect(await cell(warehouse, "32067", "MED21")).toMatchObject({ statut: "secret", ligne: 9 });
    await expectAccounting(warehouse, report);
  });
});

describe("bad inputs: a file that cannot be read is refused alone, with a DataError naming it", () => {
  it("missing-column: a Filosofi file without MED21 loads the variables it has; MED21 is simply absent", async () => {
    const { warehouse, report } = await load("missing-column");
    expect(report.refuses).toEqual([]);
    expect(report.fichiers).toMatchObject([{ sourceId: "insee_filosofi", niveau: "commune", millesime: 2021, lignesLues: 2, lignesChargees: 2 }]);
    expect(await cell(warehouse, "32013", "TP6021")).toMatchObject({ valeur: 18, statut: "ok" });
    expect(await cell(warehouse, "32013", "MED21")).toBeUndefined();
  });

  it("no-known-variable: a file named like Filosofi with none of its variables is refused, the other file of the folder loads", async () => {
    const { warehouse, report, errors } = await loadRefused("no-known-variable");
    const fichier = path.join(fixture("no-known-variable"), "cc_filosofi_2021_COM.csv");
    expect(errors).toHaveLength(1);
    const error = errors[0]!;
    expect(error.message).toBe(
      "aucune des variables de « Revenus, pauvreté et niveau de vie (Filosofi), chiffres clés » n'est dans l'en-tête (au moins une attendue parmi : NBMENFISCAA, MEDAA, TP60AA, PIMPAA, RDAA).",
    );
    expect(error.location).toEqual({ fichier, ligne: 1 });
    expect(report.refuses[0]).toMatchObject({ dossier: fixture("no-known-variable"), chemin: "cc_filosofi_2021_COM.csv" });
    expect(report.fichiers.map((file) => file.chemin)).toEqual(["populations-legales-2021/donnees_communes.csv"]);
    expect(await warehouse.all("SELECT chemin, ligne, colonne, motif FROM fichiers_refuses")).toEqual([
      { chemin: "cc_filosofi_2021_COM.csv", ligne: 1, colonne: null, motif: error.message },
    ]);
    expect(await warehouse.all("SELECT DISTINCT source_id FROM valeurs_brutes")).toEqual([{ source_id: "insee_populations_legales" }]);
  });

  it("wrong-encoding: valid UTF-8 on one line, a raw Latin-1 0xE9 on another", async () => {
    const fichier = path.join(fixture("wrong-encoding"), "base-cc-evol-struct-pop-2021.CSV");
    const bytes = fs.readFileSync(fichier);
    expect(bytes.includes(Buffer.from("Sérempuy", "utf8"))).toBe(true);
    expect(bytes.includes(Buffer.from("Montr\xe9al", "latin1"))).toBe(true);
    const { warehouse, errors } = await loadRefused("wrong-encoding");
    expect(errors).toHaveLength(1);
    const error = errors[0]!;
    // Line 4 is "32290;Montréal;…": the Latin-1 "é" is its 12th byte.
    expect(error.message).toBe("encodage incohérent : le fichier mêle de l'UTF-8 et un autre encodage (octet 0xE9 invalide, octet 12 de la ligne).");
    expect(error.location).toEqual({ fichier, ligne: 4 });
    expect(error.describe().startsWith(`${fichier}, ligne 4 : encodage incohérent`)).toBe(true);
    expect(await warehouse.all("SELECT * FROM journal_import")).toEqual([]);
  });

  it("empty-file: a 0-byte base_cc_comparateur.csv", async () => {
    const fichier = path.join(fixture("empty-file"), "base_cc_comparateur.csv");
    expect(fs.statSync(fichier).size).toBe(0);
    const { errors } = await loadRefused("empty-file");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe("le fichier est vide (0 octet).");
    expect(errors[0]!.location).toEqual({ fichier });
    expect(errors[0]!.describe().startsWith(`${fichier} : le fichier est vide`)).toBe(true);
  });

  it("header-only: the comparateur header and no data line", async () => {
    const fichier = path.join(fixture("header-only"), "base_cc_comparateur.csv");
    const { errors } = await loadRefused("header-only");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe("le fichier ne contient que l'en-tête, aucune ligne de données.");
    expect(errors[0]!.location).toEqual({ fichier, ligne: 1 });
  });
});

describe("files that are not sources are ignored with their reason", () => {
  it("zip-unknown: an archive holding only notes.txt is listed as ignored and warned about", async () => {
    const { warehouse, report } = await load("zip-unknown");
    const dossier = fixture("zip-unknown");
    expect(report.fichiers).toEqual([]);
    expect(report.ignores).toEqual([
      { dossier, chemin: "documentation-insee.zip!notes.txt", motif: "format non reconnu (en-tête : Notes sur le téléchargement)" },
    ]);
    expect(report.avertissements).toEqual([`${path.join(dossier, "documentation-insee.zip")} : archive zip sans aucun fichier reconnu.`]);
    expect(await warehouse.all("SELECT chemin, motif FROM fichiers_ignores")).toEqual([
      { chemin: "documentation-insee.zip!notes.txt", motif: "format non reconnu (en-tête : Notes sur le téléchargement)" },
    ]);
  });

  it("unknown-file: an unrelated CSV (a list of museums) is ignored, the run succeeds", async () => {
    const { warehouse, report } = await load("unknown-file");
    const dossier = fixture("unknown-file");
    const motif = "format non reconnu (en-tête : id_musee,nom,adresse,code_postal,commune,latitude…)";
    expect(report.fichiers).toEqual([]);
    expect(report.avertissements).toEqual([]);
    expect(report.ignores).toEqual([{ dossier, chemin: "liste-musees-gers.csv", motif }]);
    expect(await warehouse.all("SELECT dossier, chemin, motif FROM fichiers_ignores")).toEqual([{ dossier, chemin: "liste-musees-gers.csv", motif }]);
    expect(await warehouse.all("SELECT * FROM valeurs_brutes")).toEqual([]);
  });

  it("unrelated-empty: an empty or header-only file that names no known source is ignored, not an error", async () => {
    const { report } = await load("unrelated-empty");
    const dossier = fixture("unrelated-empty");
    expect(report.fichiers).toEqual([]);
    expect(report.ignores).toEqual([
      { dossier, chemin: "a-lire.csv", motif: "format non reconnu (en-tête : Notes de travail)" },
      { dossier, chemin: "notes.txt", motif: "fichier vide" },
    ]);
  });
});

describe("re-loading", () => {
  it("loads a file with blank lines then others in one run (line numbering holds for each)", async () => {
    const { warehouse, report } = await load("blank-lines", "comparateur-quirks", "latin1");
    expect(report.fichiers.map((file) => file.etat)).toEqual(["charge", "charge", "charge"]);
    expect(await warehouse.one("SELECT ligne FROM valeurs_brutes WHERE code_geo = '32013' AND variable = 'P22_POP'")).toEqual({ ligne: 3 });
    await expectAccounting(warehouse, report);
  });

  it("loading the same folder twice does not duplicate anything (second time: deja_charge)", async () => {
    const warehouse = await memoryWarehouse();
    const options = { dossiers: [fixture("blank-lines")], territoire: "32", commande: "test" };
    const first = await importAndDerive(warehouse, options);
    const count = async () =>
      warehouse.one<{ valeurs: number; cog: number; rejets: number; journal: number }>(
        `SELECT (SELECT count(*) FROM valeurs_brutes) AS valeurs, (SELECT count(*) FROM valeurs_cog) AS cog,
                (SELECT count(*) FROM rejets) AS rejets, (SELECT count(*) FROM journal_import) AS journal`,
      );
    const before = await count();
    expect(before).toEqual({ valeurs: 4 * 27, cog: 4 * 27, rejets: 2, journal: 1 });
    const second = await importAndDerive(warehouse, options);
    expect(first.fichiers[0]!.etat).toBe("charge");
    expect(second.fichiers).toHaveLength(1);
    expect(second.fichiers[0]).toMatchObject({ etat: "deja_charge", lignesLues: 6, lignesChargees: 4, lignesRejetees: 2 });
    expect(second.avertissements).toEqual([]);
    expect(await count()).toEqual(before);
    const runs = await warehouse.all<{ fichiers_charges: number; fichiers_deja_charges: number }>(
      "SELECT fichiers_charges, fichiers_deja_charges FROM executions ORDER BY execution_id",
    );
    expect(runs).toEqual([{ fichiers_charges: 1, fichiers_deja_charges: 0 }, { fichiers_charges: 0, fichiers_deja_charges: 1 }]);
  });

  it("a warehouse of an earlier version, whose valeurs_brutes was one table, keeps its values through the next import", async () => {
    const warehouse = await memoryWarehouse();
    await warehouse.run(`
      CREATE TABLE valeurs_brutes (fichier_id INTEGER, source_id VARCHAR, niveau VARCHAR, code_geo VARCHAR, variable VARCHAR, racine VARCHAR,
        millesime INTEGER, geo_annee INTEGER, valeur DOUBLE, statut VARCHAR, additive BOOLEAN, ligne INTEGER);
      INSERT INTO valeurs_brutes VALUES (7, 'insee_comparateur', 'commune', '32013', 'P22_POP', 'Pyy_POP', 2022, 2025, 21760, 'ok', true, 2),
        (7, 'insee_comparateur', 'commune', '32013', 'MED21', 'MEDyy', 2021, 2024, NULL, 'secret', false, 2);
      CREATE VIEW valeurs_cog AS SELECT * FROM valeurs_brutes;`);
    await importAndDerive(warehouse, { dossiers: [fixture("blank-lines")], territoire: "32", commande: "test" });
    expect(await warehouse.all("SELECT code_geo, variable, racine, millesime, geo_annee, valeur, statut, additive, ligne FROM valeurs_brutes WHERE fichier_id = 7 ORDER BY variable")).toEqual([
      { code_geo: "32013", variable: "MED21", racine: "MEDyy", millesime: 2021, geo_annee: 2024, valeur: null, statut: "secret", additive: false, ligne: 2 },
      { code_geo: "32013", variable: "P22_POP", racine: "Pyy_POP", millesime: 2022, geo_annee: 2025, valeur: 21760, statut: "ok", additive: true, ligne: 2 },
    ]);
    expect(await warehouse.one("SELECT table_type FROM information_schema.tables WHERE table_name = 'valeurs_brutes'")).toEqual({ table_type: "VIEW" });
  });

  it("two folders with the same source and millésime: the later one wins, with a warning", async () => {
    const { warehouse, report } = await load("two-folders/a", "two-folders/b");
    const a = path.join(fixture("two-folders/a"), "cc_filosofi_2021_COM.csv");
    const b = path.join(fixture("two-folders/b"), "cc_filosofi_2021_COM.csv");
    const motif = `remplacé par les fichiers de même source et millésime du dossier ${fixture("two-folders/b")} (le dernier dossier l'emporte)`;
    expect(report.fichiers.map((file) => path.join(file.dossier, file.chemin))).toEqual([b]);
    expect(report.avertissements).toEqual([`${a} : ${motif}.`]);
    expect(report.ignores).toEqual([{ dossier: fixture("two-folders/a"), chemin: "cc_filosofi_2021_COM.csv", motif }]);
    expect(await cell(warehouse, "32013", "MED21")).toMatchObject({ valeur: 21950, ligne: 3 });
    expect(await cell(warehouse, "32001", "MED21")).toMatchObject({ valeur: 19150, ligne: 2 });
    expect(await cell(warehouse, "32296", "MED21")).toMatchObject({ valeur: 19090 });
    expect(await cogCell(warehouse, "32013", "MED21")).toMatchObject({ valeur: 21950 });
    await expectAccounting(warehouse, report);
  });

  it("a later run with another file for the same source and millésime replaces the earlier one", async () => {
    const warehouse = await memoryWarehouse();
    await importAndDerive(warehouse, { dossiers: [fixture("two-folders/a")], territoire: "32", commande: "test" });
    expect(await cogCell(warehouse, "32013", "MED21")).toMatchObject({ valeur: 21800 });
    const report = await importAndDerive(warehouse, { dossiers: [fixture("two-folders/b")], territoire: "32", commande: "test" });
    const a = path.join(fixture("two-folders/a"), "cc_filosofi_2021_COM.csv");
    const b = path.join(fixture("two-folders/b"), "cc_filosofi_2021_COM.csv");
    expect(report.avertissements).toEqual([`${a} (chargé précédemment) est remplacé par ${b}.`]);
    expect(await cell(warehouse, "32013", "MED21")).toMatchObject({ valeur: 21950 });
    expect(await cogCell(warehouse, "32013", "MED21")).toMatchObject({ valeur: 21950 });
    const codes = await warehouse.all<{ code_geo: string }>("SELECT DISTINCT code_geo FROM valeurs_cog ORDER BY 1");
    expect(codes.map((row) => row.code_geo)).toEqual(["32001", "32013", "32296"]);
  });

  it("a later file replaces only the years it publishes again: a 2023-only Cafdata file keeps the 2022 values of a 2022–2023 one", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "caf-annees-"));
    onTestFinished(() => fs.rmSync(root, { recursive: true, force: true }));
    const write = (dossier: string, lines: string[]) => {
      fs.mkdirSync(path.join(root, dossier));
      fs.writeFileSync(path.join(root, dossier, "s_ben_com_f.csv"), `dtreffre;numcomdo;nomcom;indfoy_ndur;indfoy_rsa\n${lines.join("\n")}\n`);
      return path.join(root, dossier);
    };
    const both = write("2022-2023", ["2022-12;32013;Auch;3500;600", "2023-12;32013;Auch;3520;610", "2022-12;32107;Condom;1200;210", "2023-12;32107;Condom;1210;215"]);
    const latest = write("2023", ["2023-12;32013;Auch;3540;620"]);
    const warehouse = await memoryWarehouse();
    await importAndDerive(warehouse, { dossiers: [both], territoire: "32", commande: "test" });
    const report = await importAndDerive(warehouse, { dossiers: [latest], territoire: "32", commande: "test" });
    const values = await warehouse.all("SELECT code_geo, variable, millesime, valeur FROM valeurs_cog WHERE source_id = 'caf_prestations' ORDER BY code_geo, variable, millesime");
    expect(values).toEqual([
      { code_geo: "32013", variable: "indfoy_ndur", millesime: 2022, valeur: 3500 },
      { code_geo: "32013", variable: "indfoy_ndur", millesime: 2023, valeur: 3540 },
      { code_geo: "32013", variable: "indfoy_rsa", millesime: 2022, valeur: 600 },
      { code_geo: "32013", variable: "indfoy_rsa", millesime: 2023, valeur: 620 },
      { code_geo: "32107", variable: "indfoy_ndur", millesime: 2022, valeur: 1200 },
      { code_geo: "32107", variable: "indfoy_ndur", millesime: 2023, valeur: 1210 },
      { code_geo: "32107", variable: "indfoy_rsa", millesime: 2022, valeur: 210 },
      { code_geo: "32107", variable: "indfoy_rsa", millesime: 2023, valeur: 215 },
    ]);
    expect(report.avertissements).toEqual([
      `${path.join(both, "s_ben_com_f.csv")} (chargé précédemment) est remplacé par ${path.join(latest, "s_ben_com_f.csv")} pour les valeurs que ce dernier publie à nouveau ; ses autres valeurs restent en usage.`,
    ]);
    expect(await warehouse.all("SELECT remplace_par FROM journal_import ORDER BY fichier_id")).toEqual([{ remplace_par: null }, { remplace_par: null }]);
    expect(await warehouse.one("SELECT lignes::INTEGER AS lignes FROM remplacements_partiels")).toEqual({ lignes: 2 });
  });
});
