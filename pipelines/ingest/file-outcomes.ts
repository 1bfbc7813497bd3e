// What becomes of a file found in a data folder when it is not loaded: ignored (not a source, with the reason) or
// refused (a source file that cannot be read, with its located error). Both are listed to the officer.
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
