// The categories of the social-offer analysis in one declarative table: which lists supply their places (in
// priority order, département by département), the population their rate is measured against, their domain.
// BPE codes are mapped to categories per vintage in sources/bpe-equipements.ts, not here.
import { CATEGORIES as BPE_CATEGORIES } from "./bpe-equipements.ts";
import { anctFranceServices } from "./anct-france-services.ts";
import { gipLieux } from "./gip-lieux.ts";
import { inseeBpe } from "./insee-bpe.ts";

export const DOMAINES = {
  personnes_agees: "Personnes âgées",
  enfance_familles: "Petite enfance, enfance et familles",
  handicap: "Handicap",
  difficultes: "Adultes et familles en difficulté, protection de l'enfance",
  sante: "Santé",
  acces_droits: "Accès aux droits",
} as const;
export type Domaine = keyof typeof DOMAINES;

/**
 * The population a rate is measured against: census roots summed per commune, and the rate's factor. A rate the
 * census cannot measure with the right ages is taken from an indicator published for that purpose (`indicateur`).
 */
export interface Cible {
  libelle: string;
  racines: readonly string[];
  facteur: number;
  unite: string;
  indicateur?: string;
}

export const CIBLES = {
  habitants: { libelle: "habitants", racines: ["Pyy_POP"], facteur: 10_000, unite: "pour 10 000 habitants" },
  plus75: { libelle: "personnes de 75 ans ou plus", racines: ["Pyy_POP7589", "Pyy_POP90P"], facteur: 1_000, unite: "pour 1 000 personnes de 75 ans ou plus" },
  // Crèches and childminders take the under-3s, an age band the communal census does not publish (its youngest is
  // 2-5): the CNAF's coverage rate (indicator 35, places for 100 children under 3, published at each level) is used.
  moins3: { libelle: "enfants de moins de 3 ans", racines: [], facteur: 100, unite: "places pour 100 enfants de moins de 3 ans (CNAF)", indicateur: "tx_couverture_jeune_enfant" },
  moins15: { libelle: "jeunes de moins de 15 ans", racines: ["Pyy_POP0014"], facteur: 1_000, unite: "pour 1 000 jeunes de moins de 15 ans" },
} as const satisfies Record<string, Cible>;

export interface CategorieOffre {
  id: string;
  libelle: string;
  domaine: Domaine;
  /** Lists supplying the places, in priority order: in each département, the first list that covers it is used. */
  sources: { source: string; categorie: string }[];
  cible: Cible;
  /** The places are stops of a mobile service (camping-car): the stops are the offer, counted as such. */
  itinerant?: boolean;
}

const BPE = inseeBpe.id;
const ANCT = anctFranceServices.id;
const GIP = gipLieux.id;

const bpe = (id: string, domaine: Domaine, cible: Cible, autres: { source: string; categorie: string }[] = []): CategorieOffre => {
  const categorie = BPE_CATEGORIES.find((candidate) => candidate.id === id);
  if (!categorie) throw new Error(`Catégorie BPE inconnue : ${id}.`);
  return { id, libelle: categorie.libelle, domaine, sources: [...autres, { source: BPE, categorie: id }], cible };
};

export const CATEGORIES_OFFRE: CategorieOffre[] = [
  bpe("hebergement_personnes_agees", "personnes_agees", CIBLES.plus75),
  bpe("personnes_agees_domicile", "personnes_agees", CIBLES.plus75),
  bpe("petite_enfance", "enfance_familles", CIBLES.moins3),
  bpe("enfance_familles", "enfance_familles", CIBLES.moins15),
  bpe("handicap", "handicap", CIBLES.habitants),
  bpe("protection_enfance", "difficultes", CIBLES.moins15),
  bpe("adultes_familles_difficulte", "difficultes", CIBLES.habitants),
  bpe("medecin_generaliste", "sante", CIBLES.habitants),
  bpe("maison_centre_sante", "sante", CIBLES.habitants),
  bpe("pharmacie", "sante", CIBLES.habitants),
  // The ANCT list is the reference for France services; the BPE only fills the départements it does not cover.
  bpe("france_services", "acces_droits", CIBLES.habitants, [{ source: ANCT, categorie: "france_services" }]),
  bpe("mairie", "acces_droits", CIBLES.habitants),
  bpe("poste", "acces_droits", CIBLES.habitants),
  { id: "tiers_lieu", libelle: "Tiers-lieux solidaires du GIP Gers Solidaire", domaine: "acces_droits", sources: [{ source: GIP, categorie: "tiers_lieu" }], cible: CIBLES.habitants },
  { id: "camping_car", libelle: "Étapes du camping-car connecté", domaine: "acces_droits", sources: [{ source: GIP, categorie: "camping_car" }], cible: CIBLES.habitants, itinerant: true },
];

/**
 * Where distances are measured to: every category, plus the points of access to rights of indicator 36 (France
 * services, tiers-lieux and camping-car stops), with and without the planned tiers-lieux.
 */
export interface Destination {
  id: string;
  libelle: string;
  categories: string[];
  /** Planned places (statut « projet ») count as if open: the scenario of the new tiers-lieux. */
  projets: boolean;
}

const ACCES_DROITS = ["france_services", "tiers_lieu", "camping_car"];

export const DESTINATIONS: Destination[] = [
  ...CATEGORIES_OFFRE.map((categorie) => ({ id: categorie.id, libelle: categorie.libelle, categories: [categorie.id], projets: false })),
  { id: "acces_droits", libelle: "Point d'accès aux droits (France services, tiers-lieu, étape du camping-car)", categories: ACCES_DROITS, projets: false },
  { id: "acces_droits_projets", libelle: "Point d'accès aux droits, tiers-lieux en projet compris", categories: ACCES_DROITS, projets: true },
];

export function findCategorie(id: string): CategorieOffre | undefined {
  return CATEGORIES_OFFRE.find((categorie) => categorie.id === id);
}

const ids = CATEGORIES_OFFRE.map((categorie) => categorie.id);
if (new Set(ids).size !== ids.length) throw new Error("Deux catégories de l'offre sociale portent le même identifiant.");
for (const destination of DESTINATIONS) {
  const unknown = destination.categories.filter((id) => !ids.includes(id));
  if (unknown.length) throw new Error(`Destination « ${destination.id} » : catégorie inconnue ${unknown.join(", ")}.`);
}
