// Reads a text file once, as a stream, and tells what it is made of: its encoding, separator and header, how its lines
// end, which of them are blank or continue a quoted cell (so that every row keeps its real line number), and its
// sha256. Nothing of the file is held in memory but its header and the line being read, whatever its size.
import { isUtf8 } from "node:buffer";
import crypto from "node:crypto";
import Papa from "papaparse";
import { DataError } from "../core/errors.ts";

export type Encoding = "utf-8" | "utf-8 (BOM)" | "latin-1";
export type LineEndings = "lf" | "crlf" | "cr" | "mixte" | "aucune";

export interface ScannedFile {
  taille: number;
  sha256: string;
  encodage: Encoding;
  separateur: ";" | "," | "\t";
  entete: string[];
  /** Non-blank lines after the header. */
  lignesDonnees: number;
  /** 1-based line numbers of blank lines between data lines (DuckDB skips them). */
  lignesVides: number[];
  /** 1-based line numbers that continue a quoted cell of the line above (ANCT comments): part of a row, not rows. */
  lignesSuite: number[];
  finsDeLigne: LineEndings;
  /** Lines holding only spaces or tabs: blank for us, a row for DuckDB, which must then read a cleaned copy. */
  blancsNonVides: boolean;
  /** Latin-1 bytes 0x80–0x9F, which Windows spreadsheets use for € œ ’ … (Windows-1252, not ISO-8859-1). */
  octetsWindows: boolean;
}

/** A line longer than this is not a line of a statistical table (DuckDB itself stops at 10 MB). */
export const MAX_LINE_BYTES = 16 * 2 ** 20;
const HEADER_MAX_BYTES = 4 * 2 ** 20;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CR = 13;
const LF = 10;
const QUOTE = 34;
/** Valid UTF-8 multibyte sequences, looked for in the bytes read as Latin-1 (one char per byte). */
const UTF8_SEQUENCE = /[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}/;

/** Scans the chunks of a file; `fichier` names it in errors. */
export async function scanChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, fichier: string): Promise<ScannedFile> {
  const scanner = new Scanner(fichier);
  for await (const chunk of chunks) scanner.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return scanner.end();
}

/** The same for bytes already in memory (small files, tests). */
export function scanBytes(bytes: Buffer, fichier: string): Promise<ScannedFile> {
  return scanChunks([bytes], fichier);
}

class Scanner {
  private readonly hash = crypto.createHash("sha256");
  private taille = 0;
  // Encoding
  private utf8 = true;
  private sawMultibyte = false;
  private windows = false;
  /** The first byte that is not UTF-8: its offset in the file, then its line and column once the lines reach it. */
  private firstInvalid?: { offset: number; octet: number; ligne?: number; colonne?: number };
  private encodingCarry = Buffer.alloc(0);
  private head = Buffer.alloc(0);
  // Lines
  private carry = Buffer.alloc(0);
  /** Where the carried (unfinished) line starts in the file. */
  private carryOffset = 0;
  private pendingCR = false;
  private line = 0;
  private header?: Buffer;
  private lastNonBlank = 1;
  private readonly blanks: number[] = [];
  private readonly suite: number[] = [];
  private quoteOpen = false;
  private whitespaceBlank = false;
  private readonly endings = { lf: 0, crlf: 0, cr: 0 };
  private separator = 59;

  constructor(private readonly fichier: string) {}

  push(chunk: Buffer): void {
    if (!chunk.length) return;
    if (this.taille === 0) this.checkText(chunk);
    this.taille += chunk.length;
    this.hash.update(chunk);
    this.trackEncoding(chunk);
    this.splitLines(chunk);
  }

  async end(): Promise<ScannedFile> {
    this.trackEncoding(Buffer.alloc(0), true);
    // The last line, when the file does not end with a line break (or is a header alone without one).
    if (this.carry.length || (this.line === 0 && this.taille > 0)) this.endLine(this.carry, this.carryOffset);
    this.carry = Buffer.alloc(0);
    if (this.taille === 0) throw new DataError("le fichier est vide (0 octet).", { fichier: this.fichier });
    const encodage = this.encoding();
    const headerText = decodeHeader(this.header ?? Buffer.alloc(0), encodage);
    const separateur = detectSeparator(headerText);
    const entete = (Papa.parse<string[]>(headerText, { delimiter: separateur }).data[0] ?? []).map((name) => name.trim());
    const lignesVides = this.blanks.filter((blank) => blank < this.lastNonBlank);
    const lignesSuite = this.suite.filter((continued) => continued < this.lastNonBlank);
    const kinds = Object.entries(this.endings).filter(([, n]) => n > 0).map(([kind]) => kind as "lf" | "crlf" | "cr");
    return {
      taille: this.taille,
      sha256: this.hash.digest("hex"),
      encodage,
      separateur,
      entete,
      lignesDonnees: this.lastNonBlank - 1 - lignesVides.length - lignesSuite.length,
      lignesVides,
      lignesSuite,
      finsDeLigne: kinds.length === 0 ? "aucune" : kinds.length > 1 ? "mixte" : kinds[0]!,
      blancsNonVides: this.whitespaceBlank,
      octetsWindows: encodage === "latin-1" && this.windows,
    };
  }

  /** A NUL byte in the first bytes: UTF-16 or a binary file, refused before anything else. */
  private checkText(first: Buffer): void {
    const head = first.subarray(0, 4096);
    if (!head.includes(0)) return;
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    throw new DataError(
      utf16 ? "encodage UTF-16 non pris en charge." : "le fichier n'est pas un fichier texte (octets nuls).",
      { fichier: this.fichier },
      "Enregistrez le fichier en CSV UTF-8 ou Latin-1 (ISO-8859-1), séparateur « ; » ou « , ».",
    );
  }

  private encoding(): Encoding {
    if (this.utf8) return this.head.subarray(0, 3).equals(UTF8_BOM) ? "utf-8 (BOM)" : "utf-8";
    // Not UTF-8: Latin-1 unless the file also holds real UTF-8 sequences (a file mixing both is corrupt).
    if (this.sawMultibyte && this.firstInvalid) {
      const { ligne, colonne = 1, octet } = this.firstInvalid;
      throw new DataError(
        `encodage incohérent : le fichier mêle de l'UTF-8 et un autre encodage (octet 0x${octet.toString(16).toUpperCase()} invalide, octet ${colonne} de la ligne).`,
        { fichier: this.fichier, ligne },
        "Ré-enregistrez le fichier d'origine en UTF-8 sans le modifier à la main.",
      );
    }
    return "latin-1";
  }

  /** UTF-8 validity chunk by chunk; an incomplete sequence at a chunk's end waits for the next chunk. */
  private trackEncoding(chunk: Buffer, final = false): void {
    if (this.head.length < 3) this.head = Buffer.concat([this.head, chunk.subarray(0, 3)]);
    // Where the segment starts in the file: the bytes held back from the previous chunk, then this chunk.
    const segmentStart = this.taille - chunk.length - this.encodingCarry.length;
    let segment = this.encodingCarry.length ? Buffer.concat([this.encodingCarry, chunk]) : chunk;
    this.encodingCarry = Buffer.alloc(0);
    if (!final) {
      const keep = incompleteTail(segment);
      if (keep) {
        this.encodingCarry = Buffer.from(segment.subarray(segment.length - keep));
        segment = segment.subarray(0, segment.length - keep);
      }
    }
    if (!segment.length) return;
    if (isUtf8(segment)) {
      if (!this.sawMultibyte && hasHighByte(segment)) this.sawMultibyte = true;
      return;
    }
    if (this.utf8) {
      this.utf8 = false;
      const offset = firstInvalidUtf8(segment);
      this.firstInvalid = { offset: segmentStart + offset, octet: segment[offset]! };
    }
    const text = segment.toString("latin1");
    if (!this.sawMultibyte && UTF8_SEQUENCE.test(text)) this.sawMultibyte = true;
    if (!this.windows && /[\x80-\x9F]/.test(text)) this.windows = true;
  }

  /** Lines end with LF, CRLF or a lone CR (old Mac files); every kind is counted. */
  private splitLines(chunk: Buffer): void {
    let bytes = chunk;
    let base = this.taille - chunk.length;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (bytes[0] === LF) {
        this.endings.cr -= 1;
        this.endings.crlf += 1;
        bytes = bytes.subarray(1);
        base += 1;
      }
    }
    if (this.carry.length) {
      base -= this.carry.length;
      bytes = Buffer.concat([this.carry, bytes]);
      this.carry = Buffer.alloc(0);
    }
    let start = 0;
    // The next LF and the next CR are looked for again only once passed: a file without CR would otherwise have the
    // rest of the chunk searched for one at every line, which made a national BPE cost seconds per megabyte.
    let lf = bytes.indexOf(LF);
    let cr = bytes.indexOf(CR);
    for (;;) {
      if (lf >= 0 && lf < start) lf = bytes.indexOf(LF, start);
      if (cr >= 0 && cr < start) cr = bytes.indexOf(CR, start);
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (end < 0) break;
      this.endLine(bytes.subarray(start, end), base + start);
      if (bytes[end] === LF) {
        this.endings.lf += 1;
        start = end + 1;
      } else if (end + 1 < bytes.length) {
        if (bytes[end + 1] === LF) {
          this.endings.crlf += 1;
          start = end + 2;
        } else {
          this.endings.cr += 1;
          start = end + 1;
        }
      } else {
        // A CR ending the chunk: CRLF if the next chunk starts with LF.
        this.endings.cr += 1;
        this.pendingCR = true;
        start = end + 1;
      }
    }
    if (start < bytes.length) {
      if (bytes.length - start > MAX_LINE_BYTES) {
        throw new DataError(
          `ligne ${this.line + 1} trop longue (plus de ${MAX_LINE_BYTES / 2 ** 20} Mo sans fin de ligne) : ce n'est pas un tableau de données.`,
          { fichier: this.fichier, ligne: this.line + 1 },
          "Vérifiez que le fichier est bien un CSV, avec une ligne par territoire.",
        );
      }
      this.carry = Buffer.from(bytes.subarray(start));
      this.carryOffset = base + start;
    }
  }

  private endLine(bytes: Buffer, offset: number): void {
    this.line += 1;
    const invalid = this.firstInvalid;
    if (invalid && invalid.ligne === undefined && invalid.offset >= offset && invalid.offset <= offset + bytes.length) {
      invalid.ligne = this.line;
      invalid.colonne = invalid.offset - offset + 1;
    }
    if (this.line === 1) {
      if (bytes.length > HEADER_MAX_BYTES) {
        throw new DataError("en-tête démesuré (plus de 4 Mo) : ce n'est pas un tableau de données.", { fichier: this.fichier, ligne: 1 });
      }
      this.header = Buffer.from(bytes);
      this.separator = detectSeparator(bytes.toString("latin1")).charCodeAt(0);
      return;
    }
    const blank = !this.quoteOpen && isBlank(bytes);
    if (this.quoteOpen) this.suite.push(this.line);
    else if (blank) {
      this.blanks.push(this.line);
      if (bytes.length) this.whitespaceBlank = true;
    } else this.lastNonBlank = this.line;
    if (bytes.includes(QUOTE)) this.quoteOpen = scanQuotes(bytes, this.separator, this.quoteOpen);
  }
}

/** Bytes at the end that start a UTF-8 sequence not complete yet (0 when the segment ends cleanly). */
function incompleteTail(segment: Buffer): number {
  for (let back = 1; back <= Math.min(3, segment.length); back += 1) {
    const byte = segment[segment.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

function hasHighByte(segment: Buffer): boolean {
  for (let index = 0; index < segment.length; index += 1) if (segment[index]! >= 0x80) return true;
  return false;
}

/** Offset of the first byte that makes the segment invalid UTF-8 (the lead byte of a broken sequence). */
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
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, low));
    return low;
  } catch {
    let lead = low - 1;
    while (lead > 0 && (bytes[lead]! & 0xc0) === 0x80) lead -= 1;
    return lead;
  }
}

/** Whether a quoted cell is still open at the end of the line; a quote opens a cell only at the cell's start. */
function scanQuotes(bytes: Buffer, separator: number, open: boolean): boolean {
  let cellStart = open ? -1 : 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (open) {
      if (byte !== QUOTE) continue;
      if (bytes[index + 1] === QUOTE) index += 1;
      else open = false;
    } else if (byte === QUOTE && index === cellStart) open = true;
    else if (byte === separator) cellStart = index + 1;
  }
  return open;
}

/** Spaces and tabs only; a long line is never blank. */
function isBlank(bytes: Buffer): boolean {
  if (bytes.length > 256) return false;
  for (const byte of bytes) if (byte !== 32 && byte !== 9) return false;
  return true;
}

function decodeHeader(bytes: Buffer, encodage: Encoding): string {
  const text = encodage === "latin-1" ? new TextDecoder("windows-1252").decode(bytes) : bytes.toString("utf8");
  return text.replace(/^\uFEFF/, "");
}

export function detectSeparator(headerLine: string): ScannedFile["separateur"] {
  const counts = ([";", ",", "\t"] as const).map((separator) => ({ separator, n: headerLine.split(separator).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.separator;
}
