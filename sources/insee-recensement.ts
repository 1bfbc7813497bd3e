// The INSEE census "base-cc" files: one file per theme (base-cc-<thème>-AAAA.CSV), one row per commune, the columns of
// the census year and of the earlier censuses. Every theme shares one layout, so one definition reads them all; the
// theme, named by the file, tells the datasets apart in the import journal. docs/sources-insee.md gives the evidence.
import type { FileContext, WideSource } from "./definition.ts";
import { latestColumnVintage, threeYearsLater } from "./dating.ts";
import { CENSUS_BOUNDS, CENSUS_RULES } from "./insee-plausibility.ts";

/**
 * The themes the INSEE variable dictionary (meta_dossier_complet.csv, column THEME) names for the census, with the
 * file each one is published in. The dictionary files a theme's variables under names that do not always match
 * the file (the contract columns are labelled « Population active, emploi et chômage » yet published in caract_emp):
 * the file name is what identifies a file. A theme missing here still loads, under its file name.
 */
export const THEMES_RECENSEMENT: { fichier: string; libelle: string }[] = [
  { fichier: "evol-struct-pop", libelle: "Évolution et structure de la population" },
  { fichier: "coupl-fam-men", libelle: "Couples, familles, ménages" },
  { fichier: "logement", libelle: "Logement" },
  { fichier: "diplomes-formation", libelle: "Diplômes, formation" },
  { fichier: "emploi-pop-active", libelle: "Emploi, population active" },
  { fichier: "caract_emp", libelle: "Caractéristiques de l'emploi" },
  { fichier: "serie-historique", libelle: "Séries historiques" },
];

const NAME = /base-cc-(.+?)-(?:19|20)\d{2}(-COM)?\.csv$/i;
const LIBELLE = "Recensement de la population, base communale (base-cc)";

/** The dataset id of a census file: insee_rp_ and its theme as the file names it (logement, caract_emp…). */
export const censusDatasetId = (theme: string) => `insee_rp_${theme.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;

function theme(context: FileContext): { id: string; libelle: string } | undefined {
  const fichier = context.nom.match(NAME)?.[1];
  if (!fichier) return undefined;
  const known = THEMES_RECENSEMENT.find((candidate) => candidate.fichier.toLowerCase() === fichier.toLowerCase());
  return { id: censusDatasetId(fichier), libelle: `${LIBELLE} : ${known?.libelle ?? fichier}` };
}

export const inseeRecensement: WideSource = {
  id: "insee_rp",
  forme: "large",
  libelle: LIBELLE,
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par commune ; colonnes du millésime et des recensements antérieurs",
  publication: "insee.fr, « Bases de données et fichiers détail du recensement », base-cc (une archive par thème)",
  nom: /base-cc-/i,
  // A commune code and any census count (P22_…, C22_…): a theme is recognised by what it is, whatever its variables.
  signature: [/^CODGEO$/],
  auMoinsUne: [/^[PC]yy_/],
  jeu: theme,
  // The 2022 archives add a file of the overseas collectivities (975, 977, 978), outside the COG's communes.
  horsChamp: (context) => (NAME.exec(context.nom)?.[2] ? "collectivités d'outre-mer (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin), hors des communes du code officiel géographique" : undefined),
  cle: ["CODGEO"],
  niveau: () => "commune",
  descriptives: ["LIBGEO", "REG", "DEP"],
  millesime: latestColumnVintage,
  geoAnnee: threeYearsLater,
  // Census counts are all additive.
  additive: () => true,
  vraisemblance: CENSUS_RULES,
  bornes: CENSUS_BOUNDS,
};
