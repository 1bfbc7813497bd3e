// Step « distances »: the places of the social offer, the communes' centroids, the distance from each commune to
// the nearest place of each category, and indicator 36's numerator.
import { table, TABLES } from "../core/tables.ts";
import { computeAccess } from "../distances/access.ts";
import type { Step } from "./step.ts";

export const distances: Step<void> = {
  id: "distances",
  libelle: "Lieux et distances",
  lit: [
    TABLES.bpeEquipements, TABLES.lieuxServices, TABLES.contoursCommunes, TABLES.valeursCog,
    TABLES.geoCommune, TABLES.geoDepartement, TABLES.geoTerritoire, TABLES.cogPassage,
  ].map(table),
  ecrit: [
    TABLES.offreCategories, TABLES.offreSources, TABLES.offreCibles, TABLES.offreDestinations, TABLES.offreLieux, TABLES.offreCouverture,
    TABLES.offreCentroides, TABLES.offreDistances, TABLES.accesValeurs,
  ].map(table),
  code: ["pipelines/distances", "pipelines/harmonise/source-priority.ts", "pipelines/ingest/load-contours.ts", "sources", "indicators", "pipelines/core"],
  entrepot: true,
  async run({ journal, entrepot }) {
    await computeAccess(await entrepot());
    journal.success("Lieux de l'offre localisés, distances calculées.");
  },
};
