// `observatoire pipeline`: every step in order. Later steps (calcul, publication, PDF, rapport) join PIPELINE_STEPS.
import type { Command } from "commander";
import { collect, parseOptions, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { runCalcul } from "./calculer.ts";
import { importOptionsSchema, runImport, type ImportCommandOptions } from "./importer.ts";

interface PipelineStep {
  id: string;
  libelle: string;
  run: (options: ImportCommandOptions, reporter: Reporter) => Promise<unknown>;
}

export const PIPELINE_STEPS: PipelineStep[] = [
  { id: "importer", libelle: "Import des fichiers sources", run: (options, reporter) => runImport(options, reporter, "pipeline") },
  { id: "calculer", libelle: "Calcul des indicateurs", run: (options, reporter) => runCalcul(options, reporter) },
];

export function registerPipeline(program: Command): void {
  program
    .command("pipeline")
    .description(`enchaîne toutes les étapes : ${PIPELINE_STEPS.map((step) => step.id).join(", ")}`)
    .requiredOption("-d, --donnees <dossier>", "dossier de données (répétable : le dernier l'emporte)", collect)
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-t, --territoire <code>", "code du département étudié (défaut : 32)")
    .action(async (raw, command: Command) => {
      const options = parseOptions(importOptionsSchema, raw);
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      for (const [index, step] of PIPELINE_STEPS.entries()) {
        reporter.info(`\n[${index + 1}/${PIPELINE_STEPS.length}] ${step.libelle}`);
        await step.run(options, reporter);
      }
      reporter.success(`Pipeline terminé. Consultez « npx observatoire etat --sortie ${options.sortie} ».`);
    });
}
