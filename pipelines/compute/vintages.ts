// Picks the millésime of every variable an indicator uses: census variables share one census year
// (the latest where all exist), the evolution compares it with a census at least 5 years older.
import type { Indicator, Terme } from "../../indicators/definition.ts";
import { namesOf, termsOf } from "../../indicators/terms.ts";

export type Role = "num" | "den";
/** The current value, the census it is compared with, and the other years of a time series (`s2011`, `s2021`…). */
export type Periode = "actuel" | "precedent" | `s${number}`;

/** One point of an indicator's time series: the period that computes it, its year, and the millésimes it reads. */
export interface SeriesPoint {
  periode: Periode;
  annee: number;
  millesime: string;
}

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
  /** Time series, per indicator with at least two years: every census of the same nomenclature, or every year of its other source. */
  series: Map<string, SeriesPoint[]>;
}

const isCensus = (racine: string) => /^[PC]yy_/.test(racine);
const EVOLUTION_MIN_GAP = 5;

/** Years available per variable: at commune level (summed indicators) and at any level (published ones). */
export interface Availability {
  communes: Map<string, Set<number>>;
  tousNiveaux: Map<string, Set<number>>;
}

export function planVintages(indicators: Indicator[], availability: Availability): VintagePlan {
  const plan: VintagePlan = { termes: [], millesimes: new Map(), millesimesPrecedents: new Map(), absentes: new Map(), ruptures: new Map(), series: new Map() };
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
    // The GIP's counts are masked on the published values only, and a growth rate is already a change: no series.
    if (growth || indicator.classe === "G" || absentes.length) continue;
    const points = evolutive
      ? latest === undefined ? [] : censusSeries(all, censusYears, latest, older, nameIn)
      : otherSourceSeries(all, yearsOf, latest);
    if (points.length < 2) continue;
    plan.series.set(indicator.id, points);
    for (const point of points) {
      if (point.periode === "actuel" || point.periode === "precedent") continue;
      for (const role of ["num", "den"] as const) {
        for (const term of terms[role]) {
          const millesime = !evolutive && isCensus(term.racine) ? latest! : point.annee;
          plan.termes.push({ indicateurId: indicator.id, periode: point.periode, role, racine: nameIn(term, millesime), coef: term.coef ?? 1, millesime });
        }
      }
    }
  }
  return plan;
}

/**
 * Every census year where all the terms are published under the names of the latest one: a nomenclature break (PCS
 * 2003 → 2020) ends the series rather than drawing the break as a change.
 */
function censusSeries(all: Terme[], censusYears: number[], latest: number, older: number | undefined, nameIn: (term: Terme, year: number | null) => string): SeriesPoint[] {
  const same = censusYears.filter((year) => all.every((term) => nameIn(term, year) === nameIn(term, latest)));
  return same
    .map((year): SeriesPoint => ({ periode: year === latest ? "actuel" : year === older ? "precedent" : `s${year}`, annee: year, millesime: String(year) }))
    .sort((a, b) => a.annee - b.annee);
}

/**
 * Every year its other source (CAF, BPE) publishes all the terms, over the census of the current value: one
 * denominator for all years, so the series moves with the counts only and ends on the published value.
 */
function otherSourceSeries(all: Terme[], yearsOf: (term: Terme) => Set<number>, latest: number | undefined): SeriesPoint[] {
  const others = all.filter((term) => !isCensus(term.racine));
  if (!others.length) return [];
  const current = Math.max(...others.flatMap((term) => [...yearsOf(term)]));
  const census = all.some((term) => isCensus(term.racine)) ? `/${latest}` : "";
  if (census && latest === undefined) return [];
  return commonYears(others.map(yearsOf))
    .filter((year) => year <= current)
    .map((year): SeriesPoint => ({ periode: year === current ? "actuel" : `s${year}`, annee: year, millesime: `${year}${census}` }))
    .sort((a, b) => a.annee - b.annee);
}

function commonYears(available: Set<number>[]): number[] {
  if (!available.length) return [];
  const [first, ...rest] = available;
  return [...first!].filter((year) => rest.every((years) => years.has(year))).sort((a, b) => b - a);
}
