// Conformance of the CAF and BPE loaders on fixtures in the published formats (tests/fixtures/caf-*, bpe-*):
// masked values, abroad/unknown rows, several BPE vintages with their own codes, Lambert-93 coordinates,
// the exact located French reason of every bad input, and the per-commune counts with their zeros.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importAndDerive } from "../support/import-and-derive.ts";
import type { ImportReport } from "../../pipelines/ingest/import-files.ts";
import { NEGATIVE_COUNT, UNREADABLE_YEAR } from "../../pipelines/ingest/load-wide.ts";
import { CAF_ABROAD, CAF_UNKNOWN, CAF_UNLOCATED } from "../../sources/caf.ts";
import { BPE, CAF } from "../../indicators/external-variables.ts";
import { readInventory } from "../../pipelines/ingest/inventory.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";
import { memoryWarehouse } from "../support/memory-warehouse.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const fixture = (name: string) => path.join(FIXTURES, name);
const UNKNOWN_COMMUNE = "code commune inconnu du code officiel géographique";


async function load(...cases: string[]): Promise<{ warehouse: Warehouse; report: ImportReport }> {
  const warehouse = await memoryWarehouse();
  const report = await importAndDerive(warehouse, { dossiers: cases.map(fixture), territoire: "32", commande: "test" });
  return { warehouse, report };
}

type Rejet = { fichier: string; ligne: number; colonne: string; valeur: string | null; motif: string };
async function rejets(warehouse: Warehouse): Promise<Rejet[]> {
  const rows = await warehouse.all<Rejet & { chemin: string }>("SELECT chemin, ligne, colonne, valeur, motif FROM rejets ORDER BY chemin, ligne, colonne");
  return rows.map(({ chemin, ...rest }) => ({ ...rest, fichier: path.basename(chemin) }));
}

async function cogValue(warehouse: Warehouse, code: string, racine: string, millesime: number, niveau = "commune") {
  return warehouse.all<{ valeur: number | null; statut: string; source_id: string; codes_sources: string }>(
    // CAF values are harmonised (valeurs_cog), BPE values are counted (bpe_comptes): the indicators read both.
    "SELECT valeur, statut, source_id, codes_sources FROM (SELECT * FROM valeurs_cog UNION ALL BY NAME SELECT * FROM bpe_comptes) WHERE niveau = ? AND code_geo = ? AND racine = ? AND millesime = ?",
    [niveau, code, racine, millesime],
  );
}

describe("CAF – séries Cafdata (data.caf.fr)", () => {
  it("reconnaît les fichiers, date chaque ligne par son mois de décembre et compte lues = chargées + rejetées", async () => {
    const { report } = await load("caf-cafdata");
    const byName = Object.fromEntries(report.fichiers.map((f) => [path.basename(f.chemin), f]));
    expect(byName["s_ben_com_f.csv"]).toMatchObject({ sourceId: "caf_prestations", niveau: "commune", encodage: "utf-8 (BOM)", lignesLues: 14, lignesChargees: 6, lignesRejetees: 8 });
    expect(byName["txcouv_pe_com.csv"]).toMatchObject({ sourceId: "caf_accueil_jeune_enfant", niveau: "commune", lignesLues: 2, lignesRejetees: 0 });
    expect(byName["txcouv_pe_epci.csv"]).toMatchObject({ niveau: "epci", lignesLues: 2, lignesChargees: 1, lignesRejetees: 1 });
    expect(byName["txcouv_pe_dep.csv"]).toMatchObject({ niveau: "departement", lignesChargees: 1 });
    expect(byName["txcouv_pe_nat.csv"]).toMatchObject({ niveau: "france", lignesChargees: 1 });
    for (const file of report.fichiers) expect(file.lignesChargees + file.lignesRejetees).toBe(file.lignesLues);
  });

  it("shows in the inventory the first and last millésime and geography of a series file, which names none", async () => {
    const { warehouse } = await load("caf-cafdata");
    const sources = (await readInventory(warehouse)).sources.filter((source) => source.source_id === "caf_prestations");
    expect(sources).toMatchObject([{ millesime: null, millesimes_lignes: [2022, 2023], geo_annee: null, geo_annees_lignes: [2023, 2024] }]);
  });

  it("met en quarantaine, localisées et motivées, les lignes hors commune et les valeurs impossibles", async () => {
    const { warehouse } = await load("caf-cafdata");
    const found = (await rejets(warehouse)).filter((r) => r.fichier === "s_ben_com_f.csv");
    expect(found).toEqual([
      { fichier: "s_ben_com_f.csv", ligne: 2, colonne: "numcomdo", valeur: "", motif: CAF_UNLOCATED },
      { fichier: "s_ben_com_f.csv", ligne: 8, colonne: "numcomdo", valeur: "99999", motif: CAF_ABROAD },
      { fichier: "s_ben_com_f.csv", ligne: 9, colonne: "numcomdo", valeur: "XXXXX", motif: CAF_UNKNOWN },
      { fichier: "s_ben_com_f.csv", ligne: 10, colonne: "indfoy_aah", valeur: "-5", motif: NEGATIVE_COUNT },
      { fichier: "s_ben_com_f.csv", ligne: 11, colonne: "indfoy_rsa", valeur: "700", motif: "incohérence sur la ligne : indfoy_rsa (700) dépasse indfoy_ndur (640)" },
      { fichier: "s_ben_com_f.csv", ligne: 13, colonne: "numcomdo", valeur: "32999", motif: UNKNOWN_COMMUNE },
      { fichier: "s_ben_com_f.csv", ligne: 14, colonne: "numcomdo", valeur: "32013", motif: "code en double (première occurrence ligne 3)" },
      { fichier: "s_ben_com_f.csv", ligne: 15, colonne: "dtreffre", valeur: "décembre", motif: UNREADABLE_YEAR },
    ]);
    expect((await rejets(warehouse)).filter((r) => r.fichier === "txcouv_pe_epci.csv")).toEqual([
      { fichier: "txcouv_pe_epci.csv", ligne: 3, colonne: "numepci", valeur: "XX", motif: CAF_UNKNOWN },
    ]);
    // A quarantined row leaves nothing behind, not even its valid cells.
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM valeurs_brutes WHERE code_geo IN ('32160', '32208', '99999')")).toEqual({ n: 0 });
  });

  it("garde une valeur masquée (case vide) secrète dans valeurs_cog, jamais 0", async () => {
    const { warehouse } = await load("caf-cafdata");
    expect(await cogValue(warehouse, "32002", "indfoy_af", 2023)).toEqual([{ valeur: null, statut: "secret", source_id: "caf_prestations", codes_sources: "32002" }]);
    expect(await cogValue(warehouse, "32002", CAF.allocataires, 2023)).toEqual([{ valeur: 10, statut: "ok", source_id: "caf_prestations", codes_sources: "32002" }]);
    // A published 0 stays a real 0.
    expect(await cogValue(warehouse, "32002", CAF.rsa, 2023)).toEqual([{ valeur: 0, statut: "ok", source_id: "caf_prestations", codes_sources: "32002" }]);
  });

  it("donne à chaque ligne son millésime et la géographie du 1er janvier suivant, sur plusieurs années", async () => {
    const { warehouse } = await load("caf-cafdata");
    expect(await warehouse.all("SELECT millesime, geo_annee, valeur FROM valeurs_brutes WHERE code_geo = '32013' AND variable = 'indfoy_rsa' ORDER BY millesime")).toEqual([
      { millesime: 2022, geo_annee: 2023, valeur: 640 },
      { millesime: 2023, geo_annee: 2024, valeur: 615 },
    ]);
  });

  it("additionne une commune fusionnée et reconstitue les aides au logement à partir de l'APL, l'ALF et l'ALS", async () => {
    const { warehouse } = await load("caf-cafdata");
    // Cannet (32074) is a delegated commune of Riscle (32344): 310 + 15 allocataires.
    expect(await cogValue(warehouse, "32344", CAF.allocataires, 2023)).toEqual([{ valeur: 325, statut: "ok", source_id: "caf_prestations", codes_sources: "32074,32344" }]);
    expect(await cogValue(warehouse, "32013", CAF.aidesLogement, 2023)).toEqual([{ valeur: 1315 + 760 + 190, statut: "ok", source_id: "caf_prestations", codes_sources: "32013" }]);
    // One masked part makes the rebuilt total secret, not a partial sum.
    expect(await cogValue(warehouse, "32002", CAF.aidesLogement, 2023)).toEqual([{ valeur: null, statut: "secret", source_id: "caf_prestations", codes_sources: "32002" }]);
  });

  it("charge le taux de couverture en accueil du jeune enfant à chaque niveau, sous une racine sans suffixe de niveau", async () => {
    const { warehouse } = await load("caf-cafdata");
    const rate = async (niveau: string, code: string) => (await cogValue(warehouse, code, CAF.couvertureAccueilJeuneEnfant, 2023, niveau))[0]?.valeur;
    expect(await rate("commune", "32013")).toBe(63.2);
    expect(await rate("epci", "200066926")).toBe(69.4);
    expect(await rate("departement", "32")).toBe(65.5);
    expect(await rate("france", "FRANCE")).toBe(60.9);
  });
});

describe("CAF – fichiers annuels de l'ancien portail", () => {
  it("lit le Latin-1, date le fichier par son nom et met en quarantaine étranger, inconnue et incohérences", async () => {
    const { warehouse, report } = await load("caf-ancien");
    const byName = Object.fromEntries(report.fichiers.map((f) => [path.basename(f.chemin), f]));
    expect(byName["DependancePrestaCom2014.csv"]).toMatchObject({ sourceId: "caf_dependance_prestations", encodage: "latin-1", millesime: 2014, geoAnnee: 2015, lignesLues: 6, lignesChargees: 2, lignesRejetees: 4 });
    expect(byName["Bas_revenu_Com_2014.csv"]).toMatchObject({ sourceId: "caf_bas_revenus", millesime: 2014, lignesLues: 3, lignesChargees: 2, lignesRejetees: 1 });
    expect(await rejets(warehouse)).toEqual([
      { fichier: "Bas_revenu_Com_2014.csv", ligne: 4, colonne: "ALL_bas_revenu", valeur: "990", motif: "incohérence sur la ligne : ALL_bas_revenu (990) dépasse NB_allocataires_ress (980)" },
      { fichier: "DependancePrestaCom2014.csv", ligne: 2, colonne: "Codes_Insee", valeur: "99999", motif: CAF_ABROAD },
      { fichier: "DependancePrestaCom2014.csv", ligne: 3, colonne: "Codes_Insee", valeur: "XXXXX", motif: CAF_UNKNOWN },
      { fichier: "DependancePrestaCom2014.csv", ligne: 6, colonne: "TR50PFRB", valeur: "1250", motif: "incohérence sur la ligne : TR50PFRB (1250) dépasse NB_allocataires (1180)" },
      { fichier: "DependancePrestaCom2014.csv", ligne: 7, colonne: "TR50PFRB", valeur: "-12", motif: NEGATIVE_COUNT },
    ]);
  });

  it("range l'ancien nom du nombre d'allocataires sous la racine Cafdata et garde le blanc comme secret", async () => {
    const { warehouse } = await load("caf-ancien");
    expect(await cogValue(warehouse, "32013", CAF.allocataires, 2014)).toEqual([{ valeur: 3610, statut: "ok", source_id: "caf_dependance_prestations", codes_sources: "32013" }]);
    expect(await cogValue(warehouse, "32013", CAF.allocatairesDependance50, 2014)).toEqual([{ valeur: 1235, statut: "ok", source_id: "caf_dependance_prestations", codes_sources: "32013" }]);
    expect(await cogValue(warehouse, "32013", CAF.allocatairesRessourcesConnues, 2014)).toEqual([{ valeur: 2950, statut: "ok", source_id: "caf_bas_revenus", codes_sources: "32013" }]);
    expect(await cogValue(warehouse, "32002", CAF.allocatairesDependance50, 2014)).toEqual([{ valeur: null, statut: "secret", source_id: "caf_dependance_prestations", codes_sources: "32002" }]);
  });
});

describe("BPE – équipements de plusieurs millésimes", () => {
  it("vérifie chaque code d'équipement dans la nomenclature de son millésime et localise chaque rejet", async () => {
    const { warehouse, report } = await load("bpe-millesimes");
    expect(report.fichiers.map((f) => [path.basename(f.chemin), f.millesime, f.lignesLues, f.lignesChargees, f.lignesRejetees]).sort()).toEqual([
      ["BPE24.csv", 2024, 6, 6, 0],
      ["bpe20_ensemble_xy.csv", 2020, 10, 7, 3],
      ["bpe21_ensemble_xy.csv", 2021, 6, 4, 2],
    ]);
    expect(await rejets(warehouse)).toEqual([
      { fichier: "bpe20_ensemble_xy.csv", ligne: 8, colonne: "TYPEQU", valeur: "D265", motif: "type d'équipement D265 absent de la nomenclature de la BPE 2020 (valable à partir de 2021)" },
      { fichier: "bpe20_ensemble_xy.csv", ligne: 9, colonne: "TYPEQU", valeur: "Z999", motif: "type d'équipement inconnu de la nomenclature de la BPE 2020" },
      { fichier: "bpe20_ensemble_xy.csv", ligne: 10, colonne: "DEPCOM", valeur: "32999", motif: UNKNOWN_COMMUNE },
      { fichier: "bpe21_ensemble_xy.csv", ligne: 4, colonne: "TYPEQU", valeur: "D201", motif: "type d'équipement D201 absent de la nomenclature de la BPE 2021 (valable jusqu'en 2020)" },
      { fichier: "bpe21_ensemble_xy.csv", ligne: 7, colonne: "LAMBERT_X", valeur: "50X00", motif: "coordonnée non numérique" },
    ]);
  });

  it("convertit le Lambert-93 en WGS84, reprend les coordonnées publiées et repère les équipements mobiles", async () => {
    const { warehouse } = await load("bpe-millesimes");
    const auch2020 = await warehouse.one<{ longitude: number; latitude: number; libelle: string; categorie: string }>(
      "SELECT longitude, latitude, libelle, categorie FROM bpe_equipements WHERE millesime = 2020 AND ligne = 2",
    );
    // The fixture wrote Lambert-93 for (0.5858 + 0.001, 43.6465 − 0.001), rounded to the centimetre.
    expect(auch2020!.longitude).toBeCloseTo(0.5868, 6);
    expect(auch2020!.latitude).toBeCloseTo(43.6455, 6);
    expect(auch2020).toMatchObject({ libelle: "Médecin omnipraticien (généraliste)", categorie: "medecin_generaliste" });
    expect(await warehouse.one("SELECT longitude, latitude FROM bpe_equipements WHERE millesime = 2020 AND code_commune = '32208'")).toEqual({ longitude: null, latitude: null });
    expect(await warehouse.all("SELECT code_commune, typequ, mobile, longitude FROM bpe_equipements WHERE millesime = 2024 AND mobile ORDER BY ligne")).toEqual([
      { code_commune: "32107", typequ: "A128", mobile: true, longitude: 0.3736 },
      { code_commune: "32256", typequ: "D265", mobile: true, longitude: 0.4036 },
    ]);
  });

  it("compte les équipements fixes par commune actuelle, catégorie et millésime, zéros compris dans les départements couverts", async () => {
    const { warehouse } = await load("bpe-millesimes");
    const gp = (code: string, millesime: number) => cogValue(warehouse, code, BPE.medecinsGeneralistes, millesime);
    expect(await gp("32013", 2020)).toEqual([{ valeur: 3, statut: "ok", source_id: "insee_bpe", codes_sources: "32013" }]);
    // Cannet (32074) counts in Riscle (32344).
    expect(await gp("32344", 2020)).toEqual([{ valeur: 1, statut: "ok", source_id: "insee_bpe", codes_sources: "32074" }]);
    // A Gers commune without any: a true zero.
    expect(await gp("32002", 2020)).toEqual([{ valeur: 0, statut: "ok", source_id: "insee_bpe", codes_sources: "32002" }]);
    // The 2021 file also covers Haute-Garonne (Toulouse): its communes get zeros that year, not in 2020.
    expect(await gp("31555", 2021)).toEqual([{ valeur: 1, statut: "ok", source_id: "insee_bpe", codes_sources: "31555" }]);
    expect(await gp("31003", 2021)).toEqual([{ valeur: 0, statut: "ok", source_id: "insee_bpe", codes_sources: "31003" }]);
    expect(await gp("31003", 2020)).toEqual([]);
    // Départements absent from every file get no row: their value stays "manquant".
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM bpe_comptes WHERE left(code_geo, 2) = '65'")).toEqual({ n: 0 });
    // The mobile GP of Mirande is not a fixed one; its EHPA is counted.
    expect(await gp("32256", 2024)).toEqual([{ valeur: 0, statut: "ok", source_id: "insee_bpe", codes_sources: "32256" }]);
    expect(await cogValue(warehouse, "32256", BPE.hebergementPersonnesAgees, 2024)).toEqual([{ valeur: 1, statut: "ok", source_id: "insee_bpe", codes_sources: "32256" }]);
    expect(await cogValue(warehouse, "32107", "BPE_FRANCE_SERVICES", 2024)).toEqual([{ valeur: 0, statut: "ok", source_id: "insee_bpe", codes_sources: "32107" }]);
    const communes32 = await warehouse.one<{ n: number }>("SELECT count(*)::INTEGER AS n FROM geo_commune WHERE code_departement = '32'");
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM bpe_comptes WHERE racine = ? AND millesime = 2024", [BPE.medecinsGeneralistes])).toEqual({ n: communes32!.n });
  });
});
