// What a source definition declares: how its files are recognised, read, dated and loaded.
// The registry is validated with zod at start-up, so a broken definition fails loudly.
import { z } from "zod";

export const NIVEAUX = ["commune", "iris", "epci", "departement", "region", "france"] as const;
export type Niveau = (typeof NIVEAUX)[number];

/** What is known about a candidate file when dating it: its relative path and header. */
export interface FileContext {
  chemin: string;
  nom: string;
  /** The header as published (trimmed). */
  entete: string[];
  /** Vintage years found in the measure columns' names. */
  millesimesColonnes: number[];
  /** Vintage years of the census columns (P22_…, C22_…) alone. */
  millesimesRecensement: number[];
}

const common = {
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  libelle: z.string().min(1),
  producteur: z.string().min(1),
  licence: z.string().min(1),
  /** The table's grain, in one sentence. */
  grain: z.string().min(1),
  /** Where to download it (dataset page), for the README and error messages. */
  publication: z.string().min(1),
  /** File names that announce this source. */
  nom: z.instanceof(RegExp),
  /** Header columns (vintage-free, e.g. "Pyy_POP") that must all be present: recognition by content. */
  signature: z.array(z.instanceof(RegExp)).min(1),
  /**
   * Columns of which at least one must be present besides the signature: an export limited to some variables (the
   * portal's column selection) still loads what it has, the absent variables are simply absent.
   */
  auMoinsUne: z.array(z.instanceof(RegExp)).min(1).optional(),
  /**
   * A source published as several datasets of one layout (the census themes): the file's own dataset, from its name,
   * when it tells one. Its id and label then replace the source's in the import journal.
   */
  jeu: z.function({ input: [z.custom<FileContext>()], output: z.object({ id: z.string(), libelle: z.string() }).optional() }).optional(),
  /**
   * Why a file of this source is outside what the observatory reads (a level it never publishes, territories outside
   * the COG): it is then listed as ignored with this reason, never loaded under a wrong level.
   */
  horsChamp: z.function({ input: [z.custom<FileContext>()], output: z.string().optional() }).optional(),
  millesime: z.function({ input: [z.custom<FileContext>()], output: z.number().int().optional() }),
  geoAnnee: z.function({ input: [z.number().int().optional(), z.custom<FileContext>()], output: z.number().int().optional() }),
};

/** A column, or alternatives of which the first present in the header is used (one name per export variant). */
const colonne = z.union([z.string(), z.array(z.string()).min(1)]);
export type Colonne = z.infer<typeof colonne>;

/** The name of a column as it appears in this header, or undefined when none of the alternatives is present. */
export function colonnePresente(choix: Colonne, entete: readonly string[]): string | undefined {
  return (Array.isArray(choix) ? choix : [choix]).find((name) => entete.includes(name));
}

export const wideSourceSchema = z.object({
  ...common,
  forme: z.literal("large"),
  /** Columns concatenated into the geographic code (["CODDEP", "CODCOM"] for populations légales). */
  cle: z.array(colonne).min(1),
  niveau: z.function({ input: [z.custom<FileContext>()], output: z.enum(NIVEAUX) }),
  /** Label or attribute columns that are not measures. */
  descriptives: z.array(z.string()),
  /** When set, only the columns it matches are measures (the others are attributes): for sources whose exports add columns. */
  mesures: z.instanceof(RegExp).optional(),
  /** Measures (by racine) that can be summed when communes merge; the others are not carried over. */
  additive: z.function({ input: [z.string()], output: z.boolean() }),
  /** Geography year of a measure when it differs from the file's (a file mixing geographies). */
  geoAnneeVariable: z.function({ input: [z.string(), z.number().int()], output: z.number().int().optional() }).optional(),
  /** Vintage-free root of a published column; by default the INSEE rules of variables.ts. */
  racine: z.function({ input: [z.string()], output: z.string() }).optional(),
  /**
   * A file holding several years, one per row (CAF "dtreffre" 2020-12, 2021-12…): the column giving each row's
   * year (first four-digit year found in the cell), and the gap between that year and the row's geography year.
   */
  millesimeParLigne: z.object({ colonne, decalageGeo: z.number().int() }).optional(),
  /** Territory codes that are not places (abroad, unknown commune): quarantined with their own reason. */
  codesSpeciaux: z.array(z.object({ code: z.instanceof(RegExp), motif: z.string().min(1) })).default([]),
  /** Municipal arrondissements: refused (INSEE loads the whole commune) or summed into it (the CAF only codes them). */
  arrondissements: z.enum(["refuser", "regrouper"]).default("refuser"),
  /** What an empty cell means: INSEE leaves it empty when there is nothing, the CAF when the value is masked. */
  celluleVide: z.enum(["vide", "secret"]).default("vide"),
  /**
   * What a value of a root may be (the first rule whose pattern matches the root, at the file's level): a count is
   * never negative, a commune never has 10 million inhabitants, a rate stays within its range. A value outside is
   * quarantined with its row, never loaded as « ok ».
   */
  vraisemblance: z.array(z.object({
    racines: z.instanceof(RegExp),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Levels the rule is for; all when absent. */
    niveaux: z.array(z.enum(NIVEAUX)).optional(),
  })).default([]),
  /** Same-row bounds between roots (a part cannot exceed its whole): a breach quarantines the row. */
  bornes: z.array(z.object({ partie: z.string(), tout: z.string() })).default([]),
  /** Roots the source publishes only as exclusive parts, rebuilt as their sum when the file lacks the total. */
  sommes: z.array(z.object({ racine: z.string(), parties: z.array(z.string()).min(2) })).default([]),
});

export const tableSourceSchema = z.object({
  ...common,
  forme: z.literal("table"),
  table: z.string().regex(/^[a-z_]+$/),
  /** Which part of the source the file is (the dataset a dictionary describes): files of two parts never replace each other. */
  partie: z.function({ input: [z.custom<FileContext>()], output: z.string().optional() }).optional(),
  /** File column → warehouse column. */
  colonnes: z.record(z.string(), z.string()),
  /** File columns that may not be empty. */
  obligatoires: z.array(z.string()),
});

/**
 * A list of located items (one row per equipment): each row is checked against the geography and against a
 * code nomenclature valid for the row's vintage, then loaded into its own table with WGS84 coordinates.
 */
export const itemSourceSchema = z.object({
  ...common,
  forme: z.literal("equipements"),
  table: z.string().regex(/^[a-z_]+$/),
  /** The row's vintage (AN); the file's millésime when absent (or when the list has no such column). */
  annee: colonne.optional(),
  commune: colonne,
  /** The item's type code, checked against the nomenclature of the row's vintage. */
  type: colonne,
  /** Nomenclature: code → label, category, validity; one row per code and validity span. */
  nomenclature: z.array(z.object({
    code: z.string(), libelle: z.string(), categorie: z.string().nullable(), premier: z.number().int().nullable(), dernier: z.number().int().nullable(),
  })).min(1),
  /** Coordinate columns: WGS84 when published, else Lambert-93 (EPSG:2154) converted in DuckDB. */
  coordonnees: z.object({
    longitude: colonne, latitude: colonne, x: colonne.optional(), y: colonne.optional(), epsg: colonne.optional(), qualite: colonne.optional(),
  }),
  /** Columns flagging a mobile (itinerant) equipment, and the cell values that mean "yes". */
  mobile: z.object({ colonne, oui: z.array(z.string()).min(1) }),
  /**
   * Text columns kept with each item (a place's name, its status): warehouse column ← file column. With `valeurs`,
   * a cell outside the list (compared without case) is quarantined and the listed spelling is stored.
   */
  attributs: z.array(z.object({
    cible: z.string().regex(/^[a-z][a-z_]*$/), colonne, valeurs: z.array(z.string()).min(1).optional(), obligatoire: z.boolean().optional(),
  })).optional(),
});

/**
 * Perimeters: named lists of communes (one row per perimeter and commune). Every row is checked against the COG
 * (former codes mapped onto the current commune), duplicates and empty perimeters are refused with their line.
 */
export const perimeterSourceSchema = z.object({
  ...common,
  forme: z.literal("perimetres"),
  table: z.string().regex(/^[a-z_]+$/),
  /** Header labels of each column, compared without case, accents or punctuation. */
  perimetre: z.array(z.string()).min(1),
  libelleColonne: z.array(z.string()).min(1),
  commune: z.array(z.string()).min(1),
});

/** How a cell of an activity log is read, checked and stored (pipelines/ingest/load-journal.ts). */
export const TYPES_CHAMP = ["date", "date_heure", "mois", "entier", "decimal", "duree", "commune", "epci", "categorie", "identifiant"] as const;
export type TypeChamp = (typeof TYPES_CHAMP)[number];

const champJournalSchema = z.object({
  /** Warehouse column. */
  cible: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Header labels accepted, compared without case, accents or punctuation; the first one is documented. */
  colonnes: z.array(z.string().min(1)).min(1),
  type: z.enum(TYPES_CHAMP),
  /** The column must be in the header and every cell filled. */
  obligatoire: z.boolean(),
  /** Part of the header that recognises the log (the columns every export of it has). */
  reconnaissance: z.boolean().default(false),
  /** Categories: canonical label → other spellings met in exports. A value outside the list is quarantined. */
  valeurs: z.record(z.string(), z.array(z.string())).optional(),
  /** Cell values meaning "not known" (an unknown caller's commune): stored as NULL, never quarantined. */
  inconnu: z.array(z.string()).default([]),
  /** A number above this is not plausible (a call of 10 hours, a stop of 2 days): the row is quarantined. */
  max: z.number().optional(),
  /** Each value appears once in a file (a call's identifier): a repeat is quarantined, naming the first line. */
  unique: z.boolean().optional(),
  /** The value must exist in another log's field (an interaction follows a call of the calls' log). */
  reference: z.object({ table: z.string(), cible: z.string(), libelle: z.string() }).optional(),
});
export type ChampJournal = z.input<typeof champJournalSchema>;

/**
 * An activity log of the GIP (one row per call, parcel, report…): every cell typed and checked in DuckDB,
 * every row dated within the log's year (read from the file or folder name), stored in its own table.
 */
export const journalSourceSchema = z.object({
  ...common,
  forme: z.literal("journal"),
  table: z.string().regex(/^gip_[a-z_]+$/),
  champs: z.array(champJournalSchema).min(1),
  /** The field dating each row: it must fall within the log's year. */
  date: z.string(),
  /** Fields of which each row must fill at least one (a report is located by its commune or its EPCI). */
  auMoinsUn: z.array(z.string()).optional(),
  /** The pseudonymous identifier that --pseudonymiser may derive from identifying columns when the export has none. */
  pseudonyme: z.string().optional(),
});

export type WideSource = z.input<typeof wideSourceSchema>;
export type TableSource = z.infer<typeof tableSourceSchema>;
export type ItemSource = z.infer<typeof itemSourceSchema>;
export type JournalSource = z.input<typeof journalSourceSchema>;
export type PerimeterSource = z.infer<typeof perimeterSourceSchema>;
export type SourceDefinition = WideSource | TableSource | ItemSource | JournalSource | PerimeterSource;

export const sourceSchema = z.discriminatedUnion("forme", [wideSourceSchema, tableSourceSchema, itemSourceSchema, journalSourceSchema, perimeterSourceSchema]);
