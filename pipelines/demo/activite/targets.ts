// What the demo logs add up to, year by year: the figures of the GIP's 2020 activity report, and a 2019 that gives
// its changes (2 852 → 4 819 calls: +69 %). Monthly weights draw the two lockdowns (spring and November 2020).

export const ANNEES_DEMO = [2019, 2020] as const;
export type AnneeDemo = (typeof ANNEES_DEMO)[number];

export interface Cibles {
  appelsNumeroVert: number;
  /** Calls a week on the internal line, each full week drawn in this range. */
  appelsInternesParSemaine: [number, number];
  appelsElus: number;
  interactions: number;
  appelsCourtoisie: number;
  /** Distinct people called in the year (each at least once). */
  personnesCourtoisie: number;
  colis: number;
  foyersColis: number;
  campingCar: { jours: number; personnes: number };
  fichesViolences: number;
  web: { pagesVues: number; telechargements: number; contactsVisiteurs: number };
}

export const CIBLES: Record<AnneeDemo, Cibles> = {
  2019: {
    appelsNumeroVert: 2_852, appelsInternesParSemaine: [100, 120], appelsElus: 0, interactions: 8_350,
    appelsCourtoisie: 380, personnesCourtoisie: 64, colis: 150, foyersColis: 96,
    campingCar: { jours: 14, personnes: 17 }, fichesViolences: 168,
    web: { pagesVues: 52_000, telechargements: 12_500, contactsVisiteurs: 19_000 },
  },
  2020: {
    appelsNumeroVert: 4_819, appelsInternesParSemaine: [100, 120], appelsElus: 312, interactions: 14_196,
    appelsCourtoisie: 1_123, personnesCourtoisie: 168, colis: 400, foyersColis: 262,
    campingCar: { jours: 36, personnes: 44 }, fichesViolences: 217,
    web: { pagesVues: 85_000, telechargements: 22_000, contactsVisiteurs: 32_000 },
  },
};

/** Monthly weights, January to December. */
export const PROFILS_MENSUELS: Record<AnneeDemo, Record<"appels" | "elus" | "courtoisie" | "colis" | "violences" | "campingCar" | "web", number[]>> = {
  2019: {
    appels: [1, 0.95, 1, 1, 0.95, 0.95, 0.85, 0.7, 1, 1.05, 1.05, 0.9],
    elus: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    // The heatwave plan: calls to isolated people in summer only.
    courtoisie: [0, 0, 0, 0, 0, 0.8, 1, 0.7, 0, 0, 0, 0],
    colis: [1, 1, 1, 1, 1, 0.9, 0.8, 0.8, 1, 1.1, 1.1, 1.3],
    violences: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    // The camping-car starts its rounds in the autumn.
    campingCar: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
    web: [0.9, 0.9, 1, 1, 1, 0.95, 0.85, 0.75, 1.05, 1.1, 1.1, 0.95],
  },
  2020: {
    // First lockdown from 17 March to 11 May, second from 30 October to 15 December.
    appels: [0.65, 0.65, 1.35, 1.95, 1.45, 0.85, 0.7, 0.6, 0.8, 0.95, 1.8, 1.05],
    elus: [0, 0, 0, 2.2, 1.6, 0.8, 0.5, 0.3, 0.6, 0.8, 1.8, 1],
    courtoisie: [0, 0, 0.55, 2.3, 1.7, 0.75, 0.9, 0.8, 0.4, 0.5, 1.6, 1.1],
    colis: [0.6, 0.6, 1.3, 2, 1.7, 0.8, 0.6, 0.6, 0.7, 0.9, 1.6, 1.2],
    violences: [0.8, 0.8, 1.1, 1.4, 1.2, 0.9, 0.9, 0.8, 0.9, 1, 1.3, 1],
    // No rounds during the lockdowns.
    campingCar: [1, 1, 0.4, 0, 0.3, 1, 1.2, 1, 1.2, 1, 0, 0.6],
    web: [0.7, 0.7, 1.3, 1.7, 1.3, 0.9, 0.75, 0.65, 0.85, 0.95, 1.45, 1],
  },
};
