// The shared pipeline run of global-setup.ts, awaited: its folders and what the two commands printed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import Papa from "papaparse";
import path from "node:path";
import { inject } from "vitest";

export interface SharedRun {
  work: string;
  donnees: string;
  sortie: string;
  site: string;
  /** What `demo` and `pipeline` printed (stdout and stderr together, no colours). */
  demo: string;
  pipeline: string;
}

/** Long enough for `demo` and `pipeline` on this 2-core machine while the unit tests run beside them. */
export const SHARED_RUN_TIMEOUT = 420_000;

export async function sharedRun(): Promise<SharedRun> {
  const { work } = inject("e2e");
  const done = path.join(work, "fini.json");
  while (!fs.existsSync(done)) await new Promise((resolve) => setTimeout(resolve, 500));
  const read = (index: number) => fs.readFileSync(path.join(work, `etape-${index}.log`), "utf8");
  const { code, etape } = JSON.parse(fs.readFileSync(done, "utf8")) as { code: number; etape?: string };
  if (code !== 0) throw new Error(`l'exécution partagée a échoué à « ${etape} » (code ${code}) :\n${fs.existsSync(path.join(work, "etape-1.log")) ? read(1) : read(0)}`);
  const sortie = path.join(work, "sortie");
  return { work, donnees: path.join(work, "donnees"), sortie, site: path.join(sortie, "site"), demo: read(0), pipeline: read(1) };
}

type SharedFolder = "donnees" | "journaux-nominatifs" | "sortie";

/**
 * A copy of the shared outputs (and, unless the command reads no data, of the data), for a test that runs a command
 * writing to them. The data are 100 MB: a command that only reads the warehouse goes without them. Timestamps are
 * kept exactly, as the steps' fingerprints read them: the copy is unchanged in their eyes.
 */
export function copyOf(run: SharedRun, prefix: string, folders: readonly SharedFolder[] = ["donnees", "journaux-nominatifs", "sortie"]): string {
  const copy = fs.mkdtempSync(path.join(path.dirname(run.work), prefix));
  // `cp -a`, not fs.cpSync: Node sets the copied dates through a Date, rounded to the millisecond either way.
  for (const name of folders) execFileSync("cp", ["-a", path.join(run.work, name), path.join(copy, name)]);
  return copy;
}

/** The shared run under the names the site and PDF tests use (both streams of `pipeline` in one text). */
export async function sharedDemoSite(): Promise<{ work: string; sortie: string; site: string; pipeline: { stdout: string; stderr: string } }> {
  const run = await sharedRun();
  return { work: run.work, sortie: run.sortie, site: run.site, pipeline: { stdout: run.pipeline, stderr: run.pipeline } };
}

/** A row of indicateurs.csv (or of a per-indicator cut of it), every field as written. */
export interface ExportRow {
  id_indicateur: string;
  niveau: string;
  code_geo: string;
  libelle_geo: string;
  valeur: string;
  statut: string;
  fiabilite: string;
  valeur_precedente: string;
  evolution: string;
}

export function readExportRows(file: string): ExportRow[] {
  return Papa.parse<ExportRow>(fs.readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data;
}
