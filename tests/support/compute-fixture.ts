// A hand-made territory for the indicator engine: five communes, three EPCIs, two départements,
// two régions. Territory = département 32 (communes 32001–32003); EPCI 200000002 straddles it.
import { ensureSchema } from "../../pipelines/ingest/schema.ts";
import type { Warehouse } from "../../pipelines/core/warehouse.ts";

export interface FixtureCommune {
  code: string;
  libelle: string;
  departement: string;
  region: string;
  epci: string;
}

export const COMMUNES: FixtureCommune[] = [
  { code: "32001", libelle: "Alpha", departement: "32", region: "76", epci: "200000001" },
  { code: "32002", libelle: "Bravo", departement: "32", region: "76", epci: "200000001" },
  { code: "32003", libelle: "Charlie", departement: "32", region: "76", epci: "200000002" },
  { code: "40001", libelle: "Delta", departement: "40", region: "75", epci: "200000002" },
  { code: "40002", libelle: "Echo", departement: "40", region: "75", epci: "200000003" },
];

export const LEVEL_MEMBERS: Record<string, Record<string, string[]>> = {
  commune: { "32001": ["32001"], "32002": ["32002"], "32003": ["32003"] },
  epci: { "200000001": ["32001", "32002"], "200000002": ["32003", "40001"] },
  departement: { "32": ["32001", "32002", "32003"] },
  region: { "76": ["32001", "32002", "32003"] },
  france: { FRANCE: COMMUNES.map((commune) => commune.code) },
};

export interface FixtureValue {
  niveau: string;
  code: string;
  racine: string;
  millesime: number;
  valeur: number | null;
  statut?: string;
  source?: string;
}

/** Replaces the geography and the harmonised layer by the fixture (valeurs_cog becomes a plain table, counts empty). */
export async function installFixture(warehouse: Warehouse, values: FixtureValue[]): Promise<void> {
  await ensureSchema(warehouse);
  const communes = COMMUNES.map((c) => `('${c.code}', '${c.libelle}', '${c.departement}', '${c.region}', '${c.epci}', 100, ${c.departement === "32"}, 2025)`);
  await warehouse.run(`
    CREATE OR REPLACE TABLE geo_region AS SELECT * FROM (VALUES ('76', 'Occitanie', 2025), ('75', 'Nouvelle-Aquitaine', 2025)) t(code_region, libelle, geo_annee);
    CREATE OR REPLACE TABLE geo_departement AS SELECT * FROM (VALUES ('32', 'Gers', '76', 2025), ('40', 'Landes', '75', 2025)) t(code_departement, libelle, code_region, geo_annee);
    CREATE OR REPLACE TABLE geo_commune AS SELECT * FROM (VALUES ${communes.join(", ")})
      t(code_commune, libelle, code_departement, code_region, code_epci, population_legale, dans_territoire, geo_annee);
    CREATE OR REPLACE TABLE geo_epci AS
      SELECT e.*, count(c.code_commune)::INTEGER AS nb_communes, (count(c.code_commune) FILTER (c.dans_territoire))::INTEGER AS nb_communes_territoire
      FROM (VALUES ('200000001', 'CC Alpha-Bravo', 'CC', 'territoire'), ('200000002', 'CC Charlie-Delta', 'CC', 'limitrophe'), ('200000003', 'CC Echo', 'CC', NULL))
        e(code_epci, libelle, nature, rattachement)
      LEFT JOIN geo_commune c USING (code_epci) GROUP BY ALL;
    CREATE OR REPLACE TABLE geo_territoire AS SELECT '32' AS code_departement, 'Gers' AS libelle, '76' AS code_region, 'Occitanie' AS libelle_region, 2025 AS geo_annee;
    CREATE OR REPLACE TABLE valeurs_cog (niveau VARCHAR, code_geo VARCHAR, source_id VARCHAR, fichier_id INTEGER, variable VARCHAR, racine VARCHAR,
      millesime INTEGER, geo_annee INTEGER, valeur DOUBLE, statut VARCHAR, motif VARCHAR, codes_sources VARCHAR);
    -- Counts and distances have their own steps; here every value of the fixture sits in valeurs_cog.
    CREATE OR REPLACE TABLE bpe_comptes AS FROM valeurs_cog LIMIT 0;
    CREATE OR REPLACE TABLE gip_comptes AS FROM valeurs_cog LIMIT 0;
    CREATE OR REPLACE TABLE acces_valeurs AS FROM valeurs_cog LIMIT 0;
  `);
  const rows = values.map(
    (v) => `('${v.niveau}', '${v.code}', '${v.source ?? "fixture"}', 1, '${v.racine}', '${v.racine}', ${v.millesime}, 2025, ${v.valeur ?? "NULL"}, '${v.statut ?? "ok"}', NULL, '${v.code}')`,
  );
  for (let start = 0; start < rows.length; start += 1000) {
    await warehouse.run(`INSERT INTO valeurs_cog VALUES ${rows.slice(start, start + 1000).join(", ")}`);
  }
}
