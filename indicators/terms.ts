// The variables an indicator reads, whatever its class: read by the computation, the catalogue and the pages.
import type { Indicator, Terme } from "./definition.ts";

/** Every name a term takes across vintages, its main one first. */
export const namesOf = (term: Terme): string[] => [term.racine, ...(term.ou ?? [])];

/** Numerator and denominator terms of an indicator; none for a value taken as published (class N). */
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

/** The vintage-free roots an indicator reads (every name of each term), without repeats. */
export function variablesOf(indicator: Indicator): string[] {
  const terms = termsOf(indicator);
  if (!terms) return [(indicator as Extract<Indicator, { classe: "N" }>).publie.racine];
  return [...new Set([...terms.num, ...terms.den].flatMap(namesOf))];
}
