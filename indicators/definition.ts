// What an indicator declares: one typed, zod-validated definition drives computation, exports, tests and pages.
import { z } from "zod";

export const NIVEAUX_PUBLICATION = ["commune", "epci", "departement", "region", "france"] as const;

export const THEMES = {
  demographie: "Démographie",
  menages_familles: "Ménages et familles",
  revenus_pauvrete: "Revenus et pauvreté",
  prestations_sociales: "Prestations sociales (CAF)",
  emploi: "Emploi et activité",
  logement: "Logement et mobilité",
  education: "Formation et scolarisation",
  acces_services: "Accès aux services",
  activite_gip: "Activité du GIP Gers Solidaire",
} as const;
export type Theme = keyof typeof THEMES;

/**
 * A warehouse variable by its vintage-free root (e.g. "Pyy_POP"), with a coefficient for differences. `ou` lists the
 * names the same concept takes in other vintages of the source (PCS 2020 groups in the 2022 census for the PCS 2003
 * categories of earlier ones): for each millésime the first name published is used.
 */
const terme = z.object({ racine: z.string().min(1), coef: z.number().default(1), ou: z.array(z.string().min(1)).default([]) });
export type Terme = z.input<typeof terme>;

const common = {
  numero: z.number().int().min(1).max(40),
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  libelle: z.string().min(5),
  /** A label short enough for one line of a printed table or a chart title. */
  court: z.string().min(3).max(52),
  /** The calculation in plain French, for readers; the variable codes stay in the specialists' definition. */
  formule: z.string().min(10),
  theme: z.enum(Object.keys(THEMES) as [Theme, ...Theme[]]),
  pourquoi: z.string().min(20),
  unite: z.string().min(1),
  decimales: z.number().int().min(0).max(3),
  /** "besoin_si_haut": a high value signals need; "besoin_si_bas": a low one does; "neutre": context. */
  polarite: z.enum(["besoin_si_haut", "besoin_si_bas", "neutre"]),
  /** Sources, as shown to readers (the millésime comes from the data). */
  sources: z.array(z.string().min(1)).min(1),
  niveaux: z.array(z.enum(NIVEAUX_PUBLICATION)).min(1),
  /** Repeated caveats, written once in caveats.ts. */
  avertissements: z.array(z.string()).default([]),
};

/** A: sum(numerator) / sum(denominator) × facteur over the communes of every level. */
export const additiveSchema = z.object({
  ...common,
  classe: z.literal("A"),
  numerateur: z.array(terme).min(1),
  /** Absent for a plain count (population). */
  denominateur: z.array(terme).min(1).optional(),
  facteur: z.number().positive().default(1),
});

/** N: taken as published at each level, never computed from communes. */
export const publishedSchema = z.object({
  ...common,
  classe: z.literal("N"),
  publie: z.object({ source: z.string(), racine: z.string() }),
});

/** D: derived from the A aggregates of the same level. */
export const derivedSchema = z.object({
  ...common,
  classe: z.literal("D"),
  derivation: z.discriminatedUnion("calcul", [
    /** Ratio of two sums whose sources differ (density: population / area). */
    z.object({ calcul: z.literal("ratio"), numerateur: z.array(terme).min(1), denominateur: z.array(terme).min(1), facteur: z.number().positive().default(1) }),
    /** Mean annual growth rate between the two most recent census vintages at least 5 years apart. */
    z.object({ calcul: z.literal("taux_annuel_moyen"), racine: z.string(), ecartMinimal: z.number().int().default(5) }),
  ]),
});

/** G: from the GIP's activity logs (issue « activité »), additive, small counts suppressed. */
export const gipSchema = z.object({
  ...common,
  classe: z.literal("G"),
  numerateur: z.array(terme).min(1),
  denominateur: z.array(terme).min(1),
  facteur: z.number().positive(),
});

export const indicatorSchema = z.discriminatedUnion("classe", [additiveSchema, publishedSchema, derivedSchema, gipSchema]);
export type IndicatorInput = z.input<typeof indicatorSchema>;
export type Indicator = z.output<typeof indicatorSchema>;
