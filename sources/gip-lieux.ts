// The GIP Gers Solidaire's own places: its tiers-lieux solidaires (open or planned) and the stops of its
// camping-car connecté, kept by the GIP in a CSV whose format docs/offre-sociale.md documents.
import { yearIn } from "./variable-names.ts";
import type { ItemSource } from "./definition.ts";

export const GIP_LIEUX_STATUTS = ["ouvert", "projet"] as const;

export const gipLieux: ItemSource = {
  id: "gip_lieux",
  forme: "equipements",
  libelle: "Lieux du GIP Gers Solidaire (tiers-lieux solidaires, étapes du camping-car connecté)",
  producteur: "GIP Gers Solidaire",
  licence: "Données internes du GIP (lieux publics, diffusables)",
  grain: "une ligne par lieu : tiers-lieu ouvert ou en projet, étape du camping-car connecté",
  publication: "fichier tenu par le GIP, au format décrit dans docs/offre-sociale.md (ex. lieux-gip-2025.csv)",
  nom: /lieux[-_ ]?gip|gip[-_ ]?lieux|lieux[-_ ]gers[-_ ]solidaire/i,
  signature: [/^id_lieu$/, /^type_lieu$/, /^statut$/, /^code_commune$/],
  millesime: (context) => yearIn(context.nom) ?? yearIn(context.chemin),
  geoAnnee: (millesime) => millesime,
  table: "lieux_services",
  annee: "annee",
  commune: "code_commune",
  type: "type_lieu",
  nomenclature: [
    { code: "tiers_lieu", libelle: "Tiers-lieu solidaire du GIP", categorie: "tiers_lieu", premier: null, dernier: null },
    { code: "etape_camping_car", libelle: "Étape du camping-car connecté", categorie: "camping_car", premier: null, dernier: null },
  ],
  coordonnees: { longitude: "longitude", latitude: "latitude" },
  // The camping-car's stops are where it parks on its round: mobile by nature, never a fixed site.
  mobile: { colonne: "type_lieu", oui: ["etape_camping_car"] },
  attributs: [
    { cible: "identifiant", colonne: "id_lieu", obligatoire: true },
    { cible: "nom", colonne: "nom", obligatoire: true },
    { cible: "statut", colonne: "statut", valeurs: [...GIP_LIEUX_STATUTS], obligatoire: true },
  ],
};
