// A step of the pipeline, declared like a dbt model or an owid/etl step: what it reads, what it writes, which code
// makes it. The runner orders the steps from these declarations and skips a step whose inputs have not changed.
import type { Warehouse } from "../core/warehouse.ts";
import type { Pseudonymisation } from "../ingest/pseudonymise.ts";

export type StepId = "demo" | "importer" | "harmoniser" | "compter" | "distances" | "calculer" | "offre" | "rapport" | "publier" | "pdf";

/**
 * What a step reads or writes: a warehouse table (`table:valeurs_cog`), a file or folder under the output folder
 * (`sortie:site`), or the data folders given on the command line (`donnees`).
 */
export type Resource = `table:${string}` | `sortie:${string}` | "donnees";

/** Progress messages, in French; the CLI's Reporter is one. */
export interface Journal {
  info(text: string): void;
  detail(text: string): void;
  success(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

/** Everything the command line can set for a run; each step reads its part. */
export interface RunOptions {
  sortie: string;
  donnees?: string[];
  territoire?: string;
  pseudonymisation?: Pseudonymisation;
  /** demo: where the demonstration files are written (the `donnees` of the import that follows). */
  dossierDemo?: string;
  /** rapport: the year (default: the latest log), and whether to print its tables. */
  annee?: number;
  /** pdf: which EPCIs, the commune sheets too (or only those of `commune`), and the portraits' annexes. */
  epci?: string[];
  communes?: boolean;
  commune?: string[];
  annexe?: boolean;
  /** The command the officer typed (recorded with the import). */
  commande: string;
}

export interface StepContext {
  options: RunOptions;
  journal: Journal;
  /** Asked for with `--force`: a step that reuses part of its last output (publier, pdf) redoes all of it. */
  force?: boolean;
  /** The warehouse being built (a copy swapped in at the end of the run); only for steps with `entrepot: true`. */
  entrepot(): Promise<Warehouse>;
}

export interface Step<Result = unknown> {
  id: StepId;
  libelle: string;
  /**
   * Tables, files and folders read. A table written by another step makes this step run after it. The import's
   * journal is not declared by the steps that only use it to keep the current files' rows: those rows carry their
   * file's id, so a raw table's content already changes whenever its files do.
   */
  lit: readonly Resource[];
  /** Tables, files and folders written. A file must exist for the step to be skipped. */
  ecrit: readonly Resource[];
  /** Project folders and files whose content is this step's code version (relative to the project root). */
  code: readonly string[];
  /** Whether the step writes to the warehouse (it then runs inside the run's warehouse build). */
  entrepot: boolean;
  /**
   * A step that acquires data (demo, importer) runs only when asked for; the others run whenever a later step
   * needs them and their inputs changed.
   */
  acquisition?: boolean;
  /** The only step that may start without a warehouse. */
  creeEntrepot?: boolean;
  /** The options that change what the step writes, as a text to hash. */
  entrees?(options: RunOptions): Promise<string> | string;
  /** Whether this run may be recorded (an import that refused files is examined again next time). */
  enregistrable?(resultat: Result): boolean;
  /** Where a step that writes outside the output folder keeps its record (the demo, in its own folder). */
  memoire?: { lire(options: RunOptions): StepRecord | undefined; ecrire(options: RunOptions, record: StepRecord): void };
  run(context: StepContext): Promise<Result>;
}

/** A step's last run, as the warehouse keeps it (state.ts). */
export interface StepRecord {
  etape: StepId;
  empreinte: string;
  /** Versions of the code, the outside inputs and every resource read, under their names. */
  entrees: Record<string, string>;
  /** Versions of every resource written. */
  sorties: Record<string, string>;
  dureeMs: number;
}

/** What the runner did with a step, shown by `pipeline` and recorded in the warehouse. */
export interface StepOutcome {
  id: StepId;
  libelle: string;
  etat: "execute" | "inchange";
  /** Why the step ran: its first changed input. */
  motif: string;
  dureeMs: number;
  resultat?: unknown;
}
