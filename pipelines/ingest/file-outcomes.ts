// What becomes of a file found in a data folder: loaded (its report), ignored (not a source, with the reason) or
// refused (a source file that cannot be read, with its located error). All are listed to the officer.
import type { DataError } from "../core/errors.ts";

export interface Ignored {
  dossier: string;
  chemin: string;
  motif: string;
}

export interface Refused {
  dossier: string;
  chemin: string;
  erreur: DataError;
}

/** A file loaded (or found already loaded), as the import lists it. */
export interface FileReport {
  dossier: string;
  chemin: string;
  sourceId: string;
  libelle: string;
  niveau?: string;
  millesime?: number;
  /** Years found row by row, for files that hold a series (CAF): first and last. */
  millesimesLignes?: [number, number];
  geoAnnee?: number;
  encodage: string;
  lignesLues: number;
  lignesChargees: number;
  lignesRejetees: number;
  dureeMs: number;
  etat: "charge" | "deja_charge";
  demo: boolean;
}
