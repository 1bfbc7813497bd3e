// `observatoire importer`: loads every known source file under the data folders into the warehouse.
import type { Command } from "commander";
import { z } from "zod";
import { UsageError } from "../../pipelines/core/errors.ts";
import { PROJECT_ROOT } from "../../pipelines/core/paths.ts";
import { lireSel, type Pseudonymisation } from "../../pipelines/ingest/pseudonymise.ts";
import { collect, donneesOption, parseOptions, sortieOption, territoireOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { runCommandSteps } from "../steps.ts";

export const importOptionsSchema = z.object({
  donnees: donneesOption,
  sortie: sortieOption,
  territoire: territoireOption.default("32"),
  /** Activity logs: identifying columns replaced by a salted hash instead of refused. */
  pseudonymiser: z.boolean().default(false),
  sel: z.string().min(1).optional(),
});

export type ImportCommandOptions = z.infer<typeof importOptionsSchema>;

export function registerImporter(program: Command): void {
  program
    .command("importer")
    .description("charge dans l'entrepôt tous les fichiers sources reconnus des dossiers de données")
    .requiredOption("-d, --donnees <dossier>", "dossier de données (répétable : le dernier l'emporte)", collect)
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-t, --territoire <code>", "code du département étudié (défaut : 32)")
    .option("--pseudonymiser", "journaux d'activité : remplace les colonnes identifiantes (nom, téléphone, courriel…) par une empreinte salée au lieu de refuser le fichier")
    .option("--sel <fichier>", "fichier du sel de --pseudonymiser, hors du projet (défaut : variable OBSERVATOIRE_SEL)")
    .option("-f, --force", "relit les dossiers même si aucun fichier n'a changé depuis le dernier import")
    .action(async (raw, command: Command) => {
      const options = parseOptions(importOptionsSchema.extend({ force: z.boolean().default(false) }), raw);
      await runCommandSteps(
        { cibles: ["importer"], options: { ...options, pseudonymisation: pseudonymisationOf(options), commande: "importer" }, forcer: options.force ? ["importer"] : undefined },
        new Reporter(verbosityOf(command.optsWithGlobals())),
      );
    });
}

/** The salt, read once the options are valid; none without --pseudonymiser. */
export function pseudonymisationOf(options: ImportCommandOptions): Pseudonymisation | undefined {
  if (options.sel && !options.pseudonymiser) throw new UsageError("--sel n'a d'effet qu'avec --pseudonymiser.");
  return options.pseudonymiser ? lireSel({ fichier: options.sel, projet: PROJECT_ROOT }) : undefined;
}
