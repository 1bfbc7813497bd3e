// The import step: discovers, recognises, validates and loads every known source file under the data folders.
// A file that cannot be loaded is refused alone, with its located message: the others load and are committed.
import fs from "node:fs";
import path from "node:path";
import { MANIFEST_NAME } from "../download/manifest.ts";
import { DataError, UsageError } from "../core/errors.ts";
import { DEMO_NOTICE, DEMO_RECORD } from "../core/paths.ts";
import type { TerritorySummary } from "../geography/build-geography.ts";
import { buildGeographyCached } from "../geography/geography-cache.ts";
import { ensureSchema } from "./schema.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { readHead } from "./byte-source.ts";
import { discover, type Candidate } from "./discover.ts";
import type { FileReport, Ignored, Refused } from "./file-outcomes.ts";
import { findLoaded, nextValue, recordImport } from "./import-journal.ts";
import { isContoursFile, loadContours, type ContoursCandidate } from "./load-contours.ts";
import { itemColumns, loadItems } from "./load-items.ts";
import { loadJournal, planJournal, type JournalPlan } from "./load-journal.ts";
import { loadTable } from "./load-table.ts";
import { loadWide } from "./load-wide.ts";
import type { Pseudonymisation } from "./pseudonymise.ts";
import { prepareFile, type PreparedFile } from "./prepare-read.ts";
import { removeStalePrivateFolders } from "./private-temp.ts";
import { forgetRaw, readRaw, recordMalformed, type RawRead } from "./read-raw.ts";
import { scanBytes } from "./scan.ts";
import { recognise, type Recognised } from "./recognise.ts";
import { describeReplacements, replaceEarlierRows, REPLACEMENT_KEYS } from "./replacement.ts";
import { colonnePresente } from "../../sources/definition.ts";
import { SOURCES } from "../../sources/registry.ts";

const TEXT_EXTENSIONS = /\.(csv|txt|tsv)$/i;


export type { FileReport, Ignored, Refused } from "./file-outcomes.ts";

/** Files the observatory itself writes into data folders: listed as ignored, never read as sources. */
const OWN_FILES = new Map([
  [MANIFEST_NAME, "journal des téléchargements (observatoire telecharger), pas une source"],
  [DEMO_NOTICE, "notice des données de démonstration"],
  [DEMO_RECORD, "empreinte des données de démonstration (étape demo)"],
]);

export interface ImportReport {
  territoire: TerritorySummary;
  fichiers: FileReport[];
  ignores: Ignored[];
  refuses: Refused[];
  avertissements: string[];
}

export interface ImportOptions {
  dossiers: string[];
  territoire: string;
  commande: string;
  onFichier?: (report: FileReport) => void;
  onIgnore?: (ignored: Ignored) => void;
  onRefus?: (refused: Refused) => void;
  onAvertissement?: (message: string) => void;
  /** Activity logs: identifying columns are hashed with this salt instead of refused. */
  pseudonymisation?: Pseudonymisation;
}

interface Accepted {
  candidate: Candidate;
  recognised: Recognised;
  demo: boolean;
}

export async function importFiles(warehouse: Warehouse, options: ImportOptions): Promise<ImportReport> {
  for (const dossier of options.dossiers) {
    if (!fs.existsSync(dossier) || !fs.statSync(dossier).isDirectory()) {
      throw new UsageError(`Dossier de données introuvable : ${dossier}`, "Indiquez un dossier existant avec --donnees, ou lancez d'abord « observatoire demo ».");
    }
  }
  // Copies left by a run that was killed (a zip member, a cleaned file) go before anything else is read.
  removeStalePrivateFolders();
  await ensureSchema(warehouse);
  const territoire = await buildGeographyCached(warehouse, options.territoire);
  const report: ImportReport = { territoire, fichiers: [], ignores: [], refuses: [], avertissements: [] };
  const warn = (message: string) => {
    report.avertissements.push(message);
    options.onAvertissement?.(message);
  };
  const ignore = (ignored: Ignored) => {
    report.ignores.push(ignored);
    options.onIgnore?.(ignored);
  };
  const refuse = (candidate: Candidate, erreur: DataError) => {
    const refused = { dossier: candidate.dossier, chemin: candidate.chemin, erreur };
    report.refuses.push(refused);
    options.onRefus?.(refused);
  };
  const loaded = (file: FileReport) => {
    report.fichiers.push(file);
    options.onFichier?.(file);
  };
  const executionId = await nextValue(warehouse, "seq_execution");
  await warehouse.run("INSERT INTO executions VALUES (?, ?, ?, ?::VARCHAR[], now(), NULL, NULL, NULL, NULL)", [
    executionId, options.commande, options.territoire, `[${options.dossiers.map(sqlString).join(", ")}]`,
  ]);

  const accepted: Accepted[] = [];
  const contours: ContoursCandidate[] = [];
  for (const dossier of options.dossiers) {
    const demo = fs.existsSync(path.join(dossier, DEMO_NOTICE));
    const { candidats, ignores, refus } = await discover(dossier);
    ignores.forEach(ignore);
    for (const refused of refus) {
      report.refuses.push(refused);
      options.onRefus?.(refused);
    }
    for (const candidate of candidats) {
      const own = OWN_FILES.get(candidate.nom);
      if (own) {
        ignore({ dossier, chemin: candidate.chemin, motif: own });
        continue;
      }
      // Contours are JSON, not tables: they have their own loader (maps).
      if (isContoursFile(candidate.nom)) {
        contours.push({ candidate, demo });
        continue;
      }
      const outcome = await examine(candidate, demo);
      if (outcome instanceof DataError) refuse(candidate, outcome);
      else if ("motif" in outcome) ignore(outcome);
      else accepted.push(outcome);
    }
  }
  for (const dossier of options.dossiers) {
    const zipsWithoutSource = report.ignores.filter((item) => item.dossier === dossier && item.chemin.includes("!"));
    for (const archive of new Set(zipsWithoutSource.map((item) => item.chemin.split("!")[0]!))) {
      const loadedFromIt = accepted.some(({ candidate }) => candidate.dossier === dossier && candidate.chemin.startsWith(`${archive}!`));
      if (!loadedFromIt) warn(`${path.join(dossier, archive)} : archive zip sans aucun fichier reconnu.`);
    }
  }

  for (const file of dropEarlierFolders(accepted, options.dossiers, warn, ignore)) {
    try {
      loaded(await loadOne(warehouse, file, executionId, warn, options.pseudonymisation));
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      refuse(file.candidate, error);
    }
  }
  for (const file of await loadContours(warehouse, contours, executionId, ignore, warn)) loaded(file);
  for (const ignored of report.ignores) {
    await warehouse.run("INSERT INTO fichiers_ignores VALUES (?, ?, ?, ?)", [executionId, ignored.dossier, ignored.chemin, ignored.motif]);
  }
  for (const { dossier, chemin, erreur } of report.refuses) {
    await warehouse.run("INSERT INTO fichiers_refuses VALUES (?, ?, ?, ?, ?, ?, ?)", [
      executionId, dossier, chemin, erreur.location.ligne ?? null, erreur.location.colonne ?? null, erreur.message, erreur.suggestion ?? null,
    ]);
  }
  await warehouse.run(
    `UPDATE executions SET fin = now(), fichiers_charges = ?, fichiers_deja_charges = ?, fichiers_ignores = ? WHERE execution_id = ?`,
    [
      report.fichiers.filter((file) => file.etat === "charge").length,
      report.fichiers.filter((file) => file.etat === "deja_charge").length,
      report.ignores.length,
      executionId,
    ],
  );
  return report;
}

/** Recognises a file from its name and the header of its first bytes; nothing more of it is read here. */
async function examine(candidate: Candidate, demo: boolean): Promise<Accepted | Ignored | DataError> {
  const ignored = (motif: string): Ignored => ({ dossier: candidate.dossier, chemin: candidate.chemin, motif });
  if (!TEXT_EXTENSIONS.test(candidate.nom)) return ignored(`type de fichier non pris en charge pour l'instant (${path.extname(candidate.nom) || "sans extension"})`);
  // A file named like a known source must be readable; any other text file that is not is merely ignored.
  const named = SOURCES.find((source) => source.nom.test(candidate.nom));
  const fichier = label(candidate);
  if (candidate.taille === 0) {
    return named ? new DataError("le fichier est vide (0 octet).", { fichier }, `Téléchargez à nouveau le fichier (${named.publication}).`) : ignored("fichier vide");
  }
  try {
    const head = await readHead(candidate, fichier, HEAD_BYTES);
    // Cut at a line end: a UTF-8 sequence cut by the head's end would look like another encoding.
    const lastBreak = Math.max(head.lastIndexOf(10), head.lastIndexOf(13));
    const header = await scanBytes(lastBreak > 0 && head.length >= HEAD_BYTES ? head.subarray(0, lastBreak + 1) : head, fichier);
    const recognised = recognise({ ...candidate, chemin: fichier }, header.entete);
    if (!recognised) return ignored(`format non reconnu (en-tête : ${header.entete.slice(0, 6).join(header.separateur)}${header.entete.length > 6 ? "…" : ""})`);
    if (recognised.horsChamp) return ignored(`${recognised.libelle} : ${recognised.horsChamp}`);
    return { candidate, recognised, demo };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return named ? error : ignored(`fichier illisible (${error.message})`);
  }
}

/** Enough for any header INSEE publishes (the dossier complet has about 2,000 columns). */
const HEAD_BYTES = 1024 * 1024;

async function loadOne(
  warehouse: Warehouse, file: Accepted, executionId: number, warn: (message: string) => void, pseudonymisation?: Pseudonymisation,
): Promise<FileReport> {
  const chemin = label(file.candidate);
  // An activity log holds personal data: it is read in memory, never copied (prepare-read.ts, read-in-memory.ts).
  const prepared = await prepareFile(file.candidate, chemin, { memoire: file.recognised.source.forme === "journal" });
  try {
    return await loadPrepared(warehouse, file, prepared, executionId, warn, pseudonymisation);
  } finally {
    await forgetRaw(warehouse);
    prepared.release();
  }
}

async function loadPrepared(
  warehouse: Warehouse, file: Accepted, prepared: PreparedFile, executionId: number, warn: (message: string) => void, pseudonymisation?: Pseudonymisation,
): Promise<FileReport> {
  const { candidate, recognised } = file;
  const { scanned: decoded } = prepared;
  const { source, sourceId } = recognised;
  const chemin = label(candidate);
  const base = {
    dossier: candidate.dossier, chemin: candidate.chemin, sourceId, libelle: recognised.libelle,
    niveau: recognised.niveau, millesime: recognised.millesime, geoAnnee: recognised.geoAnnee, encodage: decoded.encodage, demo: file.demo,
  };
  // A file dated row by row (CAF series) has no single millésime to find: its first and last years are reported.
  const datedByRow = source.forme === "large" && source.millesimeParLigne !== undefined && colonnePresente(source.millesimeParLigne.colonne, decoded.entete) !== undefined;
  const seriesOf = async (fichierId: number): Promise<[number, number] | undefined> => {
    if (!datedByRow) return undefined;
    const span = await warehouse.one<{ premier: number | null; dernier: number | null }>(
      "SELECT min(millesime) AS premier, max(millesime) AS dernier FROM valeurs_cellules WHERE fichier_id = ?", [fichierId],
    );
    return span?.premier ? [span.premier, span.dernier!] : undefined;
  };
  const same = await findLoaded(warehouse, decoded.sha256, sourceId);
  if (same) {
    return {
      ...base, millesimesLignes: await seriesOf(same.fichier_id),
      lignesLues: same.lignes_lues, lignesChargees: same.lignes_chargees, lignesRejetees: same.lignes_rejetees, dureeMs: 0, etat: "deja_charge",
    };
  }
  if (decoded.lignesDonnees === 0) {
    throw new DataError("le fichier ne contient que l'en-tête, aucune ligne de données.", { fichier: chemin, ligne: 1 }, "Le fichier est peut-être tronqué : téléchargez-le à nouveau.");
  }
  const started = new Date();
  if (recognised.millesime === undefined && source.forme === "large" && !datedByRow) {
    warn(`${chemin} : millésime introuvable dans le nom du fichier ou de son dossier ; chargé sans millésime. Renommez le dossier (ex. « populations-legales-2022 »).`);
  }
  // An activity log's header is checked (identifying columns, year) before any of its rows is read.
  const journal = source.forme === "journal"
    ? planJournal(source, { chemin, entete: decoded.entete, annee: recognised.millesime, pseudonymisation })
    : undefined;
  const raw = await readRaw(
    warehouse, { chemin, lecture: prepared.lecture }, decoded,
    source.forme === "equipements" ? itemColumns(source, decoded.entete) : undefined,
  );
  // Every write of the file in one transaction: a file refused half-way leaves nothing behind. The read above only
  // fills temporary tables, whose row numbers must be those of a committed read.
  const written = await warehouse.transaction(() => writeFile(warehouse, { file, prepared, raw, journal, executionId, started, warn }));
  return {
    ...base, millesimesLignes: await seriesOf(written.fichierId),
    lignesLues: raw.lignesLues, lignesChargees: written.lignesChargees, lignesRejetees: written.lignesRejetees,
    dureeMs: Date.now() - started.getTime(), etat: "charge",
  };
}

interface FileWrite {
  file: Accepted;
  prepared: PreparedFile;
  raw: RawRead;
  journal?: JournalPlan;
  executionId: number;
  started: Date;
  warn: (message: string) => void;
}

/** The file's rows into their tables, its quarantined lines into `rejets`, its journal row, and what it replaces. */
async function writeFile(warehouse: Warehouse, { file, prepared, raw, journal, executionId, started, warn }: FileWrite) {
  const { candidate, recognised } = file;
  const { scanned: decoded } = prepared;
  const { sha256 } = decoded;
  const { source, sourceId } = recognised;
  const chemin = label(candidate);
  const fichierId = await nextValue(warehouse, "seq_fichier");
  await recordMalformed(warehouse, { fichierId, chemin, masquerLignes: journal !== undefined });
  const loaded = source.forme === "journal" ? await loadJournal(warehouse, journal!, fichierId)
    : source.forme === "large"
      ? await loadWide(warehouse, {
          source, sourceId, fichierId, chemin, entete: decoded.entete,
          niveau: recognised.niveau ?? "commune", millesime: recognised.millesime, geoAnnee: recognised.geoAnnee,
        })
      : source.forme === "equipements"
        ? await loadItems(warehouse, { source, fichierId, chemin, entete: decoded.entete, millesime: recognised.millesime })
        : await loadTable(warehouse, { source, fichierId, chemin, entete: decoded.entete, millesime: recognised.millesime });
  const lignesRejetees = loaded.lignesRejetees + raw.lignesMalformees;
  if (loaded.lignesChargees + lignesRejetees !== raw.lignesLues) {
    throw new DataError(`bilan faux : ${raw.lignesLues} lignes lues ≠ ${loaded.lignesChargees} chargées + ${lignesRejetees} rejetées.`, { fichier: chemin });
  }
  await recordImport(warehouse, {
    fichierId, executionId, dossier: candidate.dossier, chemin: candidate.chemin, sha256, taille: decoded.taille, sourceId,
    niveau: recognised.niveau, partie: recognised.partie, millesime: recognised.millesime, geoAnnee: recognised.geoAnnee, encodage: decoded.encodage,
    separateur: decoded.separateur === "\t" ? "tabulation" : decoded.separateur, demo: file.demo,
    lignesLues: raw.lignesLues, lignesChargees: loaded.lignesChargees, lignesRejetees, debut: started, fin: new Date(),
  });
  const replaced = await replaceEarlierRows(warehouse, { fichierId, sourceId, partie: recognised.partie }, REPLACEMENT_KEYS);
  describeReplacements(replaced, chemin).forEach(warn);
  return { fichierId, lignesChargees: loaded.lignesChargees, lignesRejetees };
}

/**
 * Between folders, the later one wins for a whole release (source and millésime): real Filosofi communes given after
 * the demo also retire the demo's EPCI and département files of that release, which would otherwise stay mixed in.
 * Within the files kept, a later file replaces the values an earlier one also publishes (replacement.ts).
 */
function dropEarlierFolders(accepted: Accepted[], dossiers: string[], warn: (message: string) => void, ignore: (ignored: Ignored) => void): Accepted[] {
  const release = ({ recognised }: Accepted) => `${recognised.sourceId}|${recognised.source.forme === "large" ? "" : recognised.partie ?? ""}|${recognised.millesime ?? ""}`;
  const lastFolder = new Map<string, number>();
  for (const file of accepted) {
    lastFolder.set(release(file), Math.max(lastFolder.get(release(file)) ?? -1, dossiers.indexOf(file.candidate.dossier)));
  }
  return accepted.filter((file) => {
    const winner = lastFolder.get(release(file))!;
    if (dossiers.indexOf(file.candidate.dossier) >= winner) return true;
    const motif = `remplacé par les fichiers de même source et millésime du dossier ${dossiers[winner]} (le dernier dossier l'emporte)`;
    warn(`${label(file.candidate)} : ${motif}.`);
    ignore({ dossier: file.candidate.dossier, chemin: file.candidate.chemin, motif });
    return false;
  });
}

function label(candidate: Candidate): string {
  return path.join(candidate.dossier, candidate.chemin);
}
