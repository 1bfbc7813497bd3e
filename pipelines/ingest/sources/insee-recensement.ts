// The five INSEE census "base-cc" thematic files: one row per commune, RP vintage and its older twins.
import type { WideSource } from "./definition.ts";
import { latestColumnVintage, threeYearsLater } from "./dating.ts";

interface Theme {
  id: string;
  libelle: string;
  fichier: string;
  signature: RegExp[];
}

const THEMES: Theme[] = [
  { id: "evol_struct_pop", libelle: "Évolution et structure de la population", fichier: "evol-struct-pop", signature: [/^Pyy_POP$/, /^Pyy_POP0014$/, /^Pyy_POP7589$/] },
  { id: "coupl_fam_men", libelle: "Couples, familles, ménages", fichier: "coupl-fam-men", signature: [/^Cyy_MEN$/, /^Cyy_FAM$/, /^Pyy_POP80P$/] },
  { id: "logement", libelle: "Logement", fichier: "logement", signature: [/^Pyy_LOG$/, /^Pyy_RP$/, /^Pyy_RP_ACHTOT$/] },
  { id: "diplomes_formation", libelle: "Diplômes, formation", fichier: "diplomes-formation", signature: [/^Pyy_NSCOL15P$/, /^Pyy_SCOL1824$/] },
  { id: "emploi_pop_active", libelle: "Emploi, population active", fichier: "emploi-pop-active", signature: [/^Pyy_ACT1564$/, /^Pyy_ACTOCC1564$/] },
];

export const inseeRecensement: WideSource[] = THEMES.map((theme) => ({
  id: `insee_rp_${theme.id}`,
  forme: "large",
  libelle: `Recensement de la population, base communale (base-cc) : ${theme.libelle}`,
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par commune ; colonnes du millésime et des recensements antérieurs",
  publication: "insee.fr, « Bases de données et fichiers détail du recensement », base-cc",
  nom: new RegExp(`base-cc-${theme.fichier}`, "i"),
  signature: [/^CODGEO$/, ...theme.signature],
  cle: ["CODGEO"],
  niveau: () => "commune",
  descriptives: ["LIBGEO", "REG", "DEP"],
  millesime: latestColumnVintage,
  geoAnnee: threeYearsLater,
  // Census counts are all additive.
  additive: () => true,
}));
