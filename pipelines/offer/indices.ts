// Need and offer indices per commune and EPCI. Each component is a standardised gap to the département:
// z = sens × (value − département value) / σ, σ being the spread of the value among the territory's units of the
// same level (its communes, or its EPCIs), capped at ±3; an index is the mean of its available components.
import { INDICATORS } from "../../indicators/registry.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { ACCESS_TABLE } from "./access-summary.ts";
import { findCategorie, DESTINATIONS } from "../../sources/offer-categories.ts";
import { RATES_TABLE } from "./inventory.ts";
import { quadrantSql } from "./quadrants.ts";
import { COMPOSANTES_MIN, ECART_REDUIT_MAX } from "../../indicators/offer-thresholds.ts";

export const INDICES_TABLE = "offre_indices";
export const COMPONENTS_TABLE = "offre_indices_composantes";

/** Need: the first indicator of each list available for the territory stands for the component. */
export const COMPOSANTES_BESOIN = [
  { id: "pauvrete", libelle: "Pauvreté", indicateurs: ["tx_pauvrete", "part_alloc_dep50", "tx_rsa"] },
  { id: "grand_age", libelle: "Personnes de 75 ans ou plus", indicateurs: ["part_75p"] },
  { id: "isolement_80p", libelle: "Personnes de 80 ans ou plus vivant seules", indicateurs: ["part_80p_seuls"] },
  { id: "monoparentalite", libelle: "Familles monoparentales", indicateurs: ["part_fam_mono"] },
] as const;

/**
 * Offer: rates per target population (EPCI only: a commune's own equipments say little of what its inhabitants
 * reach) and population-weighted distances (communes and EPCIs; shorter is more offer).
 */
export const COMPOSANTES_OFFRE = [
  { id: "taux_medecins", libelle: "Médecins généralistes pour 10 000 habitants", mesure: "taux", cle: "medecin_generaliste", niveaux: ["epci"] },
  { id: "taux_hebergement_agees", libelle: "Hébergements pour personnes âgées pour 1 000 personnes de 75 ans ou plus", mesure: "taux", cle: "hebergement_personnes_agees", niveaux: ["epci"] },
  { id: "taux_petite_enfance", libelle: "Places d'accueil du jeune enfant pour 100 enfants de moins de 3 ans (CNAF)", mesure: "taux", cle: "petite_enfance", niveaux: ["epci"] },
  { id: "taux_france_services", libelle: "France services pour 10 000 habitants", mesure: "taux", cle: "france_services", niveaux: ["epci"] },
  { id: "distance_medecin", libelle: "Distance au médecin généraliste le plus proche", mesure: "distance", cle: "medecin_generaliste", niveaux: ["commune", "epci"] },
  { id: "distance_pharmacie", libelle: "Distance à la pharmacie la plus proche", mesure: "distance", cle: "pharmacie", niveaux: ["commune", "epci"] },
  { id: "distance_hebergement_agees", libelle: "Distance à l'hébergement pour personnes âgées le plus proche", mesure: "distance", cle: "hebergement_personnes_agees", niveaux: ["commune", "epci"] },
  { id: "distance_petite_enfance", libelle: "Distance à la structure de la petite enfance la plus proche", mesure: "distance", cle: "petite_enfance", niveaux: ["commune", "epci"] },
  { id: "distance_droits", libelle: "Distance au point d'accès aux droits le plus proche", mesure: "distance", cle: "acces_droits", niveaux: ["commune", "epci"] },
] as const;

const polarity = new Map(INDICATORS.map((indicator) => [indicator.id, indicator.polarite]));
for (const composante of COMPOSANTES_BESOIN) {
  for (const id of composante.indicateurs) {
    if (polarity.get(id) !== "besoin_si_haut" && polarity.get(id) !== "besoin_si_bas") throw new Error(`Composante de besoin « ${composante.id} » : indicateur ${id} inconnu ou neutre.`);
  }
}
for (const composante of COMPOSANTES_OFFRE) {
  const known = composante.mesure === "taux" ? findCategorie(composante.cle) : DESTINATIONS.find((destination) => destination.id === composante.cle);
  if (!known) throw new Error(`Composante d'offre « ${composante.id} » : ${composante.cle} inconnu.`);
}

export async function computeIndices(warehouse: Warehouse): Promise<void> {
  const besoin = COMPOSANTES_BESOIN.flatMap((composante) => composante.indicateurs.map((id, rang) =>
    `(${sqlString(composante.id)}, ${sqlString(composante.libelle)}, ${sqlString(id)}, ${rang}, ${polarity.get(id) === "besoin_si_bas" ? -1 : 1})`));
  const offre = COMPOSANTES_OFFRE.map((composante) =>
    `(${sqlString(composante.id)}, ${sqlString(composante.libelle)}, ${sqlString(composante.mesure)}, ${sqlString(composante.cle)}, [${composante.niveaux.map(sqlString).join(", ")}])`);
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE besoin_composantes (composante VARCHAR, libelle VARCHAR, indicateur VARCHAR, rang INTEGER, sens INTEGER);
    INSERT INTO besoin_composantes VALUES ${besoin.join(", ")};
    CREATE OR REPLACE TEMP TABLE offre_composantes (composante VARCHAR, libelle VARCHAR, mesure VARCHAR, cle VARCHAR, niveaux VARCHAR[]);
    INSERT INTO offre_composantes VALUES ${offre.join(", ")};

    -- Every measured value, at the levels it is standardised for and at the département (the reference).
    CREATE OR REPLACE TEMP TABLE indices_mesures AS
      SELECT 'besoin' AS indice, c.composante, c.libelle, c.indicateur AS mesure, c.rang, c.sens, i.niveau, i.code_geo, i.valeur
      FROM indicateurs i JOIN besoin_composantes c ON c.indicateur = i.id_indicateur
      WHERE i.statut = 'ok' AND i.valeur IS NOT NULL AND i.niveau IN ('commune', 'epci', 'departement')
      UNION ALL
      SELECT 'offre', c.composante, c.libelle, c.cle, 0, 1, t.niveau, t.code_geo, t.taux
      FROM ${RATES_TABLE} t JOIN offre_composantes c ON c.mesure = 'taux' AND c.cle = t.categorie
      WHERE t.statut = 'ok' AND (list_contains(c.niveaux, t.niveau) OR t.niveau = 'departement')
      UNION ALL
      SELECT 'offre', c.composante, c.libelle, c.cle, 0, -1, a.niveau, a.code_geo, a.distance_moyenne_km
      FROM ${ACCESS_TABLE} a JOIN offre_composantes c ON c.mesure = 'distance' AND c.cle = a.destination
      WHERE a.statut = 'ok' AND (list_contains(c.niveaux, a.niveau) OR a.niveau = 'departement');

    CREATE OR REPLACE TABLE ${COMPONENTS_TABLE} AS
      WITH unites AS (
        SELECT niveau, code_geo, rattachement FROM calc_perimetre
        WHERE niveau = 'commune' OR niveau = 'epci' GROUP BY ALL
      ),
      -- The spread is measured among the territory's own units: its communes, its EPCIs (not the neighbours').
      dispersion AS (
        SELECT m.indice, m.composante, m.mesure, m.niveau, stddev_pop(m.valeur) AS sigma
        FROM indices_mesures m JOIN unites u USING (niveau, code_geo)
        WHERE m.niveau = 'commune' OR u.rattachement = 'territoire'
        GROUP BY ALL
      ),
      reference AS (SELECT indice, composante, mesure, valeur AS reference FROM indices_mesures WHERE niveau = 'departement'),
      ecarts AS (
        SELECT m.indice, m.niveau, m.code_geo, m.composante, m.libelle, m.mesure, m.rang, m.valeur, r.reference, d.sigma,
               greatest(-${ECART_REDUIT_MAX}, least(${ECART_REDUIT_MAX}, m.sens * (m.valeur - r.reference) / d.sigma)) AS ecart_reduit
        FROM indices_mesures m
        JOIN reference r USING (indice, composante, mesure)
        JOIN dispersion d USING (indice, composante, mesure, niveau)
        WHERE m.niveau IN ('commune', 'epci') AND d.sigma > 0
      )
      SELECT indice, niveau, code_geo, composante, any_value(libelle) AS libelle,
             arg_min(mesure, rang) AS mesure, arg_min(valeur, rang) AS valeur, arg_min(reference, rang) AS reference,
             arg_min(sigma, rang) AS sigma, arg_min(ecart_reduit, rang) AS ecart_reduit
      FROM ecarts GROUP BY ALL
      ORDER BY indice, niveau, code_geo, composante;

    CREATE OR REPLACE TABLE ${INDICES_TABLE} AS
      WITH territoires AS (
        SELECT niveau, code_geo, libelle_geo, rattachement FROM calc_perimetre WHERE niveau IN ('commune', 'epci') GROUP BY ALL
      ),
      indices AS (
        SELECT niveau, code_geo,
               avg(ecart_reduit) FILTER (indice = 'besoin') AS besoin, count(*) FILTER (indice = 'besoin') AS n_besoin,
               string_agg(composante, ', ' ORDER BY composante) FILTER (indice = 'besoin') AS composantes_besoin,
               avg(ecart_reduit) FILTER (indice = 'offre') AS offre, count(*) FILTER (indice = 'offre') AS n_offre,
               string_agg(composante, ', ' ORDER BY composante) FILTER (indice = 'offre') AS composantes_offre
        FROM ${COMPONENTS_TABLE} GROUP BY ALL
      ),
      retenus AS (
        SELECT t.*, coalesce(i.n_besoin, 0) AS n_besoin, coalesce(i.n_offre, 0) AS n_offre, i.composantes_besoin, i.composantes_offre,
               CASE WHEN i.n_besoin >= ${COMPOSANTES_MIN} THEN i.besoin END AS indice_besoin,
               CASE WHEN i.n_offre >= ${COMPOSANTES_MIN} THEN i.offre END AS indice_offre
        FROM territoires t LEFT JOIN indices i USING (niveau, code_geo)
      )
      SELECT niveau, code_geo, libelle_geo, rattachement, indice_besoin, n_besoin, composantes_besoin, indice_offre, n_offre, composantes_offre,
             ${quadrantSql("indice_besoin", "indice_offre")} AS quadrant,
             CASE WHEN indice_besoin IS NOT NULL AND indice_offre IS NOT NULL THEN 'ok' ELSE 'manquant' END AS statut,
             CASE WHEN indice_besoin IS NULL AND indice_offre IS NULL
                    THEN 'indices de besoin et d''offre : moins de ${COMPOSANTES_MIN} composantes disponibles'
                  WHEN indice_besoin IS NULL THEN 'indice de besoin : ' || n_besoin || ' composante(s) disponible(s), ${COMPOSANTES_MIN} au moins sont nécessaires'
                  WHEN indice_offre IS NULL THEN 'indice d''offre : ' || n_offre || ' composante(s) disponible(s), ${COMPOSANTES_MIN} au moins sont nécessaires'
                       || CASE WHEN niveau = 'commune' THEN ' (dans une commune, l''offre se mesure par les distances : il faut les contours des communes)' ELSE '' END
             END AS motif
      FROM retenus
      ORDER BY CASE niveau WHEN 'epci' THEN 1 ELSE 2 END, code_geo;
  `);
}
