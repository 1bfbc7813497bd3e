// Builds an embedded contour file of data/contours/ from a published commune GeoJSON (see data/contours/README.md):
//   npx tsx scripts/build-contours.ts ../shared/data/geo/communes-32-gers.geojson --departement 32 --annee 2018
// The output is committed; running this again on the same source rewrites the same bytes.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { FeatureCollection } from "geojson";
import { buildEmbeddedTopology, EMBEDDED_CONTOURS_DIR } from "../pipelines/geography/embedded-contours.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { departement: { type: "string" }, annee: { type: "string" }, dossier: { type: "string" } },
});
const source = positionals[0];
const departement = values.departement;
const annee = Number(values.annee);
if (!source || !departement || !Number.isInteger(annee)) {
  console.error("Usage : npx tsx scripts/build-contours.ts SOURCE.geojson --departement 32 --annee 2018 [--dossier data/contours]");
  process.exit(2);
}
const bytes = fs.readFileSync(source);
const collection = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, "")) as FeatureCollection;
const dossier = values.dossier ?? EMBEDDED_CONTOURS_DIR;
const cible = path.join(dossier, `communes-${departement}-${annee}.topojson`);
const text = JSON.stringify(buildEmbeddedTopology(collection, annee));
fs.mkdirSync(dossier, { recursive: true });
fs.writeFileSync(cible, `${text}\n`);
console.log(`${collection.features.length} communes, source SHA-256 ${crypto.createHash("sha256").update(bytes).digest("hex")}`);
console.log(`${cible} : ${(Buffer.byteLength(text) / 1024).toFixed(0)} Kio`);
