// Loads a reference table (dictionary, COG) column by column into its warehouse table.
import { sqlIdentifier, sqlString, type Warehouse } from "../core/warehouse.ts";
import type { TableSource } from "../../sources/definition.ts";

export async function loadTable(
  warehouse: Warehouse,
  load: { source: TableSource; fichierId: number; chemin: string; entete: string[]; millesime?: number },
): Promise<{ lignesChargees: number; lignesRejetees: number }> {
  const { source, fichierId, chemin } = load;
  const missingRequired = source.obligatoires
    .map((column) => `SELECT idx, ligne, ${sqlString(column)} AS colonne, 'valeur obligatoire absente' AS motif FROM brut WHERE coalesce(trim(${sqlIdentifier(column)}), '') = ''`)
    .join(" UNION ALL ");
  const targetColumns = Object.entries(source.colonnes);
  const tableColumns = await warehouse.all<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
    [source.table],
  );
  const valueFor = (tableColumn: string): string => {
    if (tableColumn === "fichier_id") return String(fichierId);
    if (tableColumn === "millesime") return load.millesime === undefined ? "NULL" : String(load.millesime);
    const fileColumn = targetColumns.find(([, target]) => target === tableColumn)?.[0];
    return fileColumn && load.entete.includes(fileColumn) ? `nullif(trim(${sqlIdentifier(fileColumn)}), '')` : "NULL";
  };
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE problemes AS ${missingRequired};
    INSERT INTO rejets SELECT ${fichierId}, ${sqlString(chemin)}, ligne, colonne, NULL, motif FROM problemes ORDER BY ligne;
    INSERT INTO ${source.table}
      SELECT ${tableColumns.map(({ column_name }) => valueFor(column_name)).join(", ")}
      FROM brut WHERE idx NOT IN (SELECT idx FROM problemes) ORDER BY idx;
  `);
  const counts = await warehouse.one<{ total: number; rejetees: number }>(
    "SELECT (SELECT count(*) FROM brut) AS total, (SELECT count(DISTINCT idx) FROM problemes) AS rejetees",
  );
  const rejetees = counts?.rejetees ?? 0;
  return { lignesChargees: (counts?.total ?? 0) - rejetees, lignesRejetees: rejetees };
}
