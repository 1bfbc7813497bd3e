// Builds the warehouse in a temporary copy and swaps it in only on success,
// so a failed run leaves the last good warehouse intact.
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.ts";
import { ensureOutputFolder } from "./output-lock.ts";
import { Warehouse } from "./warehouse.ts";
import { warehousePath } from "./paths.ts";

export async function withWarehouseBuild<T>(
  outputDir: string,
  work: (warehouse: Warehouse) => Promise<T>,
  /** A step that completes a warehouse (calculer, offre) needs one: it never starts from nothing. */
  { existant = false }: { existant?: boolean } = {},
): Promise<T> {
  ensureOutputFolder(outputDir);
  const finalPath = warehousePath(outputDir);
  if (existant && !fs.existsSync(finalPath)) {
    throw new UsageError(`aucun entrepôt dans ${outputDir}.`, "Lancez d'abord « observatoire importer --donnees <dossier> » (ou « npm start » pour la démonstration).");
  }
  const buildPath = `${finalPath}.${process.pid}.tmp`;
  removeDatabaseFiles(buildPath);
  if (fs.existsSync(finalPath)) fs.copyFileSync(finalPath, buildPath);
  let warehouse: Warehouse | undefined;
  try {
    warehouse = await Warehouse.open(buildPath);
    const result = await work(warehouse);
    await warehouse.run("CHECKPOINT");
    warehouse.close();
    warehouse = undefined;
    fs.renameSync(buildPath, finalPath);
    return result;
  } finally {
    warehouse?.close();
    removeDatabaseFiles(buildPath);
  }
}

function removeDatabaseFiles(file: string): void {
  for (const candidate of [file, `${file}.wal`]) fs.rmSync(candidate, { force: true });
}

/** Opens the last good warehouse read-only, or explains how to create one. */
export async function openExistingWarehouse(outputDir: string): Promise<Warehouse | undefined> {
  const file = warehousePath(outputDir);
  if (!fs.existsSync(file)) return undefined;
  return Warehouse.open(path.resolve(file), { readOnly: true });
}
