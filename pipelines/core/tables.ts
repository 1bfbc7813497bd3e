// Every table of the warehouse, by layer, under one name each. The steps (pipelines/steps/) declare what they read
// and write with these names; docs/entrepot.md describes each one (a test checks that both lists agree).
export const TABLES = {
  // The import's account of itself (pipelines/ingest/schema.ts).
  executions: "executions",
  journalImport: "journal_import",
  signaturesFichiers: "signatures_fichiers",
  rejets: "rejets",
  fichiersIgnores: "fichiers_ignores",
  fichiersRefuses: "fichiers_refuses",
  remplacementsPartiels: "remplacements_partiels",
  // Raw layer: the files as published (pipelines/ingest/).
  variablesFichier: "variables_fichier",
  valeursCellules: "valeurs_cellules",
  valeursBrutes: "valeurs_brutes",
  inseeDictionnaire: "insee_dictionnaire",
  inseeCogCommune: "insee_cog_commune",
  bpeEquipements: "bpe_equipements",
  lieuxServices: "lieux_services",
  contoursCommunes: "contours_communes",
  perimetres: "perimetres",
  cleIdentifiants: "cle_identifiants",
  gipAppels: "gip_appels",
  gipInteractions: "gip_interactions",
  gipCourtoisie: "gip_courtoisie",
  gipColis: "gip_colis",
  gipCampingCar: "gip_camping_car",
  gipViolences: "gip_violences",
  gipSiteWeb: "gip_site_web",
  // Reference geography of the current COG, built with each import (pipelines/geography/build-geography.ts).
  geoRegion: "geo_region",
  geoDepartement: "geo_departement",
  geoEpci: "geo_epci",
  geoEpciMembre: "geo_epci_membre",
  geoCommune: "geo_commune",
  geoPassageCommune: "geo_passage_commune",
  geoArrondissementMunicipal: "geo_arrondissement_municipal",
  geoTerritoire: "geo_territoire",
  cogPassage: "cog_passage",
  // Harmonised layer: values on the current COG (pipelines/harmonise/map-to-cog.ts).
  cogFusions: "cog_fusions",
  cogValeursFusionnees: "cog_valeurs_fusionnees",
  valeursCog: "valeurs_cog",
  // Counts (pipelines/counts/).
  bpeComptes: "bpe_comptes",
  gipComptes: "gip_comptes",
  // Places and distances (pipelines/distances/).
  offreCategories: "offre_categories",
  offreSources: "offre_sources",
  offreCibles: "offre_cibles",
  offreDestinations: "offre_destinations",
  offreLieux: "offre_lieux",
  offreCouverture: "offre_couverture",
  offreCentroides: "offre_centroides",
  offreDistances: "offre_distances",
  accesValeurs: "acces_valeurs",
  // Indicators (pipelines/compute/).
  calcPerimetre: "calc_perimetre",
  valeurs: "valeurs",
  indicateurs: "indicateurs",
  indicateursSeries: "indicateurs_series",
  indicateursSources: "indicateurs_sources",
  // The social-offer analysis (pipelines/offer/).
  offreComptes: "offre_comptes",
  offreTaux: "offre_taux",
  offreAcces: "offre_acces",
  offreIndices: "offre_indices",
  offreIndicesComposantes: "offre_indices_composantes",
  offreZonesBlanches: "offre_zones_blanches",
  // The runs of the steps (pipelines/steps/state.ts).
  etapes: "etapes",
} as const;

export type TableName = (typeof TABLES)[keyof typeof TABLES];

/** A table as a step declares it. */
export const table = (name: TableName) => `table:${name}` as const;
