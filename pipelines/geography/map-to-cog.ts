// Harmonised layer: every INSEE value on the current COG. Former commune codes map onto their
// current commune: counts are summed; medians and rates of merged communes are not carried over.
import { sqlString, type Warehouse } from "../warehouse/warehouse.ts";

export const MERGED_NON_ADDITIVE = "commune fusionnée : valeur non additive (médiane, taux) non reportée";
export const MERGED_SECRET = "commune fusionnée : une commune d'origine est sous secret statistique";

export async function mapValuesToCog(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`
    CREATE OR REPLACE TABLE valeurs_cog AS
    WITH actives AS (
      SELECT v.* FROM insee_valeurs v JOIN journal_import j USING (fichier_id) WHERE j.remplace_par IS NULL
    ),
    communes AS (
      SELECT p.code_actuel AS code_geo, v.source_id, v.fichier_id, v.variable, v.racine, v.millesime, v.geo_annee, v.additive,
             count(*) AS nb_codes,
             count(*) FILTER (v.statut = 'ok') AS nb_ok,
             count(*) FILTER (v.statut IN ('secret', 'non_significatif')) AS nb_secret,
             sum(v.valeur) FILTER (v.statut = 'ok') AS somme,
             any_value(v.statut) AS statut_unique,
             string_agg(v.code_geo, ',' ORDER BY v.code_geo) AS codes_sources
      FROM actives v JOIN geo_passage_commune p ON p.code_ancien = v.code_geo
      WHERE v.niveau = 'commune'
      GROUP BY ALL
    )
    SELECT 'commune' AS niveau, code_geo, source_id, fichier_id, variable, racine, millesime, geo_annee,
      CASE WHEN nb_codes = 1 THEN somme
           WHEN NOT additive OR nb_secret > 0 THEN NULL
           ELSE somme END AS valeur,
      CASE WHEN nb_codes = 1 THEN statut_unique
           WHEN NOT additive THEN 'manquant'
           WHEN nb_secret > 0 THEN 'secret'
           WHEN nb_ok = 0 THEN 'vide'
           ELSE 'ok' END AS statut,
      CASE WHEN nb_codes > 1 AND NOT additive THEN ${sqlString(MERGED_NON_ADDITIVE)}
           WHEN nb_codes > 1 AND nb_secret > 0 THEN ${sqlString(MERGED_SECRET)} END AS motif,
      codes_sources
    FROM communes
    UNION ALL
    SELECT niveau, code_geo, source_id, fichier_id, variable, racine, millesime, geo_annee, valeur, statut, NULL, code_geo
    FROM actives WHERE niveau <> 'commune';
  `);
}
