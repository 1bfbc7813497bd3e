// A command runs its steps through the runner, under the output folder's lock: unchanged steps are skipped, and a
// data step's refused files end the command with the « some files refused » code.
import { PartialRunError } from "../pipelines/core/errors.ts";
import { formatDuree } from "../pipelines/core/format-fr.ts";
import type { ImportReport } from "../pipelines/ingest/import-files.ts";
import { runSteps, type RunRequest } from "../pipelines/steps/runner.ts";
import type { StepOutcome } from "../pipelines/steps/step.ts";
import { locked } from "./locked.ts";
import type { Reporter } from "./output.ts";
import { alignColumns } from "./table.ts";

export async function runCommandSteps(request: Omit<RunRequest, "journal">, reporter: Reporter, { bilan }: { bilan?: (outcomes: StepOutcome[]) => void } = {}): Promise<StepOutcome[]> {
  const outcomes = await locked(request.options.sortie, request.options.commande, reporter, () => runSteps({ ...request, journal: reporter }));
  bilan?.(outcomes);
  const refused = resultOf<ImportReport>(outcomes, "importer")?.refuses.length ?? 0;
  if (refused) throw new PartialRunError(refused);
  return outcomes;
}

/** The pipeline's account: each step, run or skipped (and why), and its time. */
export function describeOutcomes(outcomes: readonly StepOutcome[]): string {
  const rows = outcomes.map((outcome) => [outcome.id, outcome.etat === "execute" ? "exécutée" : "inchangée", outcome.etat === "execute" ? outcome.motif : "", formatDuree(outcome.dureeMs)]);
  return ["Étapes :", ...alignColumns([["étape", "état", "motif", "durée"], ...rows], [3])].join("\n");
}

/** The result a command shows, from its own step (undefined when skipped). */
export function resultOf<T>(outcomes: readonly StepOutcome[], id: StepOutcome["id"]): T | undefined {
  return outcomes.find((outcome) => outcome.id === id)?.resultat as T | undefined;
}
