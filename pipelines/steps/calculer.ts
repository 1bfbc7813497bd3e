// Step « calculer »: the 40 indicators for the communes, EPCIs, département, région and France, then their exports.
import { computeIndicators, type ComputeReport } from "../compute/compute-indicators.ts";
import { formatEntier } from "../core/format-fr.ts";
import { EXPORTS_DIR } from "../core/paths.ts";
import { STATUT_LIBELLES, type Statut } from "../core/statuts.ts";
import { table, TABLES } from "../core/tables.ts";
import { OWN_FILES, writeExports } from "../exports/write-exports.ts";
import type { Step } from "./step.ts";

export const calculer: Step<ComputeReport> = {
  id: "calculer",
  libelle: "Calcul des indicateurs",
  lit: [
    TABLES.valeursCog, TABLES.bpeComptes, TABLES.gipComptes, TABLES.accesValeurs, TABLES.inseeDictionnaire,
    TABLES.geoRegion, TABLES.geoDepartement, TABLES.geoEpci, TABLES.geoEpciMembre, TABLES.geoCommune, TABLES.geoTerritoire,
  ].map(table),
  ecrit: [...[TABLES.calcPerimetre, TABLES.valeurs, TABLES.indicateurs].map(table), ...[...OWN_FILES].map((name) => `sortie:${EXPORTS_DIR}/${name}` as const)],
  code: ["pipelines/compute", "pipelines/secret", "pipelines/exports", "pipelines/harmonise/source-priority.ts", "indicators", "sources", "pipelines/core"],
  entrepot: true,
  async run({ options, journal, entrepot }) {
    journal.info("Calcul des indicateurs…");
    const warehouse = await entrepot();
    const report = await computeIndicators(warehouse);
    const exports = await writeExports(warehouse, options.sortie);
    // The run succeeds: the indicator is published as « manquant », which the officer should know about.
    for (const missing of report.absentes) {
      journal.warn(
        `indicateur n° ${missing.numero} « ${missing.id} » : ${missing.variables.length > 1 ? "variables absentes" : "variable absente"} de l'entrepôt (${missing.variables.join(", ")}) ; aucune source chargée ne ${missing.variables.length > 1 ? "les" : "la"} fournit. Valeurs « manquant ».`,
      );
    }
    for (const rupture of report.ruptures) {
      journal.info(
        `  indicateur n° ${rupture.numero} « ${rupture.id} » : pas d'évolution entre les deux recensements, la nomenclature change (${rupture.variables.join(" ; ")}).`,
      );
    }
    const parts = Object.entries(report.statuts).map(([statut, n]) => `${formatEntier(n)} ${STATUT_LIBELLES[statut as Statut] ?? statut}`);
    journal.success(`${formatEntier(report.lignes)} valeurs calculées : ${parts.join(", ")}.`);
    journal.success(`Exports écrits dans ${exports.dossier} : ${exports.fichiers.join(", ")}.`);
    return report;
  },
};
