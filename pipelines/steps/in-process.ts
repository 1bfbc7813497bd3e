// The steps' work on a warehouse already open, without fingerprints nor a build copy: for tests and the benchmark,
// which import into a warehouse of their own and then need the layers the later steps read.
import type { Warehouse } from "../core/warehouse.ts";
import { STEPS } from "./registry.ts";
import type { Journal, RunOptions, StepId } from "./step.ts";

const SILENT: Journal = { info: () => {}, detail: () => {}, success: () => {}, warn: () => {}, error: () => {} };

export async function runStepsOn(warehouse: Warehouse, ids: readonly StepId[], options: Partial<RunOptions> = {}): Promise<void> {
  for (const id of ids) {
    const step = STEPS.find((candidate) => candidate.id === id)!;
    await step.run({ options: { sortie: "sortie", commande: "test", ...options }, journal: SILENT, entrepot: async () => warehouse });
  }
}

/** What the import used to leave behind: the harmonised values, the counts and the distances. */
export const DERIVED_STEPS: readonly StepId[] = ["harmoniser", "compter", "distances"];
