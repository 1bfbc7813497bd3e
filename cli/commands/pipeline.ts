// `observatoire pipeline`: every step, in the order their declarations give; a step whose inputs have not changed
// since its last run is skipped, and the account says which ran, why, and how long each took.
import type { Command } from "commander";
import { z } from "zod";
import { STEPS } from "../../pipelines/steps/registry.ts";
import type { StepId } from "../../pipelines/steps/step.ts";
import { collect, parseOptions, sortieSuffix, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { describeOutcomes, runCommandSteps } from "../steps.ts";
import { importOptionsSchema, pseudonymisationOf } from "./importer.ts";

/** Everything but the demo, which `npm start` runs first. */
const CIBLES = STEPS.filter((step) => step.id !== "demo").map((step) => step.id);

const forceOption = z
  .union([z.literal(true), z.string()])
  .optional()
  .transform((value, context) => {
    if (value === undefined || value === true) return value;
    const ids = value.split(",").map((id) => id.trim());
    const unknown = ids.find((id) => !CIBLES.includes(id as StepId));
    if (unknown !== undefined) {
      context.addIssue({ code: "custom", message: `étape inconnue « ${unknown} » (étapes : ${CIBLES.join(", ")})` });
      return z.NEVER;
    }
    return ids as StepId[];
  });

export function registerPipeline(program: Command): void {
  program
    .command("pipeline")
    .description(`enchaîne toutes les étapes : ${CIBLES.join(", ")} (une étape dont les entrées n'ont pas changé est sautée)`)
    .requiredOption("-d, --donnees <dossier>", "dossier de données (répétable : le dernier l'emporte)", collect)
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-t, --territoire <code>", "code du département étudié (défaut : 32)")
    .option("--pseudonymiser", "journaux d'activité : remplace les colonnes identifiantes par une empreinte salée (voir « importer --help »)")
    .option("--sel <fichier>", "fichier du sel de --pseudonymiser, hors du projet (défaut : variable OBSERVATOIRE_SEL)")
    .option("-f, --force [etapes]", `relance toutes les étapes, ou celles nommées (séparées par des virgules : ${CIBLES.join(", ")})`)
    .action(async (raw, command: Command) => {
      const { force, ...options } = parseOptions(importOptionsSchema.extend({ force: forceOption }), raw);
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      const sortieArg = sortieSuffix(options.sortie);
      await runCommandSteps(
        {
          cibles: CIBLES,
          options: { ...options, pseudonymisation: pseudonymisationOf(options), commande: "pipeline" },
          forcer: force,
          onDebut: (step, index, total) => reporter.info(`\n[${index + 1}/${total}] ${step.libelle}`),
        },
        reporter,
        {
          bilan: (outcomes) => {
            reporter.info(`\n${describeOutcomes(outcomes)}`);
            reporter.success(`Pipeline terminé. Site : « npx observatoire apercu${sortieArg} » ; contenu de l'entrepôt : « npx observatoire etat${sortieArg} ».`);
          },
        },
      );
    });
}
