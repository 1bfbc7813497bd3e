// `observatoire calculer`: computes the 40 indicators at every level and writes the exports (after the
// harmonisation, counts and distances the import calls for, each skipped when its inputs have not changed).
import type { Command } from "commander";
import { z } from "zod";
import { parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { runCommandSteps } from "../steps.ts";

const optionsSchema = z.object({ sortie: sortieOption, force: z.boolean().default(false) });

export function registerCalculer(program: Command): void {
  program
    .command("calculer")
    .description("calcule les 40 indicateurs (communes, EPCI, département, région, France) et écrit les exports")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-f, --force", "recalcule même si rien n'a changé depuis le dernier calcul")
    .action(async (raw, command: Command) => {
      const options = parseOptions(optionsSchema, raw);
      await runCommandSteps(
        { cibles: ["calculer"], options: { sortie: options.sortie, commande: "calculer" }, forcer: options.force ? ["calculer"] : undefined },
        new Reporter(verbosityOf(command.optsWithGlobals())),
      );
    });
}
