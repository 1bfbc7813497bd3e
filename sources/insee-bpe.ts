// INSEE « Base permanente des équipements » (BPE), file of all equipments with their coordinates:
// bpe21_ensemble_xy.csv (Lambert-93 only) up to BPE23.csv / BPE24.csv (with WGS84 longitude and latitude).
import type { ItemSource } from "./definition.ts";
import { NOMENCLATURE } from "./bpe-equipements.ts";
import { yearIn } from "./variable-names.ts";

export const inseeBpe: ItemSource = {
  id: "insee_bpe",
  forme: "equipements",
  libelle: "Base permanente des équipements (BPE), équipements géolocalisés",
  producteur: "Insee",
  licence: "Licence ouverte Etalab 2.0",
  grain: "une ligne par équipement (ou par point d'accès à un service) au 1er janvier",
  publication: "insee.fr, « Base permanente des équipements », fichier « ensemble des équipements » géolocalisé (bpeAA_ensemble_xy.csv, BPEAA.csv)",
  nom: /bpe_?\d{2}(?!\d)|bpe_?(?:19|20)\d{2}/i,
  signature: [/^DEPCOM$/, /^TYPEQU$/],
  // The vintage is each row's AN; the file name (bpe21_…, BPE24) only stands in when AN is missing.
  millesime: (context) => yearIn(context.nom) ?? twoDigitVintage(context.nom),
  // BPE N locates equipments on the COG of 1 January N.
  geoAnnee: (millesime) => millesime,
  table: "bpe_equipements",
  annee: "AN",
  commune: "DEPCOM",
  type: "TYPEQU",
  nomenclature: NOMENCLATURE,
  coordonnees: { longitude: "LONGITUDE", latitude: "LATITUDE", x: "LAMBERT_X", y: "LAMBERT_Y", epsg: "EPSG", qualite: "QUALITE_XY" },
  // BPE 2024 lists an ITINERANCE column; its values are not documented where we could check, and earlier vintages have
  // none: the variants below are accepted (docs/sources-caf-bpe.md).
  mobile: { colonne: ["ITINERANCE", "MOBILE", "ITINERANT", "EQUIP_MOBILE"], oui: ["1", "O", "OUI", "TRUE", "VRAI"] },
};

function twoDigitVintage(nom: string): number | undefined {
  const match = nom.match(/bpe_?(\d{2})(?!\d)/i);
  return match ? 2000 + Number(match[1]) : undefined;
}
