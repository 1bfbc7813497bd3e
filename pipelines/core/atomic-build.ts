// Builds the warehouse in a temporary copy and swaps it in only on success,
// so a failed run leaves the last good warehouse intact.
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "./errors.ts";
import { ensureOutputFolder } from "./output-lock.ts";
import { Warehouse } from "./warehouse.ts";
import { warehousePath } from "./paths.ts";

export async function withWarehouseBuild<T>(
  outputDir: string,
  work: (warehouse: Warehouse) => Promise<T>,
  /** A step that completes a warehouse (calculer, offre) needs one: it never starts from nothing. */
  options: { existant?: boolean } = {},
): Promise<T> {
  const build = await WarehouseBuild.open(outputDir, options);
  try {
    const result = await work(build.warehouse);
    await build.commit();
    return result;
  } finally {
    build.abort();
  }
}

/** A copy of the last good warehouse, open for writing; `commit` swaps it in, `abort` throws it away. */
export class WarehouseBuild {
  private open = true;

  private constructor(readonly warehouse: Warehouse, private readonly buildPath: string, private readonly finalPath: string) {}

  static async open(outputDir: string, { existant = false }: { existant?: boolean } = {}): Promise<WarehouseBuild> {
    ensureOutputFolder(outputDir);
    const finalPath = warehousePath(outputDir);
    if (existant && !fs.existsSync(finalPath)) {
      throw new UsageError(`aucun entrepôt dans ${outputDir}.`, "Lancez d'abord « observatoire importer --donnees <dossier> » (ou « npm start » pour la démonstration).");
    }
    const buildPath = `${finalPath}.${process.pid}.tmp`;
    removeDatabaseFiles(buildPath);
    if (fs.existsSync(finalPath)) fs.copyFileSync(finalPath, buildPath);
    try {
      return new WarehouseBuild(await Warehouse.open(buildPath), buildPath, finalPath);
    } catch (error) {
      removeDatabaseFiles(buildPath);
      throw error;
    }
  }

  async commit(): Promise<void> {
    await this.warehouse.run("CHECKPOINT");
    this.warehouse.close();
    this.open = false;
    fs.renameSync(this.buildPath, this.finalPath);
  }

  /** After a failure (or after `commit`, harmlessly): the last good warehouse stays as it was. */
  abort(): void {
    if (this.open) this.warehouse.close();
    this.open = false;
    removeDatabaseFiles(this.buildPath);
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
