// Where each output lives under the output folder (`sortie/` by default).
import path from "node:path";

export const DEFAULT_OUTPUT_DIR = "sortie";
export const WAREHOUSE_FILE = "observatoire.duckdb";

export function warehousePath(outputDir: string): string {
  return path.join(outputDir, WAREHOUSE_FILE);
}
