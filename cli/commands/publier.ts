// `observatoire publier`: builds the static site (portraits, commune sheets, indicators, methodology) into sortie/site/.
import type { Command } from "commander";
import { z } from "zod";
import { parseOptions, sortieOption, sortieSuffix, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { runCommandSteps } from "../steps.ts";

const optionsSchema = z.object({ sortie: sortieOption, force: z.boolean().default(false) });

export function registerPublier(program: Command): void {
  program
    .command("publier")
    .description("construit le site statique (accueil, indicateurs, portraits d'EPCI, fiches communales, méthodologie) dans sortie/site")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-f, --force", "reconstruit le site même si rien n'a changé depuis la dernière publication")
    .action(async (raw, command: Command) => {
      const options = parseOptions(optionsSchema, raw);
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      await runCommandSteps({ cibles: ["publier"], options: { sortie: options.sortie, commande: "publier" }, forcer: options.force ? ["publier"] : undefined }, reporter);
      reporter.result(`Pour consulter le site (hors ligne) : npx observatoire apercu${sortieSuffix(options.sortie)}`);
    });
}
