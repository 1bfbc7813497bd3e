// The reference geography of a territory is the same for every import until the COG package, the territory or the
// code that builds it changes: it is built once per machine into Parquet files (public data, no personal data) and
// read back in a fraction of the time. Each import used to rebuild it from the package's JSON.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TABLES } from "../core/tables.ts";
import { sqlIdentifier, sqlString, type Warehouse } from "../core/warehouse.ts";
import { buildGeography, type TerritorySummary } from "./build-geography.ts";
import { decoupageFile } from "./decoupage.ts";

const GEOGRAPHY_TABLES = [
  TABLES.geoRegion, TABLES.geoDepartement, TABLES.geoEpciMembre, TABLES.geoCommune, TABLES.geoEpci, TABLES.geoPassageCommune,
  TABLES.geoArrondissementMunicipal, TABLES.cogPassage, TABLES.geoTerritoire,
];

const folders = new Map<string, string>();

/** Where the geography of a territory is kept: named after everything it is made from. */
function cacheFolder(territoire: string): string {
  const known = folders.get(territoire);
  if (known) return known;
  const hash = createHash("sha256").update(territoire);
  for (const file of [new URL("./build-geography.ts", import.meta.url), new URL("./decoupage.ts", import.meta.url)]) hash.update(fs.readFileSync(file));
  for (const name of ["communes", "epci", "departements", "regions"] as const) hash.update(fs.readFileSync(decoupageFile(name)));
  const folder = path.join(os.tmpdir(), "observatoire-geographie", hash.digest("hex").slice(0, 24));
  folders.set(territoire, folder);
  return folder;
}

export async function buildGeographyCached(warehouse: Warehouse, territoire: string): Promise<TerritorySummary> {
  const folder = cacheFolder(territoire);
  const summaryFile = path.join(folder, "territoire.json");
  if (fs.existsSync(summaryFile)) {
    for (const table of GEOGRAPHY_TABLES) {
      await warehouse.run(`CREATE OR REPLACE TABLE ${sqlIdentifier(table)} AS FROM read_parquet(${sqlString(path.join(folder, `${table}.parquet`))})`);
    }
    return JSON.parse(fs.readFileSync(summaryFile, "utf8")) as TerritorySummary;
  }
  const summary = await buildGeography(warehouse, territoire);
  // Written beside, then renamed: two runs building it at once never leave a half-written cache.
  const building = `${folder}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(building, { recursive: true });
    for (const table of GEOGRAPHY_TABLES) {
      await warehouse.run(`COPY ${sqlIdentifier(table)} TO ${sqlString(path.join(building, `${table}.parquet`))} (FORMAT parquet)`);
    }
    fs.writeFileSync(path.join(building, "territoire.json"), JSON.stringify(summary));
    fs.renameSync(building, folder);
  } catch {
    // A cache that cannot be written (read-only or full temporary disk) only costs the next import the same build.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return summary;
}
