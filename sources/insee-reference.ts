// INSEE reference tables: the variable dictionary of the dossier complet, and the COG commune list.
import type { TableSource } from "./definition.ts";
import { yearIn, yearsIn } from "./variable-names.ts";

/**
 * INSEE ships a dictionary beside every data file: meta_base-cc-logement-2021.CSV in each census archive,
 * meta_cc_filosofi_2021_COM.csv in the Filosofi one, meta_dossier_complet.csv (with THEME and SOURCE), and
 * DS_…_metadata.csv (four columns) in the newer products. The dataset it describes is its part: the census
 * theme of 2021 and that of 2022 are two releases of one part, never two dictionaries of the same one.
 */
const describedDataset = (nom: string) =>
  nom.replace(/^meta_/i, "").replace(/_metadata\.csv$/i, "").replace(/\.[a-z]+$/i, "").replace(/[-_]?(?:19|20)\d{2}/g, "").toLowerCase();

export const inseeDictionnaire: TableSource = {
  id: "insee_dictionnaire",
  forme: "table",
  libelle: "Dictionnaire des variables de l'Insee (fichiers meta_)",
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par variable, puis une par modalité des variables codées (CODGEO : une par commune)",
  publication: "livré avec chaque fichier de l'Insee (meta_…csv dans l'archive) ; dossier complet : insee.fr/fr/statistiques/5359146",
  nom: /^meta_|_metadata\.csv$/i,
  signature: [/^COD_VAR$/, /^LIB_VAR$/, /^COD_MOD$/, /^LIB_MOD$/],
  partie: (context) => describedDataset(context.nom),
  // The release's year comes first: meta_cc_filosofi_2019_AAV2020.csv describes Filosofi 2019 on the 2020 zoning.
  millesime: (context) => yearsIn(context.nom)[0] ?? yearIn(context.chemin),
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
