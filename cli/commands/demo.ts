// `observatoire demo`: writes the demonstration data set in the official formats.
import type { Command } from "commander";
import { z } from "zod";
import { FRANCE, writeDemo } from "../../pipelines/demo/write-demo.ts";
import { formatEntier } from "../../pipelines/core/format-fr.ts";
import { parseOptions, territoireOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";

export const demoOptionsSchema = z.object({
  // FR: national demo with a BPE of national size, for the benchmark.
  territoire: z.union([z.literal(FRANCE), territoireOption]).default("32"),
  donnees: z.string().min(1).default("data/demo"),
});
export type DemoCommandOptions = z.infer<typeof demoOptionsSchema>;

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("écrit un jeu de données de démonstration aux formats officiels (Insee)")
    .option("-t, --territoire <code>", "code du département (défaut : 32), ou FR : France entière avec une BPE de taille nationale")
    .option("-d, --donnees <dossier>", "dossier où écrire les fichiers (défaut : data/demo)")
    .action(async (raw, command: Command) => {
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      await runDemo(parseOptions(demoOptionsSchema, raw), reporter);
    });
}

export async function runDemo(options: DemoCommandOptions, reporter: Reporter): Promise<void> {
  reporter.info(`Écriture des données de démonstration du territoire ${options.territoire} dans ${options.donnees}…`);
  const summary = await writeDemo({ territoire: options.territoire, dossier: options.donnees });
  for (const file of summary.fichiers) reporter.detail(`  ${file.chemin} (${file.lignes} lignes)`);
  reporter.success(`${summary.fichiers.length} fichiers écrits pour ${formatEntier(summary.communes)} communes.`);
  reporter.warn("Données de démonstration : générées, elles ne sont pas des statistiques officielles.");
}
