// INSEE reference tables: the variable dictionary of the dossier complet, and the COG commune list.
import type { TableSource } from "./definition.ts";
import { yearIn } from "../variables.ts";

export const inseeDictionnaire: TableSource = {
  id: "insee_dictionnaire",
  forme: "table",
  libelle: "Dossier complet : dictionnaire des variables",
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par variable et par modalité",
  publication: "insee.fr/fr/statistiques/5359146 (meta_dossier_complet.csv)",
  nom: /^meta_/i,
  signature: [/^COD_VAR$/, /^LIB_VAR$/, /^COD_MOD$/, /^THEME$/],
  millesime: (context) => yearIn(context.chemin),
  geoAnnee: () => undefined,
  table: "insee_dictionnaire",
  colonnes: {
    COD_VAR: "cod_var", LIB_VAR: "lib_var", LIB_VAR_LONG: "lib_var_long", COD_MOD: "cod_mod", LIB_MOD: "lib_mod",
    TYPE_VAR: "type_var", LONG_VAR: "long_var", THEME: "theme", SOURCE: "source",
  },
  obligatoires: ["COD_VAR"],
};

export const inseeCogCommunes: TableSource = {
  id: "insee_cog_communes",
  forme: "table",
  libelle: "Code officiel géographique : liste des communes",
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par code commune et par type (commune, commune associée, commune déléguée, arrondissement)",
  publication: "insee.fr, « Code officiel géographique » (commune_AAAA.csv / v_commune_AAAA.csv)",
  nom: /commune_(?:19|20)\d{2}/i,
  signature: [/^TYPECOM$/, /^COM$/, /^LIBELLE$/],
  millesime: (context) => yearIn(context.nom),
  geoAnnee: (millesime) => millesime,
  table: "insee_cog_commune",
  colonnes: { TYPECOM: "typecom", COM: "com", REG: "reg", DEP: "dep", LIBELLE: "libelle", COMPARENT: "comparent" },
  obligatoires: ["TYPECOM", "COM"],
};
