// Harmonised layer: every INSEE value on the current COG. Former commune codes map onto their
// current commune: counts are summed; medians and rates of merged communes are not carried over.
import { sqlString, type Warehouse } from "../core/warehouse.ts";

export const MERGED_NON_ADDITIVE = "commune fusionnée : valeur non additive (médiane, taux) non reportée";
export const MERGED_SECRET = "commune fusionnée : une commune d'origine est sous secret statistique";

/**
 * Only the few merged communes are materialised (cog_valeurs_fusionnees); valeurs_cog is a view, so the
 * raw layer is not copied and readers that need a few variables scan only those.
 */
export async function mapValuesToCog(warehouse: Warehouse): Promise<void> {
  // Warehouses built by earlier versions kept valeurs_cog as a table: a view cannot replace it in place.
  const earlier = await warehouse.one<{ kind: string }>("SELECT table_type AS kind FROM information_schema.tables WHERE table_name = 'valeurs_cog'");
  if (earlier?.kind === "BASE TABLE") await warehouse.run("DROP TABLE valeurs_cog");
  await warehouse.run(`
    -- Current communes that receive several codes of one file: only those need merging.
    CREATE OR REPLACE TABLE cog_fusions AS
      SELECT v.fichier_id, v.code_geo, p.code_actuel
      FROM (SELECT DISTINCT fichier_id, code_geo FROM valeurs_brutes WHERE niveau = 'commune') v
      JOIN cog_passage p ON p.code_ancien = v.code_geo
      QUALIFY count(*) OVER (PARTITION BY v.fichier_id, p.code_actuel) > 1;

    -- Merged communes: counts summed (secret if one part is), non-additive values not carried over.
    CREATE OR REPLACE TABLE cog_valeurs_fusionnees AS
    SELECT 'commune' AS niveau, code_actuel AS code_geo, source_id, fichier_id, variable, racine, millesime, geo_annee,
      CASE WHEN NOT additive OR nb_secret > 0 THEN NULL ELSE somme END AS valeur,
      CASE WHEN NOT additive THEN 'manquant' WHEN nb_secret > 0 THEN 'secret' WHEN nb_ok = 0 THEN 'vide' ELSE 'ok' END AS statut,
      CASE WHEN NOT additive THEN ${sqlString(MERGED_NON_ADDITIVE)} WHEN nb_secret > 0 THEN ${sqlString(MERGED_SECRET)} END AS motif,
      codes_sources
    FROM (
      SELECT f.code_actuel, v.source_id, v.fichier_id, v.variable, v.racine, v.millesime, v.geo_annee, v.additive,
             count(*) FILTER (v.statut = 'ok') AS nb_ok,
             count(*) FILTER (v.statut IN ('secret', 'non_significatif')) AS nb_secret,
             sum(v.valeur) FILTER (v.statut = 'ok') AS somme,
             string_agg(v.code_geo, ',' ORDER BY v.code_geo) AS codes_sources
      FROM valeurs_brutes v JOIN cog_fusions f ON f.fichier_id = v.fichier_id AND f.code_geo = v.code_geo
      GROUP BY ALL
    );

    CREATE OR REPLACE VIEW valeurs_cog AS
    -- Codes that map one to one: the value as published, under the current code.
    SELECT 'commune' AS niveau, p.code_actuel AS code_geo, v.source_id, v.fichier_id, v.variable, v.racine, v.millesime, v.geo_annee,
           v.valeur, v.statut, NULL::VARCHAR AS motif, v.code_geo AS codes_sources
    FROM valeurs_brutes v
    JOIN cog_passage p ON p.code_ancien = v.code_geo
    ANTI JOIN cog_fusions f ON f.fichier_id = v.fichier_id AND f.code_geo = v.code_geo
    WHERE v.niveau = 'commune' AND v.fichier_id IN (SELECT fichier_id FROM journal_import WHERE remplace_par IS NULL)
    UNION ALL
    SELECT * FROM cog_valeurs_fusionnees WHERE fichier_id IN (SELECT fichier_id FROM journal_import WHERE remplace_par IS NULL)
    UNION ALL
    -- Supra-communal levels as published; France files name the country in several ways (FRANCE, FE, METRO…).
    SELECT niveau, CASE WHEN niveau = 'france' THEN 'FRANCE' ELSE code_geo END, source_id, fichier_id, variable, racine,
           millesime, geo_annee, valeur, statut, NULL, code_geo
    FROM valeurs_brutes WHERE niveau <> 'commune' AND fichier_id IN (SELECT fichier_id FROM journal_import WHERE remplace_par IS NULL);
  `);
}
