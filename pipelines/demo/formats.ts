// Number and CSV formatting that reproduces the quirks of INSEE downloads
// (dot vs comma decimals, CRLF, Latin-1, BOM), so the importer is tested
// against the same bytes it will meet in production.

export type Cell = string | number;

export interface CsvOptions {
  separator?: string;
  eol?: "\n" | "\r\n";
}

export interface EncodingOptions {
  encoding?: "utf8" | "latin1";
  bom?: boolean;
}

/**
 * Census estimate as INSEE publishes it: weighted counts, dot decimal,
 * 15 significant digits, never exponent notation.
 */
export function fmtEstimate(x: number): string {
  assertFinite(x);
  // Below 1e-6 toPrecision switches to exponent notation; such residues only come from float noise.
  if (Math.abs(x) < 1e-6) return "0";
  if (Math.abs(x) >= 1e15) return String(Math.round(x));
  // Trimming zeros by hand is ~2.5× faster than Number(toPrecision()), which matters for all of France.
  const s = x.toPrecision(15);
  if (s.indexOf(".") < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

export function fmtInt(x: number): string {
  assertFinite(x);
  const r = Math.round(x);
  return r === 0 ? "0" : String(r);
}

/** One-decimal rate with a comma, as in Filosofi ("48,0", "-15,1"). */
export function fmtComma1(x: number): string {
  assertFinite(x);
  const r = Math.round(x * 10) / 10;
  // Avoids "-0,0" for tiny negatives.
  return (r === 0 ? 0 : r).toFixed(1).replace(".", ",");
}

/** Two-decimal value with a dot (SUPERF). */
export function fmtDot2(x: number): string {
  assertFinite(x);
  return (Math.round(x * 100) / 100).toFixed(2);
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function assertFinite(x: number): void {
  if (!Number.isFinite(x)) throw new Error(`Valeur non finie dans les données de démonstration : ${x}`);
}

/** Builds the whole file in memory once: fields are never quoted (INSEE files have none). */
export function csvText(header: readonly string[], rows: Iterable<readonly Cell[]>, options: CsvOptions = {}): string {
  const sep = options.separator ?? ";";
  const eol = options.eol ?? "\n";
  const lines: string[] = [header.join(sep)];
  for (const row of rows) lines.push(row.join(sep));
  return lines.join(eol) + eol;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function encodeText(text: string, options: EncodingOptions = {}): Buffer {
  if (options.encoding === "latin1") {
    // Buffer's latin1 codec silently truncates code points above U+00FF.
    if (/[^\u0000-\u00ff]/.test(text)) throw new Error("Caractère hors Latin-1 dans un fichier Latin-1.");
    return Buffer.from(text, "latin1");
  }
  const body = Buffer.from(text, "utf8");
  return options.bom ? Buffer.concat([BOM, body]) : body;
}

const LIGNES_PAR_BLOC = 2000;

/**
 * Encodes line by line in blocks, so that all of France never holds a
 * whole file as one JS string (which made garbage collection dominate).
 */
export function encodeLines<T>(
  header: string,
  rows: readonly T[],
  line: (row: T) => string,
  eol: "\n" | "\r\n",
  options: EncodingOptions = {},
): Buffer {
  const blocs: Buffer[] = [];
  let bloc: string[] = [header];
  for (const row of rows) {
    bloc.push(line(row));
    if (bloc.length >= LIGNES_PAR_BLOC) {
      blocs.push(encodeText(bloc.join(eol) + eol, { encoding: options.encoding }));
      bloc = [];
    }
  }
  if (bloc.length > 0) blocs.push(encodeText(bloc.join(eol) + eol, { encoding: options.encoding }));
  return Buffer.concat(options.bom ? [BOM, ...blocs] : blocs);
}
