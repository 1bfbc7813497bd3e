// INSEE « Populations légales », commune table of the "ensemble" archive (donnees_communes.csv).
import type { WideSource } from "./definition.ts";
import { yearIn } from "./variable-names.ts";
import { POPULATION_RULES } from "./insee-plausibility.ts";

export const inseePopulationsLegales: WideSource = {
  id: "insee_populations_legales",
  forme: "large",
  libelle: "Populations légales des communes",
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par commune",
  publication: "insee.fr, « Populations légales », archive « ensemble » (donnees_communes.csv)",
  nom: /donnees_communes/i,
  signature: [/^CODDEP$/, /^CODCOM$/, /^PMUN$/, /^PTOT$/],
  cle: ["CODDEP", "CODCOM"],
  niveau: () => "commune",
  descriptives: ["CODREG", "REG", "CODARR", "CODCAN", "COM"],
  // The file names no year: only its folder or archive can (e.g. populations-legales-2022/).
  millesime: (context) => yearIn(context.chemin),
  // Populations légales of year N are computed on the geography of 1 January N+2.
  geoAnnee: (millesime) => (millesime === undefined ? undefined : millesime + 2),
  additive: () => true,
  vraisemblance: POPULATION_RULES,
};
