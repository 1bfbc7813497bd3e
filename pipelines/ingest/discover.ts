// Finds the candidate source files under a data folder: recursively, following symbolic links (never twice into the
// same folder), and inside .zip archives, whose members are listed from the archive's directory without inflating
// anything. Whatever is not a candidate (hidden, unreadable, a suspicious archive) is listed with its reason.
import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import yauzl from "yauzl";
import { DataError } from "../core/errors.ts";
import type { Ignored, Refused } from "./file-outcomes.ts";

/** Where a candidate's bytes are: a file on disk, or a member of an archive on disk. Paths may be raw bytes. */
export type Origin = { kind: "fichier"; chemin: string | Buffer } | { kind: "membre"; archive: string | Buffer; membre: Buffer };

export interface Candidate {
  /** The data folder as the user gave it. */
  dossier: string;
  /** Path relative to the data folder, as shown to the officer; zip members read "archive.zip!member.csv". */
  chemin: string;
  /** File name without folders, used for name-based recognition. */
  nom: string;
  /** Bytes (uncompressed, for a member). */
  taille: number;
  origine: Origin;
  /**
   * Size and modification time (of the archive, with the member's CRC, for a member): the same signature at the same
   * place means the same bytes, as for make or git, so an unchanged file is not read again to be recognised as such.
   */
  signature: string;
  /** The absolute path DuckDB can open as is: a file on disk whose name is valid UTF-8. */
  fichierDisque?: string;
}

export interface Discovery {
  candidats: Candidate[];
  ignores: Ignored[];
  /** Archives that cannot be read, or that look like a zip bomb: refused with the reason. */
  refus: Refused[];
}

/** Beyond these, a member is refused unread: a zip bomb fills the disk or the memory long before it is read. */
export const ZIP_LIMITS = {
  /** Uncompressed size of one member. */
  membre: 8 * 2 ** 30,
  /** Compression ratio of a member above 64 MiB: CSV compresses about 5 to 15 times. */
  ratio: 200,
  ratioAuDela: 64 * 2 ** 20,
};

const TECHNICAL_FOLDERS = new Set(["node_modules", ".git"]);

/** A name as bytes, shown in UTF-8 when it is, else as Latin-1 (older Windows archives and disks). */
const display = (name: Buffer) => (isUtf8(name) ? name.toString("utf8") : name.toString("latin1"));

export async function discover(dossier: string): Promise<Discovery> {
  const discovery: Discovery = { candidats: [], ignores: [], refus: [] };
  const visited = new Set<string>([safeRealpath(dossier) ?? path.resolve(dossier)]);
  const files: { full: Buffer; chemin: string; nom: string; taille: number; signature: string }[] = [];
  walk(Buffer.from(dossier), "", dossier, visited, files, discovery);
  for (const file of files) {
    if (/\.zip$/i.test(file.nom)) await listArchive(dossier, file, discovery);
    else {
      const asText = display(file.full);
      discovery.candidats.push({
        dossier, chemin: file.chemin, nom: file.nom, taille: file.taille, signature: file.signature, origine: { kind: "fichier", chemin: file.full },
        fichierDisque: isUtf8(file.full) ? path.resolve(asText) : undefined,
      });
    }
  }
  return discovery;
}

function walk(
  folder: Buffer, relative: string, dossier: string, visited: Set<string>,
  files: { full: Buffer; chemin: string; nom: string; taille: number; signature: string }[], discovery: Discovery,
): void {
  const ignore = (chemin: string, motif: string) => discovery.ignores.push({ dossier, chemin, motif });
  let entries: fs.Dirent<Buffer>[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true, encoding: "buffer" });
  } catch (error) {
    ignore(relative || ".", `dossier illisible (${systemReason(error)})`);
    return;
  }
  entries.sort((a, b) => display(a.name).localeCompare(display(b.name)));
  for (const entry of entries) {
    const nom = display(entry.name);
    const chemin = relative ? `${relative}/${nom}` : nom;
    const full = Buffer.concat([folder, Buffer.from(path.sep), entry.name]);
    if (TECHNICAL_FOLDERS.has(nom)) {
      ignore(chemin, "dossier technique (node_modules, .git), non parcouru");
      continue;
    }
    if (nom.startsWith(".")) {
      ignore(chemin, "fichier ou dossier caché (nom commençant par un point), non lu : renommez-le s'il contient des données");
      continue;
    }
    let stats: fs.Stats;
    try {
      stats = fs.statSync(full);
    } catch (error) {
      ignore(chemin, entry.isSymbolicLink() ? "lien symbolique vers un fichier absent" : `fichier illisible (${systemReason(error)})`);
      continue;
    }
    if (stats.isDirectory()) {
      const real = safeRealpath(full);
      if (real && visited.has(real)) {
        ignore(chemin, "lien vers un dossier déjà parcouru (boucle ou doublon), non relu");
        continue;
      }
      if (real) visited.add(real);
      walk(full, chemin, dossier, visited, files, discovery);
    } else if (stats.isFile()) {
      files.push({ full, chemin, nom, taille: stats.size, signature: `${stats.size}:${Math.floor(stats.mtimeMs)}` });
    } else {
      ignore(chemin, "ni un fichier ni un dossier (tube, périphérique…), non lu");
    }
  }
}

/** Lists a zip's members from its central directory; an unreadable or suspicious archive is refused, naming it. */
async function listArchive(dossier: string, file: { full: Buffer; chemin: string; nom: string; signature: string }, discovery: Discovery): Promise<void> {
  const refuse = (message: string, suggestion: string) =>
    discovery.refus.push({ dossier, chemin: file.chemin, erreur: new DataError(message, { fichier: path.join(dossier, file.chemin) }, suggestion) });
  let entries: yauzl.Entry[];
  try {
    entries = await readEntries(file.full);
  } catch (error) {
    refuse(`archive zip illisible ou abîmée (${zipReason(error)}).`, "Téléchargez l'archive à nouveau ; ne l'ouvrez pas avant de la déposer.");
    return;
  }
  let members = 0;
  for (const entry of entries) {
    const name = display(entry.fileName as unknown as Buffer);
    if (name.endsWith("/") || name.startsWith("__MACOSX/")) continue;
    const chemin = `${file.chemin}!${name}`;
    if (entry.uncompressedSize > ZIP_LIMITS.membre
      || (entry.uncompressedSize > ZIP_LIMITS.ratioAuDela && entry.uncompressedSize > ZIP_LIMITS.ratio * Math.max(1, entry.compressedSize))) {
      const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
      discovery.refus.push({
        dossier, chemin,
        erreur: new DataError(
          `membre d'archive suspect : ${formatBytes(entry.compressedSize)} compressés pour ${formatBytes(entry.uncompressedSize)} une fois décompressés (rapport de 1 à ${ratio}) ; il n'est pas décompressé.`,
          { fichier: path.join(dossier, chemin) },
          "Une archive officielle ne se compresse pas ainsi : vérifiez sa provenance et téléchargez-la à nouveau.",
        ),
      });
      continue;
    }
    members += 1;
    discovery.candidats.push({
      dossier, chemin, nom: path.posix.basename(name), taille: entry.uncompressedSize, signature: `${file.signature}!${entry.crc32}:${entry.uncompressedSize}`,
      origine: { kind: "membre", archive: file.full, membre: entry.fileName as unknown as Buffer },
    });
  }
  if (!members && !entries.length) discovery.ignores.push({ dossier, chemin: file.chemin, motif: "archive zip vide" });
}

function readEntries(archive: Buffer): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    // Names as bytes: yauzl's own decoding refuses a whole archive for one odd name.
    yauzl.open(archive as unknown as string, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries: yauzl.Entry[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        entries.push(entry);
        zip.readEntry();
      });
      zip.on("end", () => {
        zip.close();
        resolve(entries);
      });
      zip.on("error", (failure: Error) => {
        zip.close();
        reject(failure);
      });
      zip.readEntry();
    });
  });
}

function safeRealpath(target: string | Buffer): string | undefined {
  try {
    return fs.realpathSync(target as string);
  } catch {
    return undefined;
  }
}

/** A system error in French (permissions, missing file…), never Node's English text. */
export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return SYSTEM_REASONS[code ?? ""] ?? `erreur système ${code ?? "inconnue"}`;
}

const SYSTEM_REASONS: Record<string, string> = {
  EACCES: "permission refusée",
  EPERM: "opération non permise",
  ENOENT: "introuvable",
  ELOOP: "trop de liens symboliques imbriqués",
  EIO: "erreur de lecture du disque",
  ENAMETOOLONG: "nom trop long",
  EISDIR: "c'est un dossier",
  ENOTDIR: "un élément du chemin n'est pas un dossier",
};

function zipReason(error: unknown): string {
  const message = (error as Error).message ?? "";
  if (/central directory/i.test(message)) return "répertoire de l'archive introuvable : ce n'est pas une archive zip, ou elle est tronquée";
  if (/encrypt/i.test(message)) return "archive chiffrée";
  if ((error as NodeJS.ErrnoException).code) return systemReason(error);
  return "structure de l'archive invalide";
}

export function formatBytes(bytes: number): string {
  const units = ["octets", "Ko", "Mo", "Go", "To"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1).replace(".", ",")} ${units[unit]}`;
}
