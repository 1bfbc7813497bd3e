// Finds candidate source files under each data folder, recursively and inside .zip archives.
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { MANIFEST_NAME } from "../download/manifest.ts";

export interface Candidate {
  /** The data folder as the user gave it. */
  dossier: string;
  /** Path relative to the data folder, POSIX style; zip members read "archive.zip!member.csv". */
  chemin: string;
  /** File name without folders, used for name-based recognition. */
  nom: string;
  /** Absolute path on disk when the file is not inside an archive. */
  fichierDisque?: string;
  taille: number;
  lire(): Buffer;
}

export interface Discovery {
  candidats: Candidate[];
  /** Archives and folders that could not be read, with the reason. */
  illisibles: { dossier: string; chemin: string; motif: string }[];
}

const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);
/** The download manifest describes the folder's files; it is none of them. */
const SKIPPED_FILES = new Set([MANIFEST_NAME]);

export function discover(dossier: string): Discovery {
  const discovery: Discovery = { candidats: [], illisibles: [] };
  for (const file of walk(dossier)) {
    const chemin = path.relative(dossier, file).split(path.sep).join("/");
    if (/\.zip$/i.test(file)) {
      collectZipMembers(dossier, chemin, fs.readFileSync(file), discovery);
    } else {
      const taille = fs.statSync(file).size;
      discovery.candidats.push({
        dossier, chemin, nom: path.basename(file), fichierDisque: path.resolve(file), taille,
        lire: () => fs.readFileSync(file),
      });
    }
  }
  return discovery;
}

function* walk(folder: string): Generator<string> {
  const entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || SKIPPED_FOLDERS.has(entry.name)) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile() && !SKIPPED_FILES.has(entry.name)) yield full;
  }
}

function collectZipMembers(dossier: string, chemin: string, archive: Buffer, discovery: Discovery): void {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(archive, { filter: (member) => !member.name.endsWith("/") && !member.name.startsWith("__MACOSX/") });
  } catch (error) {
    discovery.illisibles.push({ dossier, chemin, motif: `archive zip illisible (${(error as Error).message})` });
    return;
  }
  for (const [name, bytes] of Object.entries(members).sort(([a], [b]) => a.localeCompare(b))) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    discovery.candidats.push({
      dossier, chemin: `${chemin}!${name}`, nom: path.posix.basename(name), taille: buffer.length, lire: () => buffer,
    });
  }
}
