// The import journal (journal_import): one row per file loaded, the same bookkeeping for every kind of file
// (tables, lists, logs, contours): its id, whether its bytes are already loaded, and which earlier file it replaces.
import type { Warehouse } from "../warehouse/warehouse.ts";

export interface ImportEntry {
  fichierId: number;
  executionId: number;
  dossier: string;
  chemin: string;
  sha256: string;
  taille: number;
  sourceId: string;
  niveau?: string;
  millesime?: number;
  geoAnnee?: number;
  encodage: string;
  separateur: string;
  demo: boolean;
  lignesLues: number;
  lignesChargees: number;
  lignesRejetees: number;
  debut: Date;
  fin: Date;
}

export type LoadedFile = {
  lignes_lues: number;
  lignes_chargees: number;
  lignes_rejetees: number;
  millesime: number | null;
  geo_annee: number | null;
};

export async function nextValue(warehouse: Warehouse, sequence: "seq_fichier" | "seq_execution"): Promise<number> {
  const row = await warehouse.one<{ id: number }>(`SELECT nextval('${sequence}')::INTEGER AS id`);
  return row!.id;
}

/** The same bytes for the same source, loaded and still in use: they are not loaded twice. */
export async function findLoaded(warehouse: Warehouse, sha256: string, sourceId: string): Promise<LoadedFile | undefined> {
  return warehouse.one<LoadedFile>(
    `SELECT lignes_lues, lignes_chargees, lignes_rejetees, millesime, geo_annee FROM journal_import
     WHERE sha256 = ? AND source_id = ? AND remplace_par IS NULL`,
    [sha256, sourceId],
  );
}

export async function recordImport(warehouse: Warehouse, entry: ImportEntry): Promise<void> {
  await warehouse.run("INSERT INTO journal_import VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, NULL)", [
    entry.fichierId, entry.executionId, entry.dossier, entry.chemin, entry.sha256, entry.taille, entry.sourceId,
    entry.niveau ?? null, entry.millesime ?? null, entry.geoAnnee ?? null, entry.encodage, entry.separateur, entry.demo,
    entry.lignesLues, entry.lignesChargees, entry.lignesRejetees, entry.debut.toISOString(), entry.fin.toISOString(),
  ]);
}

/**
 * A new file for the same source and millésime supersedes the one loaded by an earlier run: its rows leave `tables`
 * and its journal row points to the new file. Files of one run never replace each other here (the levels of one
 * release, Filosofi COM and EPCI, or two départements' contours coexist). Returns the files replaced.
 */
export async function replacePrevious(
  warehouse: Warehouse,
  replacement: { sourceId: string; millesime?: number; fichierId: number; executionId: number },
  tables: readonly string[],
): Promise<{ dossier: string; chemin: string }[]> {
  const previous = await warehouse.all<{ fichier_id: number; dossier: string; chemin: string }>(
    `SELECT fichier_id, dossier, chemin FROM journal_import
     WHERE source_id = ? AND millesime IS NOT DISTINCT FROM ? AND remplace_par IS NULL AND execution_id <> ?`,
    [replacement.sourceId, replacement.millesime ?? null, replacement.executionId],
  );
  for (const old of previous) {
    for (const table of tables) await warehouse.run(`DELETE FROM ${table} WHERE fichier_id = ?`, [old.fichier_id]);
    await warehouse.run("UPDATE journal_import SET remplace_par = ? WHERE fichier_id = ?", [replacement.fichierId, old.fichier_id]);
  }
  return previous;
}
