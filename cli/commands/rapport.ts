// `observatoire rapport --annee AAAA`: the GIP's annual activity report (totals, changes, weekly averages, monthly
// series, motives, EPCIs, camping-car), small counts masked, in the terminal and in sortie/exports/rapport-AAAA.*.
import type { Command } from "commander";
import { z } from "zod";
import { construireRapport, type Rapport } from "../../pipelines/activity/report.ts";
import { anneesActivite } from "../../pipelines/activity/report-data.ts";
import { resume, sectionsRapport, titreRapport, AVERTISSEMENT_DEMO } from "../../pipelines/activity/report-format.ts";
import { writeReport } from "../../pipelines/activity/write-report.ts";
import { UsageError } from "../../pipelines/core/errors.ts";
import { openExistingWarehouse } from "../../pipelines/core/atomic-build.ts";
import { parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { locked } from "../locked.ts";
import { Reporter } from "../output.ts";
import { alignColumns } from "../table.ts";

export const rapportOptionsSchema = z.object({
  annee: z.coerce.number({ error: "année attendue sur quatre chiffres (ex. 2020)" }).int().min(2000, "année attendue sur quatre chiffres (ex. 2020)").max(2100).optional(),
  sortie: sortieOption,
});
export type RapportOptions = z.infer<typeof rapportOptionsSchema>;

export function registerRapport(program: Command): void {
  program
    .command("rapport")
    .description("rapport d'activité annuel du GIP (appels, interactions, colis, camping-car, fiches, site internet), petits effectifs masqués")
    .option("-a, --annee <année>", "année du rapport (défaut : la plus récente des journaux chargés)")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .action(async (raw, command: Command) => {
      await runRapport(parseOptions(rapportOptionsSchema, raw), new Reporter(verbosityOf(command.optsWithGlobals())), { tableaux: true });
    });
}

/** In the pipeline (`tableaux: false`) only the summary is printed; without any log, the step says so and succeeds. */
export async function runRapport(options: RapportOptions, reporter: Reporter, { tableaux }: { tableaux: boolean }): Promise<Rapport | undefined> {
  return locked(options.sortie, "rapport", reporter, async () => {
    const warehouse = await openExistingWarehouse(options.sortie);
    if (!warehouse) throw new UsageError(`aucun entrepôt dans ${options.sortie}.`, "Lancez d'abord « observatoire pipeline --donnees <dossier> » ou « npm start ».");
    let rapport: Rapport;
    try {
      const annees = await anneesActivite(warehouse);
      const annee = options.annee ?? annees.at(-1);
      if (annee === undefined) {
        reporter.info("Aucun journal d'activité du GIP n'est chargé : pas de rapport d'activité (formats attendus : docs/journaux-activite.md).");
        return undefined;
      }
      if (!annees.includes(annee)) {
        throw new UsageError(`aucun journal d'activité du GIP pour ${annee}.`, annees.length ? `Années disponibles : ${annees.join(", ")}.` : "Chargez d'abord les journaux avec « observatoire importer ».");
      }
      reporter.info(`Rapport d'activité ${annee}…`);
      rapport = await construireRapport(warehouse, annee);
    } finally {
      warehouse.close();
    }
    const fichiers = writeReport(options.sortie, rapport);
    if (tableaux) reporter.result(texteTerminal(rapport));
    else reporter.info(`  ${resume(rapport)}`);
    reporter.success(`Rapport d'activité ${rapport.annee} écrit : ${fichiers.join(", ")}.`);
    if (rapport.demo) reporter.warn("Données de démonstration : ces chiffres ne sont pas des statistiques officielles.");
    return rapport;
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
