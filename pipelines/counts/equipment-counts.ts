// Equipment counts per current commune, category and BPE vintage, as values the indicators read (bpe_comptes).
// Absence from the BPE is a true zero, but only where the file looked: communes of the départements a file covers
// get a 0, the others no row at all (their value stays "manquant").
import { CATEGORIES } from "../../sources/bpe-equipements.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";

export const BPE_SOURCE_ID = "insee_bpe";

export async function countEquipments(warehouse: Warehouse): Promise<void> {
  const categories = CATEGORIES.map((categorie) => `(${sqlString(categorie.id)}, ${sqlString(categorie.racine)})`).join(", ");
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE bpe_categories (categorie VARCHAR, racine VARCHAR);
    INSERT INTO bpe_categories VALUES ${categories};
    -- The BPE codes Paris, Lyon and Marseille by arrondissement: each is counted in its commune.
    CREATE OR REPLACE TEMP TABLE bpe_localises AS
      SELECT e.fichier_id, e.millesime, e.code_commune, e.categorie, e.mobile, p.code_actuel
      FROM bpe_equipements e
      LEFT JOIN cog_passage p ON p.code_ancien = e.code_commune
      WHERE e.fichier_id IN (SELECT fichier_id FROM journal_import WHERE remplace_par IS NULL);
    CREATE OR REPLACE TABLE bpe_comptes AS
      WITH couverture AS (
        SELECT DISTINCT l.fichier_id, l.millesime, c.code_departement
        FROM bpe_localises l JOIN geo_commune c ON c.code_commune = l.code_actuel
      ),
      -- Mobile equipments (buses, itinerant services) serve several communes: never counted as fixed ones.
      -- A sorted list is much cheaper than an ordered string_agg, which sorts group by group.
      comptes AS (
        SELECT fichier_id, millesime, code_actuel, categorie, count(*) AS n, array_to_string(list_sort(list(DISTINCT code_commune)), ',') AS codes
        FROM bpe_localises WHERE NOT mobile AND categorie IS NOT NULL GROUP BY ALL
      )
      SELECT 'commune' AS niveau, c.code_commune AS code_geo, ${sqlString(BPE_SOURCE_ID)} AS source_id, v.fichier_id,
             k.racine AS variable, k.racine, v.millesime, v.millesime AS geo_annee,
             coalesce(n.n, 0)::DOUBLE AS valeur, 'ok' AS statut, NULL::VARCHAR AS motif, coalesce(n.codes, c.code_commune) AS codes_sources
      FROM couverture v
      JOIN geo_commune c USING (code_departement)
      CROSS JOIN bpe_categories k
      LEFT JOIN comptes n ON n.fichier_id = v.fichier_id AND n.millesime = v.millesime AND n.code_actuel = c.code_commune AND n.categorie = k.categorie
      ORDER BY v.millesime, k.racine, c.code_commune;
  `);
}
