// The only place a source file is ever copied: a folder of the system's temporary area that only this user can read
// (mode 0700), named after the process, removed when the file is read and, after a killed run, at the next start.
// Files are copied only when DuckDB cannot read them where they are (a member of a zip archive, mixed line ends,
// Windows-1252 bytes, a file name that is not UTF-8); an activity log is never copied otherwise.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isAlive } from "../core/output-lock.ts";

const PREFIX = "observatoire-";

/** A fresh private folder; `release` removes it with everything in it. */
export function privateFolder(): { dossier: string; release: () => void } {
  const dossier = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
  fs.chmodSync(dossier, 0o700);
  return { dossier, release: () => fs.rmSync(dossier, { recursive: true, force: true }) };
}

/** Folders left by runs that were killed (their process is gone): removed, with what they held. */
export function removeStalePrivateFolders(): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync(os.tmpdir());
  } catch {
    return removed;
  }
  for (const name of entries) {
    const pid = Number(name.match(new RegExp(`^${PREFIX}(\\d+)-`))?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const dossier = path.join(os.tmpdir(), name);
    try {
      if (fs.statSync(dossier).uid !== process.getuid?.()) continue;
      fs.rmSync(dossier, { recursive: true, force: true });
      removed.push(dossier);
    } catch {
      // Another user's folder or one already gone: not ours to clean.
    }
  }
  return removed;
}

