// INSEE variable names carry their vintage (P22_POP, C22_MEN, MED21, TP6021, NAIS1621):
// these rules find it from the name, never from a hard-coded year.

export interface ParsedVariable {
  /** The name with its vintage digits replaced by "yy": P22_POP → Pyy_POP, MED21 → MEDyy. */
  racine: string;
  /** The vintage year, when the name carries one. */
  millesime?: number;
}

const RULES: { pattern: RegExp; parse: (match: RegExpMatchArray) => ParsedVariable }[] = [
  // Census: P (main exploitation) or C (complementary) prefix, then the year.
  { pattern: /^([PC])(\d{2})_(.+)$/, parse: (m) => ({ racine: `${m[1]}yy_${m[3]}`, millesime: 2000 + Number(m[2]) }) },
  // Vital statistics over a period (NAIS1621 = births 2016-2021): the vintage is the period's end.
  { pattern: /^(NAIS|DECE)(\d{2})(\d{2})$/, parse: (m) => ({ racine: `${m[1]}yyyy`, millesime: 2000 + Number(m[3]) }) },
  // Filosofi, Sirene and the like: the year closes the name (MED21, TP6021, ETTEFP1024, DEC_MED21).
  { pattern: /^(.*?[A-Z_][A-Z0-9_]*?)(\d{2})$/, parse: (m) => ({ racine: `${m[1]}yy`, millesime: 2000 + Number(m[2]) }) },
];

export function parseVariable(name: string): ParsedVariable {
  for (const rule of RULES) {
    const match = name.match(rule.pattern);
    if (match) return rule.parse(match);
  }
  return { racine: name };
}

/** The first four-digit year found in a text (a file or folder name), scanning from its end. */
export function yearIn(text: string, pattern = /(?:19|20)\d{2}/g): number | undefined {
  return yearsIn(text, pattern).at(-1);
}

/** Every four-digit year of a text, in reading order. */
export function yearsIn(text: string, pattern = /(?:19|20)\d{2}/g): number[] {
  return [...text.matchAll(pattern)].map((match) => Number(match[0].replace(/\D/g, "")));
}
