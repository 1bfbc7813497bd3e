// The demo's activity records, year by year, with exact totals (targets.ts). Every draw is seeded by the log and
// the year, so the files are identical from one run to the next. People and households carry pseudonymous ids only.
import { rngFor, type Rng } from "../random.ts";
import { allocate } from "../allocate.ts";
import { atOfficeHours, cumulate, datesInYear, daysOfYear, drawIndex, MS_PER_DAY, weekday } from "./calendar.ts";
import type { Lieux } from "./places.ts";
import { CIBLES, PROFILS_MENSUELS, type AnneeDemo } from "./targets.ts";

export interface Appel { quand: Date; ligne: string; duree: number; commune: string | null; motif: string; suite: string; id: string }
export interface Interaction { jour: Date; type: string; idAppel: string | null }
export interface AppelCourtoisie { jour: Date; personne: string; commune: string }
export interface Colis { jour: Date; foyer: string; commune: string; canal: string }
export interface Etape { jour: Date; commune: string; personnes: number; heures: number }
export interface Fiche { jour: Date; commune: string | null; epci: string | null; type: string }
export interface MoisWeb { mois: number; pagesVues: number; telechargements: number; contactsVisiteurs: number }

export interface Journaux {
  appels: Appel[];
  interactions: Interaction[];
  courtoisie: AppelCourtoisie[];
  colis: Colis[];
  campingCar: Etape[];
  fiches: Fiche[];
  web: MoisWeb[];
}

const tables = new WeakMap<Record<string, number>, { labels: string[]; cumulative: number[] }>();

/** A categorical draw from a declarative table of weights. */
function choisir(rng: Rng, poids: Record<string, number>): string {
  let table = tables.get(poids);
  if (!table) tables.set(poids, (table = { labels: Object.keys(poids), cumulative: cumulate(Object.values(poids)) }));
  return table.labels[drawIndex(rng, table.cumulative)]!;
}

const MOTIFS: Record<string, number> = {
  "Accès aux droits": 24, "Aide alimentaire": 9, "Logement, hébergement": 10, "Santé": 8, "Isolement, soutien moral": 14,
  "Budget, dettes": 9, "Emploi, formation": 6, "Violences": 3, "Démarches administratives": 12, "Autre": 5,
};
const MOTIFS_CONFINEMENT: Record<string, number> = { ...MOTIFS, "Information Covid-19": 30, "Isolement, soutien moral": 22, "Aide alimentaire": 14 };
const MOTIFS_ELUS: Record<string, number> = { "Information Covid-19": 50, "Démarches administratives": 20, "Accès aux droits": 15, "Autre": 15 };
const SUITES: Record<string, number> = {
  "Information donnée": 42, "Orientation vers un partenaire": 26, "Rappel programmé": 12, "Courrier ou courriel envoyé": 9, "Rendez-vous ou visite": 6, "Aucune suite": 5,
};
const INTERACTIONS: Record<string, number> = { Courriel: 40, Rappel: 35, Courrier: 10, Visite: 15 };
const CANAUX: Record<string, number> = { "Numéro Vert": 35, CCAS: 30, "Travailleur social": 20, Association: 12, Autre: 3 };
const VIOLENCES: Record<string, number> = { Psychologique: 38, Physique: 30, "Économique": 10, Sexuelle: 10, Administrative: 7, Autre: 5 };

/** Months of the two lockdowns of 2020 (0-based): the Covid-19 information line takes over. */
const CONFINEMENT_2020 = new Set([2, 3, 4, 10, 11]);

/** The items in an order drawn from the generator. */
function melanger<T>(items: readonly T[], rng: Rng): T[] {
  return items.map((item) => ({ item, key: rng.next() })).sort((a, b) => a.key - b.key).map(({ item }) => item);
}

const hex = (rng: Rng) => Math.floor(rng.next() * 0x1_0000_0000).toString(16).toUpperCase().padStart(8, "0");

/** Pseudonymous ids, unique, stable across years (the same person keeps the same id). */
function pseudonymes(prefixe: string, n: number): string[] {
  const rng = rngFor("gip-activite", "pseudonymes", prefixe);
  const ids = new Set<string>();
  while (ids.size < n) ids.add(`${prefixe}-${hex(rng)}`);
  return [...ids];
}

const PERSONNES = pseudonymes("PERS", 220);
const FOYERS = pseudonymes("FOY", 340);
/** Where each year's people come from in the pools: 2020 keeps part of 2019's. */
const DEBUT_POOL: Record<AnneeDemo, { personnes: number; foyers: number }> = { 2019: { personnes: 0, foyers: 0 }, 2020: { personnes: 36, foyers: 60 } };

export function journaux(annee: AnneeDemo, lieux: Lieux): Journaux {
  const appels = appelsDe(annee, lieux);
  return {
    appels,
    interactions: interactionsDe(annee, appels),
    courtoisie: courtoisieDe(annee, lieux),
    colis: colisDe(annee, lieux),
    campingCar: campingCarDe(annee, lieux),
    fiches: fichesDe(annee, lieux),
    web: webDe(annee),
  };
}

function appelsDe(annee: AnneeDemo, lieux: Lieux): Appel[] {
  const cible = CIBLES[annee];
  const profils = PROFILS_MENSUELS[annee];
  const rng = rngFor("gip-activite", "appels", String(annee));
  const duree = (median: number) => Math.max(0.5, Math.round(Math.exp(rng.gauss(Math.log(median), 0.6)) * 2) / 2);
  const motifs = (quand: Date) => (annee === 2020 && CONFINEMENT_2020.has(quand.getUTCMonth()) ? MOTIFS_CONFINEMENT : MOTIFS);
  const appelant = (): string | null => {
    const draw = rng.next();
    if (draw < 0.08) return null;
    if (draw < 0.12 && lieux.horsTerritoire.length) return lieux.horsTerritoire[Math.floor(rng.next() * lieux.horsTerritoire.length)]!;
    return lieux.tirer(rng, "appels");
  };
  const sansId: Omit<Appel, "id">[] = [];
  for (const jour of datesInYear(rng, annee, cible.appelsNumeroVert, profils.appels)) {
    const quand = atOfficeHours(rng, jour);
    sansId.push({ quand, ligne: "Numéro Vert", duree: duree(8), commune: appelant(), motif: choisir(rng, motifs(quand)), suite: choisir(rng, SUITES) });
  }
  for (const jour of internalLineDays(rng, annee, cible.appelsInternesParSemaine)) {
    const quand = atOfficeHours(rng, jour);
    sansId.push({ quand, ligne: "Ligne interne", duree: duree(5), commune: rng.next() < 0.6 ? lieux.tirer(rng, "appels") : null, motif: choisir(rng, motifs(quand)), suite: choisir(rng, SUITES) });
  }
  if (cible.appelsElus > 0) {
    for (const jour of datesInYear(rng, annee, cible.appelsElus, profils.elus)) {
      sansId.push({ quand: atOfficeHours(rng, jour), ligne: "Allo info élus", duree: duree(11), commune: lieux.tirer(rng, "uniforme"), motif: choisir(rng, MOTIFS_ELUS), suite: choisir(rng, SUITES) });
    }
  }
  sansId.sort((a, b) => a.quand.getTime() - b.quand.getTime());
  return sansId.map((appel, index) => ({ ...appel, id: `APP-${annee}-${String(index + 1).padStart(6, "0")}` }));
}

/** The internal line: each week (Monday to Sunday) gets its share of a weekly count drawn in the range, on weekdays. */
function internalLineDays(rng: Rng, annee: number, [min, max]: [number, number]): Date[] {
  const weeks = new Map<number, Date[]>();
  for (const day of daysOfYear(annee)) {
    const monday = day.getTime() - weekday(day) * MS_PER_DAY;
    if (weekday(day) < 5) (weeks.get(monday) ?? weeks.set(monday, []).get(monday)!).push(day);
  }
  const days: Date[] = [];
  for (const weekdays of weeks.values()) {
    const count = Math.round((min + Math.floor(rng.next() * (max - min + 1))) * (weekdays.length / 5));
    allocate(count, weekdays.map(() => 1 + 0.2 * rng.next())).forEach((n, index) => {
      for (let k = 0; k < n; k += 1) days.push(weekdays[index]!);
    });
  }
  return days;
}

function interactionsDe(annee: AnneeDemo, appels: Appel[]): Interaction[] {
  const rng = rngFor("gip-activite", "interactions", String(annee));
  const numeroVert = appels.filter((appel) => appel.ligne === "Numéro Vert");
  const total = CIBLES[annee].interactions;
  const reliees = Math.round(total * 0.65);
  const finAnnee = Date.UTC(annee, 11, 31);
  const result: Interaction[] = [];
  for (let n = 0; n < reliees; n += 1) {
    const appel = numeroVert[Math.floor(rng.next() * numeroVert.length)]!;
    const jour = Math.min(finAnnee, Date.UTC(annee, appel.quand.getUTCMonth(), appel.quand.getUTCDate()) + Math.floor(rng.next() * 7) * MS_PER_DAY);
    result.push({ jour: new Date(jour), type: choisir(rng, INTERACTIONS), idAppel: appel.id });
  }
  for (const jour of datesInYear(rng, annee, total - reliees, PROFILS_MENSUELS[annee].appels)) {
    result.push({ jour, type: choisir(rng, INTERACTIONS), idAppel: null });
  }
  return result.sort((a, b) => a.jour.getTime() - b.jour.getTime());
}

function courtoisieDe(annee: AnneeDemo, lieux: Lieux): AppelCourtoisie[] {
  const rng = rngFor("gip-activite", "courtoisie", String(annee));
  const { appelsCourtoisie, personnesCourtoisie } = CIBLES[annee];
  const debut = DEBUT_POOL[annee].personnes;
  const personnes = PERSONNES.slice(debut, debut + personnesCourtoisie);
  // A person lives in one commune, whatever the year: drawn from the person's own seed.
  const communeDe = (id: string) => lieux.tirer(rngFor("gip-activite", "domicile", id), "isolement");
  // Everyone followed in the year is called at least once.
  const ordre = melanger(personnes, rng);
  return datesInYear(rng, annee, appelsCourtoisie, PROFILS_MENSUELS[annee].courtoisie).map((jour, index) => {
    const personne = index < ordre.length ? ordre[index]! : personnes[Math.floor(rng.next() * personnes.length)]!;
    return { jour, personne, commune: communeDe(personne) };
  });
}

function colisDe(annee: AnneeDemo, lieux: Lieux): Colis[] {
  const rng = rngFor("gip-activite", "colis", String(annee));
  const { colis, foyersColis } = CIBLES[annee];
  const debut = DEBUT_POOL[annee].foyers;
  const foyers = FOYERS.slice(debut, debut + foyersColis);
  const communeDe = (id: string) => lieux.tirer(rngFor("gip-activite", "domicile", id), "precarite");
  const ordre = melanger(foyers, rng);
  return datesInYear(rng, annee, colis, PROFILS_MENSUELS[annee].colis).map((jour, index) => {
    const foyer = index < ordre.length ? ordre[index]! : foyers[Math.floor(rng.next() * foyers.length)]!;
    return { jour, foyer, commune: communeDe(foyer), canal: choisir(rng, CANAUX) };
  });
}

function campingCarDe(annee: AnneeDemo, lieux: Lieux): Etape[] {
  const rng = rngFor("gip-activite", "camping-car", String(annee));
  const { jours, personnes } = CIBLES[annee].campingCar;
  const parMois = allocate(jours, PROFILS_MENSUELS[annee].campingCar);
  const etapes = Array.from({ length: 9 }, (_, index) => lieux.tirer(rngFor("gip-activite", "etape", String(index)), "rural"));
  const days: Date[] = [];
  parMois.forEach((n, month) => {
    // Rounds on Tuesdays to Fridays, one stop a day.
    const candidates = daysOfYear(annee).filter((day) => day.getUTCMonth() === month && weekday(day) >= 1 && weekday(day) <= 4)
      .map((day) => ({ day, key: rng.next() })).sort((a, b) => a.key - b.key).slice(0, n).map((item) => item.day);
    days.push(...candidates);
  });
  days.sort((a, b) => a.getTime() - b.getTime());
  const recus = days.map(() => 0);
  for (let n = 0; n < personnes; n += 1) recus[Math.floor(rng.next() * days.length)]! += 1;
  return days.map((jour, index) => ({ jour, commune: etapes[index % etapes.length]!, personnes: recus[index]!, heures: 3 + Math.floor(rng.next() * 7) / 2 }));
}

function fichesDe(annee: AnneeDemo, lieux: Lieux): Fiche[] {
  const rng = rngFor("gip-activite", "violences", String(annee));
  return datesInYear(rng, annee, CIBLES[annee].fichesViolences, PROFILS_MENSUELS[annee].violences, [1, 1, 1, 1, 1, 0.4, 0.3]).map((jour) => {
    const commune = lieux.tirer(rng, "population");
    // Some fiches only name the intercommunality, to protect the person.
    const epci = rng.next() < 0.09 ? lieux.epciEntier(commune) : undefined;
    return { jour, commune: epci ? null : commune, epci: epci ?? null, type: choisir(rng, VIOLENCES) };
  });
}

function webDe(annee: AnneeDemo): MoisWeb[] {
  const { pagesVues, telechargements, contactsVisiteurs } = CIBLES[annee].web;
  const profil = PROFILS_MENSUELS[annee].web;
  const pages = allocate(pagesVues, profil);
  const downloads = allocate(telechargements, profil.map((weight, month) => weight * (1 + 0.05 * Math.sin(month))));
  const contacts = allocate(contactsVisiteurs, profil.map((weight, month) => weight * (1 + 0.04 * Math.cos(month))));
  return pages.map((value, mois) => ({ mois, pagesVues: value, telechargements: downloads[mois]!, contactsVisiteurs: contacts[mois]! }));
}
