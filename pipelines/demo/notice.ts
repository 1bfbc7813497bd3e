// The warning file whose presence makes the importer flag a folder as demo data.
import type { Territory } from "./territory.ts";

export const TITRE_NOTICE = "Données de démonstration — observatoire Gers Solidaire";

export function noticeText(territory: Territory, etudie: Territory = territory, { contours = false }: { contours?: boolean } = {}): string {
  const deps = (t: Territory) => t.departements.map((d) => `${d.nom} (${d.code})`).join(", ");
  const couverture = territory.departements.length === etudie.departements.length ? deps(territory) : `France entière (${territory.departements.length} départements)`;
  return [
    TITRE_NOTICE,
    "",
    `Territoire étudié : ${deps(etudie)}.`,
    `Fichiers : ${couverture} — ${territory.communes.length} communes, comme les fichiers nationaux de l'Insee.`,
    "",
    "Les fichiers de ce dossier sont des données de démonstration GÉNÉRÉES par",
    "l'observatoire. Ce ne sont PAS des statistiques officielles de l'INSEE.",
    "",
    "Ils reprennent à l'identique les formats des fichiers diffusés par l'INSEE",
    "et la CAF (noms, colonnes, séparateurs, encodages, secret statistique) et s'appuient",
    "sur les communes réelles et leurs populations légales (découpage",
    "administratif d'Etalab). Toutes les autres valeurs sont tirées au hasard de",
    "façon reproductible et ne décrivent pas la réalité des communes.",
    "",
    "Ne jamais publier, diffuser ni citer ces chiffres comme des données réelles.",
    ...(contours
      ? [
          "Exception : les contours des communes (dossier contours/) sont réels : IGN, ADMIN EXPRESS COG 2018,",
          "simplifiés, Licence Ouverte (« Source : IGN ») ; leur provenance est décrite dans data/contours/README.md.",
          "Les positions des équipements (BPE) sont fictives ; là où les contours sont fournis, elles sont",
          "tirées à l'intérieur de la commune de l'équipement.",
        ]
      : ["Les positions des équipements (BPE) sont fictives."]),
    "La liste des France services (format ANCT) est inventée, ses positions aussi ; les lieux du GIP",
    "(gip-lieux/) reprennent les tiers-lieux et des étapes plausibles du camping-car, aux centres des bourgs.",
    "Les journaux d'activité du GIP (dossier gip-activite/) sont inventés : leurs totaux reprennent",
    "ceux du rapport d'activité 2020 ; les identifiants de personnes et de foyers sont des pseudonymes fictifs.",
    "Pour des statistiques officielles, téléchargez les fichiers sur insee.fr et data.caf.fr.",
    "",
  ].join("\n");
}
