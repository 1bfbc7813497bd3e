// Picks the millésime of every variable an indicator uses: census variables share one census year
// (the latest where all exist), the evolution compares it with a census at least 5 years older.
import type { Indicator, Terme } from "../../indicators/definition.ts";
import { namesOf, termsOf } from "../../indicators/terms.ts";

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
  /** Indicators whose previous value would use other names than the current one (a nomenclature break): no evolution. */
  ruptures: Map<string, string[]>;
}

const isCensus = (racine: string) => /^[PC]yy_/.test(racine);
const EVOLUTION_MIN_GAP = 5;

/** Years available per variable: at commune level (summed indicators) and at any level (published ones). */
export interface Availability {
  communes: Map<string, Set<number>>;
  tousNiveaux: Map<string, Set<number>>;
}

export function planVintages(indicators: Indicator[], availability: Availability): VintagePlan {
  const plan: VintagePlan = { termes: [], millesimes: new Map(), millesimesPrecedents: new Map(), absentes: new Map(), ruptures: new Map() };
  for (const indicator of indicators) {
    const terms = termsOf(indicator);
    if (!terms) {
      const { racine } = (indicator as Extract<Indicator, { classe: "N" }>).publie;
      const years = [...(availability.tousNiveaux.get(racine) ?? [])].sort((a, b) => b - a);
      if (!years.length) plan.absentes.set(indicator.id, [racine]);
      else plan.millesimes.set(indicator.id, [years[0]!]);
      continue;
    }
    // A term is available in a year when any of its names is: the years of all its names together.
    const yearsOf = (term: Terme) => new Set(namesOf(term).flatMap((name) => [...(availability.communes.get(name) ?? [])]));
    const all = [...terms.num, ...terms.den];
    const absentes = [...new Set(all.filter((term) => !yearsOf(term).size).map((term) => term.racine))];
    if (absentes.length) plan.absentes.set(indicator.id, absentes);
    const censusYears = commonYears(all.filter((term) => isCensus(term.racine)).map(yearsOf));
    const latest = censusYears[0];
    let older = censusYears.find((year) => latest !== undefined && year <= latest - EVOLUTION_MIN_GAP);
    const yearOf = (term: Terme, periode: Periode): number | null => {
      if (isCensus(term.racine)) return (periode === "actuel" ? latest : older) ?? null;
      const years = [...yearsOf(term)];
      return periode === "actuel" && years.length ? Math.max(...years) : null;
    };
    // The name published for that year: the main one when it is, else the first other name that is.
    const nameIn = (term: Terme, millesime: number | null) =>
      namesOf(term).find((name) => millesime !== null && availability.communes.get(name)?.has(millesime)) ?? term.racine;
    const growth = indicator.classe === "D" && indicator.derivation.calcul === "taux_annuel_moyen";
    // Only census-based values have a previous vintage: an evolution mixing other sources would compare unlike things.
    const evolutive = !growth && all.every((term) => isCensus(term.racine));
    if (evolutive && older !== undefined) {
      const changed = all.filter((term) => nameIn(term, latest ?? null) !== nameIn(term, older!));
      // PCS 2020 groups are not the PCS 2003 categories renamed: comparing them would show a break as a change.
      if (changed.length) {
        plan.ruptures.set(indicator.id, changed.map((term) => `${nameIn(term, older!)} → ${nameIn(term, latest!)}`));
        older = undefined;
      }
    }
    const periodes: Periode[] = growth || older === undefined ? ["actuel"] : ["actuel", "precedent"];
    for (const periode of evolutive ? periodes : ["actuel" as const]) {
      for (const role of ["num", "den"] as const) {
        for (const term of terms[role]) {
          // A growth rate divides the latest census by the older one: its "denominator" is the older vintage.
          const millesime = growth && role === "den" ? (older ?? null) : yearOf(term, periode);
          plan.termes.push({ indicateurId: indicator.id, periode, role, racine: nameIn(term, millesime), coef: term.coef ?? 1, millesime });
        }
      }
    }
    const years = [...new Set(plan.termes.filter((term) => term.indicateurId === indicator.id && term.periode === "actuel" && term.millesime !== null && !(growth && term.role === "den")).map((term) => term.millesime!))];
    if (years.length) plan.millesimes.set(indicator.id, years.sort((a, b) => b - a));
    if ((growth || evolutive) && older !== undefined) plan.millesimesPrecedents.set(indicator.id, older);
  }
  return plan;
}

function commonYears(available: Set<number>[]): number[] {
  if (!available.length) return [];
  const [first, ...rest] = available;
  return [...first!].filter((year) => rest.every((years) => years.has(year))).sort((a, b) => b - a);
}
