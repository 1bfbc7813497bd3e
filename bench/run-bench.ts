// `npm run bench`: the national demo, then `importer` + `calculer` beside a reference analyst script in plain DuckDB
// SQL (bench/reference/) that copies the same raw files into tables and computes five indicators for every commune
// and EPCI. The two run alternately, in rounds, as children of this process: each round sees the same machine, which
// other work may share, and the ratio of each round is taken, then their median. Then the Gers site build and its
// portrait PDFs. Speed is measured here, never in tests. The numbers go to bench/resultats.json (git-ignored: a
// measure of one machine on one day), which the README « Performance » section cites.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { folderSize } from "../pipelines/publish/build-site.ts";
import { locateBrowser } from "../pipelines/publish/chromium.ts";
import { formatDateHeure, formatNombre } from "../pipelines/core/format-fr.ts";
import { warehousePath } from "../pipelines/core/paths.ts";
import { Warehouse } from "../pipelines/core/warehouse.ts";

interface Measure {
  etape: string;
  secondes: number;
  /** User and system time of the process, all its threads. */
  cpuSecondes: number;
  memoireMo: number;
}

interface Round {
  reference: Measure;
  importer: Measure;
  calculer: Measure;
  /** Each step's own time in this round's importer and calculer (the runner's records). */
  etapes: Record<string, number>;
}

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "bin/observatoire.js");
const REFERENCE = path.join(ROOT, "bench/reference/run-reference.mjs");
const RESULTS = path.join(ROOT, "bench/resultats.json");
const ROUNDS = Number(process.env.OBSERVATOIRE_BENCH_TOURS ?? 3);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-bench-"));
/** A national demo already written (`demo --territoire FR --donnees <dossier>`) may be reused: it is only read. */
const reused = process.env.OBSERVATOIRE_BENCH_DONNEES;
const data = reused ? path.resolve(reused) : path.join(work, "donnees");
const output = path.join(work, "sortie");
const referenceFolder = path.join(work, "reference");

function measure(etape: string, script: string, args: string[]): Measure {
  const usageFile = path.join(work, "usage.json");
  fs.rmSync(usageFile, { force: true });
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, ["--require", path.join(ROOT, "bench/peak-memory.cjs"), script, ...args], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, OBSERVATOIRE_BENCH_RSS: usageFile },
  });
  const secondes = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = JSON.parse(fs.readFileSync(usageFile, "utf8")) as { octets: number; cpuMicros: number };
  return { etape, secondes, cpuSecondes: usage.cpuMicros / 1e6, memoireMo: usage.octets / 2 ** 20 };
}

const observatoire = (etape: string, args: string[]) => measure(etape, BIN, ["--quiet", ...args]);

function reference(): Measure {
  fs.rmSync(referenceFolder, { recursive: true, force: true });
  fs.mkdirSync(referenceFolder);
  return measure("script SQL de référence", REFERENCE, [data, path.join(referenceFolder, "reference.duckdb"), referenceFolder]);
}

/** importer then calculer from an empty output folder, as on a first run. */
function pipeline(): { importer: Measure; calculer: Measure } {
  fs.rmSync(output, { recursive: true, force: true });
  return {
    importer: observatoire("importer", ["importer", "--donnees", data, "--sortie", output]),
    calculer: observatoire("calculer", ["calculer", "--sortie", output]),
  };
}

async function stepTimes(): Promise<Record<string, number>> {
  const warehouse = await Warehouse.open(warehousePath(output), { readOnly: true });
  try {
    const rows = await warehouse.all<{ etape: string; duree_ms: number }>("SELECT etape, duree_ms FROM etapes");
    return Object.fromEntries(rows.map((row) => [row.etape, row.duree_ms / 1000]));
  } finally {
    warehouse.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const seconds = formatNombre(1);
const megabytes = formatNombre(0);
const ratio = formatNombre(1);
const line = (m: Measure) =>
  `${m.etape.padEnd(24)} ${seconds(m.secondes).padStart(7)} s   CPU ${seconds(m.cpuSecondes).padStart(7)} s   mémoire max ${megabytes(m.memoireMo).padStart(6)} Mo`;

const cpus = os.cpus();
const machine = { processeur: cpus[0]?.model ?? "inconnu", coeurs: cpus.length, memoireGo: Math.round(os.totalmem() / 2 ** 30), node: process.version, systeme: `${os.type()} ${os.release()}` };
console.log(`Banc d'essai national du ${formatDateHeure(new Date())} (dossier de travail : ${work})`);
console.log(`Machine : ${machine.processeur}, ${machine.coeurs} cœurs, ${machine.memoireGo} Go, Node ${machine.node}, ${machine.systeme}.`);
const demo = reused ? undefined : observatoire("demo --territoire FR", ["demo", "--territoire", "FR", "--donnees", data]);
console.log(demo ? `  ${line(demo)}` : `  démonstration nationale déjà écrite, relue dans ${data}`);
const rounds: Round[] = [];
for (let index = 0; index < ROUNDS; index += 1) {
  // The order alternates, so that neither side always comes first after the other has filled the disk cache.
  let ref: Measure;
  let run: { importer: Measure; calculer: Measure };
  if (index % 2 === 0) {
    ref = reference();
    run = pipeline();
  } else {
    run = pipeline();
    ref = reference();
  }
  const round: Round = { reference: ref, ...run, etapes: await stepTimes() };
  rounds.push(round);
  console.log(`Tour ${index + 1} sur ${ROUNDS} :`);
  for (const m of [round.reference, round.importer, round.calculer]) console.log(`  ${line(m)}`);
}

const observed = (round: Round, key: "secondes" | "cpuSecondes") => round.importer[key] + round.calculer[key];
const ratioCpu = median(rounds.map((round) => observed(round, "cpuSecondes") / round.reference.cpuSecondes));
const ratioWall = median(rounds.map((round) => observed(round, "secondes") / round.reference.secondes));
const peak = Math.max(...rounds.flatMap((round) => [round.importer.memoireMo, round.calculer.memoireMo]));
const stepIds = [...new Set(rounds.flatMap((round) => Object.keys(round.etapes)))];
const steps = Object.fromEntries(stepIds.map((id) => [id, median(rounds.map((round) => round.etapes[id] ?? 0))]));
console.log(`Médianes : script SQL ${seconds(median(rounds.map((round) => round.reference.secondes)))} s (CPU ${seconds(median(rounds.map((round) => round.reference.cpuSecondes)))} s), ` +
  `importer + calculer ${seconds(median(rounds.map((round) => observed(round, "secondes"))))} s (CPU ${seconds(median(rounds.map((round) => observed(round, "cpuSecondes"))))} s).`);
console.log(`Étapes (temps écoulé, médianes) : ${stepIds.map((id) => `${id} ${seconds(steps[id]!)} s`).join(" · ")}.`);
// The one line to quote: CPU time first, as the issue measures it (on a machine shared with other work, wall time
// says more about the neighbours than about the code), then wall time and the peak memory of both commands.
console.log(
  `\nimporter + calculer : ${ratio(ratioCpu)} × le script SQL de référence (temps CPU ; ${ratio(ratioWall)} × en temps écoulé ; ` +
    `mémoire maximale ${formatNombre(1)(peak / 1024)} Go). Objectifs : ≤ 2 ×, ≤ 2 Go.\n`,
);

// Publication of the Gers (the default territory): ≈480 pages, then the 15 portrait PDFs when a browser is found.
const publication = [observatoire("publier", ["publier", "--sortie", output])];
if (locateBrowser().trouve) publication.push(observatoire("pdf (15 portraits)", ["pdf", "--sortie", output]));
for (const m of publication) console.log(`  ${line(m)}`);
const portraits = path.join(output, ".publication/racine/data/epci");
const largest = Math.max(...fs.readdirSync(portraits).map((name) => fs.statSync(path.join(portraits, name)).size));
const siteMo = folderSize(path.join(output, "site")) / 2 ** 20;
console.log(
  `publier : ${seconds(publication[0]!.secondes)} s (objectif ≤ 60) ; PDF : ${publication[1] ? `${seconds(publication[1].secondes)} s (objectif ≤ 15)` : "aucun navigateur, non mesuré"} ; ` +
    `site ${formatNombre(1)(siteMo)} Mo, plus gros fichier de données d'un portrait ${formatNombre(1)(largest / 1000)} ko (objectif ≤ 300).`,
);

fs.writeFileSync(RESULTS, `${JSON.stringify({
  date: new Date().toISOString().slice(0, 10),
  machine,
  demo,
  tours: rounds,
  medianes: {
    reference: { secondes: median(rounds.map((round) => round.reference.secondes)), cpuSecondes: median(rounds.map((round) => round.reference.cpuSecondes)) },
    importerCalculer: { secondes: median(rounds.map((round) => observed(round, "secondes"))), cpuSecondes: median(rounds.map((round) => observed(round, "cpuSecondes"))) },
    etapes: steps,
  },
  rapports: { cpu: ratioCpu, ecoule: ratioWall },
  memoireMaxMo: peak,
  publication: { mesures: publication, siteMo, plusGrosPortraitKo: largest / 1000 },
}, null, 2)}\n`);
console.log(`Résultats écrits dans ${path.relative(ROOT, RESULTS)}.`);
fs.rmSync(work, { recursive: true, force: true });
