// The annual activity report of one year, as published: every count of people or events from 1 to 4 masked, with
// secondary masks so that no masked count comes back by subtraction (totals, months, categories, EPCIs). The
// territorial counts are masked exactly as the indicators 37–40 are. Violence fiches never go below the EPCI.
import type { Warehouse } from "../core/warehouse.ts";
import {
  anneesActivite, JOURNAUX, lireActivite, lireDenominateurs, REPARTITIONS, SERIES, TERRITORIAUX,
  type DonneesActivite, type IdRepartition, type IdSerie, type IdTerritorial, type IdTotal,
} from "./report-data.ts";
import { masquerPetitsEffectifs, type Cellule, type Masque } from "../secret/suppression.ts";
import { cle, lireArbre, masquesTerritoriaux, type Arbre, type ValeurPubliable } from "../secret/territory-cells.ts";

import type { Statut } from "../core/statuts.ts";

/** A published figure: its value, or why there is none (masked, or the log of that year is not loaded). */
export interface Chiffre {
  valeur: number | null;
  statut: Statut;
}

export interface ChiffreCle {
  id: IdTotal;
  libelle: string;
  unite: string;
  annee: Chiffre;
  precedente: Chiffre;
  /** Change on the previous year, in %. */
  evolution: number | null;
}

export interface LigneTerritoire {
  niveau: "epci" | "departement";
  code: string;
  libelle: string;
  menages: number | null;
  femmes1564: number | null;
  appels: Chiffre;
  appelsPour1000Menages: number | null;
  colis: Chiffre;
  colisPour1000Menages: number | null;
  fiches: Chiffre;
  fichesPour10000Femmes: number | null;
  campingJours: Chiffre;
  campingPersonnes: Chiffre;
}

export interface Rapport {
  annee: number;
  anneePrecedente: number;
  territoire: { code: string; libelle: string };
  demo: boolean;
  millesimeRecensement: number | null;
  chiffresCles: ChiffreCle[];
  moyennesHebdomadaires: { id: IdTotal; libelle: string; valeur: Chiffre }[];
  serieMensuelle: { id: IdSerie; libelle: string; court: string; annee: number; mois: Chiffre[] }[];
  repartitions: { id: IdRepartition; libelle: string; categories: { libelle: string; chiffre: Chiffre; part: number | null }[] }[];
  territoires: LigneTerritoire[];
  campingCar: { jours: Chiffre; personnes: Chiffre; heures: Chiffre; communes: Chiffre; personnesParJour: Chiffre; heuresParJour: Chiffre };
  interactionsReliees: Chiffre;
}

/** The key figures, in the order of the GIP's report; `secret`: a count of people or events (days and hours are not). */
export const CHIFFRES_CLES: { id: IdTotal; libelle: string; unite: string; secret: boolean }[] = [
  { id: "appels_numero_vert", libelle: "Appels au Numéro Vert Social", unite: "appels", secret: true },
  { id: "appels_ligne_interne", libelle: "Appels sur la ligne interne", unite: "appels", secret: true },
  { id: "appels_info_elus", libelle: "Appels « Allo info élus »", unite: "appels", secret: true },
  { id: "interactions", libelle: "Interactions avec les usagers", unite: "interactions", secret: true },
  { id: "appels_courtoisie", libelle: "Appels de courtoisie", unite: "appels de courtoisie", secret: true },
  { id: "personnes_courtoisie", libelle: "Personnes isolées suivies", unite: "personnes", secret: true },
  { id: "colis", libelle: "Colis alimentaires remis", unite: "colis", secret: true },
  { id: "foyers_colis", libelle: "Foyers ayant reçu un colis", unite: "foyers", secret: true },
  { id: "camping_jours", libelle: "Camping-car connecté : jours de présence", unite: "jours", secret: false },
  { id: "camping_personnes", libelle: "Camping-car connecté : personnes reçues", unite: "personnes", secret: true },
  { id: "fiches_violences", libelle: "Fiches de l'observatoire des violences faites aux femmes", unite: "fiches", secret: true },
  { id: "pages_vues", libelle: "Site internet : pages vues", unite: "pages vues", secret: true },
  { id: "telechargements", libelle: "Site internet : téléchargements", unite: "téléchargements", secret: true },
  { id: "contacts_visiteurs", libelle: "Site internet : contacts visiteurs", unite: "contacts", secret: true },
];

const MOYENNES: IdTotal[] = ["appels_numero_vert", "appels_ligne_interne", "appels_info_elus", "interactions", "appels_courtoisie"];
/** Series labels, long (legends) and short (table columns). */
const LIBELLES_SERIES: Record<IdSerie, [string, string]> = {
  appels_numero_vert: ["Appels au Numéro Vert Social", "Numéro Vert"], appels_ligne_interne: ["Appels sur la ligne interne", "ligne interne"],
  appels_info_elus: ["Appels « Allo info élus »", "info élus"], interactions: ["Interactions avec les usagers", "interactions"],
  appels_courtoisie: ["Appels de courtoisie", "courtoisie"], colis: ["Colis alimentaires", "colis"],
  fiches_violences: ["Fiches de l'observatoire des violences", "fiches"], pages_vues: ["Site internet : pages vues", "pages vues"],
};
const LIBELLES_REPARTITIONS: Record<IdRepartition, string> = {
  motifs: "Appels au Numéro Vert Social par motif", suites: "Appels au Numéro Vert Social par suite donnée", types_violence: "Fiches de l'observatoire des violences par type de violence",
};

export async function construireRapport(warehouse: Warehouse, annee: number): Promise<Rapport> {
  const arbre = await lireArbre(warehouse);
  const denominateurs = await lireDenominateurs(warehouse);
  const courante = publier(await lireActivite(warehouse, arbre, annee), arbre);
  const precedente = publier(await lireActivite(warehouse, arbre, annee - 1), arbre);
  const territoire = await warehouse.one<{ code_departement: string; libelle: string }>("SELECT code_departement, libelle FROM geo_territoire");
  const demo = await warehouse.one<{ demo: boolean }>(
    `SELECT coalesce(bool_or(demo), false) AS demo FROM journal_import WHERE remplace_par IS NULL AND source_id IN (${JOURNAUX}) AND millesime IN (?, ?)`,
    [annee, annee - 1],
  );
  const epcis = await warehouse.all<{ code_epci: string; libelle: string }>(
    `SELECT code_epci, libelle FROM geo_epci WHERE code_epci IN (${arbre.epciEntiers.map((code) => `'${code}'`).join(", ") || "NULL"}) ORDER BY libelle`,
  );
  const chiffresCles = CHIFFRES_CLES.map(({ id, libelle, unite }) => {
    const now = courante.total(id);
    const before = precedente.total(id);
    const evolution = now.statut === "ok" && before.statut === "ok" && before.valeur! > 0 ? (now.valeur! / before.valeur! - 1) * 100 : null;
    return { id, libelle, unite, annee: now, precedente: before, evolution };
  });
  const semaines = courante.donnees.jours / 7;
  const ratio = (numerateur: Chiffre, denominateur: Chiffre | number): Chiffre => {
    const den = typeof denominateur === "number" ? { valeur: denominateur, statut: "ok" as const } : denominateur;
    if (numerateur.statut !== "ok" || den.statut !== "ok" || !den.valeur) return { valeur: null, statut: numerateur.statut === "manquant" || den.statut === "manquant" ? "manquant" : "secret" };
    return { valeur: numerateur.valeur! / den.valeur, statut: "ok" };
  };
  const ligne = (niveau: "epci" | "departement", code: string, libelle: string): LigneTerritoire => {
    const key = cle(niveau, code);
    const menages = denominateurs.menages.get(key) ?? null;
    const femmes = denominateurs.femmes1564.get(key) ?? null;
    const rate = (value: Chiffre, base: number | null, factor: number) => (value.statut === "ok" && base ? (value.valeur! / base) * factor : null);
    const appels = courante.territorial("appels_numero_vert", key);
    const colis = courante.territorial("colis", key);
    const fiches = courante.territorial("fiches_violences", key);
    return {
      niveau, code, libelle, menages, femmes1564: femmes,
      appels, appelsPour1000Menages: rate(appels, menages, 1_000),
      colis, colisPour1000Menages: rate(colis, menages, 1_000),
      fiches, fichesPour10000Femmes: rate(fiches, femmes, 10_000),
      campingJours: courante.territorial("camping_jours", key), campingPersonnes: courante.territorial("camping_personnes", key),
    };
  };
  const jours = courante.total("camping_jours");
  const personnes = courante.total("camping_personnes");
  const heures = courante.brut("camping_heures");
  return {
    annee,
    anneePrecedente: annee - 1,
    territoire: { code: territoire!.code_departement, libelle: territoire!.libelle },
    demo: demo?.demo ?? false,
    millesimeRecensement: denominateurs.millesime,
    chiffresCles,
    moyennesHebdomadaires: MOYENNES.map((id) => ({ id, libelle: CHIFFRES_CLES.find((item) => item.id === id)!.libelle, valeur: ratio(courante.total(id), semaines) })),
    serieMensuelle: [
      ...(Object.keys(SERIES) as IdSerie[]).map((id) => ({ id, libelle: LIBELLES_SERIES[id][0], court: LIBELLES_SERIES[id][1], annee, mois: courante.mois(id) })),
      { id: "appels_numero_vert" as const, libelle: LIBELLES_SERIES.appels_numero_vert[0], court: LIBELLES_SERIES.appels_numero_vert[1], annee: annee - 1, mois: precedente.mois("appels_numero_vert") },
    ].filter((serie) => serie.mois.some((chiffre) => chiffre.statut !== "manquant")),
    repartitions: (Object.keys(REPARTITIONS) as IdRepartition[]).flatMap((id) => {
      const categories = courante.repartition(id);
      if (!categories.length) return [];
      const total = courante.total(REPARTITIONS[id].total);
      return [{ id, libelle: LIBELLES_REPARTITIONS[id], categories: categories.map(({ libelle, chiffre }) => ({ libelle, chiffre, part: ratio(chiffre, total).valeur === null ? null : ratio(chiffre, total).valeur! * 100 })) }];
    }),
    territoires: [...epcis.map((epci) => ligne("epci", epci.code_epci, epci.libelle)), ligne("departement", arbre.departement, territoire!.libelle)],
    campingCar: {
      jours, personnes, heures, communes: courante.brut("camping_communes"),
      personnesParJour: ratio(personnes, jours), heuresParJour: ratio(heures, jours),
    },
    interactionsReliees: courante.sous("interactions_reliees", "interactions"),
  };
}

interface Publication {
  donnees: DonneesActivite;
  total(id: IdTotal): Chiffre;
  /** A figure that is not a count of people (hours, places). */
  brut(id: IdTotal): Chiffre;
  /** A part of a total, masked with it. */
  sous(id: IdTotal, total: IdTotal): Chiffre;
  mois(id: IdSerie): Chiffre[];
  repartition(id: IdRepartition): { libelle: string; chiffre: Chiffre }[];
  territorial(id: IdTerritorial, key: string): Chiffre;
}

const MANQUANT: Chiffre = { valeur: null, statut: "manquant" };
const chiffre = (valeur: number | undefined | null, masque?: Masque): Chiffre =>
  valeur === undefined || valeur === null ? MANQUANT : masque ? { valeur: null, statut: "secret" } : { valeur, statut: "ok" };

/**
 * The masks of one year, table by table, in the order that keeps them consistent: the territorial counts first (as
 * the indicators mask them), then each total against its département count, then months and categories against
 * their total.
 */
function publier(donnees: DonneesActivite, arbre: Arbre): Publication {
  const territoriaux = new Map<IdTerritorial, { valeurs: Map<string, number | null>; masques: Map<string, Masque> }>();
  for (const [id, valeurs] of donnees.territoriaux) {
    const communesPubliees = TERRITORIAUX[id].communesPubliees;
    const publiables = new Map<string, ValeurPubliable>([...valeurs].map(([key, valeur]) => [key, { valeur, publiee: valeur !== null && (communesPubliees || !key.startsWith("commune:")) }]));
    const secret = CHIFFRES_CLES.find((item) => item.id === id)?.secret ?? true;
    territoriaux.set(id, { valeurs, masques: secret ? masquesTerritoriaux(arbre, publiables) : new Map() });
  }
  const departement = cle("departement", arbre.departement);
  const totaux = new Map<IdTotal, Masque | undefined>();
  for (const { id, secret } of CHIFFRES_CLES) {
    const total = donnees.totaux.get(id);
    if (total === undefined || !secret) continue;
    const cells: Cellule[] = [{ id: "total", valeur: total, publiee: true }];
    const territorial = territoriaux.get(id as IdTerritorial);
    const equations = [];
    const dep = territorial?.valeurs.get(departement);
    if (territorial && dep !== undefined && dep !== null) {
      // Callers from elsewhere or of unknown commune: the total minus the département, never published itself but
      // taken as known (it may be small and guessable), so the total and the département never give each other away.
      cells.push({ id: "departement", valeur: dep, publiee: !territorial.masques.has(departement), fixe: true }, { id: "ailleurs", valeur: total - dep, publiee: true, fixe: true });
      equations.push({ total: "total", parties: ["departement", "ailleurs"] });
    }
    totaux.set(id, masquerPetitsEffectifs(cells, equations).get("total"));
  }
  /** Parts (months, categories) of a total whose status is settled. */
  const parts = (total: IdTotal, values: number[]): (Masque | undefined)[] => {
    const value = donnees.totaux.get(total)!;
    const cells: Cellule[] = [{ id: "total", valeur: value, publiee: !totaux.get(total), fixe: true }, ...values.map((valeur, index) => ({ id: String(index), valeur, publiee: true }))];
    const masques = masquerPetitsEffectifs(cells, [{ total: "total", parties: values.map((_, index) => String(index)) }]);
    return values.map((_, index) => masques.get(String(index)));
  };
  const total = (id: IdTotal) => chiffre(donnees.totaux.get(id), totaux.get(id));
  return {
    donnees,
    total,
    brut: (id) => chiffre(donnees.totaux.get(id)),
    sous: (id, parent) => {
      const value = donnees.totaux.get(id);
      const parentMask = totaux.get(parent);
      if (value === undefined) return MANQUANT;
      // The linked and unlinked parts of a total: both masked if either is small or the total is.
      const other = donnees.totaux.get(parent)! - value;
      const [first] = parts(parent, [value, other]);
      return chiffre(value, parentMask ?? first);
    },
    mois: (id) => {
      const values = donnees.mensuel.get(id);
      if (!values) return Array.from({ length: 12 }, () => MANQUANT);
      const masques = CHIFFRES_CLES.find((item) => item.id === id)!.secret ? parts(id, values) : [];
      return values.map((valeur, index) => chiffre(valeur, masques[index]));
    },
    repartition: (id) => {
      const values = donnees.repartitions.get(id);
      if (!values) return [];
      const masques = parts(REPARTITIONS[id].total, [...values.values()]);
      return [...values].map(([libelle, valeur], index) => ({ libelle, chiffre: chiffre(valeur, masques[index]) }));
    },
    territorial: (id, key) => {
      const found = territoriaux.get(id);
      return found ? chiffre(found.valeurs.get(key), found.masques.get(key)) : MANQUANT;
    },
  };
}

