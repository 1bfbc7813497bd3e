// Roots of the non-INSEE-census variables the registry uses. Each constant is the name the source
// publishes (CAF columns) or the name the step producing it writes (BPE counts, access, GIP logs).

/**
 * CAF open data, per commune and per EPCI: the Cafdata field names (data.caf.fr, s_ben_com_f; values rounded to 5)
 * and, where Cafdata has no equivalent found, the former portal's yearly files (values below 5 left blank).
 * The loader maps the former names of the same counts onto these roots (sources/caf.ts).
 */
export const CAF = {
  /** Persons covered by at least one benefit (former files: NB_Pers_par_Foyer_Alloc). */
  personnesCouvertes: "indnbp_ndur",
  /** Allocataire households, all benefits (former files: NB_allocataires). */
  allocataires: "indfoy_ndur",
  /** Allocataires of reference whose resources are known (former « bas revenus » files). */
  allocatairesRessourcesConnues: "NB_allocataires_ress",
  /** Allocataires whose resources are 50 % or more CAF benefits (former « part des prestations » files). */
  allocatairesDependance50: "TR50PFRB",
  rsa: "indfoy_rsa",
  aah: "indfoy_aah",
  /** APL + ALF + ALS (exclusive): published as such nationally, rebuilt from the parts per commune when absent. */
  aidesLogement: "indfoy_ndural",
  primeActivite: "indfoy_ppa",
  /** Onape global coverage rate; the level suffix of txcouv_com / txcouv_epci / txcouv_dep is dropped. */
  couvertureAccueilJeuneEnfant: "txcouv",
} as const;

/** BPE equipment counts per commune and category (codes mapped per BPE vintage in sources/bpe-equipements.ts). */
export const BPE = {
  medecinsGeneralistes: "BPE_MEDECIN_GENERALISTE",
  hebergementPersonnesAgees: "BPE_HEBERGEMENT_PERSONNES_AGEES",
} as const;

/** Written by the access analysis (great-circle distances from commune centroids). */
export const ACCES = {
  populationEloigneeAccesDroits: "ACCES_POP_PLUS_15KM_DROITS",
} as const;

/** Counts of the year from the GIP's activity logs. */
export const GIP = {
  appelsNumeroVert: "GIP_APPELS_NVS",
  personnesAppelsCourtoisie: "GIP_PERSONNES_COURTOISIE",
  foyersColisAlimentaires: "GIP_FOYERS_COLIS",
  fichesViolences: "GIP_FICHES_VIOLENCES",
} as const;
