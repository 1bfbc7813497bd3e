// `observatoire publier`: builds the static site (portraits, commune sheets, indicators, methodology) into sortie/site/.
import type { Command } from "commander";
import { z } from "zod";
import { buildSite, type SiteReport } from "../../pipelines/publish/build-site.ts";
import { formatDuree, formatEntier, formatNombre } from "../../pipelines/core/format-fr.ts";
import { parseOptions, sortieOption, sortieSuffix, verbosityOf } from "../options.ts";
import { locked } from "../locked.ts";
import { Reporter } from "../output.ts";

export const publierOptionsSchema = z.object({ sortie: sortieOption });
export type PublierOptions = z.infer<typeof publierOptionsSchema>;

export function registerPublier(program: Command): void {
  program
    .command("publier")
    .description("construit le site statique (accueil, indicateurs, portraits d'EPCI, fiches communales, méthodologie) dans sortie/site")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .action(async (raw, command: Command) => {
      await runPublier(parseOptions(publierOptionsSchema, raw), new Reporter(verbosityOf(command.optsWithGlobals())));
    });
}

export async function runPublier(options: PublierOptions, reporter: Reporter): Promise<SiteReport> {
  return locked(options.sortie, "publier", reporter, async () => {
    reporter.info("Publication du site…");
    const report = await buildSite({
      sortie: options.sortie,
      onEtape: (message) => reporter.info(`  ${message}`),
      onFramework: (line) => reporter.detail(`    ${line}`),
    });
    const megaoctets = formatNombre(1)(report.octets / 2 ** 20);
    reporter.success(
      `Site construit dans ${report.dossier} : ${formatEntier(report.pages)} pages dont ${report.portraits} portraits d'EPCI et ${formatEntier(report.communes)} fiches communales, ${megaoctets} Mo, en ${formatDuree(report.dureeMs)}.`,
    );
    if (!report.contours) reporter.info("  Aucun contour de commune chargé : les pages montrent tableaux et graphiques, sans carte (voir la page Méthodologie pour en ajouter).");
    if (report.demo) reporter.warn("le site est construit sur des données de démonstration ; chaque page l'indique.");
    reporter.result(`Pour consulter le site (hors ligne) : npx observatoire apercu${sortieSuffix(options.sortie)}`);
    return report;
  });
}

