// Step « publier »: the static site (home, indicators, EPCI portraits, commune sheets, offer, activity, methodology)
// in sortie/site/, built beside the last one and swapped in when complete.
import { EXPORTS_DIR, SITE_DIR } from "../core/paths.ts";
import { formatDuree, formatEntier, formatNombre } from "../core/format-fr.ts";
import { table, TABLES, type TableName } from "../core/tables.ts";
import { OWN_FILES } from "../exports/write-exports.ts";
import { OFFER_EXPORTS } from "../offer/write-offer-exports.ts";
import { buildSite, type SiteReport } from "../publish/build-site.ts";
import type { Step } from "./step.ts";

/** The site shows every layer but the raw values and the logs' rows. */
const READ: TableName[] = [
  TABLES.journalImport, TABLES.rejets, TABLES.fichiersRefuses, TABLES.remplacementsPartiels, TABLES.inseeDictionnaire, TABLES.contoursCommunes,
  TABLES.geoRegion, TABLES.geoDepartement, TABLES.geoEpci, TABLES.geoEpciMembre, TABLES.geoCommune, TABLES.geoTerritoire, TABLES.cogPassage,
  TABLES.valeursCog, TABLES.gipComptes, TABLES.calcPerimetre, TABLES.indicateurs, TABLES.indicateursSeries, TABLES.indicateursSources,
  TABLES.offreCategories, TABLES.offreSources, TABLES.offreCibles, TABLES.offreDestinations, TABLES.offreLieux, TABLES.offreCouverture,
  TABLES.offreCentroides, TABLES.offreDistances, TABLES.offreComptes, TABLES.offreTaux, TABLES.offreAcces, TABLES.offreIndices,
  TABLES.offreIndicesComposantes, TABLES.offreZonesBlanches,
];

export const publier: Step<SiteReport> = {
  id: "publier",
  libelle: "Publication du site",
  lit: [
    ...READ.map(table),
    ...[...OWN_FILES, ...OFFER_EXPORTS.map(({ fichier }) => fichier)].map((name) => `sortie:${EXPORTS_DIR}/${name}` as const),
    `sortie:${EXPORTS_DIR}/rapport-*`,
  ],
  ecrit: [`sortie:${SITE_DIR}`],
  code: ["pipelines/publish", "site", "observablehq.config.ts", "pipelines/offer", "pipelines/activity", "pipelines/exports", "pipelines/geography", "indicators", "sources", "pipelines/core"],
  entrepot: false,
  async run({ options, journal, force }) {
    journal.info("Publication du site…");
    const report = await buildSite({
      sortie: options.sortie,
      complet: force,
      onEtape: (message) => journal.info(`  ${message}`),
      onFramework: (line) => journal.detail(`    ${line}`),
    });
    const megaoctets = formatNombre(1)(report.octets / 2 ** 20);
    const contenu = `${formatEntier(report.pages)} pages dont ${report.portraits} portraits d'EPCI et ${formatEntier(report.communes)} fiches communales, ${megaoctets} Mo`;
    if (report.complet !== undefined) {
      journal.success(`Site construit dans ${report.dossier} : ${contenu}, en ${formatDuree(report.dureeMs)}.`);
      journal.detail(`  Toutes les pages reconstruites : ${report.complet}.`);
    } else {
      const pages = report.reconstruites ? `${formatEntier(report.reconstruites)} page${report.reconstruites > 1 ? "s" : ""} reconstruite${report.reconstruites > 1 ? "s" : ""}` : "aucune page reconstruite";
      const fichiers = `${formatEntier(report.fichiersModifies)} fichier${report.fichiersModifies > 1 ? "s" : ""} de données modifié${report.fichiersModifies > 1 ? "s" : ""}`;
      journal.success(`Site mis à jour dans ${report.dossier} : ${pages} (${fichiers}), les autres inchangées ; ${contenu}, en ${formatDuree(report.dureeMs)}.`);
    }
    if (!report.contours) journal.info("  Aucun contour de commune chargé : les pages montrent tableaux et graphiques, sans carte (voir la page Méthodologie pour en ajouter).");
    if (report.demo) journal.warn("le site est construit sur des données de démonstration ; chaque page l'indique.");
    return report;
  },
};
