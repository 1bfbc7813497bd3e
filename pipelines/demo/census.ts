// Census (RP) counts of one commune for one vintage, as weighted estimates.
// Every count is derived from a few finer age/household building blocks, so
// totals and sub-populations stay consistent by construction.
import type { Profile } from "./profile.ts";
import { clamp, type Rng } from "./random.ts";

/** Keys are column stems with a "P_"/"C_" prefix that the vintage completes (P_POP → P22_POP). */
export type CensusValues = Record<string, number>;

// Age structure (0-14, 15-29, 30-44, 45-59, 60-74, 75-89, 90+) of a young periurban vs an old rural commune.
const AGES_JEUNES = [0.175, 0.165, 0.19, 0.2, 0.165, 0.09, 0.015];
const AGES_AGEES = [0.115, 0.095, 0.125, 0.205, 0.26, 0.17, 0.03];

/**
 * Splits a total proportionally to positive weights; the last part takes
 * the remainder so the parts add up to the total exactly.
 */
export function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  let rest = total;
  for (let i = 0; i < parts.length - 1; i++) rest -= parts[i]!;
  parts[parts.length - 1] = Math.max(0, rest);
  return parts;
}

function jitter(rng: Rng, weights: readonly number[], sd: number): number[] {
  return weights.map((w) => w * Math.exp(rng.gauss(0, sd)));
}

export function censusValues(pop: number, p: Profile, rng: Rng): CensusValues {
  const v: CensusValues = {};
  // Small populations are noisier, as in the real exhaustive-but-rotating census of small communes.
  const bruit = 0.04 + 0.25 / Math.sqrt(pop + 1);
  const ageWeights = jitter(
    rng,
    AGES_JEUNES.map((y, i) => y + (AGES_AGEES[i]! - y) * p.age),
    bruit,
  );
  const [a0014, a1529, a3044, a4559, a6074, a7589, a90p] = split(pop, ageWeights) as [
    number, number, number, number, number, number, number,
  ];

  // Finer blocks used by several files (coupl-fam-men, diplomes, emploi).
  // Ages 0-1 (first weight) appear in no published band but POP0014.
  const [, a0205, a0610, a1114] = split(a0014, jitter(rng, [0.12, 0.26, 0.33, 0.29], 0.05)) as [number, number, number, number];
  const [a1517, a1819, a2024, a2529] = split(
    a1529,
    jitter(rng, [0.22, 0.1 + 0.04 * p.urbanite, 0.28 + 0.05 * p.urbanite, 0.38], 0.06),
  ) as [number, number, number, number];
  const [a3039, a4044] = split(a3044, [0.65, 0.35]) as [number, number];
  const [a4554, a5559] = split(a4559, [0.66, 0.34]) as [number, number];
  // 60-64 is ~1/3 of 60-74; capped so that 15-64 stays within 15 % above 15-59 even in the oldest villages.
  const a6064 = Math.min(a6074 * rng.uniform(0.3, 0.35), 0.149 * (a1529 + a3044 + a4559));
  const a6574 = a6074 - a6064;
  const [a7579, a8089] = split(a7589, [rng.uniform(0.42, 0.5), 0.53]) as [number, number];

  // --- evol-struct-pop
  const pop15p = pop - a0014;
  const pop1564 = a1529 + a3044 + a4559 + a6064;
  const hommes = pop * clamp(0.485 + 0.01 * (1 - p.age) + rng.gauss(0, 0.008), 0.46, 0.52);
  Object.assign(v, {
    P_POP: pop,
    P_POP0014: a0014,
    P_POP1529: a1529,
    P_POP3044: a3044,
    P_POP4559: a4559,
    P_POP6074: a6074,
    P_POP7589: a7589,
    P_POP90P: a90p,
    P_POPH: hommes,
    P_POPF: pop - hommes,
    // Women are slightly older than men, hence a share of 15-64 a bit below the whole population's.
    P_F1564: pop > 0 ? (pop - hommes) * (pop1564 / pop) * rng.uniform(0.96, 0.995) : 0,
  });

  // --- coupl-fam-men
  const pop80p = a8089 + a90p;
  const taille = clamp(2.28 - 0.22 * p.age - 0.12 * p.urbanite + rng.gauss(0, 0.04) + (p.outreMer ? 0.35 : 0), 1.92, p.outreMer ? 3.2 : 2.38);
  const pmen = pop * (1 - clamp(0.02 + 0.012 * p.age + Math.abs(rng.gauss(0, 0.008)), 0.015, 0.06));
  const men = pmen / taille;
  const partSeul = clamp(0.3 + 0.1 * p.urbanite + 0.06 * p.age + rng.gauss(0, 0.02), 0.28, 0.47);
  const fam = men * (1 - partSeul - rng.uniform(0.02, 0.035));
  Object.assign(v, {
    P_POP15P: pop15p,
    P_POP1519: a1517 + a1819,
    P_POP2024: a2024,
    P_POP2539: a2529 + a3039,
    P_POP4054: a4044 + a4554,
    P_POP5564: a5559 + a6064,
    P_POP6579: a6574 + a7579,
    P_POP80P: pop80p,
    P_POP80P_PSEUL: pop80p * clamp(0.33 + 0.08 * p.urbanite + rng.gauss(0, 0.025), 0.28, 0.47),
    C_MEN: men,
    C_MENPSEUL: men * partSeul,
    C_PMEN: pmen,
    C_FAM: fam,
    C_FAMMONO: fam * clamp(0.1 + 0.06 * p.urbanite + 0.04 * p.precarite + rng.gauss(0, 0.01), 0.08, 0.2),
    // Large families are 5-10 % of families in metropolitan France, more overseas.
    C_NE24F3: fam * clamp(0.055 + rng.gauss(0, 0.008) + (p.outreMer ? 0.02 : 0), 0.04, p.outreMer ? 0.1 : 0.07),
    C_NE24F4P: fam * clamp(0.018 + rng.gauss(0, 0.004) + (p.outreMer ? 0.02 : 0), 0.01, p.outreMer ? 0.06 : 0.028),
  });

  // --- logement: the principal-exploitation count of households differs slightly from the complementary one.
  const rp = men * (1 + clamp(rng.gauss(0, 0.006), -0.018, 0.018));
  const vacance = clamp(0.09 + 0.03 * p.precarite - 0.01 * p.urbanite + rng.gauss(0, 0.015), 0.06, 0.14);
  const secondaire = clamp(0.14 * (1 - p.urbanite) ** 1.5 + rng.gauss(0, 0.04), 0.015, 0.3);
  const log = rp / (1 - vacance - secondaire);
  const rsecocc = log * secondaire;
  const logvac = log * vacance;
  const partProp = clamp(0.8 - 0.32 * p.urbanite - 0.08 * p.precarite + rng.gauss(0, 0.04), 0.4, 0.9);
  const hlmTirage = rng.next();
  const partHlm =
    pop >= 1500
      ? clamp(0.05 + 0.15 * clamp((p.urbanite - 0.45) / 0.5, 0, 1) + rng.gauss(0, 0.02), 0.03, 0.22)
      : pop >= 300 && hlmTirage < 0.25
        ? rng.uniform(0.01, 0.05)
        : 0;
  const achtot = rp * rng.uniform(0.96, 0.985);
  Object.assign(v, {
    P_LOG: rp + rsecocc + logvac,
    P_RP: rp,
    P_RSECOCC: rsecocc,
    P_LOGVAC: logvac,
    P_MEN: rp,
    P_PMEN: pmen * (1 + clamp(rng.gauss(0, 0.006), -0.018, 0.018)),
    P_RP_PROP: rp * partProp,
    P_RP_LOCHLMV: rp * Math.min(partHlm, 1 - partProp - 0.05),
    P_RP_ACHTOT: achtot,
    P_RP_ACH19: achtot * clamp(0.12 + 0.25 * (1 - p.urbanite) + rng.gauss(0, 0.05), 0.03, 0.45),
    P_RP_ACH45: achtot * rng.uniform(0.04, 0.08),
    P_RP_VOIT1P: rp * clamp(0.95 - 0.09 * p.urbanite - 0.02 * p.precarite + rng.gauss(0, 0.01), 0.84, 0.96),
  });

  // --- diplomes-formation
  const scol1517 = a1517 * rng.uniform(0.9, 0.96);
  const scol1824 = (a1819 + a2024) * clamp(0.3 + 0.3 * p.urbanite + rng.gauss(0, 0.04), 0.2, 0.65);
  const scol2529 = a2529 * rng.uniform(0.03, 0.08);
  const pop30p = a3044 + a4559 + a6074 + a7589 + a90p;
  const scol30p = pop30p * rng.uniform(0.002, 0.008);
  const nscol15p = Math.max(0, pop15p - scol1517 - scol1824 - scol2529 - scol30p);
  const diplomes = split(
    nscol15p,
    jitter(
      rng,
      [
        0.2 + 0.12 * p.age + 0.08 * p.precarite - 0.05 * p.urbanite,
        0.055,
        0.27 + 0.03 * (1 - p.urbanite),
        0.17,
        0.11,
        0.085 + 0.04 * (1 - p.precarite),
        0.04 + 0.06 * p.urbanite + 0.04 * (1 - p.precarite),
      ].map((w) => Math.max(0.01, w)),
      0.06,
    ),
  );
  Object.assign(v, {
    P_POP0205: a0205,
    P_POP0610: a0610,
    P_POP1114: a1114,
    P_POP1517: a1517,
    P_POP1824: a1819 + a2024,
    P_POP2529: a2529,
    P_POP30P: pop30p,
    P_SCOL0205: a0205 * rng.uniform(0.72, 0.8),
    P_SCOL0610: a0610 * rng.uniform(0.98, 0.995),
    P_SCOL1114: a1114 * rng.uniform(0.98, 0.995),
    P_SCOL1517: scol1517,
    P_SCOL1824: scol1824,
    P_SCOL2529: scol2529,
    P_SCOL30P: scol30p,
    P_NSCOL15P: nscol15p,
  });
  const niveaux = ["DIPLMIN", "BEPC", "CAPBEP", "BAC", "SUP2", "SUP34", "SUP5"];
  niveaux.forEach((n, i) => (v[`P_NSCOL15P_${n}`] = diplomes[i]!));

  // --- emploi-pop-active
  const tauxActivite = clamp(0.76 - 0.05 * p.precarite + 0.02 * (0.5 - p.age) + rng.gauss(0, 0.015), 0.7, 0.8);
  const tauxChomage = clamp(0.07 + 0.07 * p.precarite + 0.02 * p.urbanite + rng.gauss(0, 0.01), 0.06, p.outreMer ? 0.35 : 0.14);
  const act = pop1564 * tauxActivite;
  const chom = act * tauxChomage;
  const actocc = act - chom;
  const sal = actocc * clamp(0.72 + 0.14 * p.urbanite + rng.gauss(0, 0.03), 0.65, 0.9);
  const [salH, salF] = split(sal, [rng.uniform(0.49, 0.52), 0.5]) as [number, number];
  const contrats = ["CDI", "CDD", "INTERIM", "EMPAID", "APPR"];
  const partsH = split(salH, jitter(rng, [0.83, 0.08, 0.035, 0.008, 0.025], 0.1));
  const partsF = split(salF, jitter(rng, [0.83, 0.12, 0.012, 0.012, 0.015], 0.1));
  Object.assign(v, { P_POP1564: pop1564, P_ACT1564: act, P_ACTOCC1564: actocc, P_CHOM1564: chom, P_SAL15P: sal });
  contrats.forEach((c, i) => (v[`P_HSAL15P_${c}`] = partsH[i]!));
  contrats.forEach((c, i) => (v[`P_FSAL15P_${c}`] = partsF[i]!));
  const actoccC = actocc * (1 + clamp(rng.gauss(0, 0.01), -0.025, 0.025));
  const cs = split(
    actoccC,
    jitter(
      rng,
      [
        0.01 + 0.12 * (1 - p.urbanite) ** 2,
        0.09,
        Math.max(0.03, 0.08 + 0.1 * p.urbanite - 0.04 * p.precarite),
        0.23,
        0.29 + 0.03 * p.precarite,
        0.24 + 0.04 * p.precarite - 0.03 * p.urbanite,
      ],
      0.08,
    ),
  );
  v.C_ACTOCC1564 = actoccC;
  cs.forEach((x, i) => (v[`C_ACTOCC1564_CS${i + 1}`] = x));
  // --- caract_emp: the employed of 65 or more add a little to the 15-64 ones; the non-salaried are the rest.
  v.P_ACTOCC15P = actocc * rng.uniform(1.01, 1.04);
  v.P_NSAL15P = v.P_ACTOCC15P - sal;
  return v;
}

/** Annual growth 2016→2022: towns grow, old villages shrink a little. */
export function population2016(pop22: number, p: Profile, rng: Rng): number {
  const croissance = 0.003 + 0.004 * p.urbanite - 0.004 * p.age + rng.gauss(0, 0.006);
  return Math.max(0, Math.round(pop22 / (1 + croissance) ** 6));
}
