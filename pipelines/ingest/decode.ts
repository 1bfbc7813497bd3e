// Reads a text file as published: detects its encoding, separator and header, and locates
// the lines DuckDB will skip, so that every row keeps its real line number.
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
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function decodeFile(bytes: Buffer, fichier: string): DecodedFile {
  const { encodage, text } = detectEncoding(bytes, fichier);
  const firstLineEnd = text.search(/\r?\n/);
  const headerLine = (firstLineEnd < 0 ? text : text.slice(0, firstLineEnd)).replace(/^\uFEFF/, "");
  const separateur = detectSeparator(headerLine);
  const entete = (Papa.parse<string[]>(headerLine, { delimiter: separateur }).data[0] ?? []).map((name) => name.trim());
  const { lignesDonnees, lignesVides } = countLines(text);
  const utf8 = encodage === "latin-1" ? Buffer.from(text, "utf8") : undefined;
  return { encodage, separateur, entete, utf8, lignesDonnees, lignesVides };
}

function detectEncoding(bytes: Buffer, fichier: string): { encodage: Encoding; text: string } {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) {
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    throw new DataError(
      utf16 ? "encodage UTF-16 non pris en charge." : "le fichier n'est pas un fichier texte (octets nuls).",
      { fichier },
      "Enregistrez le fichier en CSV UTF-8 ou Latin-1 (ISO-8859-1), séparateur « ; » ou « , ».",
    );
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    return { encodage: bytes.subarray(0, 3).equals(UTF8_BOM) ? "utf-8 (BOM)" : "utf-8", text };
  } catch {
    // Not UTF-8: Latin-1 unless the file also holds real UTF-8 sequences (a file mixing both is corrupt).
  }
  const invalid = firstInvalidUtf8(bytes);
  if (hasUtf8MultibyteSequence(bytes)) {
    const { ligne, colonne } = lineAndColumn(bytes, invalid);
    throw new DataError(
      `encodage incohérent : le fichier mêle de l'UTF-8 et un autre encodage (octet 0x${bytes[invalid]?.toString(16).toUpperCase()} invalide, octet ${colonne} de la ligne).`,
      { fichier, ligne },
      "Ré-enregistrez le fichier d'origine en UTF-8 sans le modifier à la main.",
    );
  }
  return { encodage: "latin-1", text: new TextDecoder("windows-1252").decode(bytes) };
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

function countLines(text: string): { lignesDonnees: number; lignesVides: number[] } {
  const lines = text.split("\n");
  let last = lines.length - 1;
  while (last > 0 && lines[last]!.trim() === "") last -= 1;
  const lignesVides: number[] = [];
  for (let index = 1; index < last; index += 1) {
    if (lines[index]!.trim() === "") lignesVides.push(index + 1);
  }
  return { lignesDonnees: last - lignesVides.length, lignesVides };
}
