// The `observatoire` command: registers the commands and turns every error into a French message and an exit code.
import { Command, CommanderError } from "commander";
import { DataError, FailedDownloadsError, PartialRunError, UsageError } from "../pipelines/errors.ts";
import { registerApercu } from "./commands/apercu.ts";
import { registerCalculer } from "./commands/calculer.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerEtat } from "./commands/etat.ts";
import { registerImporter } from "./commands/importer.ts";
import { registerIndicateurs } from "./commands/indicateurs.ts";
import { registerOffre } from "./commands/offre.ts";
import { registerPdf } from "./commands/pdf.ts";
import { registerPipeline } from "./commands/pipeline.ts";
import { registerPublier } from "./commands/publier.ts";
import { registerRapport } from "./commands/rapport.ts";
import { registerTelecharger } from "./commands/telecharger.ts";
import { Reporter } from "./output.ts";

/** 3: the run went to its end and committed the rest, but some files were refused (listed with their reason). */
export const EXIT = { succes: 0, donnees: 1, usage: 2, partiel: 3 } as const;

/** Commander speaks English: its usage errors are translated here. */
const COMMANDER_MESSAGES: [RegExp, string][] = [
  [/^error: required option '(.+)' not specified/, "option obligatoire manquante : $1"],
  [/^error: unknown option '(.+)'/, "option inconnue : $1"],
  [/^error: unknown command '(.+)'/, "commande inconnue : $1"],
  [/^error: option '(.+)' argument missing/, "valeur manquante pour l'option $1"],
  [/^error: too many arguments.*/, "trop d'arguments"],
  [/^error: missing required argument '(.+)'/, "argument obligatoire manquant : $1"],
];

function translateCommanderMessage(text: string): string {
  for (const [pattern, french] of COMMANDER_MESSAGES) if (pattern.test(text)) return `${text.replace(pattern, french).trim()}\n`;
  return text.replace(/^error: /, "");
}

const HELP_TITLES: Record<string, string> = {
  "Usage:": "Utilisation :",
  "Options:": "Options :",
  "Commands:": "Commandes :",
  "Arguments:": "Arguments :",
  "Global Options:": "Options globales :",
};

export function buildProgram(): Command {
  const program = new Command("observatoire")
    .description("Observatoire territorial du GIP Gers Solidaire : données Insee et CAF, indicateurs, portraits de territoire.")
    .option("-q, --quiet", "n'affiche que les résultats et les erreurs")
    .option("-v, --verbose", "affiche le détail de chaque étape")
    .helpOption("-h, --help", "affiche l'aide")
    .helpCommand("aide [commande]", "affiche l'aide d'une commande")
    .configureOutput({ outputError: (text, write) => write(`Erreur : ${translateCommanderMessage(text)}`) })
    .showHelpAfterError("(consultez « observatoire --help »)")
    .configureHelp({ styleTitle: (title) => HELP_TITLES[title] ?? title, showGlobalOptions: true })
    .exitOverride();
  registerTelecharger(program);
  registerDemo(program);
  registerImporter(program);
  registerEtat(program);
  registerCalculer(program);
  registerIndicateurs(program);
  registerOffre(program);
  registerPublier(program);
  registerPdf(program);
  registerApercu(program);
  registerRapport(program);
  registerPipeline(program);
  for (const command of program.commands) {
    command.exitOverride().helpOption("-h, --help", "affiche l'aide").configureHelp(program.configureHelp());
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const reporter = new Reporter();
  try {
    await buildProgram().parseAsync(argv);
    return EXIT.succes;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.succes : EXIT.usage;
    if (error instanceof PartialRunError) {
      reporter.error(
        `${error.refuses} fichier(s) refusé(s), listé(s) ci-dessus avec leur motif ; les autres fichiers sont chargés et le traitement est allé à son terme.`,
      );
      return EXIT.partiel;
    }
    if (error instanceof FailedDownloadsError) {
      reporter.error(
        `${error.echecs} téléchargement(s) sur ${error.total} en échec, listé(s) ci-dessus avec l'adresse et le motif ; les autres fichiers sont en place. Relancez la commande : les transferts interrompus reprennent où ils se sont arrêtés.`,
      );
      return EXIT.donnees;
    }
    if (error instanceof UsageError) {
      reporter.error(error.message + (error.suggestion ? `\n  → ${error.suggestion}` : ""));
      return EXIT.usage;
    }
    const dataErrors = error instanceof AggregateError ? error.errors : [error];
    if (dataErrors.every((item) => item instanceof DataError)) {
      for (const item of dataErrors as DataError[]) reporter.error(item.describe());
      reporter.error("le traitement est interrompu ; l'entrepôt précédent est conservé intact.");
      return EXIT.donnees;
    }
    throw error;
  }
}
