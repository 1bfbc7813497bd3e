// Column names typed by people (the GIP's activity logs) vary in case, accents and punctuation from one office
// tool to the next: "Durée (min)", "DUREE (MIN)", "Duree min" are the same column.

/** Lower case, no accents, every run of punctuation or spaces as one space. */
export function normaliserEntete(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The same normalisation in DuckDB, so that cell values (categories) compare like headers. */
export function sqlNormaliser(expression: string): string {
  return `trim(regexp_replace(lower(strip_accents(${expression})), '[^a-z0-9]+', ' ', 'g'))`;
}

/** The header column matching one of the labels, ignoring case, accents and punctuation. */
export function trouverColonne(libelles: readonly string[], entete: readonly string[]): string | undefined {
  const wanted = new Set(libelles.map(normaliserEntete));
  return entete.find((column) => wanted.has(normaliserEntete(column)));
}

const ACCENTED: Record<string, string> = { a: "[aàâä]", c: "[cç]", e: "[eéèêë]", i: "[iîï]", o: "[oôö]", u: "[uùûü]" };

/** A recognition pattern for labels, tolerant in the same way as trouverColonne (for the source signatures). */
export function motifEntete(...libelles: string[]): RegExp {
  const one = (libelle: string) =>
    normaliserEntete(libelle).split(" ").map((word) => [...word].map((char) => ACCENTED[char] ?? char).join("")).join("[^a-z0-9]+");
  return new RegExp(`^[^a-z0-9]*(?:${libelles.map(one).join("|")})[^a-z0-9]*$`, "i");
}
