// Where the reference geography comes from: @etalab/decoupage-administratif (current COG).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** COG year of each major version of the package we pin: the geography every figure is mapped onto. */
const COG_YEAR_BY_MAJOR: Record<string, number> = { "6": 2025 };

export function decoupageFile(name: "communes" | "epci" | "departements" | "regions"): string {
  return require.resolve(`@etalab/decoupage-administratif/data/${name}.json`);
}

export function currentCogYear(): number {
  const { version } = require("@etalab/decoupage-administratif/package.json") as { version: string };
  const year = COG_YEAR_BY_MAJOR[version.split(".")[0] ?? ""];
  if (!year) {
    throw new Error(
      `Version ${version} de @etalab/decoupage-administratif non reconnue : indiquez son année de COG dans pipelines/geography/decoupage.ts.`,
    );
  }
  return year;
}
