// `observatoire demo`: writes the demonstration data set in the official formats (skipped when the same data set,
// by the same code, is already there).
import type { Command } from "commander";
import { z } from "zod";
import { DEFAULT_OUTPUT_DIR } from "../../pipelines/core/paths.ts";
import { FRANCE } from "../../pipelines/demo/write-demo.ts";
import { runSteps } from "../../pipelines/steps/runner.ts";
import { parseOptions, territoireOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";

const optionsSchema = z.object({
  // FR: national demo with a BPE of national size, for the benchmark.
  territoire: z.union([z.literal(FRANCE), territoireOption]).default("32"),
  donnees: z.string().min(1).default("data/demo"),
  force: z.boolean().default(false),
});

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("écrit un jeu de données de démonstration aux formats officiels (Insee)")
    .option("-t, --territoire <code>", "code du département (défaut : 32), ou FR : France entière avec une BPE de taille nationale")
    .option("-d, --donnees <dossier>", "dossier où écrire les fichiers (défaut : data/demo)")
    .option("-f, --force", "réécrit les fichiers même s'ils sont déjà là")
    .action(async (raw, command: Command) => {
      const options = parseOptions(optionsSchema, raw);
      await runSteps({
        cibles: ["demo"],
        options: { sortie: DEFAULT_OUTPUT_DIR, territoire: options.territoire, dossierDemo: options.donnees, commande: "demo" },
        forcer: options.force ? ["demo"] : undefined,
        journal: new Reporter(verbosityOf(command.optsWithGlobals())),
      });
    });
}
