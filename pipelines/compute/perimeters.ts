// Which communes make up each published territory: one membership table serves every level,
// so a ratio of sums is computed by one code path from the commune to France.
import type { Warehouse } from "../core/warehouse.ts";

export async function buildPerimeters(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`
    CREATE OR REPLACE TABLE calc_perimetre AS
      SELECT 'commune' AS niveau, c.code_commune AS code_geo, c.libelle AS libelle_geo, NULL::VARCHAR AS rattachement, c.code_commune
        FROM geo_commune c WHERE c.dans_territoire
      UNION ALL
      SELECT 'epci', e.code_epci, e.libelle, e.rattachement, c.code_commune
        FROM geo_epci e JOIN geo_commune c USING (code_epci) WHERE e.rattachement IS NOT NULL
      UNION ALL
      SELECT 'departement', d.code_departement, d.libelle, NULL, c.code_commune
        FROM geo_territoire t JOIN geo_departement d USING (code_departement) JOIN geo_commune c USING (code_departement)
      UNION ALL
      SELECT 'region', r.code_region, r.libelle, NULL, c.code_commune
        FROM geo_territoire t JOIN geo_region r USING (code_region) JOIN geo_commune c USING (code_region)
      UNION ALL
      SELECT 'france', 'FRANCE', 'France', NULL, c.code_commune FROM geo_commune c;
  `);
}
