// `npm run bench`: national-scale demo, then importer and calculer, each timed with its peak memory,
// beside the time DuckDB takes only to read the same raw files (the reference) and only to store them (a floor); then the Gers site build and its portrait PDFs,
// with the site's size. Speed is measured here, never in tests.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { scanBytes } from "../pipelines/ingest/scan.ts";
import { folderSize } from "../pipelines/publish/build-site.ts";
import { locateBrowser } from "../pipelines/publish/chromium.ts";
import { formatNombre } from "../pipelines/core/format-fr.ts";
import { Warehouse, sqlString } from "../pipelines/core/warehouse.ts";

interface Measure {
  etape: string;
  secondes: number;
  memoireMo: number;
}

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "bin/observatoire.js");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-bench-"));
const data = path.join(work, "donnees");
const output = path.join(work, "sortie");

function measure(etape: string, args: string[]): Measure {
  const rssFile = path.join(work, "rss");
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, ["--require", path.join(ROOT, "bench/peak-memory.cjs"), BIN, "--quiet", ...args], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, OBSERVATOIRE_BENCH_RSS: rssFile },
  });
  const secondes = Number(process.hrtime.bigint() - started) / 1e9;
  return { etape, secondes, memoireMo: Number(fs.readFileSync(rssFile, "utf8")) / 2 ** 20 };
}

interface RawFile {
  chemin: string;
  /** read_csv options: separator, header, encoding. */
  lecture: string;
}

/** Every raw CSV of the data folder (zip members extracted first, not timed), with its separator and encoding. */
async function rawFiles(): Promise<RawFile[]> {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.zip$/i.test(entry.name)) {
        for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(full)))) {
          const extracted = path.join(work, "extraits", name);
          fs.mkdirSync(path.dirname(extracted), { recursive: true });
          fs.writeFileSync(extracted, bytes);
          files.push(extracted);
        }
      } else if (/\.(csv|txt)$/i.test(entry.name) && !entry.name.startsWith("DONNEES-DE-DEMONSTRATION")) files.push(full);
    }
  };
  walk(data);
  return Promise.all(files.map(async (chemin) => {
    // Sniffing needs the first lines only; cut at a line end so no UTF-8 sequence is split.
    const head = fs.readFileSync(chemin).subarray(0, 65_536);
    const decoded = await scanBytes(head.subarray(0, head.lastIndexOf(10) + 1), chemin);
    const encoding = decoded.encodage === "latin-1" ? ", encoding = 'latin-1'" : "";
    return { chemin, lecture: `delim = ${sqlString(decoded.separateur)}, header = true${encoding}` };
  }));
}

/**
 * The reference: DuckDB counting the rows of every raw file. Beside it, a floor no import can go below: the same
 * files only read into typed tables of a database on disk, with no check, no long form and no computation.
 */
async function rawReadSeconds(files: RawFile[], mode: "compte" | "stockage"): Promise<number> {
  const database = path.join(work, "plancher.duckdb");
  const warehouse = await Warehouse.open(mode === "compte" ? ":memory:" : database);
  const started = process.hrtime.bigint();
  for (const [index, file] of files.entries()) {
    const read = `read_csv(${sqlString(file.chemin)}, ${file.lecture}${mode === "compte" ? ", all_varchar = true" : ""})`;
    await warehouse.run(mode === "compte" ? `SELECT count(*) FROM ${read}` : `CREATE TABLE brut_${index} AS SELECT * FROM ${read}`);
  }
  if (mode === "stockage") await warehouse.run("CHECKPOINT");
  const secondes = Number(process.hrtime.bigint() - started) / 1e9;
  warehouse.close();
  fs.rmSync(database, { force: true });
  return secondes;
}

const seconds = formatNombre(1);
const megabytes = formatNombre(0);
console.log(`Banc d'essai national (dossier de travail : ${work})`);
const measures = [
  measure("demo --territoire FR", ["demo", "--territoire", "FR", "--donnees", data]),
  measure("importer", ["importer", "--donnees", data, "--sortie", output]),
  measure("calculer", ["calculer", "--sortie", output]),
];
// Publication of the Gers (the default territory): ≈480 pages, then the 15 portrait PDFs when a browser is found.
const publication = [measure("publier", ["publier", "--sortie", output])];
if (locateBrowser().trouve) publication.push(measure("pdf (15 portraits)", ["pdf", "--sortie", output]));
const files = await rawFiles();
const reference = await rawReadSeconds(files, "compte");
const floor = await rawReadSeconds(files, "stockage");
for (const m of measures) console.log(`  ${m.etape.padEnd(22)} ${seconds(m.secondes).padStart(7)} s   mémoire max ${megabytes(m.memoireMo).padStart(6)} Mo`);
const times = (value: number) => `${formatNombre(1)(value / reference)} ×`;
console.log(`  ${"lecture brute DuckDB".padEnd(22)} ${seconds(reference).padStart(7)} s   (${files.length} fichiers, référence : count(*) de chaque fichier)`);
console.log(`  ${"lecture et stockage".padEnd(22)} ${seconds(floor).padStart(7)} s   (${times(floor)} : les mêmes fichiers seulement copiés en tables typées sur disque, plancher de tout import)`);
const pipelineSeconds = measures[1]!.secondes + measures[2]!.secondes;
const peak = Math.max(measures[1]!.memoireMo, measures[2]!.memoireMo);
console.log(`\nimporter + calculer : ${seconds(pipelineSeconds)} s, soit ${times(pipelineSeconds)} la lecture brute (objectif ≤ 3) ; mémoire max ${megabytes(peak)} Mo (objectif ≤ 2 048).`);
for (const m of publication) console.log(`  ${m.etape.padEnd(22)} ${seconds(m.secondes).padStart(7)} s   mémoire max ${megabytes(m.memoireMo).padStart(6)} Mo`);
const portraits = path.join(output, ".publication/racine/data/epci");
const largest = Math.max(...fs.readdirSync(portraits).map((name) => fs.statSync(path.join(portraits, name)).size));
console.log(
  `publier : ${seconds(publication[0]!.secondes)} s (objectif ≤ 60) ; PDF : ${publication[1] ? `${seconds(publication[1].secondes)} s (objectif ≤ 15)` : "aucun navigateur, non mesuré"} ; ` +
    `site ${formatNombre(1)(folderSize(path.join(output, "site")) / 2 ** 20)} Mo, plus gros fichier de données d'un portrait ${formatNombre(1)(largest / 1000)} ko (objectif ≤ 300).`,
);
fs.rmSync(work, { recursive: true, force: true });
