// Zones blanches: the territory's communes farther than the threshold from every point of access to rights whose
// need index is high, ranked by need (then distance) — the target list for the camping-car connecté's round.
import type { Warehouse } from "../core/warehouse.ts";
import { DISTANCES_TABLE } from "../distances/access.ts";
import { INDICES_TABLE } from "./indices.ts";
import { PLACES_TABLE } from "../distances/places.ts";
import { POPULATIONS_TABLE } from "../distances/population.ts";
import { ZONE_BLANCHE_BESOIN_MIN, ZONE_BLANCHE_DISTANCE_KM } from "../../indicators/offer-thresholds.ts";

export const WHITE_ZONES_TABLE = "offre_zones_blanches";

export async function computeWhiteZones(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`
    CREATE OR REPLACE TABLE ${WHITE_ZONES_TABLE} AS
      WITH candidates AS (
        SELECT c.code_commune, c.libelle, c.code_epci, e.libelle AS libelle_epci, d.distance_km, i.indice_besoin, i.indice_offre, i.quadrant,
               l.nom AS lieu_proche, lc.libelle AS commune_lieu_proche, l.categorie AS categorie_lieu_proche,
               dp.distance_km AS distance_avec_projets, lp.nom AS projet_proche, lpc.libelle AS commune_projet_proche
        FROM ${DISTANCES_TABLE} d
        JOIN geo_commune c ON c.code_commune = d.code_commune AND c.dans_territoire
        JOIN ${INDICES_TABLE} i ON i.niveau = 'commune' AND i.code_geo = d.code_commune
        LEFT JOIN geo_epci e ON e.code_epci = c.code_epci
        LEFT JOIN ${PLACES_TABLE} l ON l.lieu_id = d.lieu_id
        LEFT JOIN geo_commune lc ON lc.code_commune = l.code_commune
        LEFT JOIN ${DISTANCES_TABLE} dp ON dp.code_commune = d.code_commune AND dp.destination = 'acces_droits_projets'
        LEFT JOIN ${PLACES_TABLE} lp ON lp.lieu_id = dp.lieu_id AND lp.statut = 'projet'
        LEFT JOIN geo_commune lpc ON lpc.code_commune = lp.code_commune
        WHERE d.destination = 'acces_droits' AND d.distance_km > ${ZONE_BLANCHE_DISTANCE_KM} AND i.indice_besoin >= ${ZONE_BLANCHE_BESOIN_MIN}
      )
      SELECT row_number() OVER (ORDER BY k.indice_besoin DESC, k.distance_km DESC, k.code_commune)::INTEGER AS rang,
             k.code_commune, k.libelle, k.code_epci, k.libelle_epci, p.valeur AS population, p.millesime AS millesime_population,
             k.distance_km, k.lieu_proche, k.commune_lieu_proche, k.categorie_lieu_proche, k.indice_besoin, k.indice_offre, k.quadrant,
             k.distance_avec_projets,
             -- A planned tiers-lieu closer than the threshold would take the commune off the list once open.
             k.projet_proche IS NOT NULL AND k.distance_avec_projets <= ${ZONE_BLANCHE_DISTANCE_KM} AS resorbee_par_projet,
             CASE WHEN k.distance_avec_projets <= ${ZONE_BLANCHE_DISTANCE_KM} THEN k.projet_proche END AS projet_proche,
             CASE WHEN k.distance_avec_projets <= ${ZONE_BLANCHE_DISTANCE_KM} THEN k.commune_projet_proche END AS commune_projet_proche
      FROM candidates k
      LEFT JOIN ${POPULATIONS_TABLE} p ON p.code_commune = k.code_commune AND p.racine = 'Pyy_POP' AND p.statut = 'ok'
      ORDER BY rang;
  `);
}
