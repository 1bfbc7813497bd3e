// The import journal (journal_import): one row per file loaded, the same bookkeeping for every kind of file
// (tables, lists, logs, contours): its id, whether its bytes are already loaded, and which earlier file it replaces.
import type { Warehouse } from "../core/warehouse.ts";

export interface ImportEntry {
  fichierId: number;
  executionId: number;
  dossier: string;
  chemin: string;
  sha256: string;
  taille: number;
  sourceId: string;
  niveau?: string;
  /** Which part of its source the file is, when the level does not say it (the dataset a dictionary describes). */
  partie?: string;
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
  fichier_id: number;
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

/**
 * The same bytes for the same source, loaded and still whole in use: they are not loaded twice. A file a later one
 * replaced in part is loaded again, so that its values come back.
 */
export async function findLoaded(warehouse: Warehouse, sha256: string, sourceId: string): Promise<LoadedFile | undefined> {
  return warehouse.one<LoadedFile>(
    `SELECT fichier_id, lignes_lues, lignes_chargees, lignes_rejetees, millesime, geo_annee FROM journal_import
     WHERE sha256 = ? AND source_id = ? AND remplace_par IS NULL AND fichier_id NOT IN (SELECT fichier_id FROM remplacements_partiels)`,
    [sha256, sourceId],
  );
}

export async function recordImport(warehouse: Warehouse, entry: ImportEntry): Promise<void> {
  await warehouse.run(
    `INSERT INTO journal_import (fichier_id, execution_id, dossier, chemin, sha256, taille, source_id, niveau, partie, millesime, geo_annee,
       encodage, separateur, demo, lignes_lues, lignes_chargees, lignes_rejetees, debut, fin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP)`,
    [
      entry.fichierId, entry.executionId, entry.dossier, entry.chemin, entry.sha256, entry.taille, entry.sourceId,
      entry.niveau ?? null, entry.partie ?? null, entry.millesime ?? null, entry.geoAnnee ?? null, entry.encodage, entry.separateur, entry.demo,
      entry.lignesLues, entry.lignesChargees, entry.lignesRejetees, entry.debut.toISOString(), entry.fin.toISOString(),
    ],
  );
}
