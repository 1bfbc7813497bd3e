// A later file replaces only what it publishes again: the same variable of the same territory and millésime (the
// same year of a log, the same département and millésime of a list of places, the same commune's contour). An earlier
// file keeps the rest and stays in use, partly replaced; one left with nothing is replaced whole.
import path from "node:path";
import type { Warehouse } from "../core/warehouse.ts";
import { GIP_JOURNAUX } from "../../sources/gip-activite.ts";

/** How a row of a file-owned table is keyed for replacement: a SQL expression over `t` and the joins it needs. */
interface ReplacementKey {
  table: string;
  cle: string;
  jointures?: string;
}

/** A commune code as published, on the current COG: an old code and its absorbing commune are the same place. */
const CURRENT_COMMUNE = (column: string) => `LEFT JOIN cog_passage p ON p.code_ancien = ${column}`;

const LOCATED_KEY = (table: string): ReplacementKey => ({
  table,
  // A list covers the départements it has places in (as the BPE counts assume): a new list of one département
  // leaves the other départements' places of the same millésime in place.
  cle: "concat_ws('|', t.millesime, coalesce(g.code_departement, left(t.code_commune, 2)))",
  jointures: `${CURRENT_COMMUNE("t.code_commune")} LEFT JOIN geo_commune g ON g.code_commune = p.code_actuel`,
});

export const REPLACEMENT_KEYS: ReplacementKey[] = [
  {
    table: "valeurs_cellules",
    cle: "concat_ws('|', v.niveau, CASE WHEN v.niveau = 'commune' THEN coalesce(p.code_actuel, t.code_geo) ELSE t.code_geo END, v.racine, t.millesime)",
    jointures: `JOIN variables_fichier v USING (fichier_id, variable_no) LEFT JOIN cog_passage p ON v.niveau = 'commune' AND p.code_ancien = t.code_geo`,
  },
  // A reference table is one release: the dataset it describes (its part) and its millésime.
  { table: "insee_dictionnaire", cle: "concat_ws('|', j.partie, j.millesime)", jointures: "JOIN journal_import j USING (fichier_id)" },
  { table: "insee_cog_commune", cle: "t.millesime" },
  LOCATED_KEY("bpe_equipements"),
  LOCATED_KEY("lieux_services"),
  { table: "contours_communes", cle: "coalesce(p.code_actuel, t.code_commune)", jointures: CURRENT_COMMUNE("t.code_commune") },
  // A perimeter defined again in a later file is replaced whole (its code is its key).
  { table: "perimetres", cle: "t.perimetre" },
  // An activity log covers its year.
  ...GIP_JOURNAUX.map(({ table }) => ({ table, cle: "t.annee" })),
];

export interface Replaced {
  dossier: string;
  chemin: string;
  /** Whether the earlier file lost every row (replaced whole) or only some. */
  entier: boolean;
}

/**
 * Removes from the earlier files of the same source (and part) the rows the new file carries again, in every table
 * the file wrote to, and records which earlier files are now replaced whole or in part.
 */
export async function replaceEarlierRows(
  warehouse: Warehouse,
  file: { fichierId: number; sourceId: string; partie?: string },
  tables: readonly ReplacementKey[],
): Promise<Replaced[]> {
  const earlier = await warehouse.all<{ fichier_id: number; dossier: string; chemin: string }>(
    `SELECT fichier_id, dossier, chemin FROM journal_import
     WHERE source_id = ? AND partie IS NOT DISTINCT FROM ? AND remplace_par IS NULL AND fichier_id <> ? ORDER BY fichier_id`,
    [file.sourceId, file.partie ?? null, file.fichierId],
  );
  if (!earlier.length) return [];
  const ids = earlier.map((row) => row.fichier_id).join(", ");
  const removed = new Map<number, number>();
  for (const { table, cle, jointures = "" } of tables) {
    await warehouse.run(`
      CREATE OR REPLACE TEMP TABLE cles_nouvelles AS SELECT DISTINCT ${cle} AS cle FROM ${table} t ${jointures} WHERE t.fichier_id = ${file.fichierId};
      CREATE OR REPLACE TEMP TABLE lignes_remplacees AS
        SELECT t.rowid AS rid, t.fichier_id FROM ${table} t ${jointures}
        WHERE t.fichier_id IN (${ids}) AND ${cle} IN (SELECT cle FROM cles_nouvelles);`);
    const counts = await warehouse.all<{ fichier_id: number; n: number }>("SELECT fichier_id, count(*)::BIGINT AS n FROM lignes_remplacees GROUP BY ALL");
    if (!counts.length) continue;
    await warehouse.run(`DELETE FROM ${table} WHERE rowid IN (SELECT rid FROM lignes_remplacees)`);
    for (const { fichier_id, n } of counts) removed.set(fichier_id, (removed.get(fichier_id) ?? 0) + n);
  }
  await warehouse.run("DROP TABLE IF EXISTS cles_nouvelles; DROP TABLE IF EXISTS lignes_remplacees;");
  const replaced: Replaced[] = [];
  for (const old of earlier) {
    const lignes = removed.get(old.fichier_id);
    if (!lignes) continue;
    const left = await remainingRows(warehouse, old.fichier_id, tables);
    if (left === 0) await warehouse.run("UPDATE journal_import SET remplace_par = ? WHERE fichier_id = ?", [file.fichierId, old.fichier_id]);
    else await warehouse.run("INSERT INTO remplacements_partiels VALUES (?, ?, ?)", [old.fichier_id, file.fichierId, lignes]);
    replaced.push({ dossier: old.dossier, chemin: old.chemin, entier: left === 0 });
  }
  return replaced;
}

async function remainingRows(warehouse: Warehouse, fichierId: number, tables: readonly ReplacementKey[]): Promise<number> {
  const counts = tables.map(({ table }) => `(SELECT count(*) FROM ${table} WHERE fichier_id = ${fichierId})`).join(" + ");
  return (await warehouse.one<{ n: number }>(`SELECT (${counts})::BIGINT AS n`))!.n;
}

/** The French warning for each earlier file the new one replaces; `quoi` names what a partial replacement covers. */
export function describeReplacements(replaced: Replaced[], nouveau: string, quoi = { nouveau: "les valeurs que ce dernier publie à nouveau", reste: "ses autres valeurs" }): string[] {
  return replaced.map((old) => {
    const ancien = path.join(old.dossier, old.chemin);
    // The same file, edited since it was loaded: an information, not a choice between two files.
    if (ancien === nouveau) return `${nouveau} a changé depuis son dernier chargement : sa nouvelle version remplace l'ancienne${old.entier ? "" : ` ; ${quoi.reste.replace(/^ses /, "les ")} que l'ancienne était seule à publier restent en usage`}.`;
    return old.entier
      ? `${ancien} (chargé précédemment) est remplacé par ${nouveau}.`
      : `${ancien} (chargé précédemment) est remplacé par ${nouveau} pour ${quoi.nouveau} ; ${quoi.reste} restent en usage.`;
  });
}
