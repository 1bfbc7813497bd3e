// Builds the geo_* tables (France-wide, current COG) and flags the study territory.
import { UsageError } from "../core/errors.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { currentCogYear, decoupageFile } from "./decoupage.ts";

/** EPCIs whose communes all lie in the territory: the GIP's logs cover them whole, and the suppression tree holds them. */
export const WHOLE_EPCIS = "SELECT code_epci FROM geo_epci WHERE nb_communes_territoire > 0 AND nb_communes = nb_communes_territoire ORDER BY code_epci";

export interface TerritorySummary {
  code: string;
  libelle: string;
  codeRegion: string;
  libelleRegion: string;
  geoAnnee: number;
  communes: number;
  epcis: number;
  epcisLimitrophes: number;
}

export async function buildGeography(warehouse: Warehouse, territoire: string): Promise<TerritorySummary> {
  const geoAnnee = currentCogYear();
  const json = (name: Parameters<typeof decoupageFile>[0]) => `read_json(${sqlString(decoupageFile(name))}, format = 'array')`;
  // The COG's France: metropolitan and overseas (DROM) régions, départements and communes. The package also
  // lists the overseas collectivities (zone 'com': Polynésie, Nouvelle-Calédonie…), which the COG keeps apart.
  await warehouse.run(`
    -- The two large files are parsed once, not once per table built from them.
    CREATE OR REPLACE TEMP TABLE decoupage_communes AS SELECT * FROM ${json("communes")};
    CREATE OR REPLACE TEMP TABLE decoupage_epci AS SELECT * FROM ${json("epci")};
    CREATE OR REPLACE TABLE geo_region AS
      SELECT code AS code_region, nom AS libelle, ${geoAnnee} AS geo_annee FROM ${json("regions")} WHERE zone <> 'com';
    CREATE OR REPLACE TABLE geo_departement AS
      SELECT code AS code_departement, nom AS libelle, region AS code_region, ${geoAnnee} AS geo_annee
      FROM ${json("departements")} WHERE zone <> 'com';
    CREATE OR REPLACE TABLE geo_epci_membre AS
      SELECT e.code AS code_epci, m.code AS code_commune
      FROM decoupage_epci e, unnest(e.membres) AS u(m);
    CREATE OR REPLACE TABLE geo_commune AS
      SELECT c.code AS code_commune, c.nom AS libelle, c.departement AS code_departement, c.region AS code_region,
             m.code_epci, coalesce(c.population, 0)::INTEGER AS population_legale,
             c.departement = ${sqlString(territoire)} AS dans_territoire, ${geoAnnee} AS geo_annee
      FROM decoupage_communes c LEFT JOIN geo_epci_membre m ON m.code_commune = c.code
      WHERE c.type = 'commune-actuelle' AND c.zone <> 'com';
    -- An EPCI belongs to the territory when most of its population lives there; the others
    -- holding some of its communes straddle it and their communes still count in its totals.
    CREATE OR REPLACE TABLE geo_epci AS
      SELECT e.code AS code_epci, e.nom AS libelle, e.type AS nature,
             count(c.code_commune)::INTEGER AS nb_communes,
             sum(c.population_legale)::INTEGER AS population_legale,
             count(c.code_commune) FILTER (c.dans_territoire)::INTEGER AS nb_communes_territoire,
             coalesce(sum(c.population_legale) FILTER (c.dans_territoire), 0)::INTEGER AS population_territoire,
             CASE WHEN count(c.code_commune) FILTER (c.dans_territoire) = 0 THEN NULL
                  WHEN 2 * coalesce(sum(c.population_legale) FILTER (c.dans_territoire), 0) > sum(c.population_legale) THEN 'territoire'
                  ELSE 'limitrophe' END AS rattachement,
             ${geoAnnee} AS geo_annee
      FROM decoupage_epci e LEFT JOIN geo_commune c ON c.code_epci = e.code
      GROUP BY ALL;
    -- Every code a source may use for a commune (current, delegated, associated, former) → current commune.
    CREATE OR REPLACE TABLE geo_passage_commune AS
      SELECT code_ancien, arg_min(code_actuel, rang) AS code_actuel, arg_min(lien, rang) AS lien FROM (
        SELECT code_commune AS code_ancien, code_commune AS code_actuel, 'actuelle' AS lien, 0 AS rang FROM geo_commune
        UNION ALL
        SELECT c.code, c.chefLieu, replace(c.type, 'commune-', ''), 1 FROM decoupage_communes c
          WHERE c.type IN ('commune-deleguee', 'commune-associee')
        UNION ALL
        SELECT a.ancien, c.code, 'ancien_code', 2
          FROM decoupage_communes c, unnest(c.anciensCodes) AS a(ancien)
          WHERE c.type = 'commune-actuelle'
      ) GROUP BY code_ancien;
    -- Municipal arrondissements (Paris, Lyon, Marseille) are known codes, but their commune is loaded whole.
    CREATE OR REPLACE TABLE geo_arrondissement_municipal AS
      SELECT code AS code_arrondissement, commune AS code_commune FROM decoupage_communes
      WHERE type = 'arrondissement-municipal';
    -- Every code a file may use for a commune. Arrondissements only come from sources that publish nothing else
    -- (the CAF, the BPE, the GIP's logs): the INSEE loaders refuse them, so adding them never double-counts a commune.
    CREATE OR REPLACE TABLE cog_passage AS
      SELECT code_ancien, code_actuel FROM geo_passage_commune
      UNION ALL
      SELECT code_arrondissement, code_commune FROM geo_arrondissement_municipal;
    DROP TABLE decoupage_communes;
    DROP TABLE decoupage_epci;
  `);
  const territory = await warehouse.one<{ libelle: string; code_region: string; libelle_region: string }>(
    `SELECT d.libelle, d.code_region, r.libelle AS libelle_region
     FROM geo_departement d JOIN geo_region r USING (code_region) WHERE d.code_departement = ?`,
    [territoire],
  );
  if (!territory) {
    throw new UsageError(
      `Territoire inconnu : « ${territoire} ».`,
      "Indiquez un code de département du COG, par exemple --territoire 32 (Gers) ou --territoire 2A.",
    );
  }
  const counts = await warehouse.one<{ communes: number; epcis: number; limitrophes: number }>(`
    SELECT (SELECT count(*) FROM geo_commune WHERE dans_territoire) AS communes,
           (SELECT count(*) FROM geo_epci WHERE rattachement = 'territoire') AS epcis,
           (SELECT count(*) FROM geo_epci WHERE rattachement = 'limitrophe') AS limitrophes`);
  await warehouse.run(`
    CREATE OR REPLACE TABLE geo_territoire AS
      SELECT ${sqlString(territoire)} AS code_departement, ${sqlString(territory.libelle)} AS libelle,
             ${sqlString(territory.code_region)} AS code_region, ${sqlString(territory.libelle_region)} AS libelle_region,
             ${geoAnnee} AS geo_annee`);
  return {
    code: territoire,
    libelle: territory.libelle,
    codeRegion: territory.code_region,
    libelleRegion: territory.libelle_region,
    geoAnnee,
    communes: counts?.communes ?? 0,
    epcis: counts?.epcis ?? 0,
    epcisLimitrophes: counts?.limitrophes ?? 0,
  };
}
