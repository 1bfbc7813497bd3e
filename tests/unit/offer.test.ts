// The social-offer analysis: great-circle distances against known ones, centroids of merged contours, rates as
// ratios of sums on a hand-made territory, the real ANCT list with its 27 Gers sites, the quadrants, and a
// fixture built to hold exactly two zones blanches (tests/fixtures/offre-*).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { importAndDerive } from "../support/import-and-derive.ts";
import { summariseAccess } from "../../pipelines/offer/access-summary.ts";
import { centroidOf } from "../../pipelines/geography/centroid.ts";
import { distanceKm, distanceMacroSql, RAYON_TERRE_KM } from "../../pipelines/distances/distance.ts";
import { computeIndices } from "../../pipelines/offer/indices.ts";
import { computeInventory, MOTIF_PRUDENCE } from "../../pipelines/offer/inventory.ts";
import { writeCategoryTables } from "../../pipelines/distances/places.ts";
import { QUADRANTS, quadrantOf, quadrantSql } from "../../pipelines/offer/quadrants.ts";
import { MOTIF_SANS_ANALYSE, offerSiteFiles } from "../../pipelines/offer/site-offer.ts";
import { computeWhiteZones } from "../../pipelines/offer/white-zones.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";
import { installFixture, type FixtureValue } from "../support/compute-fixture.ts";
import { memoryWarehouse } from "../support/memory-warehouse.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const REEL = path.resolve("tests/fixtures/reel");
const GEO = path.resolve("tests/fixtures/contours-ign");
const ANCT = path.join(REEL, "anct-france-services");

async function imported(...dossiers: string[]): Promise<Warehouse> {
  const warehouse = await memoryWarehouse();
  await importAndDerive(warehouse, { dossiers, territoire: "32", commande: "test" });
  return warehouse;
}

describe("distance à vol d'oiseau", () => {
  const QUART_DE_MERIDIEN = (Math.PI * RAYON_TERRE_KM) / 2;
  const cases: [string, [number, number, number, number], number, number][] = [
    ["un degré de longitude à l'équateur", [0, 0, 1, 0], (Math.PI * RAYON_TERRE_KM) / 180, 1e-9],
    ["un degré de latitude le long d'un méridien", [0.5855, 43, 0.5855, 44], (Math.PI * RAYON_TERRE_KM) / 180, 1e-9],
    ["de l'équateur au pôle", [12, 0, 12, 90], QUART_DE_MERIDIEN, 1e-9],
    ["deux points antipodaux", [0, 0, 180, 0], 2 * QUART_DE_MERIDIEN, 1e-9],
    // Paris (Notre-Dame) – Marseille (Vieux-Port): 660,5 km on the sphere (published great-circle distance ≈ 660 km).
    ["Paris – Marseille", [2.3499, 48.853, 5.374, 43.2951], 660.5, 1],
    // Auch (cathédrale) – Toulouse (Capitole): ≈ 69 km.
    ["Auch – Toulouse", [0.5865, 43.6459, 1.4433, 43.6045], 69.1, 0.5],
  ];

  for (const [name, [lon1, lat1, lon2, lat2], expected, tolerance] of cases) {
    it(`en TypeScript : ${name}`, () => {
      expect(Math.abs(distanceKm(lon1, lat1, lon2, lat2) - expected)).toBeLessThanOrEqual(tolerance);
    });
  }

  it("la macro DuckDB donne les mêmes distances que TypeScript, dans les deux sens", async () => {
    const warehouse = await memoryWarehouse();
    await warehouse.run(distanceMacroSql());
    for (const [, [lon1, lat1, lon2, lat2]] of cases) {
      const row = await warehouse.one<{ aller: number; retour: number }>(
        "SELECT distance_km(?, ?, ?, ?) AS aller, distance_km(?, ?, ?, ?) AS retour", [lon1, lat1, lon2, lat2, lon2, lat2, lon1, lat1]);
      expect(row!.aller).toBeCloseTo(distanceKm(lon1, lat1, lon2, lat2), 9);
      expect(row!.retour).toBeCloseTo(row!.aller, 9);
    }
    expect(await warehouse.one("SELECT distance_km(0.5, 43.6, 0.5, 43.6) AS d")).toEqual({ d: 0 });
  });
});

describe("centroïdes des contours", () => {
  const square = (x: number, y: number, size: number, clockwise = false): Polygon => {
    const ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
    return { type: "Polygon", coordinates: [clockwise ? ring.reverse() : ring] };
  };

  it("place le centre d'un carré, quel que soit le sens de ses sommets", () => {
    for (const clockwise of [false, true]) {
      const point = centroidOf([square(0.4, 43.5, 0.02, clockwise)])!;
      expect(point.longitude).toBeCloseTo(0.41, 9);
      expect(point.latitude).toBeCloseTo(43.51, 6);
    }
  });

  it("retire les trous et pondère les parties fusionnées par leur aire", () => {
    const withHole: Polygon = { type: "Polygon", coordinates: [square(0, 0, 0.04).coordinates[0]!, square(0, 0, 0.02, true).coordinates[0]!] };
    // Outer 4 × 4 minus the 2 × 2 corner: (16 × (2, 2) − 4 × (1, 1)) / 12 = (2,33…, 2,33…) hundredths of a degree.
    const point = centroidOf([withHole])!;
    expect(point.longitude).toBeCloseTo(0.07 / 3, 4);
    expect(point.latitude).toBeCloseTo(0.07 / 3, 4);
    // Two adjacent squares (a former commune merged into its neighbour) weigh as one rectangle.
    const merged = centroidOf([square(0, 0, 0.02), square(0.02, 0, 0.02, true)])!;
    expect(merged.longitude).toBeCloseTo(0.02, 6);
    expect(merged.latitude).toBeCloseTo(0.01, 6);
  });

  it("fusionne les contours IGN 2018 du Gers sur le COG en vigueur : 458 communes", async () => {
    const warehouse = await imported(GEO);
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM offre_centroides")).toEqual({ n: 458 });
    const merged = await warehouse.all<{ code_commune: string; codes_sources: string }>(
      "SELECT code_commune, codes_sources FROM offre_centroides WHERE codes_sources LIKE '%,%' ORDER BY code_commune");
    expect(merged).toEqual([
      { code_commune: "32344", codes_sources: "32074,32344" },
      { code_commune: "32365", codes_sources: "32067,32260,32365,32413" },
    ]);
    // Auch's centroid lies in the commune, a few kilometres from the cathedral.
    const auch = await warehouse.one<{ longitude: number; latitude: number }>("SELECT longitude, latitude FROM offre_centroides WHERE code_commune = '32013'");
    expect(distanceKm(auch!.longitude, auch!.latitude, 0.5865, 43.6459)).toBeLessThan(5);
  });
});

describe("taux par population cible : rapport de sommes à tous les niveaux", () => {
  const POPULATION: Record<string, number> = { "32001": 1000, "32002": 500, "32003": 1500, "40001": 2000, "40002": 3000 };
  const values: FixtureValue[] = [
    ...Object.entries(POPULATION).map(([code, valeur]) => ({ niveau: "commune", code, racine: "Pyy_POP", millesime: 2022, valeur })),
    // 75+: one root missing for 32001 only.
    ...Object.keys(POPULATION).map((code) => ({ niveau: "commune", code, racine: "Pyy_POP7589", millesime: 2022, valeur: 100 })),
    ...Object.keys(POPULATION).filter((code) => code !== "32001").map((code) => ({ niveau: "commune", code, racine: "Pyy_POP90P", millesime: 2022, valeur: 20 })),
  ];

  /** Places by hand: [category, commune, mobile, statut]. */
  const PLACES: [string, string, boolean, string][] = [
    ["medecin_generaliste", "32001", false, "ouvert"], ["medecin_generaliste", "32001", false, "ouvert"], ["medecin_generaliste", "32001", true, "ouvert"],
    ["medecin_generaliste", "32002", false, "ouvert"],
    ["medecin_generaliste", "40001", false, "ouvert"], ["medecin_generaliste", "40001", false, "ouvert"], ["medecin_generaliste", "40001", false, "ouvert"],
    ...Array.from({ length: 5 }, (): [string, string, boolean, string] => ["medecin_generaliste", "40002", false, "ouvert"]),
    ["tiers_lieu", "32002", false, "ouvert"], ["tiers_lieu", "32002", false, "projet"],
    ["hebergement_personnes_agees", "32003", false, "ouvert"],
  ];

  async function run() {
    const warehouse = await memoryWarehouse();
    await installFixture(warehouse, values);
    await writeCategoryTables(warehouse);
    // Coverage: the BPE covers both départements, the GIP's list only the Gers.
    await warehouse.run(`
      CREATE TABLE offre_couverture AS
        SELECT k.categorie, d.code_departement,
               CASE WHEN k.categorie = 'tiers_lieu' THEN CASE WHEN d.code_departement = '32' THEN 'gip_lieux' END ELSE 'insee_bpe' END AS source_id,
               2024 AS millesime, k.categorie AS categorie_source
        FROM offre_categories k CROSS JOIN geo_departement d;
      CREATE TABLE offre_lieux (lieu_id INTEGER, categorie VARCHAR, source_id VARCHAR, code_commune VARCHAR, mobile BOOLEAN, statut VARCHAR);
      INSERT INTO offre_lieux VALUES ${PLACES.map(([categorie, code, mobile, statut], index) => `(${index + 1}, '${categorie}', 'fixture', '${code}', ${mobile}, '${statut}')`).join(", ")};
    `);
    await computeInventory(warehouse);
    return async (categorie: string, niveau: string, code: string) =>
      (await warehouse.one<{ effectif: number | null; nb_mobiles: number | null; nb_projets: number | null; population_cible: number | null; taux: number | null; statut: string; motif: string | null; prudence: boolean }>(
        "SELECT effectif::INTEGER AS effectif, nb_mobiles::INTEGER AS nb_mobiles, nb_projets::INTEGER AS nb_projets, population_cible, taux, statut, motif, prudence FROM offre_taux WHERE categorie = ? AND niveau = ? AND code_geo = ?",
        [categorie, niveau, code]))!;
  }

  it("compte les lieux fixes, met les mobiles à part et rapporte la somme des lieux à la somme des habitants", async () => {
    const rate = await run();
    expect(await rate("medecin_generaliste", "commune", "32001")).toMatchObject({ effectif: 2, nb_mobiles: 1, population_cible: 1000, statut: "ok", prudence: true, motif: MOTIF_PRUDENCE });
    expect((await rate("medecin_generaliste", "commune", "32001")).taux).toBeCloseTo(20, 9);
    // EPCIs: 3 / 1 500 and, across the département boundary, 3 / 3 500 (never the mean of the commune rates).
    expect((await rate("medecin_generaliste", "epci", "200000001")).taux).toBeCloseTo((3 / 1500) * 10_000, 9);
    expect((await rate("medecin_generaliste", "epci", "200000002")).taux).toBeCloseTo((3 / 3500) * 10_000, 9);
    expect((await rate("medecin_generaliste", "departement", "32")).taux).toBeCloseTo((3 / 3000) * 10_000, 9);
    expect((await rate("medecin_generaliste", "region", "76")).taux).toBeCloseTo((3 / 3000) * 10_000, 9);
    expect(await rate("medecin_generaliste", "france", "FRANCE")).toMatchObject({ effectif: 11, population_cible: 8000, prudence: false, motif: null });
    expect((await rate("medecin_generaliste", "france", "FRANCE")).taux).toBeCloseTo((11 / 8000) * 10_000, 9);
  });

  it("compte à part les lieux en projet et ne calcule rien là où aucune liste ne couvre le département", async () => {
    const rate = await run();
    expect(await rate("tiers_lieu", "departement", "32")).toMatchObject({ effectif: 1, nb_projets: 1, statut: "ok" });
    expect((await rate("tiers_lieu", "departement", "32")).taux).toBeCloseTo((1 / 3000) * 10_000, 9);
    expect(await rate("tiers_lieu", "epci", "200000002")).toMatchObject({ effectif: null, taux: null, statut: "manquant", motif: "aucune liste chargée ne couvre 1 commune(s) sur 2" });
    expect(await rate("tiers_lieu", "france", "FRANCE")).toMatchObject({ taux: null, statut: "manquant", motif: "aucune liste chargée ne couvre 2 commune(s) sur 5" });
  });

  it("ne calcule pas un taux dont la population cible manque dans une commune", async () => {
    const rate = await run();
    expect(await rate("hebergement_personnes_agees", "epci", "200000001")).toMatchObject({
      effectif: 0, taux: null, statut: "manquant", motif: "population de référence (personnes de 75 ans ou plus) absente pour 1 commune(s) sur 2",
    });
    expect(await rate("hebergement_personnes_agees", "epci", "200000002")).toMatchObject({ effectif: 1, population_cible: 240, statut: "ok", prudence: true });
  });
});

describe("liste réelle des France services de l'ANCT (tests/fixtures/reel)", () => {
  it("charge les 27 sites du Gers tels que publiés : 24 principaux, 3 antennes, à leurs coordonnées", async () => {
    const warehouse = await imported(ANCT);
    const counts = await warehouse.all<{ typequ: string; n: number }>("SELECT typequ, count(*)::INTEGER AS n FROM lieux_services GROUP BY ALL ORDER BY typequ");
    expect(counts).toEqual([{ typequ: "Antenne", n: 3 }, { typequ: "Principal", n: 24 }]);
    expect(await warehouse.all("SELECT * FROM rejets")).toEqual([]);
    expect(await warehouse.one("SELECT identifiant, nom, code_commune, latitude, longitude, mobile, millesime FROM lieux_services WHERE identifiant = '186'")).toEqual({
      identifiant: "186", nom: "France services Val de Gers", code_commune: "32242", latitude: 43.42778, longitude: 0.578462, mobile: false, millesime: 2024,
    });
    expect(await warehouse.one("SELECT longitude, latitude FROM lieux_services WHERE identifiant = '786'")).toEqual({ longitude: 0.879153791531947, latitude: 43.7319183711746 });
    const places = await warehouse.one<{ n: number; communes: number }>(
      "SELECT count(*)::INTEGER AS n, count(DISTINCT code_commune)::INTEGER AS communes FROM offre_lieux WHERE categorie = 'france_services' AND code_departement = '32' AND longitude IS NOT NULL");
    expect(places).toEqual({ n: 27, communes: 27 });
  });

  it("prend les France services de l'ANCT là où la liste couvre le département, ceux de la BPE ailleurs", async () => {
    const warehouse = await imported(path.join(FIXTURES, "offre-priorite"), ANCT);
    const sources = await warehouse.all("SELECT code_departement, source_id, count(*)::INTEGER AS n FROM offre_lieux WHERE categorie = 'france_services' GROUP BY ALL ORDER BY 1");
    expect(sources).toEqual([{ code_departement: "32", source_id: "anct_france_services", n: 27 }, { code_departement: "40", source_id: "insee_bpe", n: 1 }]);
    // The pharmacies only exist in the BPE: it covers both départements.
    expect(await warehouse.all("SELECT code_departement, source_id FROM offre_couverture WHERE categorie = 'pharmacie' AND source_id IS NOT NULL ORDER BY 1"))
      .toEqual([{ code_departement: "32", source_id: "insee_bpe" }, { code_departement: "40", source_id: "insee_bpe" }]);
  });

  it("mesure avec les vrais contours la distance de chaque commune à la France services la plus proche", async () => {
    const warehouse = await imported(GEO, ANCT);
    const masseube = await warehouse.one<{ distance_km: number; nom: string }>(`
      SELECT d.distance_km, l.nom FROM offre_distances d JOIN offre_lieux l USING (lieu_id) WHERE d.code_commune = '32242' AND d.destination = 'france_services'`);
    expect(masseube!.nom).toBe("France services Val de Gers");
    const centroid = await warehouse.one<{ longitude: number; latitude: number }>("SELECT longitude, latitude FROM offre_centroides WHERE code_commune = '32242'");
    expect(masseube!.distance_km).toBeCloseTo(distanceKm(centroid!.longitude, centroid!.latitude, 0.578462, 43.42778), 6);
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM offre_distances WHERE destination = 'acces_droits'")).toEqual({ n: 458 });
  });
});

describe("quadrants besoin / offre", () => {
  it("classe selon le signe des deux indices (0 = niveau du département)", () => {
    expect(quadrantOf(1.2, -0.4)).toBe("besoin_eleve_offre_faible");
    expect(quadrantOf(0.3, 0.8)).toBe("besoin_eleve_offre_elevee");
    expect(quadrantOf(-0.5, -0.1)).toBe("besoin_modere_offre_faible");
    expect(quadrantOf(-2, 2)).toBe("besoin_modere_offre_elevee");
    // Exactly the département: neither a higher need nor a weaker offer.
    expect(quadrantOf(0, 0)).toBe("besoin_modere_offre_elevee");
    expect(quadrantOf(null, 1)).toBeNull();
    expect(quadrantOf(1, Number.NaN)).toBeNull();
  });

  it("donne en SQL la même classe qu'en TypeScript", async () => {
    const warehouse = await memoryWarehouse();
    const grid = [-1.5, -0.01, 0, 0.01, 2];
    for (const besoin of grid) {
      for (const offre of grid) {
        const row = await warehouse.one<{ q: string }>(`SELECT ${quadrantSql("b", "o")} AS q FROM (SELECT ?::DOUBLE AS b, ?::DOUBLE AS o)`, [besoin, offre]);
        expect(row!.q).toBe(quadrantOf(besoin, offre));
      }
    }
    expect(await warehouse.one(`SELECT ${quadrantSql("b", "o")} AS q FROM (SELECT NULL::DOUBLE AS b, 1.0 AS o)`)).toEqual({ q: null });
    expect(new Set(QUADRANTS.map((quadrant) => quadrant.id)).size).toBe(4);
  });
});

describe("zones blanches (tests/fixtures/offre-zones-blanches)", () => {
  const dossier = path.join(FIXTURES, "offre-zones-blanches");

  async function analyse() {
    const warehouse = await imported(path.join(dossier, "donnees"));
    // The need indicators of the fixture communes and of the département, as the indicator step writes them.
    await warehouse.run(`
      CREATE TABLE indicateurs AS
        SELECT id_indicateur, niveau, code_geo, valeur, 'ok' AS statut
        FROM read_csv('${path.join(dossier, "indicateurs.csv")}', header = true, columns = {'id_indicateur': 'VARCHAR', 'niveau': 'VARCHAR', 'code_geo': 'VARCHAR', 'valeur': 'DOUBLE'})`);
    await computeInventory(warehouse);
    await summariseAccess(warehouse);
    await computeIndices(warehouse);
    await computeWhiteZones(warehouse);
    return warehouse;
  }

  it("rejette, localisées et motivées, les lignes du fichier des lieux du GIP hors nomenclature", async () => {
    const warehouse = await imported(path.join(dossier, "donnees"));
    const rejets = await warehouse.all("SELECT ligne, colonne, valeur, motif FROM rejets ORDER BY ligne");
    expect(rejets).toEqual([
      { ligne: 4, colonne: "statut", valeur: "fermé", motif: "valeur inattendue (valeurs possibles : ouvert, projet)" },
      { ligne: 5, colonne: "type_lieu", valeur: "permanence", motif: "type inconnu (valeurs possibles : tiers_lieu, etape_camping_car)" },
    ]);
    // The bus's comment spans two lines: its row is one place, on the line where it starts.
    expect(await warehouse.one("SELECT ligne, mobile FROM lieux_services WHERE identifiant = '2'")).toEqual({ ligne: 3, mobile: true });
  });

  it("retient exactement les deux communes éloignées à fort besoin, classées par besoin", async () => {
    const warehouse = await analyse();
    const zones = await warehouse.all<{ rang: number; code_commune: string; distance_km: number; resorbee_par_projet: boolean; projet_proche: string | null }>(
      "SELECT rang, code_commune, distance_km, resorbee_par_projet, projet_proche FROM offre_zones_blanches ORDER BY rang");
    expect(zones.map(({ rang, code_commune, resorbee_par_projet, projet_proche }) => ({ rang, code_commune, resorbee_par_projet, projet_proche }))).toEqual([
      // G: 41 km from France services A; a planned tiers-lieu 1,6 km away does not count until it opens.
      { rang: 1, code_commune: "32296", resorbee_par_projet: true, projet_proche: "Tiers-lieu G" },
      // B: 24 km from A; the France services bus parked there is mobile and does not count.
      { rang: 2, code_commune: "32107", resorbee_par_projet: false, projet_proche: null },
    ]);
    expect(zones[1]!.distance_km).toBeCloseTo(distanceKm(0.8855, 43.6465, 0.5855, 43.6465), 6);
    // Left out: A (0 km), C (low need), D (14,5 km), E (one need component only), F (a camping-car stop 1,4 km away).
    const indices = await warehouse.all<{ code_geo: string; indice_besoin: number | null }>(
      "SELECT code_geo, indice_besoin FROM offre_indices WHERE niveau = 'commune' AND code_geo IN ('32208', '32256')");
    expect(indices.find((row) => row.code_geo === "32208")!.indice_besoin).toBeLessThan(0);
    expect(indices.find((row) => row.code_geo === "32256")!.indice_besoin).toBeNull();
    const d = await warehouse.one<{ distance_km: number }>("SELECT distance_km FROM offre_distances WHERE code_commune = '32462' AND destination = 'acces_droits'");
    expect(d!.distance_km).toBeLessThan(15);
    const f = await warehouse.one<{ distance_km: number }>("SELECT distance_km FROM offre_distances WHERE code_commune = '32319' AND destination = 'acces_droits'");
    expect(f!.distance_km).toBeLessThan(2);
  });
});

describe("données du site", () => {
  it("écrit la page et chaque portrait même sans analyse, avec la raison", () => {
    const files = offerSiteFiles(null, ["200066926", "248200016"]);
    expect([...files.keys()]).toEqual(["data/offre.json", "data/offre/epci/200066926.json", "data/offre/epci/248200016.json"]);
    for (const content of files.values()) expect(content).toEqual({ disponible: false, motif: MOTIF_SANS_ANALYSE });
  });
});
