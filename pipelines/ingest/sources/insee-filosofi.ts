// INSEE Filosofi « chiffres clés » (one file per level) and its IRIS file: income, poverty, inequality.
import type { Niveau, WideSource } from "./definition.ts";
import { latestColumnVintage, statedGeographyOr, threeYearsLater } from "./dating.ts";

/** The archive names each level's file by a suffix: cc_filosofi_2021_EPCI.csv. */
const LEVEL_SUFFIXES: [RegExp, Niveau][] = [
  [/_COM\b|_COM\./i, "commune"],
  [/_EPCI\b|_EPCI\./i, "epci"],
  [/_DEP\b|_DEP\./i, "departement"],
  [/_REG\b|_REG\./i, "region"],
  [/_(FRANCE|FE|METRO|FR)\b|_(FRANCE|FE|METRO|FR)\./i, "france"],
];

/** Counts of households and persons add up; medians, rates, deciles and shares do not. */
const additive = (racine: string) => /^(NBMENFISC|NBPERSMENFISC)yy$/.test(racine);

export const inseeFilosofi: WideSource = {
  id: "insee_filosofi",
  forme: "large",
  libelle: "Revenus, pauvreté et niveau de vie (Filosofi), chiffres clés",
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par territoire (commune, EPCI, département, région ou France selon le fichier)",
  publication: "insee.fr, « Revenus, pauvreté et niveau de vie en 2021 (Filosofi) », base-cc-filosofi",
  nom: /cc_filosofi_\d{4}/i,
  signature: [/^CODGEO$/, /^NBMENFISCyy$/, /^MEDyy$/],
  cle: ["CODGEO"],
  niveau: (context) => LEVEL_SUFFIXES.find(([pattern]) => pattern.test(context.nom))?.[1] ?? "commune",
  descriptives: ["LIBGEO"],
  millesime: latestColumnVintage,
  geoAnnee: statedGeographyOr(threeYearsLater),
  additive,
};

export const inseeFilosofiIris: WideSource = {
  id: "insee_filosofi_iris",
  forme: "large",
  libelle: "Revenus, pauvreté et niveau de vie (Filosofi) à l'IRIS",
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par IRIS",
  publication: "insee.fr, « Revenus, pauvreté et niveau de vie en 2021 (IRIS) »",
  nom: /BASE_TD_FILO_.*IRIS/i,
  signature: [/^IRIS$/, /^(DEC|DISP)_MEDyy$/],
  cle: ["IRIS"],
  niveau: () => "iris",
  descriptives: ["LIBIRIS", "COM", "LIBCOM"],
  millesime: latestColumnVintage,
  geoAnnee: statedGeographyOr(threeYearsLater),
  additive: () => false,
};
