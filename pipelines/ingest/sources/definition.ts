// What a source definition declares: how its files are recognised, read, dated and loaded.
// The registry is validated with zod at start-up, so a broken definition fails loudly.
import { z } from "zod";

export const NIVEAUX = ["commune", "iris", "epci", "departement", "region", "france"] as const;
export type Niveau = (typeof NIVEAUX)[number];

/** What is known about a candidate file when dating it: its relative path and header. */
export interface FileContext {
  chemin: string;
  nom: string;
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
  millesime: z.function({ input: [z.custom<FileContext>()], output: z.number().int().optional() }),
  geoAnnee: z.function({ input: [z.number().int().optional(), z.custom<FileContext>()], output: z.number().int().optional() }),
};

export const wideSourceSchema = z.object({
  ...common,
  forme: z.literal("large"),
  /** Columns concatenated into the geographic code (["CODDEP", "CODCOM"] for populations légales). */
  cle: z.array(z.string()).min(1),
  niveau: z.function({ input: [z.custom<FileContext>()], output: z.enum(NIVEAUX) }),
  /** Label or attribute columns that are not measures. */
  descriptives: z.array(z.string()),
  /** Measures (by racine) that can be summed when communes merge; the others are not carried over. */
  additive: z.function({ input: [z.string()], output: z.boolean() }),
  /** Geography year of a measure when it differs from the file's (a file mixing geographies). */
  geoAnneeVariable: z.function({ input: [z.string(), z.number().int()], output: z.number().int().optional() }).optional(),
});

export const tableSourceSchema = z.object({
  ...common,
  forme: z.literal("table"),
  table: z.string().regex(/^[a-z_]+$/),
  /** File column → warehouse column. */
  colonnes: z.record(z.string(), z.string()),
  /** File columns that may not be empty. */
  obligatoires: z.array(z.string()),
});

export type WideSource = z.infer<typeof wideSourceSchema>;
export type TableSource = z.infer<typeof tableSourceSchema>;
export type SourceDefinition = WideSource | TableSource;

export const sourceSchema = z.discriminatedUnion("forme", [wideSourceSchema, tableSourceSchema]);
