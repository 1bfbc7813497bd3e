// Prepares the Framework root for one build: a fresh copy of site/ (data/ is generated, never edited by hand)
// beside a link to the project's node_modules, keeping only Framework's bundle caches between builds.
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT, SITE_SOURCES, stagingDir, stagingRoot } from "../core/paths.ts";

/**
 * Framework resolves the lazy libraries of its standard library (d3-dsv, arquero, echarts…) by asking the npm
 * registry for their latest version, unless a version folder exists in its cache. The site never loads them,
 * so any version will do: seeding the cache keeps the build offline and free of outside requests.
 */
const LAZY_BUILTINS = [
  "@observablehq/plot@0.6.17", "@observablehq/sample-datasets@1.0.1", "apache-arrow@21.2.0", "arquero@8.0.3",
  "d3-dsv@3.0.2", "d3@7.9.2", "echarts@6.1.0", "htl@1.0.0", "leaflet@1.9.4", "lodash@4.18.1", "mapbox-gl@3.32.0",
  "parquet-wasm@0.8.0", "react-dom@19.3.1", "react@19.3.1", "topojson-client@3.1.0",
];

/** Bundles of node_modules imports (_node) and the version cache (_npm) survive; everything else is rebuilt. */
const KEPT_CACHES = new Set(["_node", "_npm"]);

export function prepareStagingRoot(sortie: string): string {
  const root = stagingRoot(sortie);
  const cache = path.join(root, ".observablehq", "cache");
  if (fs.existsSync(root)) {
    for (const entry of fs.readdirSync(root)) if (entry !== ".observablehq") fs.rmSync(path.join(root, entry), { recursive: true, force: true });
    if (fs.existsSync(cache)) {
      for (const entry of fs.readdirSync(cache)) if (!KEPT_CACHES.has(entry)) fs.rmSync(path.join(cache, entry), { recursive: true, force: true });
    }
  }
  fs.mkdirSync(root, { recursive: true });
  copySiteSources(root);
  // A root outside the project (a temporary --sortie) still resolves "d3", "htl"… through this link.
  // Recreated each time: the project may have moved since the last build, leaving a dangling link.
  const link = path.join(stagingDir(sortie), "node_modules");
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), link, "junction");
  for (const version of LAZY_BUILTINS) fs.mkdirSync(path.join(cache, "_npm", version), { recursive: true });
  return root;
}

/** Copies site/ except anything generated there (a developer's local Framework cache or data folder). */
export function copySiteSources(root: string, only?: string): void {
  fs.cpSync(only ? path.join(SITE_SOURCES, only) : SITE_SOURCES, only ? path.join(root, only) : root, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(SITE_SOURCES, source);
      return !relative.startsWith(".observablehq") && !relative.startsWith(`data${path.sep}`) && relative !== "data";
    },
  });
}
