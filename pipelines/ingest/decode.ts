// Reads a text file as published: detects its encoding, separator and header, and locates
// the lines DuckDB will skip, so that every row keeps its real line number.
import { isUtf8 } from "node:buffer";
import Papa from "papaparse";
import { DataError } from "../errors.ts";

export type Encoding = "utf-8" | "utf-8 (BOM)" | "latin-1";

export interface DecodedFile {
  encodage: Encoding;
  separateur: ";" | "," | "\t";
  entete: string[];
  /** UTF-8 bytes, or undefined when the original bytes are already readable as is by DuckDB. */
  utf8?: Buffer;
  /** Non-blank lines after the header. */
  lignesDonnees: number;
  /** 1-based line numbers of blank lines between data lines (DuckDB skips them). */
  lignesVides: number[];
  /** 1-based line numbers that continue a quoted cell of the line above (ANCT comments): part of a row, not rows. */
  lignesSuite: number[];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Large files stay bytes: only the header line is decoded, lines are counted on the bytes. */
export function decodeFile(bytes: Buffer, fichier: string): DecodedFile {
  const encodage = detectEncoding(bytes, fichier);
  const utf8 = encodage === "latin-1" ? Buffer.from(new TextDecoder("windows-1252").decode(bytes), "utf8") : undefined;
  const readable = utf8 ?? bytes;
  const firstLineEnd = readable.indexOf(10);
  const headerLine = readable
    .subarray(0, firstLineEnd < 0 ? readable.length : firstLineEnd)
    .toString("utf8")
    .replace(/\r$/, "")
    .replace(/^\uFEFF/, "");
  const separateur = detectSeparator(headerLine);
  const entete = (Papa.parse<string[]>(headerLine, { delimiter: separateur }).data[0] ?? []).map((name) => name.trim());
  const { lignesDonnees, lignesVides, lignesSuite } = countLines(readable, separateur);
  return { encodage, separateur, entete, utf8, lignesDonnees, lignesVides, lignesSuite };
}

function detectEncoding(bytes: Buffer, fichier: string): Encoding {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) {
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    throw new DataError(
      utf16 ? "encodage UTF-16 non pris en charge." : "le fichier n'est pas un fichier texte (octets nuls).",
      { fichier },
      "Enregistrez le fichier en CSV UTF-8 ou Latin-1 (ISO-8859-1), séparateur « ; » ou « , ».",
    );
  }
  if (isUtf8(bytes)) return bytes.subarray(0, 3).equals(UTF8_BOM) ? "utf-8 (BOM)" : "utf-8";
  // Not UTF-8: Latin-1 unless the file also holds real UTF-8 sequences (a file mixing both is corrupt).
  const invalid = firstInvalidUtf8(bytes);
  if (hasUtf8MultibyteSequence(bytes)) {
    const { ligne, colonne } = lineAndColumn(bytes, invalid);
    throw new DataError(
      `encodage incohérent : le fichier mêle de l'UTF-8 et un autre encodage (octet 0x${bytes[invalid]?.toString(16).toUpperCase()} invalide, octet ${colonne} de la ligne).`,
      { fichier, ligne },
      "Ré-enregistrez le fichier d'origine en UTF-8 sans le modifier à la main.",
    );
  }
  return "latin-1";
}

function firstInvalidUtf8(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // Binary search on the longest valid prefix: fatal decoding of a prefix fails only past the first bad byte
  // (a prefix may also cut a valid sequence; streaming mode tolerates that).
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle;
    }
  }
  // Streaming accepts a prefix that ends on an incomplete sequence (a Latin-1 "é" is 0xE9, a valid
  // UTF-8 lead byte): the bad byte is then that sequence's lead byte, not the one after it.
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, low));
    return low;
  } catch {
    let lead = low - 1;
    while (lead > 0 && (bytes[lead]! & 0xc0) === 0x80) lead -= 1;
    return lead;
  }
}

function hasUtf8MultibyteSequence(bytes: Buffer): boolean {
  return /[\u0080-\uFFFF]/.test(bytes.toString("utf8").replaceAll("\uFFFD", ""));
}

function lineAndColumn(bytes: Buffer, offset: number): { ligne: number; colonne: number } {
  const before = bytes.subarray(0, offset);
  let ligne = 1;
  let lastNewline = -1;
  for (let index = before.indexOf(10); index >= 0; index = before.indexOf(10, index + 1)) {
    ligne += 1;
    lastNewline = index;
  }
  return { ligne, colonne: offset - lastNewline };
}

function detectSeparator(headerLine: string): DecodedFile["separateur"] {
  const counts = ([";", ",", "\t"] as const).map((separator) => ({ separator, n: headerLine.split(separator).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.separator;
}

/**
 * Data rows and the blank lines between them, counted on the bytes (no string of a 300 MB file). A line break
 * inside a quoted cell continues the row (RFC 4180, as DuckDB reads it): such lines are not rows.
 */
function countLines(bytes: Buffer, separateur: string): { lignesDonnees: number; lignesVides: number[]; lignesSuite: number[] } {
  const blanks: number[] = [];
  const suite: number[] = [];
  const quotes = new QuoteScanner(bytes, separateur.charCodeAt(0));
  let line = 1;
  let lastNonBlank = 1;
  for (let start = bytes.indexOf(10) + 1; start > 0 && start < bytes.length; ) {
    line += 1;
    const newline = bytes.indexOf(10, start);
    const end = newline < 0 ? bytes.length : newline;
    if (quotes.open) suite.push(line);
    else if (isBlank(bytes, start, end)) blanks.push(line);
    else lastNonBlank = line;
    quotes.scan(start, end);
    start = newline < 0 ? bytes.length : newline + 1;
  }
  const lignesVides = blanks.filter((blank) => blank < lastNonBlank);
  const lignesSuite = suite.filter((continued) => continued < lastNonBlank);
  return { lignesDonnees: lastNonBlank - 1 - lignesVides.length - lignesSuite.length, lignesVides, lignesSuite };
}

/** Whether a quoted cell is still open at the end of each line; lines without a quote are skipped at once. */
class QuoteScanner {
  open = false;
  /** Position of the next quote at or after the current line; Infinity once none is left (searched once). */
  private nextQuote = -1;

  constructor(private readonly bytes: Buffer, private readonly separator: number) {}

  scan(start: number, end: number): void {
    if (this.nextQuote < start) this.nextQuote = this.find(start);
    if (this.nextQuote >= end) return;
    // A quote opens a cell only at the cell's start; inside, a doubled quote is a literal one.
    let cellStart = this.open ? -1 : start;
    for (let index = start; index < end; index += 1) {
      const byte = this.bytes[index];
      if (this.open) {
        if (byte !== 34) continue;
        if (this.bytes[index + 1] === 34) index += 1;
        else this.open = false;
      } else if (byte === 34 && index === cellStart) this.open = true;
      else if (byte === this.separator) cellStart = index + 1;
    }
    this.nextQuote = this.find(end);
  }

  private find(from: number): number {
    const found = this.bytes.indexOf(34, from);
    return found < 0 ? Infinity : found;
  }
}

/** Spaces, tabs and a carriage return only; a long line is never blank. */
function isBlank(bytes: Buffer, start: number, end: number): boolean {
  if (end - start > 16) return false;
  for (let index = start; index < end; index += 1) {
    const byte = bytes[index];
    if (byte !== 32 && byte !== 9 && byte !== 13) return false;
  }
  return true;
}
