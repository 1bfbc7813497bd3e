// CNAF open data (data.caf.fr): the current Cafdata series (one row per territory and December, several years per
// file) and the older yearly files of the former portal, still downloadable from data.gouv.fr.
// docs/sources-caf-bpe.md gives the evidence behind every column name used here.
import type { Niveau, WideSource } from "./definition.ts";
import { yearIn } from "./variable-names.ts";

/**
 * The key column of each level, in every export variant seen: Cafdata field names and the labels its portal exports
 * with « use_labels » (« Numéro commune »), and the former yearly files (Codes_Insee, NUMEPCI).
 */
const CLES: [string, Niveau][] = [
  ["numcomdo", "commune"], ["numcom", "commune"], ["Numéro commune", "commune"], ["Codes_Insee", "commune"], ["NUMCOM", "commune"],
  ["numepci", "epci"], ["Numéro EPCI", "epci"], ["NUMEPCI", "epci"],
  ["numdep", "departement"], ["Numéro département", "departement"],
  ["national", "france"],
];

/** Where each row's year is: Cafdata's December ("2023-12", labelled « Date référence »), the Onape year, the former files' reference date. */
const DATES = ["dtreffre", "Date référence", "annee", "Année", "DTREF", "DTREFF"];

/**
 * Cafdata names a measure by what it counts and the benefit's code: indfoy_rsa (households), indnbp_rsa (persons
 * covered), indmtt_rsa (amount). Its labelled export writes « Nombre foyers RSA », « Nombre personnes RSA »,
 * « Montant total RSA »: the same three prefixes before the same code, which maps every label onto its field.
 */
const LABELLED_MEASURES: [RegExp, string][] = [
  [/^nombre foyers (.+)$/, "indfoy_"],
  [/^nombre personnes (.+)$/, "indnbp_"],
  [/^montant total (.+)$/, "indmtt_"],
];

/**
 * The former yearly files' names for the same counts, and the Onape's labelled rate. The Onape rates carry their
 * level as a suffix (txcouv_com, txcouv_epci…): the root drops it.
 */
const EQUIVALENCES: Record<string, string> = {
  nb_allocataires: "indfoy_ndur",
  nb_pers_par_foyer_alloc: "indnbp_ndur",
  "taux de couv global": "txcouv",
};

export function cafRacine(variable: string): string {
  const name = variable.trim().toLowerCase().replace(/\s+/g, " ");
  for (const [pattern, prefix] of LABELLED_MEASURES) {
    const code = name.match(pattern)?.[1];
    if (code) return `${prefix}${code.replace(/[^a-z0-9]+/g, "_")}`;
  }
  return EQUIVALENCES[name] ?? variable.replace(/^(txcouv(?:_[a-z]+)*?)_(com|epci|dep|reg|nat)$/, "$1");
}

/** The CAF's rows that are not places: quarantined with their meaning rather than dropped. */
export const CAF_ABROAD = "allocataires résidant à l'étranger ou hors du territoire de compétence de leur CAF (code 99999 de la CAF) : aucune commune de rattachement";
export const CAF_UNKNOWN = "territoire de résidence inconnu (code de type XXXXX de la CAF) : aucun territoire de rattachement";
export const CAF_UNLOCATED = "allocataires non localisés (code territoire vide dans le fichier de la CAF)";

const CODES_SPECIAUX = [
  { code: /^99999$/, motif: CAF_ABROAD },
  { code: /^[0-9]{0,3}[Xx]+$/, motif: CAF_UNKNOWN },
  { code: /^$/, motif: CAF_UNLOCATED },
];

/** A part never exceeds its whole on one row (values rounded to 5 keep the order; masked ones are not compared). */
const BORNES = [
  ...["indfoy_rsa", "indfoy_ppa", "indfoy_aah", "indfoy_ndural", "indfoy_apl", "indfoy_als", "indfoy_alf", "indfoy_af"].map((partie) => ({ partie, tout: "indfoy_ndur" })),
  { partie: "indfoy_ndur", tout: "indnbp_ndur" },
  { partie: "indfoy_rsa", tout: "indnbp_rsa" },
  { partie: "TR50PFRB", tout: "NB_allocataires_ress" },
  { partie: "TR50PFRB", tout: "indfoy_ndur" },
  { partie: "TR100PFRB", tout: "TR50PFRB" },
  { partie: "NB_allocataires_ress", tout: "indfoy_ndur" },
  { partie: "ALL_bas_revenu", tout: "NB_allocataires_ress" },
];

const niveauDe = (entete: string[]): Niveau => CLES.find(([colonne]) => entete.includes(colonne))?.[1] ?? "commune";

interface Jeu {
  id: string;
  libelle: string;
  publication: string;
  grain: string;
  nom: RegExp;
  /** Measure columns of the dataset, of which a file holds at least one besides its key (exports may select columns). */
  variables: RegExp[];
  mesures?: RegExp;
  additive: boolean;
}

const CAFDATA_MEASURES = /^(ind(foy|nbp|mtt)_|(nombre (foyers|personnes)|montant total) )/i;

const common = {
  forme: "large" as const,
  producteur: "Caisse nationale des allocations familiales (CNAF)",
  licence: "Licence ouverte Etalab 2.0",
  cle: [CLES.map(([colonne]) => colonne)],
  niveau: (context: { entete: string[] }) => niveauDe(context.entete),
  descriptives: [
    "Communes", "Commune", "NOMCOM", "nomcom", "Nom commune", "NOMEPCI", "nomepci", "Nom EPCI", "DEPSEPCI", "nomdep", "Nom département",
    "numreg", "Numéro région", "nomreg", "nomregi", "Nom région",
  ],
  // Former files name their year (DependancePrestaCom2014.csv); Cafdata exports date each row instead.
  millesime: (context: { nom: string }) => yearIn(context.nom),
  // December N allocataires are located on the geography of 1 January N+1 (CNAF dataset notes).
  geoAnnee: (millesime: number | undefined) => (millesime === undefined ? undefined : millesime + 1),
  millesimeParLigne: { colonne: DATES, decalageGeo: 1 },
  codesSpeciaux: CODES_SPECIAUX,
  // The CAF leaves a cell blank when it masks a value below 5 (or its complement): a blank is a secret, never 0.
  celluleVide: "secret" as const,
  // Paris, Lyon and Marseille are published by arrondissement only: they are summed into their commune.
  arrondissements: "regrouper" as const,
  racine: cafRacine,
  // Counts and amounts are never negative; a rate of coverage stays within what places per child allow.
  vraisemblance: [
    { racines: /^txcouv/, min: 0, max: 1000 },
    { racines: /^indmtt_/, min: 0 },
    { racines: /./, min: 0, max: 1e8 },
  ],
  bornes: BORNES,
  // Housing aids are exclusive (APL before ALF before ALS): their total is their sum when only the parts are published.
  sommes: [{ racine: "indfoy_ndural", parties: ["indfoy_apl", "indfoy_alf", "indfoy_als"] }],
};

const CLE_SIGNATURE = new RegExp(`^(${CLES.map(([colonne]) => colonne).join("|")})$`);

const JEUX: Jeu[] = [
  {
    id: "caf_prestations",
    libelle: "CNAF, foyers allocataires et personnes couvertes par prestation (Cafdata)",
    publication: "data.caf.fr, « Toutes prestations – foyers allocataires [Communal] » (jeu s_ben_com_f) et son équivalent EPCI",
    grain: "une ligne par territoire et par mois de décembre (plusieurs années par fichier)",
    nom: /s_ben_(com|epci)/i,
    variables: [CAFDATA_MEASURES],
    mesures: CAFDATA_MEASURES,
    additive: true,
  },
  {
    id: "caf_accueil_jeune_enfant",
    libelle: "CNAF – Onape, taux de couverture global en accueil du jeune enfant",
    publication: "data.caf.fr, jeux txcouv_pe_com, txcouv_pe_epci, txcouv_pe_dep, txcouv_pe_nat",
    grain: "une ligne par territoire et par année",
    nom: /txcouv_pe/i,
    variables: [/^(txcouv_(com|epci|dep|nat)|Taux de couv global)$/i],
    mesures: /^(txcouv|Taux de couv)/i,
    additive: false,
  },
  {
    id: "caf_population_couverte",
    libelle: "CNAF, population couverte par au moins une prestation (fichiers annuels de l'ancien portail)",
    publication: "data.caf.fr (ancien portail) et data.gouv.fr, « Population des foyers allocataires par commune »",
    grain: "une ligne par territoire, un fichier par année",
    nom: /NivComTotal|Alloc_Pop_Com|NIVTOTAL/i,
    variables: [/^NB_Pers_par_Foyer_Alloc$/i],
    additive: true,
  },
  {
    id: "caf_dependance_prestations",
    libelle: "CNAF, part des prestations dans les ressources des foyers allocataires",
    publication: "data.caf.fr (ancien portail) et data.gouv.fr, « Indicateur sur la part des prestations dans les ressources des foyers allocataires – par commune »",
    grain: "une ligne par territoire, un fichier par année",
    nom: /DependancePresta/i,
    variables: [/^TR50PFRB$/i, /^TR100PFRB$/i],
    additive: true,
  },
  {
    id: "caf_bas_revenus",
    libelle: "CNAF, foyers allocataires à bas revenus (allocataires de référence, ressources connues)",
    publication: "data.caf.fr (ancien portail) et data.gouv.fr, « Foyers allocataires à bas revenus – par commune »",
    grain: "une ligne par territoire, un fichier par année",
    nom: /Bas_?revenu/i,
    // Before 2017 the file had NB_Allocataires, ALL_bas_revenu, Pers_bas_revenu; the CAF then added the reference counts.
    variables: [/^NB_allocataires_ress$/i, /^ALL_bas_revenu$/i, /^Pers_bas_revenu$/i, /^NB_pers_couv_ress$/i],
    additive: true,
  },
];

export const cafSources: WideSource[] = JEUX.map((jeu) => ({
  ...common,
  id: jeu.id,
  libelle: jeu.libelle,
  grain: jeu.grain,
  publication: jeu.publication,
  nom: jeu.nom,
  signature: [CLE_SIGNATURE],
  auMoinsUne: jeu.variables,
  ...(jeu.mesures ? { mesures: jeu.mesures } : {}),
  additive: () => jeu.additive,
}));
