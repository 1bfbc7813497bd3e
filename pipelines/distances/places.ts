// The places of the social offer on the current COG (`offre_lieux`): BPE equipments, ANCT France services and the
// GIP's own places, each category taken, département by département, from the first list that covers it.
// A list covers the départements where it has at least one place: elsewhere it says nothing, not zero.
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { CATEGORIES_OFFRE, DESTINATIONS, DOMAINES } from "../../sources/offer-categories.ts";

export const PLACES_TABLE = "offre_lieux";

/** The declarative tables as small warehouse tables, for the SQL of every later step. */
export async function writeCategoryTables(warehouse: Warehouse): Promise<void> {
  const sources = CATEGORIES_OFFRE.flatMap((categorie) =>
    categorie.sources.map((source, rang) => `(${sqlString(categorie.id)}, ${sqlString(source.source)}, ${sqlString(source.categorie)}, ${rang})`),
  );
  const categories = CATEGORIES_OFFRE.map((categorie, ordre) =>
    `(${sqlString(categorie.id)}, ${ordre}, ${sqlString(categorie.libelle)}, ${sqlString(categorie.domaine)}, ${sqlString(DOMAINES[categorie.domaine])}, ${categorie.itinerant === true}, `
    + `${sqlString(categorie.cible.libelle)}, ${categorie.cible.facteur}, ${sqlString(categorie.cible.unite)}, ${categorie.cible.racines.length}, `
    + `${categorie.cible.indicateur ? sqlString(categorie.cible.indicateur) : "NULL"})`);
  const racines = CATEGORIES_OFFRE.flatMap((categorie) => categorie.cible.racines.map((racine) => `(${sqlString(categorie.id)}, ${sqlString(racine)})`));
  const destinations = DESTINATIONS.flatMap((destination, ordre) =>
    destination.categories.map((categorie) => `(${sqlString(destination.id)}, ${ordre}, ${sqlString(destination.libelle)}, ${sqlString(categorie)}, ${destination.projets})`));
  await warehouse.run(`
    CREATE OR REPLACE TABLE offre_categories (categorie VARCHAR, ordre INTEGER, libelle VARCHAR, domaine VARCHAR, domaine_libelle VARCHAR,
      itinerant BOOLEAN, cible VARCHAR, facteur DOUBLE, unite VARCHAR, nb_racines INTEGER, indicateur VARCHAR);
    INSERT INTO offre_categories VALUES ${categories.join(", ")};
    CREATE OR REPLACE TABLE offre_cibles (categorie VARCHAR, racine VARCHAR);
    ${racines.length ? `INSERT INTO offre_cibles VALUES ${racines.join(", ")};` : ""}
    CREATE OR REPLACE TABLE offre_sources (categorie VARCHAR, source_id VARCHAR, categorie_source VARCHAR, rang INTEGER);
    INSERT INTO offre_sources VALUES ${sources.join(", ")};
    CREATE OR REPLACE TABLE offre_destinations (destination VARCHAR, ordre INTEGER, libelle VARCHAR, categorie VARCHAR, projets BOOLEAN);
    INSERT INTO offre_destinations VALUES ${destinations.join(", ")};
  `);
}

/** Builds offre_couverture (category × département → list used) and offre_lieux (one row per place kept). */
export async function buildPlaces(warehouse: Warehouse): Promise<void> {
  await writeCategoryTables(warehouse);
  await warehouse.run(`
    -- Each list's latest vintage only: a 2021 and a 2024 BPE are two pictures of the same places.
    CREATE OR REPLACE TEMP TABLE offre_lieux_bruts AS
      WITH actifs AS (SELECT fichier_id, source_id FROM journal_import WHERE remplace_par IS NULL),
      tous AS (
        SELECT a.source_id, e.fichier_id, e.millesime, e.code_commune AS code_publie, e.typequ, e.libelle AS libelle_type, e.categorie,
               e.longitude, e.latitude, e.mobile, e.ligne, NULL::VARCHAR AS identifiant, NULL::VARCHAR AS nom, NULL::VARCHAR AS statut
        FROM bpe_equipements e JOIN actifs a USING (fichier_id) WHERE e.categorie IS NOT NULL
        UNION ALL
        SELECT a.source_id, l.fichier_id, l.millesime, l.code_commune, l.typequ, l.libelle, l.categorie,
               l.longitude, l.latitude, l.mobile, l.ligne, l.identifiant, l.nom, l.statut
        FROM lieux_services l JOIN actifs a USING (fichier_id)
      )
      SELECT t.*, p.code_actuel AS code_commune, c.code_departement
      FROM tous t
      JOIN cog_passage p ON p.code_ancien = t.code_publie
      JOIN geo_commune c ON c.code_commune = p.code_actuel
      QUALIFY t.millesime = max(t.millesime) OVER (PARTITION BY t.source_id);

    CREATE OR REPLACE TABLE offre_couverture AS
      WITH couvertes AS (SELECT DISTINCT source_id, millesime, code_departement FROM offre_lieux_bruts)
      SELECT k.categorie, d.code_departement,
             arg_min(s.source_id, s.rang) FILTER (v.source_id IS NOT NULL) AS source_id,
             arg_min(v.millesime, s.rang) FILTER (v.source_id IS NOT NULL) AS millesime,
             arg_min(s.categorie_source, s.rang) FILTER (v.source_id IS NOT NULL) AS categorie_source
      FROM offre_categories k
      CROSS JOIN geo_departement d
      JOIN offre_sources s ON s.categorie = k.categorie
      LEFT JOIN couvertes v ON v.source_id = s.source_id AND v.code_departement = d.code_departement
      GROUP BY k.categorie, d.code_departement;

    -- Places without usable coordinates (none published, or the (0, 0) placeholder) count, but are not placed.
    CREATE OR REPLACE TABLE ${PLACES_TABLE} AS
      SELECT row_number() OVER (ORDER BY k.ordre, b.code_commune, b.source_id, b.ligne)::INTEGER AS lieu_id,
             v.categorie, b.source_id, b.millesime, b.code_commune, b.code_departement, b.code_publie, b.typequ, b.libelle_type,
             b.identifiant, coalesce(b.nom, b.libelle_type) AS nom, coalesce(b.statut, 'ouvert') AS statut, b.mobile,
             CASE WHEN b.longitude BETWEEN -180 AND 180 AND b.latitude BETWEEN -90 AND 90 AND NOT (b.longitude = 0 AND b.latitude = 0)
                  THEN b.longitude END AS longitude,
             CASE WHEN b.longitude BETWEEN -180 AND 180 AND b.latitude BETWEEN -90 AND 90 AND NOT (b.longitude = 0 AND b.latitude = 0)
                  THEN b.latitude END AS latitude,
             b.fichier_id, b.ligne
      FROM offre_lieux_bruts b
      JOIN offre_couverture v ON v.source_id = b.source_id AND v.code_departement = b.code_departement AND v.categorie_source = b.categorie
      JOIN offre_categories k ON k.categorie = v.categorie;
    DROP TABLE offre_lieux_bruts;
  `);
}
