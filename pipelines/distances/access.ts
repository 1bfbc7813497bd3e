// Access to the social offer: for every commune with a contour, the great-circle distance from its centroid to
// the nearest place of each category (and to the nearest point of access to rights), then the population living
// farther than 15 km from such a point, written per commune as the numerator of indicator 36.
import { ACCES } from "../../indicators/external-variables.ts";
import type { Warehouse } from "../core/warehouse.ts";
import { buildCentroids, CENTROIDS_TABLE } from "./centroids.ts";
import { distanceMacroSql } from "./distance.ts";
import { buildPlaces, PLACES_TABLE } from "./places.ts";
import { POPULATIONS_TABLE, readPopulations } from "./population.ts";
import { SEUIL_ELOIGNEMENT_DROITS_KM } from "../../indicators/offer-thresholds.ts";

export const DISTANCES_TABLE = "offre_distances";
export const ACCESS_VALUES_TABLE = "acces_valeurs";
export const ACCESS_SOURCE_ID = "offre_acces";

/** Half-height of the search box, in degrees of latitude (≈ 55 km): most nearest places are found inside it. */
const BOX_DEGREES = 0.5;
/** A nearest place found in the box is certainly the nearest overall only within the box's inscribed circle. */
const BOX_SAFE_KM = 50;

/** The distances step: places, centroids, distances, then indicator 36's numerator per commune. */
export async function computeAccess(warehouse: Warehouse): Promise<void> {
  await computeDistances(warehouse);
  await writeAccessValues(warehouse);
}

/** Places, centroids and distances: everything that does not depend on the harmonised values. */
async function computeDistances(warehouse: Warehouse): Promise<void> {
  await buildPlaces(warehouse);
  await buildCentroids(warehouse);
  await warehouse.run(`
    ${distanceMacroSql()}
    -- Open places with coordinates; a mobile service counts only where its stops are the service (camping-car).
    CREATE OR REPLACE TEMP TABLE offre_points AS
      SELECT DISTINCT d.destination, l.lieu_id, l.longitude, l.latitude
      FROM offre_destinations d
      JOIN ${PLACES_TABLE} l ON l.categorie = d.categorie
      JOIN offre_categories k ON k.categorie = l.categorie
      WHERE l.longitude IS NOT NULL AND (l.statut = 'ouvert' OR (d.projets AND l.statut = 'projet')) AND (NOT l.mobile OR k.itinerant);

    -- First within a box around each centroid (a range join, not every pair of France)…
    CREATE OR REPLACE TEMP TABLE offre_proches AS
      SELECT code_commune, destination, min(distance) AS distance_km, first(lieu_id ORDER BY distance, lieu_id) AS lieu_id
      FROM (
        SELECT c.code_commune, p.destination, p.lieu_id, distance_km(c.longitude, c.latitude, p.longitude, p.latitude) AS distance
        FROM ${CENTROIDS_TABLE} c JOIN offre_points p
          ON p.latitude BETWEEN c.latitude - ${BOX_DEGREES} AND c.latitude + ${BOX_DEGREES}
         AND p.longitude BETWEEN c.longitude - ${BOX_DEGREES} / cos(radians(least(abs(c.latitude) + ${BOX_DEGREES}, 89)))
                             AND c.longitude + ${BOX_DEGREES} / cos(radians(least(abs(c.latitude) + ${BOX_DEGREES}, 89)))
      )
      GROUP BY ALL
      HAVING min(distance) <= ${BOX_SAFE_KM};
    -- …then, for the few communes whose nearest place may lie outside the box, against every place.
    INSERT INTO offre_proches
      WITH restants AS (
        SELECT c.code_commune, c.longitude, c.latitude, d.destination
        FROM ${CENTROIDS_TABLE} c CROSS JOIN (SELECT DISTINCT destination FROM offre_points) d
        WHERE NOT EXISTS (SELECT 1 FROM offre_proches q WHERE q.code_commune = c.code_commune AND q.destination = d.destination)
      )
      SELECT code_commune, destination, min(distance), first(lieu_id ORDER BY distance, lieu_id)
      FROM (
        SELECT r.code_commune, r.destination, p.lieu_id, distance_km(r.longitude, r.latitude, p.longitude, p.latitude) AS distance
        FROM restants r JOIN offre_points p USING (destination)
      )
      GROUP BY ALL;

    CREATE OR REPLACE TABLE ${DISTANCES_TABLE} AS
      SELECT code_commune, destination, distance_km, lieu_id FROM offre_proches ORDER BY code_commune, destination;
    DROP TABLE offre_proches;
    DROP TABLE offre_points;
  `);
}

/**
 * Indicator 36's numerator per commune: its population when its centroid lies more than 15 km from every point of
 * access to rights, else 0, at the census millésime of that population. Communes without a contour get no row.
 */
async function writeAccessValues(warehouse: Warehouse): Promise<void> {
  await readPopulations(warehouse, ["Pyy_POP"]);
  await warehouse.run(`
    CREATE OR REPLACE TABLE ${ACCESS_VALUES_TABLE} AS
      SELECT 'commune' AS niveau, d.code_commune AS code_geo, '${ACCESS_SOURCE_ID}' AS source_id, NULL::INTEGER AS fichier_id,
             '${ACCES.populationEloigneeAccesDroits}' AS variable, '${ACCES.populationEloigneeAccesDroits}' AS racine,
             p.millesime, (SELECT geo_annee FROM geo_territoire) AS geo_annee,
             CASE WHEN p.statut = 'ok' THEN CASE WHEN d.distance_km > ${SEUIL_ELOIGNEMENT_DROITS_KM} THEN p.valeur ELSE 0 END END::DOUBLE AS valeur,
             p.statut, NULL::VARCHAR AS motif, c.codes_sources
      FROM ${DISTANCES_TABLE} d
      JOIN ${POPULATIONS_TABLE} p ON p.code_commune = d.code_commune AND p.racine = 'Pyy_POP'
      JOIN ${CENTROIDS_TABLE} c ON c.code_commune = d.code_commune
      WHERE d.destination = 'acces_droits';
  `);
}
