// Before DuckDB reads a file: one streaming scan (encoding, lines, sha256), then the path DuckDB opens. A file on
// disk in UTF-8 or plain Latin-1 with regular line ends is read where it is; anything else (a zip member, a name that
// is not UTF-8, mixed or old-Mac line ends, lines of spaces, Windows-1252 bytes DuckDB's Latin-1 refuses) is read
// from a cleaned UTF-8 copy in the private temporary folder, removed as soon as the file is loaded.
import path from "node:path";
import { copyTo, readChunks } from "./byte-source.ts";
import type { Candidate } from "./discover.ts";
import { privateFolder } from "./private-temp.ts";
import { scanChunks, type Encoding, type ScannedFile } from "./scan.ts";

export interface PreparedFile {
  scanned: ScannedFile;
  /** What DuckDB's read_csv opens, and in which encoding; or the file itself, read in memory (an activity log). */
  lecture: { kind: "fichier"; chemin: string; encodage: "utf-8" | "latin-1" } | { kind: "memoire"; candidate: Candidate };
  /** Removes the temporary copies, if any. */
  release: () => void;
}

/** `memoire`: a file with personal data (an activity log), never copied: scanned as a stream, then read in memory. */
export async function prepareFile(candidate: Candidate, fichier: string, { memoire = false }: { memoire?: boolean } = {}): Promise<PreparedFile> {
  if (memoire) return { scanned: await scanChunks(readChunks(candidate, fichier), fichier), lecture: { kind: "memoire", candidate }, release: () => {} };
  const folders: (() => void)[] = [];
  const release = () => folders.splice(0).forEach((remove) => remove());
  const folder = () => {
    const created = privateFolder();
    folders.push(created.release);
    return created.dossier;
  };
  try {
    let source = candidate;
    // A member is inflated once, into the private folder; everything else reads that copy.
    if (candidate.origine.kind === "membre") {
      const copy = path.join(folder(), "membre.csv");
      await copyTo(candidate, fichier, copy);
      source = { ...candidate, origine: { kind: "fichier", chemin: copy }, fichierDisque: copy };
    }
    const scanned = await scanChunks(readChunks(source, fichier), fichier);
    const regular = ["lf", "crlf", "aucune"].includes(scanned.finsDeLigne) && !scanned.blancsNonVides && !scanned.octetsWindows;
    if (source.fichierDisque && regular) {
      return { scanned, lecture: { kind: "fichier", chemin: source.fichierDisque, encodage: scanned.encodage === "latin-1" ? "latin-1" : "utf-8" }, release };
    }
    const cleaned = path.join(folder(), "source.csv");
    await copyTo(source, fichier, cleaned, cleaner(scanned.encodage));
    return { scanned, lecture: { kind: "fichier", chemin: cleaned, encodage: "utf-8" }, release };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * UTF-8 with LF line ends and blank lines truly empty, piece by piece: a line (or a CR that may start a CRLF) cut
 * by the end of a piece waits for the next one.
 */
export function cleaner(encodage: Encoding): (chunk: Buffer, last: boolean) => Buffer {
  // Latin-1 files from Windows spreadsheets are Windows-1252 (€, œ, ’ in 0x80–0x9F).
  const decoder = new TextDecoder(encodage === "latin-1" ? "windows-1252" : "utf-8");
  let carry = "";
  let first = true;
  return (chunk, last) => {
    let text = carry + decoder.decode(chunk, { stream: !last });
    if (first && text.length) {
      text = text.replace(/^\uFEFF/, "");
      first = false;
    }
    let cut = last ? text.length : Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r")) + 1;
    if (!last && text[cut - 1] === "\r") cut -= 1;
    carry = text.slice(cut);
    return Buffer.from(text.slice(0, cut).replace(/\r\n?/g, "\n").replace(/^[ \t]+$/gm, ""), "utf8");
  };
}
