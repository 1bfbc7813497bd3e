// The reference geography built from @etalab/decoupage-administratif: France-wide tables on the current COG,
// the study territory, its EPCIs (including those straddling the département) and the former-code mapping.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../pipelines/core/errors.ts";
import { buildGeography, type TerritorySummary } from "../../pipelines/geography/build-geography.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";

const AIRE_SUR_ADOUR_GERS = ["32004", "32017", "32027", "32046", "32108", "32145", "32192", "32333", "32424", "32460"];

describe("buildGeography(warehouse, '32'): the Gers", () => {
  let warehouse: Warehouse;
  let summary: TerritorySummary;

  beforeAll(async () => {
    warehouse = await Warehouse.open(":memory:");
    summary = await buildGeography(warehouse, "32");
  });
  afterAll(() => warehouse?.close());

  it("summarises the territory on COG 2025", () => {
    expect(summary).toEqual({
      code: "32", libelle: "Gers", codeRegion: "76", libelleRegion: "Occitanie", geoAnnee: 2025,
      communes: 458, epcis: 15, epcisLimitrophes: 2,
    });
  });

  it("flags exactly the 458 Gers communes of COG 2025, each in an EPCI", async () => {
    const communes = await warehouse.one<{ n: number; gers: number; sans_epci: number; hors_32: number }>(`
      SELECT count(*)::INTEGER AS n, count(*) FILTER (code_commune LIKE '32%')::INTEGER AS gers,
             count(*) FILTER (code_epci IS NULL)::INTEGER AS sans_epci,
             count(*) FILTER (code_departement <> '32')::INTEGER AS hors_32
      FROM geo_commune WHERE dans_territoire`);
    expect(communes).toEqual({ n: 458, gers: 458, sans_epci: 0, hors_32: 0 });
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM geo_commune WHERE code_commune LIKE '32%' AND NOT dans_territoire")).toEqual({ n: 0 });
    // Absorbed communes are no longer current communes; the commune nouvelle is.
    const merged = await warehouse.all<{ code_commune: string; libelle: string }>(
      "SELECT code_commune, libelle FROM geo_commune WHERE code_commune IN ('32067', '32074', '32260', '32344', '32365', '32413') ORDER BY 1",
    );
    expect(merged).toEqual([
      { code_commune: "32344", libelle: "Riscle" },
      { code_commune: "32365", libelle: "Cap d'Astarac" },
    ]);
    expect(await warehouse.one("SELECT libelle, code_region, geo_annee FROM geo_commune WHERE code_commune = '32013'")).toEqual({
      libelle: "Auch", code_region: "76", geo_annee: 2025,
    });
  });

  it("has 15 EPCIs of the territory, each wholly inside the Gers", async () => {
    const epcis = await warehouse.all<{ code_epci: string; nb_communes: number; nb_communes_territoire: number }>(
      "SELECT code_epci, nb_communes, nb_communes_territoire FROM geo_epci WHERE rattachement = 'territoire' ORDER BY code_epci",
    );
    expect(epcis).toHaveLength(15);
    for (const epci of epcis) expect(epci.nb_communes_territoire, epci.code_epci).toBe(epci.nb_communes);
    expect(epcis.map((epci) => epci.code_epci)).toEqual(expect.arrayContaining(["200066926", "243200409"]));
    expect(await warehouse.one("SELECT libelle, nature FROM geo_epci WHERE code_epci = '200066926'")).toEqual({
      libelle: "CA Grand Auch Coeur de Gascogne", nature: "CA",
    });
  });

  it("has the 2 straddling EPCIs as 'limitrophe', with their Gers communes", async () => {
    const limitrophes = await warehouse.all<{ code_epci: string; libelle: string; nb_communes_territoire: number }>(
      "SELECT code_epci, libelle, nb_communes_territoire FROM geo_epci WHERE rattachement = 'limitrophe' ORDER BY code_epci",
    );
    expect(limitrophes).toEqual([
      { code_epci: "200030435", libelle: "CC d'Aire-sur-l'Adour", nb_communes_territoire: 10 },
      { code_epci: "248200016", libelle: "CC des Deux Rives", nb_communes_territoire: 1 },
    ]);
    const members = async (epci: string) =>
      (await warehouse.all<{ code_commune: string }>(
        "SELECT code_commune FROM geo_commune WHERE code_epci = ? AND dans_territoire ORDER BY 1",
        [epci],
      )).map((row) => row.code_commune);
    expect(await members("200030435")).toEqual(AIRE_SUR_ADOUR_GERS);
    expect(await members("248200016")).toEqual(["32358"]);
    // Their other communes lie outside the Gers (Landes; Lot-et-Garonne and Tarn-et-Garonne).
    const outside = await warehouse.all<{ code_epci: string; departements: string[] }>(`
      SELECT code_epci, list(DISTINCT code_departement ORDER BY code_departement) AS departements
      FROM geo_commune WHERE code_epci IN ('200030435', '248200016') AND NOT dans_territoire GROUP BY 1 ORDER BY 1`);
    expect(outside).toEqual([
      { code_epci: "200030435", departements: ["40"] },
      { code_epci: "248200016", departements: ["47", "82"] },
    ]);
    // Every Gers commune is in one of the 17 EPCIs.
    expect(await warehouse.one("SELECT sum(nb_communes_territoire)::INTEGER AS n FROM geo_epci WHERE rattachement IS NOT NULL")).toEqual({ n: 458 });
  });

  it("maps former codes onto the current commune (32074 → 32344; 32067, 32260, 32413 → 32365)", async () => {
    const passage = await warehouse.all<{ code_ancien: string; code_actuel: string; lien: string }>(
      "SELECT code_ancien, code_actuel, lien FROM geo_passage_commune WHERE code_ancien IN ('32013', '32067', '32074', '32260', '32344', '32365', '32413') ORDER BY 1",
    );
    expect(passage).toEqual([
      { code_ancien: "32013", code_actuel: "32013", lien: "actuelle" },
      { code_ancien: "32067", code_actuel: "32365", lien: "deleguee" },
      { code_ancien: "32074", code_actuel: "32344", lien: "deleguee" },
      { code_ancien: "32260", code_actuel: "32365", lien: "deleguee" },
      { code_ancien: "32344", code_actuel: "32344", lien: "actuelle" },
      { code_ancien: "32365", code_actuel: "32365", lien: "actuelle" },
      { code_ancien: "32413", code_actuel: "32365", lien: "deleguee" },
    ]);
    // One row per code, and every target is a current commune.
    expect(await warehouse.one(`
      SELECT count(*) = count(DISTINCT code_ancien) AS unique_codes,
             count(*) FILTER (code_actuel NOT IN (SELECT code_commune FROM geo_commune))::INTEGER AS orphelins
      FROM geo_passage_commune`)).toEqual({ unique_codes: true, orphelins: 0 });
  });

  it("builds France-wide tables: ≈34,900 communes, 13 + 5 régions, 101 départements", async () => {
    const { n: communes } = (await warehouse.one<{ n: number }>("SELECT count(*)::INTEGER AS n FROM geo_commune"))!;
    expect(communes).toBeGreaterThan(34_800);
    expect(communes).toBeLessThan(35_000);
    const regions = await warehouse.all<{ code_region: string }>("SELECT code_region FROM geo_region ORDER BY 1");
    expect(regions).toHaveLength(18);
    expect(regions.filter((region) => ["01", "02", "03", "04", "06"].includes(region.code_region))).toHaveLength(5);
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM geo_departement")).toEqual({ n: 101 });
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM geo_departement WHERE code_departement IN ('2A', '2B', '971', '976')")).toEqual({ n: 4 });
    expect(await warehouse.one(`
      SELECT (SELECT count(*) FROM geo_departement WHERE code_region NOT IN (SELECT code_region FROM geo_region))::INTEGER AS dep_sans_region,
             (SELECT count(*) FROM geo_commune WHERE code_departement NOT IN (SELECT code_departement FROM geo_departement))::INTEGER AS com_sans_dep,
             (SELECT count(DISTINCT code_departement) FROM geo_commune)::INTEGER AS dep_avec_communes`)).toEqual({
      dep_sans_region: 0, com_sans_dep: 0, dep_avec_communes: 101,
    });
    expect(await warehouse.one("SELECT * FROM geo_territoire")).toEqual({
      code_departement: "32", libelle: "Gers", code_region: "76", libelle_region: "Occitanie", geo_annee: 2025,
    });
  });
});

describe("buildGeography with another or an unknown département", () => {
  it("works for the Hautes-Pyrénées ('65')", async () => {
    const warehouse = await Warehouse.open(":memory:");
    try {
      const summary = await buildGeography(warehouse, "65");
      expect(summary).toMatchObject({ code: "65", libelle: "Hautes-Pyrénées", codeRegion: "76", libelleRegion: "Occitanie", geoAnnee: 2025 });
      const counts = await warehouse.one<{ flagged: number; in_65: number; epcis: number }>(`
        SELECT (SELECT count(*) FROM geo_commune WHERE dans_territoire)::INTEGER AS flagged,
               (SELECT count(*) FROM geo_commune WHERE code_departement = '65')::INTEGER AS in_65,
               (SELECT count(*) FROM geo_epci WHERE rattachement = 'territoire')::INTEGER AS epcis`);
      expect(counts!.flagged).toBe(counts!.in_65);
      expect(summary.communes).toBe(counts!.in_65);
      expect(summary.communes).toBeGreaterThan(400);
      expect(summary.epcis).toBe(counts!.epcis);
      expect(summary.epcis).toBeGreaterThan(0);
      expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM geo_commune WHERE dans_territoire AND code_departement <> '65'")).toEqual({ n: 0 });
      expect(await warehouse.one("SELECT code_departement, libelle FROM geo_territoire")).toEqual({ code_departement: "65", libelle: "Hautes-Pyrénées" });
    } finally {
      warehouse.close();
    }
  });

  it("rejects an unknown département ('99') with a UsageError", async () => {
    const warehouse = await Warehouse.open(":memory:");
    try {
      const attempt = buildGeography(warehouse, "99");
      await expect(attempt).rejects.toBeInstanceOf(UsageError);
      await expect(attempt).rejects.toThrow("Territoire inconnu : « 99 ».");
      expect(await warehouse.tableExists("geo_territoire")).toBe(false);
    } finally {
      warehouse.close();
    }
  });
});
