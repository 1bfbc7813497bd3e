// Roots of the non-INSEE-census variables the registry uses. Each constant is the name the source
// publishes (CAF columns) or the name the step producing it writes (BPE counts, access, GIP logs).

/** CAF open data, per commune and per EPCI (values below 5 masked by the CAF). */
export const CAF = {
  personnesCouvertes: "CAF_PERSONNES_COUVERTES",
  allocataires: "CAF_ALLOCATAIRES",
  allocatairesRessourcesConnues: "CAF_ALLOCATAIRES_RESSOURCES_CONNUES",
  allocatairesDependance50: "CAF_ALLOCATAIRES_DEPENDANCE_50",
  rsa: "CAF_RSA",
  aah: "CAF_AAH",
  aidesLogement: "CAF_AIDES_LOGEMENT",
  primeActivite: "CAF_PRIME_ACTIVITE",
  couvertureAccueilJeuneEnfant: "CAF_TAUX_COUVERTURE_EAJE",
} as const;

/** BPE equipment counts per commune and category (codes mapped per BPE vintage). */
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
