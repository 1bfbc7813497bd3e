// Step « rapport »: the GIP's annual activity report of a year (by default the latest of the logs), small counts
// masked, written to sortie/exports/rapport-AAAA.*. Without any log the step says so and succeeds.
import { construireRapport, type Rapport } from "../activity/report.ts";
import { anneesActivite } from "../activity/report-data.ts";
import { resume } from "../activity/report-format.ts";
import { writeReport } from "../activity/write-report.ts";
import { openExistingWarehouse } from "../core/atomic-build.ts";
import { UsageError } from "../core/errors.ts";
import { EXPORTS_DIR } from "../core/paths.ts";
import { table, TABLES } from "../core/tables.ts";
import type { Step } from "./step.ts";

export const rapport: Step<Rapport | undefined> = {
  id: "rapport",
  libelle: "Rapport d'activité du GIP",
  lit: [
    TABLES.gipAppels, TABLES.gipInteractions, TABLES.gipCourtoisie, TABLES.gipColis, TABLES.gipCampingCar, TABLES.gipViolences, TABLES.gipSiteWeb,
    TABLES.gipComptes, TABLES.indicateurs, TABLES.valeursCog, TABLES.cogPassage,
    TABLES.geoCommune, TABLES.geoEpci, TABLES.geoEpciMembre, TABLES.geoTerritoire,
  ].map(table),
  ecrit: [`sortie:${EXPORTS_DIR}/rapport-*`],
  code: ["pipelines/activity", "pipelines/secret", "pipelines/harmonise/source-priority.ts", "indicators", "sources", "pipelines/core"],
  entrepot: false,
  entrees: (options) => String(options.annee ?? "dernière année"),
  async run({ options, journal }) {
    const warehouse = await openExistingWarehouse(options.sortie);
    if (!warehouse) throw new UsageError(`aucun entrepôt dans ${options.sortie}.`, "Lancez d'abord « observatoire pipeline --donnees <dossier> » ou « npm start ».");
    let rapport: Rapport;
    try {
      const annees = await anneesActivite(warehouse);
      const annee = options.annee ?? annees.at(-1);
      if (annee === undefined) {
        journal.info("Aucun journal d'activité du GIP n'est chargé : pas de rapport d'activité (formats attendus : docs/journaux-activite.md).");
        return undefined;
      }
      if (!annees.includes(annee)) {
        throw new UsageError(`aucun journal d'activité du GIP pour ${annee}.`, annees.length ? `Années disponibles : ${annees.join(", ")}.` : "Chargez d'abord les journaux avec « observatoire importer ».");
      }
      journal.info(`Rapport d'activité ${annee}…`);
      rapport = await construireRapport(warehouse, annee);
    } finally {
      warehouse.close();
    }
    const fichiers = writeReport(options.sortie, rapport);
    journal.info(`  ${resume(rapport)}`);
    journal.success(`Rapport d'activité ${rapport.annee} écrit : ${fichiers.join(", ")}.`);
    if (rapport.demo) journal.warn("Données de démonstration : ces chiffres ne sont pas des statistiques officielles.");
    return rapport;
  },
};
