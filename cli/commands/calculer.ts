// `observatoire calculer`: computes the 40 indicators at every level and writes the exports.
import type { Command } from "commander";
import { z } from "zod";
import { computeIndicators, type ComputeReport } from "../../pipelines/compute/compute-indicators.ts";
import { formatEntier } from "../../pipelines/core/format-fr.ts";
import { writeExports } from "../../pipelines/exports/write-exports.ts";
import { withWarehouseBuild } from "../../pipelines/core/atomic-build.ts";
import { parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { locked } from "../locked.ts";
import { Reporter } from "../output.ts";

const STATUS_LABELS: Record<string, string> = {
  ok: "disponibles",
  secret: "sous secret statistique",
  manquant: "manquantes",
  non_applicable: "non applicables",
};

export const calculOptionsSchema = z.object({ sortie: sortieOption });
export type CalculOptions = z.infer<typeof calculOptionsSchema>;

export function registerCalculer(program: Command): void {
  program
    .command("calculer")
    .description("calcule les 40 indicateurs (communes, EPCI, département, région, France) et écrit les exports")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .action(async (raw, command: Command) => {
      await runCalcul(parseOptions(calculOptionsSchema, raw), new Reporter(verbosityOf(command.optsWithGlobals())));
    });
}

export async function runCalcul(options: CalculOptions, reporter: Reporter): Promise<ComputeReport> {
  return locked(options.sortie, "calculer", reporter, async () => {
    reporter.info("Calcul des indicateurs…");
    const { report, exports } = await withWarehouseBuild(options.sortie, async (warehouse) => {
      const computed = await computeIndicators(warehouse);
      return { report: computed, exports: await writeExports(warehouse, options.sortie) };
    }, { existant: true });
    // The run succeeds: the indicator is published as « manquant », which the officer should know about.
    for (const missing of report.absentes) {
      reporter.warn(
        `indicateur n° ${missing.numero} « ${missing.id} » : ${missing.variables.length > 1 ? "variables absentes" : "variable absente"} de l'entrepôt (${missing.variables.join(", ")}) ; aucune source chargée ne ${missing.variables.length > 1 ? "les" : "la"} fournit. Valeurs « manquant ».`,
      );
    }
    for (const rupture of report.ruptures) {
      reporter.info(
        `  indicateur n° ${rupture.numero} « ${rupture.id} » : pas d'évolution entre les deux recensements, la nomenclature change (${rupture.variables.join(" ; ")}).`,
      );
    }
    const parts = Object.entries(report.statuts).map(([statut, n]) => `${formatEntier(n)} ${STATUS_LABELS[statut] ?? statut}`);
    reporter.success(`${formatEntier(report.lignes)} valeurs calculées : ${parts.join(", ")}.`);
    reporter.success(`Exports écrits dans ${exports.dossier} : ${exports.fichiers.join(", ")}.`);
    return report;
  });
}

