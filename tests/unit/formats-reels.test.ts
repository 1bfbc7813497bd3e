// Files in the layouts their producers publish (tests/fixtures/formats-reels, beside the real extracts of
// tests/fixtures/reel): official zips with their meta_ dictionaries, a Cafdata column selection and a labelled export,
// the census caract_emp theme, PCS 2020 names, the former CAF portal's 2014 files. docs/sources-insee.md and
// docs/sources-caf-bpe.md give the evidence for each layout.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAndDerive } from "../support/import-and-derive.ts";
import { computeIndicators, type ComputeReport } from "../../pipelines/compute/compute-indicators.ts";
import type { ImportReport } from "../../pipelines/ingest/import-files.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";

const REEL = path.resolve("tests/fixtures/reel");
const FORMATS = path.resolve("tests/fixtures/formats-reels");

describe("every supported source in its published layout, in one import", () => {
  let warehouse: Warehouse;
  let report: ImportReport;
  let computed: ComputeReport;

  beforeAll(async () => {
    warehouse = await Warehouse.open(":memory:");
    report = await importAndDerive(warehouse, { dossiers: [REEL, FORMATS], territoire: "32", commande: "test" });
    computed = await computeIndicators(warehouse);
  });
  afterAll(() => warehouse?.close());

  const loaded = (dossier: string, chemin: string) => {
    const found = report.fichiers.find((file) => file.dossier === dossier && file.chemin === chemin);
    expect(found, chemin).toBeDefined();
    return found!;
  };
  const value = (id: string, niveau: string, code: string) =>
    warehouse.one<{ valeur: number | null; statut: string; motif: string | null; valeur_precedente: number | null }>(
      "SELECT valeur, statut, motif, valeur_precedente FROM indicateurs WHERE id_indicateur = ? AND niveau = ? AND code_geo = ?", [id, niveau, code],
    );
  const cells = (code: string, racine: string) =>
    warehouse.all<{ variable: string; millesime: number; valeur: number; source_id: string }>(
      "SELECT variable, millesime, valeur, source_id FROM valeurs_brutes WHERE code_geo = ? AND racine = ? ORDER BY millesime, variable", [code, racine],
    );

  it("refuses nothing and loads every data file and dictionary, ignoring only what lies outside the observatory's scope", () => {
    expect(report.refuses).toEqual([]);
    const formats = report.fichiers.filter((file) => file.dossier === FORMATS).map(({ chemin, sourceId, millesime }) => ({ chemin, sourceId, millesime }));
    expect(formats).toEqual([
      { chemin: "caf/libelles/s_ben_com_f.csv", sourceId: "caf_prestations", millesime: undefined },
      { chemin: "caf/selection/s_ben_com_f.csv", sourceId: "caf_prestations", millesime: undefined },
      { chemin: "caf-ancien-portail/BasrevenuCom2014.csv", sourceId: "caf_bas_revenus", millesime: 2014 },
      { chemin: "caf-ancien-portail/DependancePrestaCom2014.csv", sourceId: "caf_dependance_prestations", millesime: 2014 },
      { chemin: "caf-ancien-portail/NIVCOMTOTAL2014.csv", sourceId: "caf_population_couverte", millesime: 2014 },
      { chemin: "insee-recensement/base-cc-caract_emp-2021_csv.zip!base-cc-caract_emp-2021.CSV", sourceId: "insee_rp_caract_emp", millesime: 2021 },
      { chemin: "insee-recensement/base-cc-caract_emp-2021_csv.zip!meta_base-cc-caract_emp-2021.CSV", sourceId: "insee_dictionnaire", millesime: 2021 },
      { chemin: "insee-recensement/base-cc-emploi-pop-active-2022_csv.zip!base-cc-emploi-pop-active-2022.CSV", sourceId: "insee_rp_emploi_pop_active", millesime: 2022 },
    ]);
    expect(report.ignores.filter((item) => item.dossier === FORMATS)).toEqual([
      {
        dossier: FORMATS,
        chemin: "insee-recensement/base-cc-emploi-pop-active-2022_csv.zip!base-cc-emploi-pop-active-2022-COM.CSV",
        motif: "Recensement de la population, base communale (base-cc) : Emploi, population active : collectivités d'outre-mer (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin), hors des communes du code officiel géographique",
      },
      { dossier: FORMATS, chemin: "README.md", motif: "type de fichier non pris en charge pour l'instant (.md)" },
    ]);
  });

  it("rejects only the CAF's rows that are no place (abroad, unknown commune, unlocated), each with its meaning", async () => {
    const rejects = await warehouse.all<{ chemin: string; valeur: string; motif: string }>("SELECT chemin, valeur, motif FROM rejets ORDER BY chemin, ligne");
    expect(rejects.every((row) => row.chemin.startsWith(FORMATS))).toBe(true);
    expect(new Set(rejects.map((row) => row.valeur))).toEqual(new Set(["99999", "XXXXX", ""]));
    expect(rejects.filter((row) => row.valeur === "99999").map((row) => row.motif)).toEqual(
      Array(3).fill("allocataires résidant à l'étranger ou hors du territoire de compétence de leur CAF (code 99999 de la CAF) : aucune commune de rattachement"),
    );
    for (const file of report.fichiers) expect(file.lignesChargees + file.lignesRejetees, file.chemin).toBe(file.lignesLues);
  });

  it("maps the labelled Cafdata export onto the technical fields, beside the column selection's years", async () => {
    expect(loaded(FORMATS, "caf/libelles/s_ben_com_f.csv")).toMatchObject({ lignesLues: 6, lignesRejetees: 0, millesimesLignes: [2020, 2021] });
    expect(loaded(FORMATS, "caf/selection/s_ben_com_f.csv")).toMatchObject({ lignesLues: 8, lignesRejetees: 2, millesimesLignes: [2022, 2023] });
    expect(await cells("32013", "indfoy_rsa")).toEqual([
      { variable: "Nombre foyers RSA", millesime: 2020, valeur: 600, source_id: "caf_prestations" },
      { variable: "Nombre foyers RSA", millesime: 2021, valeur: 600, source_id: "caf_prestations" },
      { variable: "indfoy_rsa", millesime: 2022, valeur: 620, source_id: "caf_prestations" },
      { variable: "indfoy_rsa", millesime: 2023, valeur: 620, source_id: "caf_prestations" },
    ]);
    const roots = await warehouse.all<{ racine: string }>(
      "SELECT DISTINCT racine FROM valeurs_brutes WHERE fichier_id = (SELECT fichier_id FROM journal_import WHERE chemin = 'caf/libelles/s_ben_com_f.csv') ORDER BY racine",
    );
    expect(roots.map((row) => row.racine)).toEqual([
      "indfoy_aah", "indfoy_af", "indfoy_alf", "indfoy_als", "indfoy_apl", "indfoy_ndur", "indfoy_ndural", "indfoy_ppa", "indfoy_rsa",
      "indmtt_ndur", "indmtt_rsa", "indnbp_apl", "indnbp_ndur", "indnbp_rsa",
    ]);
  });

  it("computes the share of precarious jobs from base-cc-caract_emp, as a ratio of its published cells", async () => {
    const published = async (variable: string) => (await warehouse.one<{ valeur: number }>(
      "SELECT valeur FROM valeurs_brutes WHERE source_id = 'insee_rp_caract_emp' AND code_geo = '32013' AND variable = ?", [variable],
    ))!.valeur;
    let precaires = 0;
    for (const sexe of ["H", "F"]) for (const contrat of ["CDD", "INTERIM", "EMPAID", "APPR"]) precaires += await published(`P21_${sexe}SAL15P_${contrat}`);
    const indicator = await value("part_emplois_precaires", "commune", "32013");
    expect(indicator?.statut).toBe("ok");
    expect(indicator!.valeur).toBeCloseTo((precaires / (await published("P21_SAL15P"))) * 100, 9);
    expect((await value("part_emplois_precaires", "commune", "32107"))?.statut).toBe("ok");
  });

  it("reads the 2022 census's PCS 2020 groups for the workers and employees, and computes no evolution across the break", async () => {
    const published = async (variable: string) => (await warehouse.one<{ valeur: number }>(
      "SELECT valeur FROM valeurs_brutes WHERE code_geo = '32013' AND variable = ?", [variable],
    ))!.valeur;
    const expected = ((await published("C22_ACTOCC1564_STAT_GSEC15")) + (await published("C22_ACTOCC1564_STAT_GSEC16"))) / (await published("C22_ACTOCC1564")) * 100;
    const indicator = await value("part_ouvriers_employes", "commune", "32013");
    expect(indicator).toMatchObject({ statut: "ok", valeur_precedente: null });
    expect(indicator!.valeur).toBeCloseTo(expected, 9);
    expect(computed.ruptures).toEqual([
      { numero: 24, id: "part_ouvriers_employes", variables: ["Cyy_ACTOCC1564_CS5 → Cyy_ACTOCC1564_STAT_GSEC15", "Cyy_ACTOCC1564_CS6 → Cyy_ACTOCC1564_STAT_GSEC16"] },
    ]);
  });

  it("reads the former CAF portal's 2014 files whatever the case of their columns", async () => {
    expect(await cells("32013", "TR50PFRB")).toEqual([{ variable: "TR50PFRB", millesime: 2014, valeur: 1190, source_id: "caf_dependance_prestations" }]);
    expect(await cells("32013", "indnbp_ndur")).toContainEqual({ variable: "NB_Pers_par_Foyer_Alloc", millesime: 2014, valeur: 7710, source_id: "caf_population_couverte" });
    expect(await cells("32013", "ALL_bas_revenu")).toEqual([{ variable: "ALL_bas_revenu", millesime: 2014, valeur: 1290, source_id: "caf_bas_revenus" }]);
  });

  it("gives every missing value its reason", async () => {
    const reasons = await warehouse.all<{ motif: string | null; n: number }>(
      "SELECT motif, count(*)::INTEGER AS n FROM indicateurs WHERE statut = 'manquant' GROUP BY motif ORDER BY motif",
    );
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.filter((row) => !row.motif)).toEqual([]);
    const known = [
      /^variables? absentes? de l'entrepôt : .+ \(aucun fichier chargé ne (la|les) publie\)$/,
      /^aucune valeur pour cette commune dans les fichiers chargés$/,
      /^données absentes des fichiers chargés pour \d+ commune\(s\) sur \d+$/,
      /^publié à ce niveau pour le millésime 2019 seulement, alors que le millésime retenu pour tous les niveaux est 2021/,
      /^aucun fichier publié à ce niveau n'est chargé/,
      /^commune fusionnée : valeur non additive/,
      /^case vide dans le fichier publié$/,
    ];
    expect(reasons.filter((row) => !known.some((pattern) => pattern.test(row.motif!)))).toEqual([]);
  });
});
