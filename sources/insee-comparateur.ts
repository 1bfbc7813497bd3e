// INSEE « Base du comparateur de territoires »: one row per commune, census, Filosofi, vital statistics and Sirene.
import type { WideSource } from "./definition.ts";
import { latest, threeYearsLater } from "./dating.ts";
import { CENSUS_BOUNDS, CENSUS_RULES, COMPARATEUR_RULES, FILOSOFI_RULES } from "./insee-plausibility.ts";

const FILOSOFI_MEASURES = /^(NBMENFISC|PIMP|MED|TP60)yy$/;

export const inseeComparateur: WideSource = {
  id: "insee_comparateur",
  forme: "large",
  libelle: "Base du comparateur de territoires",
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par commune et par édition",
  publication: "insee.fr/fr/statistiques/2521169",
  nom: /base_cc_comparateur/i,
  signature: [/^CODGEO$/, /^Pyy_POP$/, /^SUPERF$/, /^NBMENFISCyy$/],
  cle: ["CODGEO"],
  niveau: () => "commune",
  descriptives: ["LIBGEO", "REG", "DEP"],
  // The census columns fix the edition: RP 2022 is in the 2025 edition, on the 2025 geography.
  millesime: (context) => latest(context.millesimesRecensement),
  geoAnnee: threeYearsLater,
  additive: (racine) => !/^(MED|PIMP|TP60)yy$/.test(racine),
  // Its Filosofi columns stay on the geography of their own vintage (Filosofi 2021 → geography 2024).
  geoAnneeVariable: (racine, millesime) => (FILOSOFI_MEASURES.test(racine) ? millesime + 3 : undefined),
  vraisemblance: [...COMPARATEUR_RULES, ...CENSUS_RULES, ...FILOSOFI_RULES],
  bornes: CENSUS_BOUNDS,
};

