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
  encodage: string;
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

const LOADED = "SELECT fichier_id, encodage, lignes_lues, lignes_chargees, lignes_rejetees, millesime, geo_annee FROM journal_import";
const STILL_WHOLE = "remplace_par IS NULL AND fichier_id NOT IN (SELECT fichier_id FROM remplacements_partiels)";

/**
 * The same bytes for the same source, loaded and still whole in use: they are not loaded twice. A file a later one
 * replaced in part is loaded again, so that its values come back.
 */
export async function findLoaded(warehouse: Warehouse, sha256: string, sourceId: string): Promise<LoadedFile | undefined> {
  return warehouse.one<LoadedFile>(
    `${LOADED} WHERE sha256 = ? AND source_id = ? AND ${STILL_WHOLE}`,
    [sha256, sourceId],
  );
}

/** The file at the same place, of the same size and date as when it was loaded, still whole in use. */
export async function findUnchanged(warehouse: Warehouse, file: { dossier: string; chemin: string; signature: string }, sourceId: string): Promise<LoadedFile | undefined> {
  return warehouse.one<LoadedFile>(
    `${LOADED} JOIN signatures_fichiers USING (fichier_id) WHERE dossier = ? AND chemin = ? AND signature = ? AND source_id = ? AND ${STILL_WHOLE}`,
    [file.dossier, file.chemin, file.signature, sourceId],
  );
}


/** A file loaded, or saved again without a change at the place it was loaded from: its size and date are remembered. */
export async function rememberSignature(warehouse: Warehouse, fichierId: number, file: { dossier: string; chemin: string; signature: string }): Promise<void> {
  await warehouse.run(
    "INSERT OR REPLACE INTO signatures_fichiers SELECT fichier_id, ? FROM journal_import WHERE fichier_id = ? AND dossier = ? AND chemin = ?",
    [file.signature, fichierId, file.dossier, file.chemin],
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
