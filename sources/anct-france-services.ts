// ANCT « Liste des structures labellisées France services » (liste-fs-AAAAMMJJ.csv, data.gouv.fr), read as
// published: comma separator, text fully quoted, coordinates unquoted in WGS84, cells that may span several lines.
import { yearIn } from "./variable-names.ts";
import type { ItemSource } from "./definition.ts";

export const anctFranceServices: ItemSource = {
  id: "anct_france_services",
  forme: "equipements",
  libelle: "Liste des structures labellisées France services",
  producteur: "ANCT (Agence nationale de la cohésion des territoires)",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par France services (site principal, antenne ou bus) à la date d'extraction",
  publication: "data.gouv.fr, « Liste des structures France services » (fichier liste-fs-AAAAMMJJ.csv)",
  nom: /liste[-_]?fs|france[-_ ]?services/i,
  signature: [/^id_fs$/, /^lib_fs$/, /^insee_com$/, /^type_fs$/],
  // The list has no year column: its extraction date is in the file name (liste-fs-20240801.csv → 2024).
  millesime: (context) => yearIn(context.nom) ?? yearIn(context.chemin),
  geoAnnee: (millesime) => millesime,
  table: "lieux_services",
  commune: "insee_com",
  type: "type_fs",
  // Every labelled structure is a France services; type_fs only tells a main site from its antennas.
  nomenclature: [
    { code: "Principal", libelle: "France services (site principal)", categorie: "france_services", premier: null, dernier: null },
    { code: "Antenne", libelle: "France services (antenne)", categorie: "france_services", premier: null, dernier: null },
  ],
  coordonnees: { longitude: "longitude", latitude: "latitude" },
  // A bus France services is published at its base address: kept apart from the fixed sites.
  mobile: { colonne: "format_fs", oui: ["Bus_équivalent", "Bus", "Itinérant"] },
  attributs: [
    { cible: "identifiant", colonne: "id_fs", obligatoire: true },
    { cible: "nom", colonne: "lib_fs" },
  ],
};
