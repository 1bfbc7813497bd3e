// Step « offre »: the social-offer analysis (inventory and rates, access, need and offer indices, zones blanches)
// and its exports.
import { EXPORTS_DIR } from "../core/paths.ts";
import { table, TABLES } from "../core/tables.ts";
import { runOfferAnalysis, type OfferRun } from "../offer/run-offer.ts";
import { OFFER_EXPORTS } from "../offer/write-offer-exports.ts";
import type { Step } from "./step.ts";

export const offre: Step<OfferRun> = {
  id: "offre",
  libelle: "Analyse de l'offre sociale",
  lit: [
    TABLES.indicateurs, TABLES.calcPerimetre, TABLES.valeursCog, TABLES.geoCommune, TABLES.geoEpci, TABLES.geoTerritoire,
    TABLES.offreCategories, TABLES.offreSources, TABLES.offreCibles, TABLES.offreDestinations, TABLES.offreLieux, TABLES.offreCouverture,
    TABLES.offreCentroides, TABLES.offreDistances,
  ].map(table),
  ecrit: [
    ...[TABLES.offreComptes, TABLES.offreTaux, TABLES.offreAcces, TABLES.offreIndices, TABLES.offreIndicesComposantes, TABLES.offreZonesBlanches].map(table),
    ...OFFER_EXPORTS.map(({ fichier }) => `sortie:${EXPORTS_DIR}/${fichier}` as const),
  ],
  code: ["pipelines/offer", "pipelines/distances", "pipelines/harmonise/source-priority.ts", "indicators", "sources", "pipelines/core"],
  entrepot: true,
  async run({ options, journal, entrepot }) {
    journal.info("Analyse de l'offre sociale…");
    const run = await runOfferAnalysis(await entrepot(), options.sortie);
    journal.success(`Offre sociale analysée ; exports écrits dans ${run.exports.dossier} : ${run.exports.fichiers.join(", ")}.`);
    return run;
  },
};
