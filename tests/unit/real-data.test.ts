// The importer on the real published extracts of tests/fixtures/reel (see its README): nothing lost,
// published cells intact, secrets and merged communes handled as published.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAndDerive } from "../support/import-and-derive.ts";
import { computeIndicators } from "../../pipelines/compute/compute-indicators.ts";
import { writeDemoTerritories } from "../../pipelines/demo/write-demo.ts";
import { EMBEDDED_CONTOURS_DIR } from "../../pipelines/geography/embedded-contours.ts";
import type { ImportReport } from "../../pipelines/ingest/import-files.ts";
import { buildCentroids } from "../../pipelines/distances/centroids.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";

const DATA = path.resolve("tests/fixtures/reel");
/** The real IGN contours shipped with the project, given as a second data folder as a user would (no copy in the fixtures). */
const CONTOURS = EMBEDDED_CONTOURS_DIR;
const CONTOURS_FILE = "communes-32-2018.topojson";

const COMPARATEUR = "insee-comparateur/base_cc_comparateur.csv";
const FILOSOFI = "insee-filosofi/cc_filosofi_2021_COM.csv";
const IRIS = "insee-filosofi/BASE_TD_FILO_IRIS_2021_DEC.csv";
const PL = "insee-pop/donnees_communes.csv";
const COG = "cog/commune_2022.csv";
const META = "insee-meta/meta_dossier_complet.csv";
const META_LOGEMENT = "insee-recensement/meta_base-cc-logement-2021.CSV";
const FILOSOFI_2019 = "insee-filosofi-2019/base-cc-filosofi-2019_CSV.zip";
const member = (name: string) => `${FILOSOFI_2019}!${name}`;

/** Sorts by path in code-unit order, as DuckDB's ORDER BY does. */
const byChemin = (a: { chemin: string }, b: { chemin: string }) => (a.chemin < b.chemin ? -1 : a.chemin > b.chemin ? 1 : 0);

/** Data rows of a published file (or of a member of an archive: "archive.zip!member.csv"), counted from the file itself. */
function dataRows(chemin: string): string[][] {
  const [file, zipMember] = chemin.split("!");
  const bytes = fs.readFileSync(path.join(DATA, file!));
  const text = Buffer.from(zipMember ? unzipSync(bytes)[zipMember]! : bytes).toString("utf8");
  const separator = chemin === COG ? "," : ";";
  return text
    .split("\n")
    .slice(1)
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line.trim() !== "")
    .map((line) => line.split(separator));
}

describe("real INSEE extracts (tests/fixtures/reel) and the shipped IGN contours (data/contours)", () => {
  let warehouse: Warehouse;
  let report: ImportReport;

  beforeAll(async () => {
    warehouse = await Warehouse.open(":memory:");
    report = await importAndDerive(warehouse, { dossiers: [DATA, CONTOURS], territoire: "32", commande: "test" });
  });
  afterAll(() => warehouse?.close());

  const file = (chemin: string) => {
    const found = report.fichiers.find((candidate) => candidate.chemin === chemin);
    expect(found, chemin).toBeDefined();
    return found!;
  };
  const cell = (source: string, code: string, variable: string) =>
    warehouse.one<{ valeur: number | null; statut: string; millesime: number | null; geo_annee: number | null; ligne: number }>(
      "SELECT valeur, statut, millesime, geo_annee, ligne FROM valeurs_brutes WHERE source_id = ? AND code_geo = ? AND variable = ?",
      [source, code, variable],
    );
  const cogCell = (source: string, code: string, variable: string) =>
    warehouse.one<{ valeur: number | null; statut: string; motif: string | null; codes_sources: string }>(
      "SELECT valeur, statut, motif, codes_sources FROM valeurs_cog WHERE source_id = ? AND code_geo = ? AND variable = ?",
      [source, code, variable],
    );

  it("loads every INSEE file, recognised as its source, the official zip's dictionaries as dictionaries", () => {
    const loaded = report.fichiers
      .filter(({ sourceId }) => sourceId.startsWith("insee_"))
      .map(({ chemin, sourceId, niveau, millesime, geoAnnee, etat }) => ({ chemin, sourceId, niveau, millesime, geoAnnee, etat }));
    const dictionary = (chemin: string, millesime: number | undefined) =>
      ({ chemin, sourceId: "insee_dictionnaire", niveau: undefined, millesime, geoAnnee: undefined, etat: "charge" });
    const filosofi2019 = (name: string, niveau: string) =>
      ({ chemin: member(name), sourceId: "insee_filosofi", niveau, millesime: 2019, geoAnnee: 2022, etat: "charge" });
    expect(loaded.sort(byChemin)).toEqual([
      { chemin: COG, sourceId: "insee_cog_communes", niveau: undefined, millesime: 2022, geoAnnee: 2022, etat: "charge" },
      { chemin: COMPARATEUR, sourceId: "insee_comparateur", niveau: "commune", millesime: 2022, geoAnnee: 2025, etat: "charge" },
      { chemin: IRIS, sourceId: "insee_filosofi_iris", niveau: "iris", millesime: 2021, geoAnnee: 2024, etat: "charge" },
      { chemin: FILOSOFI, sourceId: "insee_filosofi", niveau: "commune", millesime: 2021, geoAnnee: 2024, etat: "charge" },
      filosofi2019("cc_filosofi_2019_COM.csv", "commune"),
      filosofi2019("cc_filosofi_2019_DEP.csv", "departement"),
      filosofi2019("cc_filosofi_2019_EPCI.csv", "epci"),
      filosofi2019("cc_filosofi_2019_REG.csv", "region"),
      ...["AAV2020", "ARR", "COM", "CTCD", "DEP", "EPCI", "EPT", "METRO", "REG", "UU2020", "ZE2020"].map((level) => dictionary(member(`meta_cc_filosofi_2019_${level}.csv`), 2019)),
      dictionary(META, undefined),
      { chemin: PL, sourceId: "insee_populations_legales", niveau: "commune", millesime: undefined, geoAnnee: undefined, etat: "charge" },
      dictionary(META_LOGEMENT, 2021),
    ].sort(byChemin));
    expect(report.refuses).toEqual([]);
  });

  it("loses no row: read = loaded + rejected = the file's data lines, and nothing rejected", async () => {
    for (const chemin of [COMPARATEUR, FILOSOFI, IRIS, PL, COG, META, META_LOGEMENT]) {
      const loaded = file(chemin);
      expect(loaded.lignesLues, chemin).toBe(dataRows(chemin).length);
      expect(loaded.lignesChargees + loaded.lignesRejetees, chemin).toBe(loaded.lignesLues);
      expect(loaded.lignesRejetees, chemin).toBe(0);
    }
    expect(file(COMPARATEUR).lignesLues).toBe(461);
    expect(file(FILOSOFI).lignesLues).toBe(461);
    expect(file(PL).lignesLues).toBe(461);
    expect(file(COG).lignesLues).toBe(466);
    expect(file(META).lignesLues).toBe(2386);
    expect(file(IRIS).lignesLues).toBe(19);
    // The census dictionary: its 239 variables, then one CODGEO modality per commune of the Gers.
    expect(file(META_LOGEMENT).lignesLues).toBe(239 + 461);
    expect(file(member("cc_filosofi_2019_DEP.csv"))).toMatchObject({ lignesLues: 2, lignesChargees: 2, lignesRejetees: 0 });
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM rejets")).toEqual({ n: 0 });
    const stored = await warehouse.all<{ chemin: string; lignes: number; cellules: number }>(
      `SELECT j.chemin, count(DISTINCT v.ligne)::INTEGER AS lignes, count(v.ligne)::INTEGER AS cellules
       FROM journal_import j JOIN valeurs_brutes v USING (fichier_id) WHERE j.chemin NOT LIKE ? GROUP BY j.chemin ORDER BY j.chemin`,
      [`${FILOSOFI_2019}%`],
    );
    expect(stored).toEqual([
      { chemin: COMPARATEUR, lignes: 461, cellules: 461 * 31 },
      { chemin: IRIS, lignes: 19, cellules: 19 * 25 },
      { chemin: FILOSOFI, lignes: 461, cellules: 461 * 27 },
      { chemin: PL, lignes: 461, cellules: 461 * 3 },
    ]);
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM insee_cog_commune")).toEqual({ n: 466 });
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM insee_dictionnaire WHERE fichier_id = (SELECT fichier_id FROM journal_import WHERE chemin = ?)", [META])).toEqual({ n: 2386 });
  });

  it("reads Mayotte's NA cell of the Filosofi 2019 département file as an empty cell, not a bad row", async () => {
    expect(await cell("insee_filosofi", "976", "RD19")).toMatchObject({ valeur: null, statut: "vide", millesime: 2019 });
    expect(await cell("insee_filosofi", "976", "D919")).toMatchObject({ valeur: 21300, statut: "ok" });
    expect(await cell("insee_filosofi", "32", "MED19")).toMatchObject({ valeur: 20950, statut: "ok", geo_annee: 2022 });
  });

  it("loads the ANCT France services list as published: its 27 Gers sites", () => {
    expect(file("anct-france-services/liste-fs-20240801.csv")).toMatchObject({ sourceId: "anct_france_services", millesime: 2024, lignesLues: 27, lignesChargees: 27, lignesRejetees: 0 });
  });

  it("lists the README and the Filosofi zonings the observatory does not publish as ignored, with their reason", () => {
    const ignored = report.ignores.map(({ chemin, motif }) => ({ chemin, motif })).sort(byChemin);
    const zoning = (level: string, what: string) => ({
      chemin: member(`cc_filosofi_2019_${level}.csv`),
      motif: `Revenus, pauvreté et niveau de vie (Filosofi), chiffres clés : niveau géographique non publié par l'observatoire : ${what}`,
    });
    expect(ignored).toEqual([
      { chemin: "README.md", motif: "type de fichier non pris en charge pour l'instant (.md)" },
      { chemin: "README.md", motif: "type de fichier non pris en charge pour l'instant (.md)" },
      zoning("AAV2020", "aires d'attraction des villes"),
      zoning("ARR", "arrondissements départementaux"),
      zoning("CTCD", "collectivités territoriales ayant les compétences départementales"),
      zoning("EPT", "établissements publics territoriaux du Grand Paris"),
      zoning("METRO", "France métropolitaine (l'observatoire compare à la France entière, DOM compris)"),
      zoning("UU2020", "unités urbaines"),
      zoning("ZE2020", "zones d'emploi"),
    ].sort(byChemin));
  });

  it("never reads the urban units' codes as communes, though unit 32101 has the code of a commune", async () => {
    const unit = dataRows(member("cc_filosofi_2019_UU2020.csv")).find((row) => row[0] === "32101")!;
    const commune = dataRows(member("cc_filosofi_2019_COM.csv")).find((row) => row[0] === "32101")!;
    expect(unit[3]).not.toBe(commune[3]);
    expect(await warehouse.all("SELECT niveau, valeur FROM valeurs_brutes WHERE code_geo = '32101' AND variable = 'MED19'")).toEqual([
      { niveau: "commune", valeur: Number(commune[3]) },
    ]);
  });

  it("loads the 462 contours of 2018 as dated (no undated-contours warning) and maps them onto the 458 current communes", async () => {
    expect(report.fichiers.find((candidate) => candidate.dossier === CONTOURS && candidate.chemin === CONTOURS_FILE)).toMatchObject({
      sourceId: "contours_communes", niveau: "commune", millesime: 2018, geoAnnee: 2018, lignesLues: 462, lignesChargees: 462, lignesRejetees: 0, etat: "charge",
    });
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n, count(DISTINCT code_commune)::INTEGER AS codes FROM contours_communes")).toEqual({ n: 462, codes: 462 });
    await buildCentroids(warehouse);
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n, min(geo_annee) AS min, max(geo_annee) AS max FROM offre_centroides")).toEqual({ n: 458, min: 2018, max: 2018 });
    expect(await warehouse.all("SELECT code_commune, codes_sources FROM offre_centroides WHERE code_commune IN ('32344', '32365') ORDER BY code_commune")).toEqual([
      { code_commune: "32344", codes_sources: "32074,32344" },
      { code_commune: "32365", codes_sources: "32067,32260,32365,32413" },
    ]);
    expect(report.avertissements.filter((message) => message.includes("année de géographie des contours introuvable"))).toEqual([]);
  });

  it("warns that the populations légales file names no millésime, and nothing else", () => {
    expect(report.avertissements).toEqual([
      `${path.join(DATA, PL)} : millésime introuvable dans le nom du fichier ou de son dossier ; chargé sans millésime. Renommez le dossier (ex. « populations-legales-2022 »).`,
    ]);
  });

  it("keeps the published cells of Auch (32013) intact in both files", async () => {
    expect(await cell("insee_comparateur", "32013", "P22_POP")).toMatchObject({ valeur: 22825, statut: "ok", millesime: 2022, geo_annee: 2025 });
    expect(await cell("insee_comparateur", "32013", "P22_MEN")).toMatchObject({ valeur: 12182.2155351684, statut: "ok" });
    for (const source of ["insee_comparateur", "insee_filosofi"]) {
      expect(await cell(source, "32013", "MED21"), source).toMatchObject({ valeur: 21800, statut: "ok", millesime: 2021, geo_annee: 2024 });
      expect(await cell(source, "32013", "TP6021"), source).toMatchObject({ valeur: 18.0, statut: "ok" });
      expect(await cell(source, "32013", "PIMP21"), source).toMatchObject({ valeur: 48.0, statut: "ok" });
    }
    expect(await cell("insee_filosofi", "32013", "PIMPOT21")).toMatchObject({ valeur: -15.1, statut: "ok" });
    expect(await cell("insee_populations_legales", "32013", "PMUN")).toMatchObject({ valeur: 22173, statut: "ok" });
    expect(await cogCell("insee_comparateur", "32013", "P22_POP")).toEqual({ valeur: 22825, statut: "ok", motif: null, codes_sources: "32013" });
  });

  it("keeps Nogaro's (32296) secret poverty rate as secret, with no value", async () => {
    for (const source of ["insee_comparateur", "insee_filosofi"]) {
      expect(await cell(source, "32296", "TP6021"), source).toMatchObject({ valeur: null, statut: "secret" });
      expect(await cogCell(source, "32296", "TP6021"), source).toMatchObject({ valeur: null, statut: "secret" });
    }
    expect(await cell("insee_comparateur", "32296", "MED21")).toMatchObject({ valeur: 19090, statut: "ok" });
  });

  it("has exactly as many secret cells as `s` markers in the Filosofi file, none read as a number", async () => {
    const markers = dataRows(FILOSOFI).flatMap((row) => row.slice(1)).filter((value) => value === "s").length;
    expect(markers).toBeGreaterThan(0);
    const secrets = await warehouse.one<{ n: number; valued: number }>(
      "SELECT count(*)::INTEGER AS n, count(valeur)::INTEGER AS valued FROM valeurs_brutes WHERE source_id = 'insee_filosofi' AND millesime = 2021 AND statut = 'secret'",
    );
    expect(secrets).toEqual({ n: markers, valued: 0 });
  });

  it("loads the empty 32067 row of the comparateur as published (empty RP, secret Filosofi)", async () => {
    const line = dataRows(COMPARATEUR).findIndex((row) => row[0] === "32067") + 2;
    expect(line).toBeGreaterThan(2);
    expect(await cell("insee_comparateur", "32067", "P22_POP")).toMatchObject({ valeur: null, statut: "vide", ligne: line });
    expect(await cell("insee_comparateur", "32067", "NBMENFISC21")).toMatchObject({ valeur: null, statut: "secret", ligne: line });
  });

  it("maps 32067, 32260, 32413 into 32365: P22_POP stays 480, MED21 is `manquant` with its reason", async () => {
    expect(await cogCell("insee_comparateur", "32365", "P22_POP")).toEqual({
      valeur: 480, statut: "ok", motif: null, codes_sources: "32067,32260,32365,32413",
    });
    expect(await cogCell("insee_comparateur", "32365", "P16_POP")).toMatchObject({ valeur: 549, statut: "ok" });
    const manquant = { valeur: null, statut: "manquant", motif: "commune fusionnée : valeur non additive (médiane, taux) non reportée" };
    expect(await cogCell("insee_comparateur", "32365", "MED21")).toMatchObject(manquant);
    expect(await cogCell("insee_filosofi", "32365", "MED21")).toMatchObject(manquant);
    const communes = await warehouse.one<{ n: number }>(
      "SELECT count(DISTINCT code_geo)::INTEGER AS n FROM valeurs_cog WHERE source_id = 'insee_comparateur'",
    );
    expect(communes).toEqual({ n: 458 });
    expect(await cogCell("insee_comparateur", "32067", "P22_POP")).toBeUndefined();
  });

  it("dates the comparateur's Filosofi columns on geography 2024 and its RP columns on 2025", async () => {
    const years = await warehouse.all<{ famille: string; millesime: number; geo_annee: number; variables: number }>(`
      SELECT CASE WHEN racine IN ('NBMENFISCyy', 'PIMPyy', 'MEDyy', 'TP60yy') THEN 'filosofi'
                  WHEN racine LIKE 'Pyy_%' THEN 'rp' END AS famille,
             millesime, geo_annee, count(DISTINCT variable)::INTEGER AS variables
      FROM valeurs_brutes WHERE source_id = 'insee_comparateur' AND (racine IN ('NBMENFISCyy', 'PIMPyy', 'MEDyy', 'TP60yy') OR racine LIKE 'Pyy_%')
      GROUP BY ALL ORDER BY famille, millesime`);
    expect(years).toEqual([
      { famille: "filosofi", millesime: 2021, geo_annee: 2024, variables: 4 },
      { famille: "rp", millesime: 2016, geo_annee: 2025, variables: 2 },
      { famille: "rp", millesime: 2022, geo_annee: 2025, variables: 12 },
    ]);
  });

  it("keeps the IRIS file's `ns` and `so` cells with their status", async () => {
    const cells = dataRows(IRIS).flatMap((row) => row.slice(1));
    const statuses = await warehouse.all<{ statut: string; n: number; valued: number }>(
      "SELECT statut, count(*)::INTEGER AS n, count(valeur)::INTEGER AS valued FROM valeurs_brutes WHERE source_id = 'insee_filosofi_iris' GROUP BY statut ORDER BY statut",
    );
    expect(statuses).toEqual([
      { statut: "non_significatif", n: cells.filter((value) => value === "ns").length, valued: 0 },
      { statut: "ok", n: cells.filter((value) => /^-?[0-9]+(,[0-9]+)?$/.test(value)).length, valued: cells.filter((value) => /^-?[0-9]+(,[0-9]+)?$/.test(value)).length },
      { statut: "sans_objet", n: cells.filter((value) => value === "so").length, valued: 0 },
    ]);
    expect(await cell("insee_filosofi_iris", "320130302", "DEC_MED21")).toMatchObject({ valeur: null, statut: "non_significatif" });
    expect(await cell("insee_filosofi_iris", "320130302", "DEC_INCERT21")).toMatchObject({ valeur: null, statut: "sans_objet" });
    expect(await cell("insee_filosofi_iris", "320130102", "DEC_RD21")).toMatchObject({ valeur: 3150.9, statut: "ok" });
    expect(await cell("insee_filosofi_iris", "320130102", "DEC_D121")).toMatchObject({ valeur: 10, statut: "ok" });
  });

  it("loads the COG and the dictionary as published", async () => {
    expect(
      await warehouse.all("SELECT typecom, com, dep, libelle, comparent, millesime FROM insee_cog_commune WHERE com IN ('32074', '32344') ORDER BY com, typecom"),
    ).toEqual([
      { typecom: "COMD", com: "32074", dep: null, libelle: "Cannet", comparent: "32344", millesime: 2022 },
      { typecom: "COM", com: "32344", dep: "32", libelle: "Riscle", comparent: null, millesime: 2022 },
      { typecom: "COMD", com: "32344", dep: null, libelle: "Riscle", comparent: "32344", millesime: 2022 },
    ]);
    const med = await warehouse.one<{ lib_var: string; type_var: string }>("SELECT lib_var, type_var FROM insee_dictionnaire WHERE cod_var = 'MED21' AND cod_mod IS NULL");
    expect(med?.type_var).toBe("CHAR");
    expect(med?.lib_var).toMatch(/médian/i);
  });
});

describe("indicators on the real extracts (tests/fixtures/reel)", () => {
  let warehouse: Warehouse;
  type Value = { valeur: number | null; statut: string; motif: string | null; numerateur: number | null; denominateur: number | null };
  const indicator = (id: string, niveau: string, code: string) =>
    warehouse.one<Value>("SELECT valeur, statut, motif, numerateur, denominateur FROM indicateurs WHERE id_indicateur = ? AND niveau = ? AND code_geo = ?", [id, niveau, code]);
  const published = async (variable: string, code: string) =>
    (await warehouse.one<{ valeur: number }>("SELECT valeur FROM valeurs_brutes WHERE source_id = 'insee_comparateur' AND variable = ? AND code_geo = ?", [variable, code]))!.valeur;

  beforeAll(async () => {
    warehouse = await Warehouse.open(":memory:");
    await importAndDerive(warehouse, { dossiers: [DATA], territoire: "32", commande: "test" });
    await computeIndicators(warehouse);
  });
  afterAll(() => warehouse?.close());

  it("gives commune indicators equal to the ratios of the published cells (Auch)", async () => {
    const chomage = await indicator("tx_chomage", "commune", "32013");
    expect(chomage?.statut).toBe("ok");
    expect(chomage!.valeur).toBeCloseTo(((await published("P22_CHOM1564", "32013")) / (await published("P22_ACT1564", "32013"))) * 100, 9);
    const vacance = await indicator("part_logements_vacants", "commune", "32013");
    expect(vacance!.valeur).toBeCloseTo(((await published("P22_LOGVAC", "32013")) / (await published("P22_LOG", "32013"))) * 100, 9);
    expect((await indicator("densite", "commune", "32013"))!.valeur).toBeCloseTo(22825 / 72.48, 9);
    expect((await indicator("pop", "commune", "32013"))!.valeur).toBe(22825);
  });

  it("takes medians and poverty rates as published for communes, secret where INSEE masks them", async () => {
    expect(await indicator("med_niveau_vie", "commune", "32013")).toMatchObject({ statut: "ok", valeur: 21800 });
    expect(await indicator("tx_pauvrete", "commune", "32013")).toMatchObject({ statut: "ok", valeur: 18 });
    expect(await indicator("tx_pauvrete", "commune", "32296")).toMatchObject({ statut: "secret", valeur: null });
  });

  it("leaves EPCI and département medians manquant, naming the millésime mismatch: only Filosofi 2019 is published at those levels", async () => {
    for (const [niveau, code] of [["epci", "200066926"], ["departement", "32"]] as const) {
      const median = await indicator("med_niveau_vie", niveau, code);
      expect(median).toMatchObject({ statut: "manquant", valeur: null });
      expect(median!.motif).toBe(
        "publié à ce niveau pour le millésime 2019 seulement, alors que le millésime retenu pour tous les niveaux est 2021 (le plus récent chargé) : chargez le fichier de ce niveau du millésime 2021",
      );
    }
    expect((await indicator("med_niveau_vie", "france", "FRANCE"))!.motif).toBe("aucun fichier publié à ce niveau n'est chargé (la valeur n'est jamais recalculée à partir des communes)");
  });

  it("names the variables no loaded file publishes as the reason of indicators that need them", async () => {
    expect(await indicator("part_alloc_dep50", "commune", "32013")).toMatchObject({
      statut: "manquant", motif: "variables absentes de l'entrepôt : TR50PFRB, NB_allocataires_ress (aucun fichier chargé ne les publie)",
    });
  });

  it("sums the département from its communes, including the merged Saint-Blancard", async () => {
    const population = await indicator("pop", "departement", "32");
    expect(population).toMatchObject({ statut: "ok", valeur: 192649 });
  });
});

describe("demo data then the real extracts: the real files win where they exist", () => {
  let warehouse: Warehouse;
  let report: ImportReport;
  const demo = fs.mkdtempSync(path.join(os.tmpdir(), "demo-reel-"));

  beforeAll(async () => {
    await writeDemoTerritories(["32"], demo);
    warehouse = await Warehouse.open(":memory:");
    report = await importAndDerive(warehouse, { dossiers: [demo, DATA], territoire: "32", commande: "test" });
    await computeIndicators(warehouse);
  });
  afterAll(() => {
    warehouse?.close();
    fs.rmSync(demo, { recursive: true, force: true });
  });

  it("retires the demo's whole Filosofi 2021 release, EPCI file included, so EPCI medians are manquant", async () => {
    expect(report.ignores.some((ignored) => ignored.chemin.endsWith("cc_filosofi_2021_EPCI.csv") && ignored.motif.includes("le dernier dossier l'emporte"))).toBe(true);
    const median = await warehouse.one<{ statut: string }>("SELECT statut FROM indicateurs WHERE id_indicateur = 'med_niveau_vie' AND niveau = 'epci' AND code_geo = '200066926'");
    expect(median?.statut).toBe("manquant");
  });

  it("takes a variable from a real file before a demo one (Auch's population from the real comparateur)", async () => {
    const population = await warehouse.one<{ valeur: number }>("SELECT valeur FROM indicateurs WHERE id_indicateur = 'pop' AND niveau = 'commune' AND code_geo = '32013'");
    expect(population?.valeur).toBe(22825);
  });
});
