// The indicators' time series (`indicateurs_series`): every census of the same nomenclature for census rates, every
// year of the CAF or BPE over the census of the current value, every millésime published for class N. The points are
// computed by the same code path as the current value (ratio of sums, secrets kept), which is also their last point.
import type { Indicator } from "../../indicators/definition.ts";
import { COMPLEMENTARY_SAMPLE_MIN } from "./fragility.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import type { VintagePlan } from "./vintages.ts";

export const SERIES_TABLE = "indicateurs_series";

export async function writeSeries(warehouse: Warehouse, indicators: Indicator[], plan: VintagePlan): Promise<void> {
  const points = [...plan.series].flatMap(([id, list]) => list.map((point) => `(${sqlString(id)}, ${sqlString(point.periode)}, ${point.annee}, ${sqlString(point.millesime)})`));
  const published = indicators.filter((indicator) => indicator.classe === "N").map((indicator) => sqlString(indicator.id));
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE calc_series (indicateur_id VARCHAR, periode VARCHAR, annee INTEGER, millesime VARCHAR);
    ${points.length ? `INSERT INTO calc_series VALUES ${points.join(", ")};` : ""}
    CREATE OR REPLACE TABLE ${SERIES_TABLE} AS
      WITH territoires AS (SELECT DISTINCT niveau, code_geo FROM calc_perimetre),
      calcules AS (
        SELECT f.numero, v.indicateur_id AS id_indicateur, v.niveau, v.code_geo, s.annee, s.millesime, v.valeur, v.statut, v.motif,
               CASE WHEN f.echantillon = 'oui' AND v.statut = 'ok' THEN
                      CASE WHEN v.denominateur < ${COMPLEMENTARY_SAMPLE_MIN} THEN 'fragile' ELSE 'fiable' END END AS fiabilite
        FROM calc_valeurs_finales v
        JOIN calc_series s ON s.indicateur_id = v.indicateur_id AND s.periode = v.periode
        JOIN calc_formules f ON f.indicateur_id = v.indicateur_id
        WHERE list_contains(string_split(f.niveaux, ','), v.niveau)
      ),
      -- Class N: each millésime as published for the territory itself, when the source publishes several.
      publies AS (
        SELECT f.numero, f.indicateur_id AS id_indicateur, v.niveau, v.code_geo, v.millesime AS annee, v.millesime::VARCHAR AS millesime,
               CASE WHEN v.statut = 'ok' THEN v.valeur END AS valeur,
               CASE WHEN v.statut = 'ok' THEN 'ok' WHEN v.statut IN ('secret', 'non_significatif') THEN 'secret' ELSE 'manquant' END AS statut,
               CASE WHEN v.statut IN ('secret', 'non_significatif') THEN 'secret statistique (valeur non diffusée par la source)'
                    WHEN v.statut <> 'ok' THEN coalesce(v.motif, 'case vide dans le fichier publié') END AS motif,
               NULL::VARCHAR AS fiabilite
        FROM calc_formules f
        JOIN calc_valeurs v ON v.racine = f.racine_publiee
        JOIN territoires t ON t.niveau = v.niveau AND t.code_geo = v.code_geo
        WHERE f.indicateur_id IN (${published.length ? published.join(", ") : "NULL"})
          AND list_contains(string_split(f.niveaux, ','), v.niveau)
          AND f.racine_publiee IN (SELECT racine FROM calc_valeurs GROUP BY racine HAVING count(DISTINCT millesime) > 1)
      )
      SELECT * FROM calcules UNION ALL SELECT * FROM publies
      ORDER BY numero, niveau, code_geo, annee;
  `);
}
