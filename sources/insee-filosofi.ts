// INSEE Filosofi « chiffres clés » (one file per level, in one archive with their meta_ dictionaries) and its IRIS
// file: income, poverty, inequality. docs/sources-insee.md gives the evidence behind the names and levels.
import type { FileContext, Niveau, WideSource } from "./definition.ts";
import { latestColumnVintage, statedGeographyOr, threeYearsLater } from "./dating.ts";
import { FILOSOFI_RULES } from "./insee-plausibility.ts";

/**
 * The archive names each level's file by a suffix (cc_filosofi_2019_EPCI.csv). The observatory publishes communes,
 * EPCIs, départements, régions and France; the other zonings of the archive are listed as ignored, with what they are.
 * Their codes can look like commune codes (unités urbaines: 32101), so they must never be read as communes.
 */
const LEVELS: { suffixe: RegExp; niveau?: Niveau; libelle?: string }[] = [
  { suffixe: /^COM$/, niveau: "commune" },
  { suffixe: /^EPCI$/, niveau: "epci" },
  { suffixe: /^DEP$/, niveau: "departement" },
  { suffixe: /^REG$/, niveau: "region" },
  { suffixe: /^(FRANCE|FE|FR)$/, niveau: "france" },
  { suffixe: /^METRO$/, libelle: "France métropolitaine (l'observatoire compare à la France entière, DOM compris)" },
  { suffixe: /^ARR$/, libelle: "arrondissements départementaux" },
  { suffixe: /^CTCD$/, libelle: "collectivités territoriales ayant les compétences départementales" },
  { suffixe: /^EPT$/, libelle: "établissements publics territoriaux du Grand Paris" },
  { suffixe: /^AAV\d*$/, libelle: "aires d'attraction des villes" },
  { suffixe: /^UU\d*$/, libelle: "unités urbaines" },
  { suffixe: /^ZE\d*$/, libelle: "zones d'emploi" },
  { suffixe: /^BV\d*$/, libelle: "bassins de vie" },
];

/** The level suffix of a file name (cc_filosofi_2021_EPCI.csv → EPCI); none for a renamed file. */
const suffixOf = (nom: string) => nom.match(/_([A-Za-z]+\d*)\.[a-z]+$/i)?.[1]?.toUpperCase();

function level(context: FileContext): { niveau?: Niveau; libelle?: string } | undefined {
  const suffixe = suffixOf(context.nom);
  if (!suffixe || /^\d/.test(suffixe) || !/^cc_filosofi_/i.test(context.nom)) return { niveau: "commune" };
  return LEVELS.find((candidate) => candidate.suffixe.test(suffixe)) ?? { libelle: `zonage « ${suffixe} »` };
}

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
  signature: [/^CODGEO$/],
  auMoinsUne: [/^NBMENFISCyy$/, /^MEDyy$/, /^TP60yy$/, /^PIMPyy$/, /^RDyy$/],
  horsChamp: (context) => {
    const found = level(context);
    return found?.niveau ? undefined : `niveau géographique non publié par l'observatoire : ${found?.libelle}`;
  },
  cle: ["CODGEO"],
  niveau: (context) => level(context)?.niveau ?? "commune",
  descriptives: ["LIBGEO"],
  millesime: latestColumnVintage,
  geoAnnee: statedGeographyOr(threeYearsLater),
  additive,
  vraisemblance: FILOSOFI_RULES,
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
  signature: [/^IRIS$/],
  auMoinsUne: [/^(DEC|DISP)_MEDyy$/, /^(DEC|DISP)_TP60yy$/, /^(DEC|DISP)_PIMPyy$/],
  cle: ["IRIS"],
  niveau: () => "iris",
  descriptives: ["LIBIRIS", "COM", "LIBCOM"],
  millesime: latestColumnVintage,
  geoAnnee: statedGeographyOr(threeYearsLater),
  additive: () => false,
  vraisemblance: FILOSOFI_RULES,
};
