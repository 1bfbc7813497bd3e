// Which communes make up each published territory: one membership table serves every level, so a ratio of sums is
// computed by one code path from the commune to France, the perimeters drawn by the GIP (table `perimetres`) included.
import type { Warehouse } from "../core/warehouse.ts";

export async function buildPerimeters(warehouse: Warehouse): Promise<void> {
  const drawn = (await warehouse.tableExists("perimetres"))
    ? `UNION ALL
      SELECT 'perimetre', perimetre, libelle, NULL, code_commune FROM perimetres`
    : "";
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
      SELECT 'france', 'FRANCE', 'France', NULL, c.code_commune FROM geo_commune c
      ${drawn};
  `);
  // A perimeter made of exactly the communes of an EPCI, a département or a région is that territory: what the
  // source publishes for it (medians, rates, totals under secrecy) is the perimeter's too. Any EPCI of France counts,
  // not only the territory's: a CIAS may cover a whole neighbouring EPCI.
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE calc_perimetre_equivalent AS
      WITH ensembles AS (
        SELECT 'perimetre' AS niveau, code_geo, string_agg(code_commune, ',' ORDER BY code_commune) AS communes
          FROM calc_perimetre WHERE niveau = 'perimetre' GROUP BY ALL
      ),
      officiels AS (
        SELECT 'epci' AS niveau, code_epci AS code_geo, string_agg(code_commune, ',' ORDER BY code_commune) AS communes
          FROM geo_commune WHERE code_epci IS NOT NULL GROUP BY ALL
        UNION ALL
        SELECT 'departement', code_departement, string_agg(code_commune, ',' ORDER BY code_commune) FROM geo_commune GROUP BY ALL
        UNION ALL
        SELECT 'region', code_region, string_agg(code_commune, ',' ORDER BY code_commune) FROM geo_commune GROUP BY ALL
      )
      SELECT e.code_geo, arg_min(o.niveau, CASE o.niveau WHEN 'epci' THEN 1 WHEN 'departement' THEN 2 ELSE 3 END) AS niveau_publie,
             arg_min(o.code_geo, CASE o.niveau WHEN 'epci' THEN 1 WHEN 'departement' THEN 2 ELSE 3 END) AS code_publie
      FROM ensembles e JOIN officiels o USING (communes)
      GROUP BY e.code_geo;
  `);
}

export const PERIMETRE_SECRET_GIP =
  "masqué (secret de l'observatoire) : au moins une commune du périmètre n'a pas d'effectif publié, il se déduirait par différence";

/**
 * The GIP's counts (class G) of a perimeter, once the territory's masks are set: a perimeter cuts across the
 * commune–EPCI–département tree, so its total is published only when every one of its communes is (the total then
 * tells nothing new); a perimeter equal to an official territory takes that territory's row, masks included.
 */
export async function maskPerimeterCounts(warehouse: Warehouse, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const list = ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(", ");
  await warehouse.run(`
    -- Perimeters (not equal to an official territory) with a commune whose count is not published.
    CREATE OR REPLACE TEMP TABLE calc_perimetre_masques AS
      SELECT DISTINCT p.code_geo, g.id_indicateur
      FROM calc_perimetre p CROSS JOIN (SELECT unnest([${list}]) AS id_indicateur) g
      LEFT JOIN indicateurs c ON c.niveau = 'commune' AND c.code_geo = p.code_commune AND c.id_indicateur = g.id_indicateur
      WHERE p.niveau = 'perimetre' AND coalesce(c.statut, 'absente') <> 'ok'
        AND p.code_geo NOT IN (SELECT code_geo FROM calc_perimetre_equivalent);
    UPDATE indicateurs i SET statut = 'secret', valeur = NULL, numerateur = NULL, ecart_departement = NULL, evolution = NULL,
      valeur_precedente = NULL, motif = '${PERIMETRE_SECRET_GIP.replaceAll("'", "''")}'
    FROM calc_perimetre_masques m
    WHERE i.niveau = 'perimetre' AND i.code_geo = m.code_geo AND i.id_indicateur = m.id_indicateur AND i.statut = 'ok';
    UPDATE indicateurs i SET statut = o.statut, valeur = o.valeur, numerateur = o.numerateur, denominateur = o.denominateur,
      motif = o.motif, ecart_departement = o.ecart_departement, evolution = o.evolution, valeur_precedente = o.valeur_precedente
    FROM calc_perimetre_equivalent e JOIN indicateurs o ON o.niveau = e.niveau_publie AND o.code_geo = e.code_publie
    WHERE i.niveau = 'perimetre' AND i.code_geo = e.code_geo AND i.id_indicateur IN (${list}) AND o.id_indicateur = i.id_indicateur;
  `);
}
