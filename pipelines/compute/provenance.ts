// Where each indicator's values come from (`indicateurs_sources`): the files whose values the computation kept, with
// their millésime and geography year. Pages list their sources from this table, never from a hand-written list: a
// source appears only when a value shown was read from it.
import type { Warehouse } from "../core/warehouse.ts";

export const PROVENANCE_TABLE = "indicateurs_sources";

/** The access indicator's numerator (source `offre_acces`) is a distance: it reads places and contours, not a file. */
const ACCESS_SOURCE = "offre_acces";
const ACCESS_DESTINATION = "acces_droits";

export async function writeProvenance(warehouse: Warehouse): Promise<void> {
  const access = (await warehouse.tableExists("offre_lieux")) && (await warehouse.tableExists("offre_centroides")) && (await warehouse.tableExists("offre_destinations"));
  await warehouse.run(`
    CREATE OR REPLACE TABLE ${PROVENANCE_TABLE} AS
      WITH termes AS (
        SELECT DISTINCT t.indicateur_id, CASE WHEN t.periode IN ('actuel', 'precedent') THEN t.periode ELSE 'serie' END AS periode,
               v.source_id, v.fichier_id, v.millesime
        FROM calc_termes t JOIN calc_valeurs v ON v.racine = t.racine AND v.millesime = t.millesime
        WHERE v.statut IS NOT NULL
        UNION
        SELECT DISTINCT f.indicateur_id, CASE WHEN v.millesime = f.millesime_publie THEN 'actuel' ELSE 'serie' END, v.source_id, v.fichier_id, v.millesime
        FROM calc_formules f JOIN calc_valeurs v ON v.racine = f.racine_publiee
        WHERE f.calcul = 'publie'
      ),
      -- The distance indicator stands for the places and the contours it was measured from.
      acces AS (
        ${access ? `
        SELECT DISTINCT t.indicateur_id, t.periode, l.source_id, l.fichier_id, l.millesime
        FROM termes t JOIN offre_lieux l ON l.categorie IN (SELECT categorie FROM offre_destinations WHERE destination = '${ACCESS_DESTINATION}')
        WHERE t.source_id = '${ACCESS_SOURCE}'
        UNION
        SELECT DISTINCT t.indicateur_id, t.periode, j.source_id, c.fichier_id, j.millesime
        FROM termes t JOIN offre_centroides c ON true JOIN journal_import j ON j.fichier_id = c.fichier_id
        WHERE t.source_id = '${ACCESS_SOURCE}'` : "SELECT NULL::VARCHAR AS indicateur_id, NULL::VARCHAR AS periode, NULL::VARCHAR AS source_id, NULL::INTEGER AS fichier_id, NULL::INTEGER AS millesime WHERE false"}
      ),
      tout AS (SELECT * FROM termes WHERE source_id <> '${ACCESS_SOURCE}' UNION SELECT * FROM acces)
      -- A log, a census theme file: the source of the file, which the journal names (gip_activite is its logs' counts).
      SELECT DISTINCT t.indicateur_id AS id_indicateur, t.periode, coalesce(j.source_id, t.source_id) AS source_id, t.millesime,
             j.millesime AS millesime_fichier, j.geo_annee, j.dossier || '/' || j.chemin AS fichier
      FROM tout t LEFT JOIN journal_import j ON j.fichier_id = t.fichier_id
      ORDER BY 1, 2, 3, 4;
  `);
}
