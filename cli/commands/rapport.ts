// `observatoire rapport --annee AAAA`: the GIP's annual activity report (totals, changes, weekly averages, monthly
// series, motives, EPCIs, camping-car), small counts masked, in the terminal and in sortie/exports/rapport-AAAA.*.
import type { Command } from "commander";
import { z } from "zod";
import type { Rapport } from "../../pipelines/activity/report.ts";
import { sectionsRapport, titreRapport, AVERTISSEMENT_DEMO } from "../../pipelines/activity/report-format.ts";
import { parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { resultOf, runCommandSteps } from "../steps.ts";
import { alignColumns } from "../table.ts";

export const rapportOptionsSchema = z.object({
  annee: z.coerce.number({ error: "année attendue sur quatre chiffres (ex. 2020)" }).int().min(2000, "année attendue sur quatre chiffres (ex. 2020)").max(2100).optional(),
  sortie: sortieOption,
});

export function registerRapport(program: Command): void {
  program
    .command("rapport")
    .description("rapport d'activité annuel du GIP (appels, interactions, colis, camping-car, fiches, site internet), petits effectifs masqués")
    .option("-a, --annee <année>", "année du rapport (défaut : la plus récente des journaux chargés)")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .action(async (raw, command: Command) => {
      const options = parseOptions(rapportOptionsSchema, raw);
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      // Asked for, the report is always built again (a few seconds) and shown in full.
      const outcomes = await runCommandSteps({ cibles: ["rapport"], options: { ...options, commande: "rapport" }, forcer: ["rapport"] }, reporter);
      const rapport = resultOf<Rapport>(outcomes, "rapport");
      if (rapport) reporter.result(texteTerminal(rapport));
    });
}

function texteTerminal(rapport: Rapport): string {
  const lines = [titreRapport(rapport)];
  if (rapport.demo) lines.push(AVERTISSEMENT_DEMO);
  for (const section of sectionsRapport(rapport)) {
    lines.push("", section.titre);
    for (const paragraphe of section.paragraphes) lines.push(`  ${paragraphe}`);
    if (section.tableau) lines.push(...alignColumns([section.tableau.entete, ...section.tableau.lignes], section.tableau.nombres));
  }
  return lines.join("\n");
}
