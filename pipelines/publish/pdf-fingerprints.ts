// Which PDFs must be printed again. Each PDF is recorded, beside the PDFs, with the fingerprint of what it was
// printed from: its page's HTML (which names every script and stylesheet by its content hash), the content of every
// data file the page reads, and what the printing adds (title, browser, code). A PDF still there under an unchanged
// fingerprint is kept: after one place of the GIP is renamed, only the portraits that show it are printed again.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PdfTarget } from "./print-pdf.ts";

export const PRINT_RECORD = ".empreintes.json";

/** Fingerprints by PDF, under its path from the PDF folder ("portrait-200066926-….pdf"). */
export type PrintRecord = Record<string, string>;

export function readPrintRecord(dossier: string): PrintRecord {
  const file = path.join(dossier, PRINT_RECORD);
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PrintRecord;
  } catch {
    // A damaged record only costs printing everything again.
    return {};
  }
}

export function writePrintRecord(dossier: string, record: PrintRecord): void {
  fs.mkdirSync(dossier, { recursive: true });
  const file = path.join(dossier, PRINT_RECORD);
  fs.writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify(record, null, 1)}\n`);
  fs.renameSync(`${file}.${process.pid}.tmp`, file);
}

export const recordKey = (dossier: string, target: PdfTarget) => path.relative(dossier, target.fichier).split(path.sep).join("/");

/**
 * The fingerprint of a target in the built site. Framework stamps each data file with its modification time, which
 * a rebuild changes without changing the page: that stamp is left out. `contents` caches the data files' hashes,
 * which most pages share.
 */
export function targetFingerprint(siteDir: string, target: PdfTarget, salt: string, contents = new Map<string, string>()): string {
  const page = path.join(siteDir, `${target.chemin.replace(/\/$/, "/index")}.html`);
  // A page missing from the site is printed, and fails there with the printer's own message.
  if (!fs.existsSync(page)) return "page absente";
  const html = fs.readFileSync(page, "utf8").replace(/,"lastModified":\d+/g, "");
  const hash = createHash("sha256").update(salt).update("\u0000").update(target.titre).update("\u0000").update(html);
  for (const match of html.matchAll(/registerFile\("(?:[^"\\]|\\.)*", (\{.*\})\);?$/gm)) {
    const built = (JSON.parse(match[1]!) as { path?: string }).path;
    if (!built) continue;
    const file = path.resolve(path.dirname(page), built);
    let version = contents.get(file);
    if (version === undefined) {
      version = fs.existsSync(file) ? createHash("sha256").update(fs.readFileSync(file)).digest("hex") : "absent";
      contents.set(file, version);
    }
    hash.update("\u0000").update(built).update("\u0000").update(version);
  }
  return hash.digest("hex");
}
