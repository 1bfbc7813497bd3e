// The « offre » step, after the indicators: inventory and rates, access per territory, need and offer indices,
// quadrants and zones blanches, then the exports. Places and distances come from the distances step.
import { UsageError } from "../core/errors.ts";
import type { Warehouse } from "../core/warehouse.ts";
import { summariseAccess } from "./access-summary.ts";
import { computeIndices } from "./indices.ts";
import { computeInventory } from "./inventory.ts";
import { computeWhiteZones } from "./white-zones.ts";
import { writeOfferExports } from "./write-offer-exports.ts";

export interface OfferRun {
  exports: { dossier: string; fichiers: string[] };
}

export async function computeOffer(warehouse: Warehouse): Promise<void> {
  if (!(await warehouse.tableExists("indicateurs"))) {
    throw new UsageError("l'entrepôt ne contient pas encore d'indicateurs.", "Lancez d'abord « observatoire calculer » (ou « observatoire pipeline »).");
  }
  await computeInventory(warehouse);
  await summariseAccess(warehouse);
  await computeIndices(warehouse);
  await computeWhiteZones(warehouse);
}

export async function runOfferAnalysis(warehouse: Warehouse, outputDir: string): Promise<OfferRun> {
  await computeOffer(warehouse);
  return { exports: await writeOfferExports(warehouse, outputDir) };
}
