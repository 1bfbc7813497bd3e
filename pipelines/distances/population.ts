// Census populations per current commune for the analysis: each root at its latest commune-level millésime,
// the most specific source first (as the indicators read them).
import { sourcePriorityCase } from "../harmonise/source-priority.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";

export const POPULATIONS_TABLE = "offre_populations";

/** `offre_populations`: one row per commune × root (code_commune, racine, millesime, valeur, statut). */
export async function readPopulations(warehouse: Warehouse, racines: readonly string[]): Promise<void> {
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE ${POPULATIONS_TABLE} AS
      WITH v AS (
        SELECT code_geo AS code_commune, racine, millesime, valeur, statut, ${sourcePriorityCase()} AS prio
        FROM valeurs_cog WHERE niveau = 'commune' AND millesime IS NOT NULL AND racine IN (${[...new Set(racines)].map(sqlString).join(", ")})
      ),
      derniers AS (SELECT racine, max(millesime) AS millesime FROM v GROUP BY racine)
      SELECT v.code_commune, v.racine, v.millesime, arg_min(v.valeur, v.prio) AS valeur, arg_min(v.statut, v.prio) AS statut
      FROM v JOIN derniers USING (racine, millesime)
      GROUP BY ALL`);
}
