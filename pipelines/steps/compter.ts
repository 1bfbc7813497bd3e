// Step « compter »: equipment counts (BPE) and the GIP's yearly activity counts per current commune.
import { table, TABLES } from "../core/tables.ts";
import { countEquipments } from "../counts/equipment-counts.ts";
import { countActivity } from "../counts/gip-counts.ts";
import type { Step } from "./step.ts";

export const compter: Step<void> = {
  id: "compter",
  libelle: "Comptes des équipements et de l'activité du GIP",
  lit: [
    TABLES.bpeEquipements, TABLES.cogPassage, TABLES.geoCommune, TABLES.geoEpci, TABLES.geoTerritoire,
    TABLES.gipAppels, TABLES.gipCourtoisie, TABLES.gipColis, TABLES.gipCampingCar, TABLES.gipViolences, TABLES.gipInteractions,
  ].map(table),
  ecrit: [TABLES.bpeComptes, TABLES.gipComptes].map(table),
  code: ["pipelines/counts", "pipelines/geography/build-geography.ts", "sources", "indicators", "pipelines/core"],
  entrepot: true,
  async run({ journal, entrepot }) {
    const warehouse = await entrepot();
    await countEquipments(warehouse);
    await countActivity(warehouse);
    journal.success("Équipements et activité du GIP comptés par commune.");
  },
};
