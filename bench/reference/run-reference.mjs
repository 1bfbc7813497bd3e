// Runs reference.sql as an analyst would: unzip the archives, open a database on disk, run the script.
// Plain JavaScript on the DuckDB library, so that the reference pays no TypeScript compilation and no CLI start-up.
// Usage: node bench/reference/run-reference.mjs <data folder> <database file> <work folder>
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { unzipSync } from "fflate";

const [donnees, base, travail] = process.argv.slice(2);
if (!donnees || !base || !travail) throw new Error("usage: run-reference.mjs <data folder> <database file> <work folder>");

const extraits = path.join(travail, "extraits");
fs.mkdirSync(extraits, { recursive: true });
for (const entry of fs.readdirSync(donnees, { recursive: true })) {
  if (!/\.zip$/i.test(entry)) continue;
  for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(path.join(donnees, entry))))) {
    fs.writeFileSync(path.join(extraits, path.basename(name)), bytes);
  }
}

const decoupage = path.join(path.dirname(fileURLToPath(import.meta.resolve("@etalab/decoupage-administratif/package.json"))), "data");
const instance = await DuckDBInstance.create(base);
const connection = await instance.connect();
await connection.run(`SET file_search_path = '${[donnees, extraits, decoupage].map((folder) => path.resolve(folder).replaceAll("'", "''")).join(",")}'`);
await connection.run(fs.readFileSync(new URL("reference.sql", import.meta.url), "utf8"));
const counts = await connection.runAndReadAll("SELECT niveau, count(*)::INTEGER AS n, count(valeur)::INTEGER AS valeurs FROM indicateurs GROUP BY niveau ORDER BY niveau");
console.log(counts.getRowObjectsJS().map((row) => `${row.niveau} : ${row.n} valeurs (${row.valeurs} calculables)`).join(" ; "));
connection.closeSync();
instance.closeSync();

