// "Base du comparateur de territoires": a digest that repeats values of the
// census and Filosofi files (same cells), plus area, vital events, jobs and
// establishments that exist only here.
import { allocate } from "./allocate.ts";
import { censusValue, type PackedCensus } from "./census-files.ts";
import type { Profile } from "./profile.ts";
import { clamp, type Rng } from "./random.ts";
import { csvText, fmtDot2, fmtEstimate, fmtInt } from "./formats.ts";

export const CHEMIN_COMPARATEUR = "insee-comparateur/base_cc_comparateur.csv";

export const COMPARATEUR_COLUMNS = [
  "CODGEO", "P22_POP", "P16_POP", "SUPERF", "NAIS1621", "DECE1621", "P22_MEN", "NAISD24", "DECESD24",
  "P22_LOG", "P22_RP", "P22_RSECOCC", "P22_LOGVAC", "P22_RP_PROP", "NBMENFISC21", "PIMP21", "MED21", "TP6021",
  "P22_EMPLT", "P22_EMPLT_SAL", "P16_EMPLT", "P22_POP1564", "P22_CHOM1564", "P22_ACT1564",
  "ETTOT24", "ETAZ24", "ETBE24", "ETFZ24", "ETGU24", "ETOQ24", "ETTEF124", "ETTEFP1024",
] as const;

export interface ComparateurExtras {
  superficie: number;
  naissances1621: number;
  deces1621: number;
  naissances24: number;
  deces24: number;
  emplois22: number;
  emploisSalaries22: number;
  emplois16: number;
  /** Total, then AZ, BE, FZ, GU, OQ, then 1-9 and 10+ employees. */
  etablissements: number[];
}

function evenements(rng: Rng, attendu: number): number {
  return Math.max(0, Math.round(attendu + rng.gauss(0, Math.sqrt(attendu))));
}

export function comparateurExtras(pop: number, p: Profile, rng: Rng): ComparateurExtras {
  const natalite = clamp(0.0075 + 0.004 * (1 - p.age) + rng.gauss(0, 0.001) + (p.outreMer ? 0.006 : 0), 0.004, 0.03);
  const mortalite = clamp(0.007 + 0.012 * p.age + rng.gauss(0, 0.001), 0.003, 0.025);
  const emplois = pop * clamp((0.12 + 0.55 * p.urbanite ** 1.2) * Math.exp(rng.gauss(0, 0.35)), 0.03, 1.6);
  const etab = Math.max(0, Math.round(pop * (0.055 + 0.03 * (1 - p.urbanite)) * Math.exp(rng.gauss(0, 0.2))));
  const secteurs = allocate(
    etab,
    [0.08 + 0.25 * (1 - p.urbanite), 0.06, 0.1, 0.5 + 0.15 * p.urbanite, 0.16].map((w) => w * Math.exp(rng.gauss(0, 0.15))),
  );
  const petits = Math.round(etab * rng.uniform(0.25, 0.45));
  const grands = Math.min(etab - petits, Math.round(etab * (0.04 + 0.08 * p.urbanite) * rng.uniform(0.7, 1.3)));
  return {
    superficie: clamp(3.8 * (pop + 30) ** 0.22 * Math.exp(rng.gauss(0, 0.4)), 1.5, 250),
    naissances1621: evenements(rng, pop * natalite * 6),
    deces1621: evenements(rng, pop * mortalite * 6),
    naissances24: evenements(rng, pop * natalite * 0.9),
    deces24: evenements(rng, pop * mortalite),
    emplois22: emplois,
    emploisSalaries22: emplois * clamp(0.5 + 0.35 * p.urbanite + rng.gauss(0, 0.05), 0.3, 0.93),
    emplois16: emplois * (1 + clamp(rng.gauss(0, 0.05), -0.15, 0.15)),
    etablissements: [etab, ...secteurs, petits, grands],
  };
}

export interface ComparateurRow {
  code: string;
  rp22: PackedCensus;
  rp16: PackedCensus;
  extras: ComparateurExtras;
  /** The commune's Filosofi cells (27, after CODGEO), already formatted with their secrets. */
  filosofi: readonly string[];
}

const FILO = { NBMENFISC21: 0, MED21: 2, PIMP21: 3, TP6021: 4 } as const;

export function comparateurCsv(rows: readonly ComparateurRow[]): string {
  return csvText(
    COMPARATEUR_COLUMNS,
    rows.map(({ code, rp22, rp16, extras: e, filosofi: f }) => [
      code,
      fmtInt(censusValue(rp22, "P_POP")),
      fmtInt(censusValue(rp16, "P_POP")),
      fmtDot2(e.superficie),
      fmtInt(e.naissances1621),
      fmtInt(e.deces1621),
      fmtEstimate(censusValue(rp22, "P_MEN")),
      fmtInt(e.naissances24),
      fmtInt(e.deces24),
      fmtEstimate(censusValue(rp22, "P_LOG")),
      fmtEstimate(censusValue(rp22, "P_RP")),
      fmtEstimate(censusValue(rp22, "P_RSECOCC")),
      fmtEstimate(censusValue(rp22, "P_LOGVAC")),
      fmtEstimate(censusValue(rp22, "P_RP_PROP")),
      f[FILO.NBMENFISC21]!,
      f[FILO.PIMP21]!,
      f[FILO.MED21]!,
      f[FILO.TP6021]!,
      fmtEstimate(e.emplois22),
      fmtEstimate(e.emploisSalaries22),
      fmtEstimate(e.emplois16),
      fmtEstimate(censusValue(rp22, "P_POP1564")),
      fmtEstimate(censusValue(rp22, "P_CHOM1564")),
      fmtEstimate(censusValue(rp22, "P_ACT1564")),
      ...e.etablissements.map(fmtInt),
    ]),
  );
}
