// The `observatoire` command: registers the commands and turns every error into a French message and an exit code.
import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { z } from "zod";
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
import { describeFailure, EXIT } from "./failures.ts";
import { Reporter } from "./output.ts";

export { EXIT } from "./failures.ts";

// Validation messages of zod (option values) in French, as every other message.
z.config(z.locales.fr());

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

/** Commander speaks English: its usage errors are said in French, its suggestions too; nothing falls through. */
const COMMANDER_MESSAGES: [RegExp, string][] = [
  [/^error: required option '(.+)' not specified/, "option obligatoire manquante : $1"],
  [/^error: unknown option '(.+?)'/, "option inconnue : $1"],
  [/^error: unknown command '(.+?)'/, "commande inconnue : $1"],
  [/^error: option '(.+)' argument missing/, "valeur manquante pour l'option $1"],
  [/^error: too many arguments(?: for '(.+?)')?\..*/, "trop d'arguments"],
  [/^error: missing required argument '(.+)'/, "argument obligatoire manquant : $1"],
  [/^error: (.+) cannot be used with (.+)/, "$1 et $2 ne peuvent pas être employées ensemble"],
  [/^error: option '(.+)' argument '(.+)' is invalid\..*/, "valeur « $2 » invalide pour l'option $1"],
];

export function translateCommanderMessage(text: string): string {
  const [first = "", ...rest] = text.trim().split("\n");
  const suggestion = rest.join(" ").match(/\(Did you mean (?:one of )?(.+?)\?\)/)?.[1];
  const pattern = COMMANDER_MESSAGES.find(([candidate]) => candidate.test(first));
  const french = pattern ? first.replace(pattern[0], pattern[1]) : "utilisation incorrecte de la commande";
  return `${french}${suggestion ? ` (vouliez-vous dire ${suggestion} ?)` : ""}\n`;
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
    .version(version, "-V, --version", "affiche la version de l'observatoire")
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
    return report(error, reporter);
  }
}

/** A failure said in French; the English details only for developers (OBSERVATOIRE_DEBUG=1). */
export function report(error: unknown, reporter = new Reporter()): number {
  const failure = describeFailure(error);
  for (const line of failure.lignes) reporter.error(line);
  if (process.env.OBSERVATOIRE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  return failure.code;
}
