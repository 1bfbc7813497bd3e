// The inventory of the social offer: places per commune and category (fixed, mobile, planned), then per territory
// and rate per target population, as a ratio of sums over the same membership table as the indicators
// (calc_perimetre: commune, EPCI, département, région, France), never a mean of commune rates.
import { buildPerimeters } from "../compute/perimeters.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { CATEGORIES_OFFRE } from "../../sources/offer-categories.ts";
import { PLACES_TABLE } from "../distances/places.ts";
import { POPULATIONS_TABLE, readPopulations } from "../distances/population.ts";
import { PETIT_EFFECTIF } from "../../indicators/offer-thresholds.ts";

export const COUNTS_TABLE = "offre_comptes";
export const RATES_TABLE = "offre_taux";

export const MOTIF_SANS_SOURCE = "aucune liste chargée ne couvre";
export const MOTIF_PRUDENCE = "taux calculé sur 3 lieux ou moins : une ouverture ou une fermeture le change beaucoup, à lire avec prudence";

/** The census roots every rate needs (and the population, for the access shares). */
export const RACINES_CIBLES = [...new Set(["Pyy_POP", ...CATEGORIES_OFFRE.flatMap((categorie) => categorie.cible.racines)])];

export async function computeInventory(warehouse: Warehouse): Promise<void> {
  await buildPerimeters(warehouse);
  await readPopulations(warehouse, RACINES_CIBLES);
  await warehouse.run(`
    -- A commune of a département that no list covers has no count (NULL), never a zero.
    CREATE OR REPLACE TABLE ${COUNTS_TABLE} AS
      SELECT c.code_commune, k.categorie, v.source_id, v.millesime,
             CASE WHEN v.source_id IS NOT NULL THEN count(l.lieu_id) FILTER (l.statut = 'ouvert' AND NOT l.mobile) END AS nb_fixes,
             CASE WHEN v.source_id IS NOT NULL THEN count(l.lieu_id) FILTER (l.statut = 'ouvert' AND l.mobile) END AS nb_mobiles,
             CASE WHEN v.source_id IS NOT NULL THEN count(l.lieu_id) FILTER (l.statut = 'projet') END AS nb_projets,
             -- What the rate counts: fixed places, or the stops of an itinerant service.
             CASE WHEN v.source_id IS NOT NULL THEN count(l.lieu_id) FILTER (l.statut = 'ouvert' AND l.mobile = k.itinerant) END AS effectif
      FROM geo_commune c
      CROSS JOIN offre_categories k
      LEFT JOIN offre_couverture v ON v.categorie = k.categorie AND v.code_departement = c.code_departement
      LEFT JOIN ${PLACES_TABLE} l ON l.categorie = k.categorie AND l.code_commune = c.code_commune
      WHERE c.code_commune IN (SELECT code_commune FROM calc_perimetre)
      GROUP BY c.code_commune, k.categorie, v.source_id, v.millesime;

    CREATE OR REPLACE TEMP TABLE offre_cibles_communes AS
      SELECT k.categorie, p.code_commune, sum(p.valeur) AS valeur, count(*) FILTER (p.statut = 'ok') AS n_ok, max(p.millesime) AS millesime
      FROM offre_cibles k JOIN ${POPULATIONS_TABLE} p USING (racine)
      GROUP BY ALL;

    CREATE OR REPLACE TABLE ${RATES_TABLE} AS
      WITH base AS (
        SELECT p.niveau, p.code_geo, p.libelle_geo, p.rattachement, k.categorie, k.ordre, k.facteur, k.cible, k.unite,
               o.source_id, o.millesime, o.nb_fixes, o.nb_mobiles, o.nb_projets, o.effectif,
               coalesce(t.n_ok = k.nb_racines, false) AS cible_ok, t.valeur AS cible_valeur, t.millesime AS millesime_cible
        FROM calc_perimetre p
        CROSS JOIN offre_categories k
        JOIN ${COUNTS_TABLE} o ON o.code_commune = p.code_commune AND o.categorie = k.categorie
        LEFT JOIN offre_cibles_communes t ON t.code_commune = p.code_commune AND t.categorie = k.categorie
      ),
      sommes AS (
        SELECT niveau, code_geo, libelle_geo, rattachement, categorie, ordre, facteur, cible, unite,
               count(*) AS nb_communes, count(*) FILTER (effectif IS NULL) AS sans_source, count(*) FILTER (NOT cible_ok) AS sans_cible,
               sum(nb_fixes) AS nb_fixes, sum(nb_mobiles) AS nb_mobiles, sum(nb_projets) AS nb_projets, sum(effectif) AS effectif,
               sum(cible_valeur) FILTER (cible_ok) AS population_cible,
               string_agg(DISTINCT source_id, ',' ORDER BY source_id) AS sources, max(millesime) AS millesime, max(millesime_cible) AS millesime_cible
        FROM base GROUP BY ALL
      )
      SELECT niveau, code_geo, libelle_geo, rattachement, categorie, ordre, nb_communes,
             CASE WHEN sans_source = 0 THEN nb_fixes END AS nb_fixes,
             CASE WHEN sans_source = 0 THEN nb_mobiles END AS nb_mobiles,
             CASE WHEN sans_source = 0 THEN nb_projets END AS nb_projets,
             CASE WHEN sans_source = 0 THEN effectif END AS effectif,
             cible, CASE WHEN sans_cible = 0 THEN population_cible END AS population_cible, unite,
             CASE WHEN sans_source = 0 AND sans_cible = 0 AND population_cible > 0 THEN effectif / population_cible * facteur END AS taux,
             CASE WHEN sans_source > 0 OR sans_cible > 0 THEN 'manquant' WHEN population_cible = 0 THEN 'non_applicable' ELSE 'ok' END AS statut,
             CASE WHEN sans_source > 0 THEN ${sqlString(`${MOTIF_SANS_SOURCE} `)} || sans_source || ' commune(s) sur ' || nb_communes
                  WHEN sans_cible > 0 THEN 'population de référence (' || cible || ') absente pour ' || sans_cible || ' commune(s) sur ' || nb_communes
                  WHEN population_cible = 0 THEN 'population de référence nulle'
                  WHEN effectif <= ${PETIT_EFFECTIF} THEN ${sqlString(MOTIF_PRUDENCE)} END AS motif,
             sans_source = 0 AND sans_cible = 0 AND population_cible > 0 AND effectif <= ${PETIT_EFFECTIF} AS prudence,
             sources, millesime, millesime_cible
      FROM sommes
      ORDER BY ordre, CASE niveau WHEN 'commune' THEN 1 WHEN 'epci' THEN 2 WHEN 'departement' THEN 3 WHEN 'region' THEN 4 ELSE 5 END, code_geo;
    DROP TABLE offre_cibles_communes;


  `);
}
