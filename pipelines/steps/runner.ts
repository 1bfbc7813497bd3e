// Runs the steps a command needs, in the order their declarations give, skipping every step whose inputs (code,
// options, data files, tables read) are those of its last run. The warehouse steps of a run share one build: the
// last good warehouse is replaced once, when they have all succeeded, and stays as it was if one fails.
import fs from "node:fs";
import path from "node:path";
import { WarehouseBuild } from "../core/atomic-build.ts";
import { warehousePath } from "../core/paths.ts";
import { Warehouse } from "../core/warehouse.ts";
import { codeVersion, folderListing, sha256, tableVersions } from "./fingerprint.ts";
import { planSteps } from "./plan.ts";
import { STEPS } from "./registry.ts";
import { forgetRecord, readRecords, writeRecords } from "./state.ts";
import type { Journal, Resource, RunOptions, Step, StepId, StepOutcome, StepRecord } from "./step.ts";

export interface RunRequest {
  cibles: readonly StepId[];
  options: RunOptions;
  journal: Journal;
  /** Steps run even though their inputs have not changed (`--force`); `true` for all. */
  forcer?: readonly StepId[] | true;
  /** Before each step of the plan (the pipeline numbers them). */
  onDebut?: (step: Step, index: number, total: number) => void;
  /** The steps to choose from: the pipeline's, unless a test brings its own. */
  etapes?: readonly Step[];
}

export async function runSteps(request: RunRequest): Promise<StepOutcome[]> {
  const { options, journal } = request;
  const plan = planSteps(request.etapes ?? STEPS, request.cibles);
  // The demo keeps its record in its own folder: writing it needs no output folder at all.
  const records = plan.some((step) => !step.memoire) ? await readRecords(options.sortie) : new Map<StepId, StepRecord>();
  const versions = new Map<string, string>();
  for (const record of records.values()) for (const [resource, version] of Object.entries(record.sorties)) versions.set(resource, version);
  const outcomes: StepOutcome[] = [];
  const pending: StepRecord[] = [];
  let build: WarehouseBuild | undefined;
  const commit = async () => {
    if (!build) return;
    await writeRecords(build.warehouse, pending.splice(0));
    await build.commit();
    build = undefined;
  };
  try {
    for (const [index, step] of plan.entries()) {
      request.onDebut?.(step, index, plan.length);
      // A step that reads the warehouse from outside (publier, pdf) reads the one this run has just completed.
      if (!step.entrepot) await commit();
      const entrees = await inputsOf(step, options, versions);
      const empreinte = sha256(...Object.entries(entrees).map(([key, version]) => `${key}=${version}`));
      const last = step.memoire ? step.memoire.lire(options) : records.get(step.id);
      const forced = request.forcer === true || request.forcer?.includes(step.id);
      const motif = forced ? "relance demandée" : !last ? "première exécution" : changedInput(last, entrees, empreinte) ?? missingOutput(step, options);
      if (!motif) {
        for (const [resource, version] of Object.entries(last!.sorties)) versions.set(resource, version);
        journal.info(`${step.libelle} : inchangé, étape sautée (mêmes entrées qu'à la dernière exécution).`);
        outcomes.push({ id: step.id, libelle: step.libelle, etat: "inchange", motif: "inchangé", dureeMs: 0 });
        continue;
      }
      const started = performance.now();
      let warehouse: Warehouse | undefined;
      if (step.entrepot) {
        build ??= await WarehouseBuild.open(options.sortie, { existant: !step.creeEntrepot });
        warehouse = build.warehouse;
      }
      const resultat = await step.run({ options, journal, entrepot: async () => warehouse ?? missingWarehouse(step) });
      const tablesRead = new Map(Object.entries(entrees).filter(([key]) => key.startsWith("table:")).map(([key, version]) => [key.slice("table:".length), version]));
      const sorties = await outputVersions(step, warehouse, empreinte, tablesRead);
      for (const [resource, version] of Object.entries(sorties)) versions.set(resource, version);
      const dureeMs = performance.now() - started;
      const record: StepRecord = { etape: step.id, empreinte, entrees, sorties, dureeMs };
      const retenir = step.enregistrable?.(resultat) ?? true;
      if (step.memoire) {
        if (retenir) step.memoire.ecrire(options, record);
      } else if (warehouse) {
        if (retenir) pending.push(record);
        else await forgetRecord(warehouse, step.id);
      } else if (retenir) await recordOutside(options.sortie, record);
      outcomes.push({ id: step.id, libelle: step.libelle, etat: "execute", motif, dureeMs, resultat });
    }
    await commit();
    return outcomes;
  } finally {
    build?.abort();
  }
}

/** Every input of a step under its name: code, options and data files, and the version of each resource read. */
async function inputsOf(step: Step, options: RunOptions, versions: ReadonlyMap<string, string>): Promise<Record<string, string>> {
  const entrees: Record<string, string> = { code: codeVersion(step.code) };
  if (step.entrees) entrees.options = sha256(await step.entrees(options));
  for (const resource of step.lit) {
    entrees[resource] = resource === "donnees" ? sha256(...(options.donnees ?? []).map((dossier) => `${dossier}\n${folderListing(dossier)}`)) : versions.get(resource) ?? "inconnue";
  }
  return entrees;
}

const INPUT_LABELS: Record<string, string> = { code: "code du programme modifié", options: "options différentes", donnees: "fichiers de données modifiés" };

function changedInput(last: StepRecord, entrees: Record<string, string>, empreinte: string): string | undefined {
  if (last.empreinte === empreinte) return undefined;
  const changed = Object.keys(entrees).find((key) => last.entrees[key] !== entrees[key]);
  if (!changed) return "entrées modifiées";
  return INPUT_LABELS[changed] ?? `${changed.replace(/^table:/, "table ").replace(/^sortie:/, "fichier ")} modifié(e)`;
}

/** A file the step writes went missing (`rapport-*`: any file of that prefix will do). */
function missingOutput(step: Step, options: RunOptions): string | undefined {
  const missing = step.ecrit
    .filter((resource) => resource.startsWith("sortie:"))
    .map((resource) => resource.slice("sortie:".length))
    .find((relative) => !outputExists(path.join(options.sortie, relative)));
  return missing && `${missing} absent`;
}

function outputExists(file: string): boolean {
  if (!file.endsWith("*")) return fs.existsSync(file);
  const prefix = path.basename(file).slice(0, -1);
  return fs.existsSync(path.dirname(file)) && fs.readdirSync(path.dirname(file)).some((name) => name.startsWith(prefix));
}

/** Tables are hashed by content, so that a step whose rerun writes the same rows leaves the later ones skipped. */
async function outputVersions(step: Step, warehouse: Warehouse | undefined, empreinte: string, lus: ReadonlyMap<string, string>): Promise<Record<string, string>> {
  const tables = step.ecrit.filter((resource) => resource.startsWith("table:")).map((resource) => resource.slice("table:".length));
  const hashed = warehouse ? await tableVersions(warehouse, tables, lus) : new Map<string, string>();
  return Object.fromEntries(step.ecrit.map((resource) => [resource, hashed.get(resource.slice("table:".length)) ?? empreinte]));
}

/** Steps that only write files record their run in the last good warehouse, in one small transaction. */
async function recordOutside(sortie: string, record: StepRecord): Promise<void> {
  if (!fs.existsSync(warehousePath(sortie))) return;
  const warehouse = await Warehouse.open(warehousePath(sortie));
  try {
    await writeRecords(warehouse, [record]);
  } finally {
    warehouse.close();
  }
}

function missingWarehouse(step: Step): never {
  throw new Error(`step ${step.id} does not declare the warehouse`);
}
