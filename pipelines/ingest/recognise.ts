// Tells which source a file is, from its header (content) first and its name second.
import { DataError } from "../core/errors.ts";
import type { Candidate } from "./discover.ts";
import { trouverColonne } from "../../sources/header-match.ts";
import { colonnePresente, type FileContext, type Niveau, type SourceDefinition } from "../../sources/definition.ts";
import { SOURCES } from "../../sources/registry.ts";
import { parseVariable } from "../../sources/variable-names.ts";

export interface Recognised {
  source: SourceDefinition;
  /** The source, or the dataset of it the file is (a census theme): what the import journal records. */
  sourceId: string;
  libelle: string;
  niveau?: Niveau;
  /** Which part of the source the file is: its level for a wide file, the described dataset for a dictionary. */
  partie?: string;
  millesime?: number;
  geoAnnee?: number;
  /** Why the file, though of a known source, is outside what the observatory reads (listed as ignored). */
  horsChamp?: string;
}

const present = (patterns: RegExp[], racines: string[]) => patterns.filter((pattern) => racines.some((racine) => pattern.test(racine)));

export function recognise(candidate: Candidate, entete: string[]): Recognised | undefined {
  const racines = entete.map((column) => parseVariable(column).racine);
  const holds = (source: SourceDefinition) =>
    present(source.signature, racines).length === source.signature.length && (!source.auMoinsUne || present(source.auMoinsUne, racines).length > 0);
  const source = SOURCES.find(holds);
  if (!source) {
    const named = SOURCES.find((definition) => definition.nom.test(candidate.nom));
    if (named) throw missingColumns(candidate, named, racines);
    return undefined;
  }
  const context = fileContext(candidate, entete, source);
  const millesime = source.millesime(context);
  const jeu = source.jeu?.(context);
  const niveau = source.forme === "large" ? source.niveau(context) : undefined;
  return {
    source,
    sourceId: jeu?.id ?? source.id,
    libelle: jeu?.libelle ?? source.libelle,
    niveau,
    partie: niveau ?? (source.forme === "table" ? source.partie?.(context) : undefined),
    millesime,
    geoAnnee: source.geoAnnee(millesime, context),
    horsChamp: source.horsChamp?.(context),
  };
}

/** A file named like a known source but lacking its columns is an error, not an unknown file. */
function missingColumns(candidate: Candidate, source: SourceDefinition, racines: string[]): DataError {
  const missing = source.signature.filter((pattern) => !racines.some((racine) => pattern.test(racine)));
  const shown = (patterns: RegExp[]) => patterns.map((pattern) => pattern.source.replace(/^\^|\$$/g, "").replaceAll("yy", "AA"));
  // Patterns read "MEDyy": shown as "MEDAA", AA standing for the two-digit millésime. A log's are built from labels.
  const names = source.forme === "journal"
    ? source.champs.filter((champ) => champ.reconnaissance && !racines.some((racine) => trouverColonne(champ.colonnes, [racine]))).map((champ) => champ.colonnes[0]!)
    : shown(missing);
  const suggestion = `Vérifiez que le fichier est bien celui publié (${source.publication}), sans colonnes supprimées ni renommées.`;
  if (!names.length && source.auMoinsUne) {
    const expected = shown(source.auMoinsUne);
    return new DataError(
      `aucune des variables de « ${source.libelle} » n'est dans l'en-tête (au moins une attendue parmi : ${expected.join(", ")}).`,
      { fichier: candidate.chemin, ligne: 1 },
      suggestion,
    );
  }
  const plural = names.length > 1 ? "s" : "";
  const vintage = names.some((name) => name.includes("AA")) ? " (AA : millésime sur deux chiffres, ex. MED21)" : "";
  return new DataError(
    `colonne${plural} obligatoire${plural} absente${plural} pour « ${source.libelle} » : ${names.join(", ")}${vintage}.`,
    { fichier: candidate.chemin, ligne: 1, colonne: names[0] },
    suggestion,
  );
}

function fileContext(candidate: Candidate, entete: string[], source: SourceDefinition): FileContext {
  const excluded = new Set(source.forme === "large" ? [...source.cle.map((choix) => colonnePresente(choix, entete)), ...source.descriptives] : []);
  const measures = entete.filter((column) => !excluded.has(column));
  const vintages = (columns: string[]) => [...new Set(columns.map((column) => parseVariable(column).millesime).filter((year): year is number => year !== undefined))];
  return {
    chemin: candidate.chemin,
    nom: candidate.nom,
    entete,
    millesimesColonnes: vintages(measures),
    millesimesRecensement: vintages(measures.filter((column) => /^[PC]\d{2}_/.test(column))),
  };
}
