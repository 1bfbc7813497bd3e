// The registry's metadata as rows: one source for catalogue.csv/json, the export labels and, later, the pages.
import { CAVEATS } from "../../indicators/caveats.ts";
import { THEMES, type Indicator, type Terme } from "../../indicators/definition.ts";
import { INDICATORS } from "../../indicators/registry.ts";
import { variablesOf } from "../../indicators/terms.ts";

export interface CatalogueEntry {
  numero: number;
  id_indicateur: string;
  libelle: string;
  libelle_court: string;
  /** The calculation in plain French (readers); `definition` holds the same with the variable codes (specialists). */
  formule: string;
  theme: string;
  theme_libelle: string;
  pourquoi: string;
  unite: string;
  decimales: number;
  polarite: string;
  classe: string;
  definition: string;
  /** Each variable the indicator reads, with its meaning in INSEE's words when a loaded dictionary gives it. */
  variables: string;
  sources: string;
  niveaux: string;
  avertissements: string;
}

const CLASS_LABELS: Record<Indicator["classe"], string> = {
  A: "additif : somme des numérateurs / somme des dénominateurs des communes du territoire",
  N: "publié : valeur diffusée par la source pour ce territoire, jamais recalculée",
  D: "dérivé des agrégats du même territoire",
  G: "activité du GIP : comptages internes, petits effectifs masqués",
};

/** The registry as catalogue rows; `libelles` (root → INSEE label) comes from the dictionaries in the warehouse. */
export function catalogueEntries(indicators: Indicator[] = INDICATORS, libelles: ReadonlyMap<string, string> = new Map()): CatalogueEntry[] {
  return indicators.map((indicator) => ({
    numero: indicator.numero,
    id_indicateur: indicator.id,
    libelle: indicator.libelle,
    libelle_court: indicator.court,
    formule: indicator.formule,
    theme: indicator.theme,
    theme_libelle: THEMES[indicator.theme],
    pourquoi: indicator.pourquoi,
    unite: indicator.unite,
    decimales: indicator.decimales,
    polarite: indicator.polarite,
    classe: `${indicator.classe} — ${CLASS_LABELS[indicator.classe]}`,
    definition: definitionOf(indicator),
    variables: variablesOf(indicator).map((racine) => (libelles.has(racine) ? `${racine} : ${libelles.get(racine)}` : racine)).join(" ; "),
    sources: indicator.sources.join(" ; "),
    niveaux: indicator.niveaux.join(", "),
    avertissements: indicator.avertissements.map((key) => CAVEATS[key as keyof typeof CAVEATS] ?? key).join(" "),
  }));
}

function definitionOf(indicator: Indicator): string {
  const sum = (terms: Terme[]) => terms.map((term, index) => `${index === 0 ? ((term.coef ?? 1) < 0 ? "− " : "") : (term.coef ?? 1) < 0 ? " − " : " + "}${term.racine}`).join("");
  const ratio = (num: Terme[], den: Terme[] | undefined, facteur: number) =>
    den ? `(${sum(num)}) / (${sum(den)})${facteur !== 1 ? ` × ${facteur}` : ""}` : sum(num);
  switch (indicator.classe) {
    case "A":
    case "G":
      return ratio(indicator.numerateur, indicator.denominateur, indicator.facteur);
    case "N":
      return `${indicator.publie.racine} publié au niveau du territoire`;
    case "D":
      return indicator.derivation.calcul === "ratio"
        ? ratio(indicator.derivation.numerateur, indicator.derivation.denominateur, indicator.derivation.facteur)
        : `((${indicator.derivation.racine} récent / ${indicator.derivation.racine} ancien)^(1/n) − 1) × 100, recensements distants d'au moins ${indicator.derivation.ecartMinimal} ans`;
  }
}
