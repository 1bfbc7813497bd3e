// An import as the command line follows it: the raw layer, then the harmonised values, counts and distances.
import type { Warehouse } from "../../pipelines/core/warehouse.ts";
import { importFiles, type ImportOptions, type ImportReport } from "../../pipelines/ingest/import-files.ts";
import { DERIVED_STEPS, runStepsOn } from "../../pipelines/steps/in-process.ts";

export async function importAndDerive(warehouse: Warehouse, options: ImportOptions): Promise<ImportReport> {
  const report = await importFiles(warehouse, options);
  await runStepsOn(warehouse, DERIVED_STEPS);
  return report;
}
