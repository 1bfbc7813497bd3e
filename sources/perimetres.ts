// Perimeters drawn by the GIP or its partners (an intercommunal CCAS, a « bassin de vie », a project territory): a
// list of communes per perimeter, one row per commune, recognised by its header whatever the file's name.
import type { PerimeterSource } from "./definition.ts";
import { motifEntete } from "./header-match.ts";

/** A perimeter's code appears in page addresses (perimetres/<code>.html): letters, digits, « - » and « _ » only. */
export const PERIMETRE_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export const perimetres: PerimeterSource = {
  id: "perimetres",
  forme: "perimetres",
  libelle: "Périmètres d'étude (listes de communes)",
  producteur: "GIP Gers Solidaire ou ses partenaires",
  licence: "Fichier interne (liste de communes, diffusable)",
  grain: "une ligne par périmètre et par commune",
  publication: "fichier tenu par le GIP, au format décrit dans docs/perimetres.md (en-tête perimetre;libelle;code_commune)",
  // Any name: the header alone recognises the file (a name is only a hint for a file lacking its columns).
  nom: /^p[ée]rim[eè]tres?[-_ .]/i,
  signature: [motifEntete("perimetre"), motifEntete("libelle"), motifEntete("code_commune")],
  millesime: () => undefined,
  geoAnnee: () => undefined,
  table: "perimetres",
  perimetre: ["perimetre", "périmètre"],
  libelleColonne: ["libelle", "libellé"],
  commune: ["code_commune", "code commune"],
};
