// `observatoire pdf`: prints the built site's EPCI portraits (and, on request, the commune sheets) to A4 PDF.
import type { Command } from "commander";
import { z } from "zod";
import { collect, parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { runCommandSteps } from "../steps.ts";

const optionsSchema = z.object({
  sortie: sortieOption,
  epci: z.array(z.string().regex(/^\d{9}$/, "code SIREN d'EPCI attendu (9 chiffres)")).optional(),
  communes: z.boolean().default(false),
  commune: z.array(z.string().regex(/^(\d{5}|2[AB]\d{3})$/, "code Insee de commune attendu (5 caractères, ex. 32013)")).optional(),
  annexe: z.boolean().default(false),
  force: z.boolean().default(false),
});

export function registerPdf(program: Command): void {
  program
    .command("pdf")
    .description("imprime en PDF (A4) les portraits des EPCI et des périmètres d'étude du site construit (4 pages), leur annexe avec --annexe, et les fiches communales (2 pages) avec --communes ou --commune")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-e, --epci <code>", "code SIREN d'un EPCI (répétable ; défaut : les EPCI du territoire et les périmètres d'étude)", collect)
    .option("-c, --communes", "imprime aussi les fiches communales (de tout le territoire, ou des EPCI choisis)")
    .option("--commune <code>", "imprime la fiche d'une commune (code Insee, répétable), sans les portraits", collect)
    .option("-a, --annexe", "imprime aussi l'annexe de chaque portrait : le tableau des 40 indicateurs, dans un fichier à part")
    .option("-f, --force", "imprime à nouveau même si le site n'a pas changé")
    .action(async (raw, command: Command) => {
      const { force, ...options } = parseOptions(optionsSchema, raw);
      await runCommandSteps({ cibles: ["pdf"], options: { ...options, commande: "pdf" }, forcer: force ? ["pdf"] : undefined }, new Reporter(verbosityOf(command.optsWithGlobals())));
    });
}
