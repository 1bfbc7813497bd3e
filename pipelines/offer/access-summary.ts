// Access per territory: the population-weighted mean distance to the nearest place of each category and the share
// of the population beyond 10, 15 and 20 km, over the communes of calc_perimetre (one code path for all levels).
// A territory with a commune lacking its distance or population is `manquant`, with the reason.
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { DISTANCES_TABLE } from "../distances/access.ts";
import { CENTROIDS_TABLE } from "../distances/centroids.ts";
import { POPULATIONS_TABLE } from "../distances/population.ts";
import { SEUILS_DISTANCE_KM } from "../../indicators/offer-thresholds.ts";

export const ACCESS_TABLE = "offre_acces";

export const MOTIF_SANS_CONTOURS =
  "distances non calculées : aucun contour de commune n'est chargé (déposez les contours des communes, au format GeoJSON, avec les données ; voir docs/offre-sociale.md)";
export const MOTIF_SANS_LIEU = "aucun lieu localisé de cette catégorie dans les données chargées";

/** Column of the population share beyond a threshold: part_plus_15km. */
export const shareColumn = (seuil: number) => `part_plus_${seuil}km`;

/** Needs offre_populations (computeInventory reads it). */
export async function summariseAccess(warehouse: Warehouse): Promise<void> {
  const shares = SEUILS_DISTANCE_KM.map((seuil) =>
    `CASE WHEN complet THEN 100 * coalesce(sum(pop) FILTER (distance_km > ${seuil}), 0) / nullif(sum(pop), 0) END AS ${shareColumn(seuil)},
     CASE WHEN complet THEN coalesce(sum(pop) FILTER (distance_km > ${seuil}), 0) END AS population_plus_${seuil}km`).join(",\n");
  await warehouse.run(`
    CREATE OR REPLACE TABLE ${ACCESS_TABLE} AS
      WITH destinations AS (SELECT DISTINCT destination, ordre, libelle FROM offre_destinations),
      base AS (
        SELECT p.niveau, p.code_geo, p.libelle_geo, p.rattachement, d.destination, d.ordre, d.libelle,
               x.distance_km, x.lieu_id, CASE WHEN q.statut = 'ok' THEN q.valeur END AS pop
        FROM calc_perimetre p
        CROSS JOIN destinations d
        LEFT JOIN ${DISTANCES_TABLE} x ON x.code_commune = p.code_commune AND x.destination = d.destination
        LEFT JOIN ${POPULATIONS_TABLE} q ON q.code_commune = p.code_commune AND q.racine = 'Pyy_POP'
      ),
      comptes AS (
        SELECT *, count(*) OVER w AS nb_communes, count(distance_km) OVER w AS avec_distance, count(pop) OVER w AS avec_population
        FROM base WINDOW w AS (PARTITION BY niveau, code_geo, destination)
      ),
      marques AS (SELECT *, avec_distance = nb_communes AND avec_population = nb_communes AS complet FROM comptes)
      SELECT niveau, code_geo, libelle_geo, rattachement, destination, ordre, libelle, nb_communes,
             CASE WHEN complet THEN sum(pop * distance_km) / nullif(sum(pop), 0) END AS distance_moyenne_km,
             ${shares},
             CASE WHEN complet THEN sum(pop) END AS population,
             CASE WHEN nb_communes = 1 THEN any_value(lieu_id) END AS lieu_id,
             CASE WHEN complet THEN 'ok' ELSE 'manquant' END AS statut,
             CASE WHEN complet THEN NULL
                  WHEN (SELECT count(*) FROM ${CENTROIDS_TABLE}) = 0 THEN ${sqlString(MOTIF_SANS_CONTOURS)}
                  WHEN NOT EXISTS (SELECT 1 FROM ${DISTANCES_TABLE} t WHERE t.destination = marques.destination) THEN ${sqlString(MOTIF_SANS_LIEU)}
                  WHEN avec_distance < nb_communes THEN 'contours absents pour ' || (nb_communes - avec_distance) || ' commune(s) sur ' || nb_communes
                  ELSE 'population absente pour ' || (nb_communes - avec_population) || ' commune(s) sur ' || nb_communes END AS motif
      FROM marques
      GROUP BY niveau, code_geo, libelle_geo, rattachement, destination, ordre, libelle, nb_communes, complet, avec_distance, avec_population
      ORDER BY ordre, CASE niveau WHEN 'commune' THEN 1 WHEN 'epci' THEN 2 WHEN 'departement' THEN 3 WHEN 'region' THEN 4 ELSE 5 END, code_geo;
  `);
}
