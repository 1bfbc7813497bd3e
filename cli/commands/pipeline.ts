// `observatoire pipeline`: every step in order. Later steps (calcul, publication, PDF, rapport) join PIPELINE_STEPS.
import type { Command } from "commander";
import { PartialRunError } from "../../pipelines/core/errors.ts";
import { collect, parseOptions, sortieSuffix, verbosityOf } from "../options.ts";
import { locked } from "../locked.ts";
import { Reporter } from "../output.ts";
import { runCalcul } from "./calculer.ts";
import { importOptionsSchema, runImport, type ImportCommandOptions } from "./importer.ts";
import { runOffre } from "./offre.ts";
import { runPdf } from "./pdf.ts";
import { runPublier } from "./publier.ts";
import { runRapport } from "./rapport.ts";

interface PipelineStep {
  id: string;
  libelle: string;
  /** What the step did; files it refused make the whole run end with the « some files refused » code. */
  run: (options: ImportCommandOptions, reporter: Reporter) => Promise<StepOutcome>;
}

interface StepOutcome {
  refuses?: number;
}

const done = async (work: Promise<unknown>): Promise<StepOutcome> => {
  await work;
  return {};
};

export const PIPELINE_STEPS: PipelineStep[] = [
  { id: "importer", libelle: "Import des fichiers sources", run: async (options, reporter) => ({ refuses: (await runImport(options, reporter, "pipeline")).refuses.length }) },
  { id: "calculer", libelle: "Calcul des indicateurs", run: (options, reporter) => done(runCalcul(options, reporter)) },
  { id: "offre", libelle: "Analyse de l'offre sociale", run: (options, reporter) => done(runOffre(options, reporter)) },
  // The latest year of the GIP's activity logs; without any log the step says so and succeeds.
  { id: "rapport", libelle: "Rapport d'activité du GIP", run: (options, reporter) => done(runRapport({ sortie: options.sortie }, reporter, { tableaux: false })) },
  { id: "publier", libelle: "Publication du site", run: (options, reporter) => done(runPublier(options, reporter)) },
  // Without a browser the step explains how to get one and the pipeline still succeeds.
  { id: "pdf", libelle: "Portraits PDF des EPCI", run: (options, reporter) => done(runPdf({ sortie: options.sortie, communes: false }, reporter)) },
];

export function registerPipeline(program: Command): void {
  program
    .command("pipeline")
    .description(`enchaîne toutes les étapes : ${PIPELINE_STEPS.map((step) => step.id).join(", ")}`)
    .requiredOption("-d, --donnees <dossier>", "dossier de données (répétable : le dernier l'emporte)", collect)
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-t, --territoire <code>", "code du département étudié (défaut : 32)")
    .option("--pseudonymiser", "journaux d'activité : remplace les colonnes identifiantes par une empreinte salée (voir « importer --help »)")
    .option("--sel <fichier>", "fichier du sel de --pseudonymiser, hors du projet (défaut : variable OBSERVATOIRE_SEL)")
    .action(async (raw, command: Command) => {
      const options = parseOptions(importOptionsSchema, raw);
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      let refuses = 0;
      await locked(options.sortie, "pipeline", reporter, async () => {
        for (const [index, step] of PIPELINE_STEPS.entries()) {
          reporter.info(`\n[${index + 1}/${PIPELINE_STEPS.length}] ${step.libelle}`);
          refuses += (await step.run(options, reporter)).refuses ?? 0;
        }
      });
      const sortieArg = sortieSuffix(options.sortie);
      reporter.success(`Pipeline terminé. Site : « npx observatoire apercu${sortieArg} » ; contenu de l'entrepôt : « npx observatoire etat${sortieArg} ».`);
      if (refuses) throw new PartialRunError(refuses);
    });
}
