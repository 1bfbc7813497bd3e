// Filosofi 2021 (income, poverty) for communes and supra-communal levels,
// with INSEE's statistical secret on small communes.
import type { Profile } from "./profile.ts";
import { clamp, type Rng } from "./random.ts";
import { csvText, fmtComma1, fmtInt, round1 } from "./formats.ts";

export const DOSSIER_FILOSOFI = "insee-filosofi";
export const ARCHIVE_FILOSOFI = "base-cc-filosofi-2021-geo2024_CSV.zip";

export const FILOSOFI_COLUMNS = [
  "CODGEO", "NBMENFISC21", "NBPERSMENFISC21", "MED21", "PIMP21", "TP6021",
  "TP60AGE121", "TP60AGE221", "TP60AGE321", "TP60AGE421", "TP60AGE521", "TP60AGE621",
  "TP60TOL121", "TP60TOL221", "PACT21", "PTSA21", "PCHO21", "PBEN21", "PPEN21", "PPAT21",
  "PPSOC21", "PPFAM21", "PPMINI21", "PPLOGT21", "PIMPOT21", "D121", "D921", "RD21",
] as const;

/** Unrounded values: aggregation averages these, rounding happens once when cells are written. */
export interface FilosofiValues {
  nbmen: number;
  nbpers: number;
  med: number;
  pimp: number;
  tp60: number;
  tp60age: number[];
  /** Share of fiscal households per age band of the reference person, for the secret rule. */
  partsAge: number[];
  tp60tol: [number, number];
  partProprietaires: number;
  pimpot: number;
  ppen: number;
  ppat: number;
  ppfam: number;
  ppmini: number;
  pplogt: number;
  pcho: number;
  pben: number;
  d1: number;
  d9: number;
}

export interface FilosofiInput {
  nbmen: number;
  nbpers: number;
  profile: Profile;
  partProprietaires: number;
}

const MULT_AGE = [1.75, 1.45, 1.2, 1.0, 0.68, 0.62];

export function filosofiValues(input: FilosofiInput, rng: Rng): FilosofiValues {
  const { profile: p } = input;
  const med = clamp(23800 - 4400 * p.precarite + rng.gauss(0, 500), 14000, 32000);
  const tp60 = clamp(14 - (med - 22000) / 320 + 3 * p.urbanite + rng.gauss(0, 1.2), 4, 45);
  const ppsoc = clamp(3.5 + 6 * p.precarite + 2 * p.urbanite + rng.gauss(0, 0.6), 2, 20);
  const pplogtPart = 0.15 + 0.1 * p.urbanite;
  const partsAge = [0.06 + 0.04 * p.urbanite, 0.11 + 0.03 * p.urbanite, 0.15, 0.18, 0.2 + 0.1 * p.age, 0.12 + 0.12 * p.age].map(
    (w) => w * Math.exp(rng.gauss(0, 0.08)),
  );
  const somme = partsAge.reduce((a, b) => a + b, 0);
  const o = input.partProprietaires;
  return {
    nbmen: input.nbmen,
    nbpers: input.nbpers,
    med,
    pimp: clamp(50 + (med - 22000) / 300 + 4 * p.urbanite + rng.gauss(0, 1.5), 20, 80),
    tp60,
    tp60age: MULT_AGE.map((m) => clamp(tp60 * m * Math.exp(rng.gauss(0, 0.08)), 1, 80)),
    partsAge: partsAge.map((w) => w / somme),
    tp60tol: [tp60 * rng.uniform(0.3, 0.5), Math.min(65, tp60 * (1.6 + 1.2 * o) * Math.exp(rng.gauss(0, 0.08)))],
    partProprietaires: o,
    pimpot: -clamp(10 + (med - 18000) / 1000 + rng.gauss(0, 0.6), 7, 22),
    ppen: clamp(22 + 22 * p.age + rng.gauss(0, 2), 12, 55),
    ppat: clamp(6 + 4 * (1 - Math.min(1, p.precarite)) + 2 * p.age + rng.gauss(0, 0.8), 3, 15),
    ppfam: ppsoc * 0.22,
    ppmini: ppsoc * (1 - 0.22 - pplogtPart),
    pplogt: ppsoc * pplogtPart,
    pcho: clamp(2 + 2 * p.precarite + rng.gauss(0, 0.3), 1, 8),
    pben: clamp(5 + 5 * (1 - p.urbanite) + rng.gauss(0, 1), 2, 15),
    d1: med * clamp(0.52 - 0.06 * p.precarite + rng.gauss(0, 0.015), 0.38, 0.6),
    d9: med * clamp(1.62 + 0.1 * p.urbanite + 0.1 * (1 - Math.min(1, p.precarite)) + rng.gauss(0, 0.04), 1.45, 2.1),
  };
}

/**
 * Household-weighted mean of the members' values, standing in for a
 * published supra-communal figure (the app never recomputes these).
 */
export function aggregateFilosofi(members: readonly FilosofiValues[], rng: Rng): FilosofiValues {
  const poids = members.reduce((a, m) => a + m.nbmen, 0);
  const mean = (f: (m: FilosofiValues) => number): number =>
    poids > 0 ? members.reduce((a, m) => a + f(m) * m.nbmen, 0) / poids : 0;
  if (members.length === 0) throw new Error("Agrégat Filosofi sans commune membre.");
  const vec = (f: (m: FilosofiValues) => number[]): number[] => f(members[0]!).map((_, i) => mean((m) => f(m)[i]!));
  return {
    nbmen: poids,
    nbpers: members.reduce((a, m) => a + m.nbpers, 0),
    // A median of pooled households is not the mean of medians: a little noise keeps it from looking computed.
    med: mean((m) => m.med) * (1 + rng.gauss(0, 0.008)),
    pimp: mean((m) => m.pimp),
    tp60: mean((m) => m.tp60),
    tp60age: vec((m) => m.tp60age),
    partsAge: vec((m) => m.partsAge),
    tp60tol: vec((m) => m.tp60tol) as [number, number],
    partProprietaires: mean((m) => m.partProprietaires),
    pimpot: mean((m) => m.pimpot),
    ppen: mean((m) => m.ppen),
    ppat: mean((m) => m.ppat),
    ppfam: mean((m) => m.ppfam),
    ppmini: mean((m) => m.ppmini),
    pplogt: mean((m) => m.pplogt),
    pcho: mean((m) => m.pcho),
    pben: mean((m) => m.pben),
    // Pooling widens the distribution compared with the average commune.
    d1: mean((m) => m.d1) * (1 - Math.abs(rng.gauss(0, 0.02))),
    d9: mean((m) => m.d9) * (1 + Math.abs(rng.gauss(0, 0.02))),
  };
}

export type Niveau = "commune" | "supra";

const SECRET = "s";
const SEUIL_SECRET_TOTAL = 50;
const SEUIL_DIFFUSION_COMPLETE = 1000;
const SEUIL_PAUVRES_SOUS_GROUPE = 100;

/** The 27 cells after CODGEO, rounded so that the published identities hold on the rounded figures. */
export function filosofiCells(v: FilosofiValues, niveau: Niveau): string[] {
  const nbmen = Math.round(v.nbmen);
  if (niveau === "commune" && nbmen < SEUIL_SECRET_TOTAL) return FILOSOFI_COLUMNS.slice(1).map(() => SECRET);

  // Communes publish poverty rates rounded to the unit ("18,0"); larger areas keep one decimal.
  const taux = (x: number): string => fmtComma1(niveau === "commune" ? Math.round(x) : x);
  const med = Math.round(v.med / 10) * 10;
  const d1 = Math.round(v.d1 / 10) * 10;
  const d9 = Math.round(v.d9 / 10) * 10;
  const pimpot = round1(v.pimpot);
  const ppen = round1(v.ppen);
  const ppat = round1(v.ppat);
  const ppfam = round1(v.ppfam);
  const ppmini = round1(v.ppmini);
  const pplogt = round1(v.pplogt);
  const ppsoc = round1(ppfam + ppmini + pplogt);
  // Income shares add up to 100 once taxes (negative) are included.
  const pact = round1(100 - pimpot - ppen - ppat - ppsoc);
  const pcho = round1(v.pcho);
  const pben = round1(v.pben);
  const ptsa = round1(Math.max(0, pact - pcho - pben));

  const ageCells = v.tp60age.map(taux);
  const tolCells = v.tp60tol.map(taux);
  if (niveau === "commune") {
    masquerSousGroupes(ageCells, v.partsAge.map((part, i) => nbmen * part * (v.tp60age[i]! / 100)));
    masquerSousGroupes(tolCells, [
      nbmen * v.partProprietaires * (v.tp60tol[0] / 100),
      nbmen * (1 - v.partProprietaires) * (v.tp60tol[1] / 100),
    ]);
  }
  const cells = [
    fmtInt(nbmen),
    fmtInt(v.nbpers),
    fmtInt(med),
    taux(v.pimp),
    taux(v.tp60),
    ...ageCells,
    ...tolCells,
    fmtComma1(pact),
    fmtComma1(ptsa),
    fmtComma1(pcho),
    fmtComma1(pben),
    fmtComma1(ppen),
    fmtComma1(ppat),
    fmtComma1(ppsoc),
    fmtComma1(ppfam),
    fmtComma1(ppmini),
    fmtComma1(pplogt),
    fmtComma1(pimpot),
    fmtInt(d1),
    fmtInt(d9),
    fmtComma1(d1 > 0 ? d9 / d1 : 0),
  ];
  if (niveau === "commune" && nbmen < SEUIL_DIFFUSION_COMPLETE) {
    // Below the full-diffusion threshold only the household counts and the median are published.
    return cells.map((c, i) => (i < 3 ? c : SECRET));
  }
  return cells;
}

/**
 * Primary secret on sub-groups with too few poor households, then a
 * secondary secret so a lone masked cell cannot be deduced from the total.
 */
function masquerSousGroupes(cells: string[], pauvres: number[]): void {
  const masque = pauvres.map((n) => n < SEUIL_PAUVRES_SOUS_GROUPE);
  if (masque.filter(Boolean).length === 1) {
    let cible = -1;
    pauvres.forEach((n, i) => {
      if (!masque[i] && (cible < 0 || n < pauvres[cible]!)) cible = i;
    });
    if (cible >= 0) masque[cible] = true;
  }
  masque.forEach((m, i) => {
    if (m) cells[i] = SECRET;
  });
}

export function filosofiCsv(rows: readonly { code: string; cells: readonly string[] }[]): string {
  return csvText(
    FILOSOFI_COLUMNS,
    rows.map((r) => [r.code, ...r.cells]),
  );
}
