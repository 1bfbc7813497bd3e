// Picks the millésime of every variable an indicator uses: census variables share one census year
// (the latest where all exist), the evolution compares it with a census at least 5 years older.
import type { Indicator, Terme } from "../../indicators/definition.ts";

export type Role = "num" | "den";
export type Periode = "actuel" | "precedent";

export interface ChosenTerm {
  indicateurId: string;
  periode: Periode;
  role: Role;
  racine: string;
  coef: number;
  millesime: number | null;
}

export interface VintagePlan {
  termes: ChosenTerm[];
  /** Years of the current value, most recent first (e.g. [2023, 2022] for CAF 2023 over RP 2022). */
  millesimes: Map<string, number[]>;
  /** Census year of the previous value, for the evolution. */
  millesimesPrecedents: Map<string, number>;
  /** Variables no loaded source provides, per indicator. */
  absentes: Map<string, string[]>;
}

const isCensus = (racine: string) => /^[PC]yy_/.test(racine);
const EVOLUTION_MIN_GAP = 5;

/** Numerator and denominator terms of an indicator, whatever its class. */
export function termsOf(indicator: Indicator): { num: Terme[]; den: Terme[] } | undefined {
  switch (indicator.classe) {
    case "A":
    case "G":
      return { num: indicator.numerateur, den: indicator.denominateur ?? [] };
    case "D":
      return indicator.derivation.calcul === "ratio"
        ? { num: indicator.derivation.numerateur, den: indicator.derivation.denominateur }
        : { num: [{ racine: indicator.derivation.racine }], den: [{ racine: indicator.derivation.racine }] };
    case "N":
      return undefined;
  }
}

/** Years available per variable: at commune level (summed indicators) and at any level (published ones). */
export interface Availability {
  communes: Map<string, Set<number>>;
  tousNiveaux: Map<string, Set<number>>;
}

export function planVintages(indicators: Indicator[], availability: Availability): VintagePlan {
  const available = availability.communes;
  const plan: VintagePlan = { termes: [], millesimes: new Map(), millesimesPrecedents: new Map(), absentes: new Map() };
  for (const indicator of indicators) {
    const terms = termsOf(indicator);
    if (!terms) {
      const { racine } = (indicator as Extract<Indicator, { classe: "N" }>).publie;
      const years = [...(availability.tousNiveaux.get(racine) ?? [])].sort((a, b) => b - a);
      if (!years.length) plan.absentes.set(indicator.id, [racine]);
      else plan.millesimes.set(indicator.id, [years[0]!]);
      continue;
    }
    const racines = [...new Set([...terms.num, ...terms.den].map((term) => term.racine))];
    const absentes = racines.filter((racine) => !available.get(racine)?.size);
    if (absentes.length) plan.absentes.set(indicator.id, absentes);
    const censusYears = commonYears(racines.filter(isCensus), available);
    const latest = censusYears[0];
    const older = censusYears.find((year) => latest !== undefined && year <= latest - EVOLUTION_MIN_GAP);
    const yearOf = (racine: string, periode: Periode): number | null => {
      if (isCensus(racine)) return (periode === "actuel" ? latest : older) ?? null;
      const years = [...(available.get(racine) ?? [])];
      return periode === "actuel" && years.length ? Math.max(...years) : null;
    };
    const growth = indicator.classe === "D" && indicator.derivation.calcul === "taux_annuel_moyen";
    const periodes: Periode[] = growth || older === undefined ? ["actuel"] : ["actuel", "precedent"];
    // Only census-based values have a previous vintage: an evolution mixing other sources would compare unlike things.
    const evolutive = !growth && racines.every(isCensus);
    for (const periode of evolutive ? periodes : ["actuel" as const]) {
      for (const role of ["num", "den"] as const) {
        for (const term of terms[role]) {
          // A growth rate divides the latest census by the older one: its "denominator" is the older vintage.
          const millesime = growth && role === "den" ? (older ?? null) : yearOf(term.racine, periode);
          plan.termes.push({ indicateurId: indicator.id, periode, role, racine: term.racine, coef: term.coef ?? 1, millesime });
        }
      }
    }
    const years = [...new Set(plan.termes.filter((term) => term.indicateurId === indicator.id && term.periode === "actuel" && term.millesime !== null && !(growth && term.role === "den")).map((term) => term.millesime!))];
    if (years.length) plan.millesimes.set(indicator.id, years.sort((a, b) => b - a));
    if (growth && older !== undefined) plan.millesimesPrecedents.set(indicator.id, older);
    if (evolutive && older !== undefined) plan.millesimesPrecedents.set(indicator.id, older);
  }
  return plan;
}

function commonYears(racines: string[], available: Map<string, Set<number>>): number[] {
  if (!racines.length) return [];
  const [first, ...rest] = racines.map((racine) => available.get(racine) ?? new Set<number>());
  return [...first!].filter((year) => rest.every((years) => years.has(year))).sort((a, b) => b - a);
}
