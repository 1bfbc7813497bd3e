// What INSEE's figures can be, declared once for every file that publishes them (census themes, comparateur,
// Filosofi at every level and by IRIS, populations légales): the load quarantines a value outside, with its row.
import type { WideSource } from "./definition.ts";

type Rules = NonNullable<WideSource["vraisemblance"]>;
type Bounds = NonNullable<WideSource["bornes"]>;

/** Census counts are never negative; a commune counts at most a few million of anything (Paris: 2.1 million people). */
export const CENSUS_RULES: Rules = [
  { racines: /^[PC]yy_/, min: 0, max: 5e6, niveaux: ["commune", "iris"] },
  { racines: /^[PC]yy_/, min: 0, max: 1e8 },
];

/**
 * Filosofi: counts of households and persons; euros (median, deciles, quartiles); rates of poverty (%); shares of
 * income (%; the tax share is negative, activity income can pass 100 % before taxes); ratios between deciles.
 * Published oddities stay: an IRIS may have an interdecile ratio in the thousands.
 */
export const FILOSOFI_RULES: Rules = [
  { racines: /^(DEC_|DISP_)?(NBMENFISC|NBPERSMENFISC)yy$/, min: 0, max: 1e8 },
  { racines: /^(DEC_|DISP_)?(MED|D\d|Q\d|EQ)yy$/, min: 0, max: 1e6 },
  { racines: /^(DEC_|DISP_)?TP60\w*yy$/, min: 0, max: 100 },
  { racines: /^(DEC_|DISP_)?PIMPOTyy$/, min: -100, max: 0 },
  { racines: /^(DEC_|DISP_)?P[A-Z]+yy$/, min: -100, max: 200 },
  { racines: /^(DEC_|DISP_)?(RD|S80S20)yy$/, min: 0, max: 1e5 },
  { racines: /^(DEC_|DISP_)?GIyy$/, min: 0, max: 1 },
];

/** Comparateur columns that are neither census nor Filosofi: area, vital statistics, establishments. */
export const COMPARATEUR_RULES: Rules = [
  // The largest commune (Maripasoula, Guyane) covers 18,360 km².
  { racines: /^SUPERF$/, min: 0, max: 20_000 },
  { racines: /^(NAIS|DECE|NAISD|DECESD|ET)/, min: 0, max: 1e7 },
];

export const POPULATION_RULES: Rules = [{ racines: /^(PMUN|PCAP|PTOT)$/, min: 0, max: 5e6 }];

/** Parts never larger than their whole, within one census and one row (rounding of weighted counts aside). */
export const CENSUS_BOUNDS: Bounds = [
  ...["RP", "RSECOCC", "LOGVAC"].map((partie) => ({ partie: `Pyy_${partie}`, tout: "Pyy_LOG" })),
  ...["RP_PROP", "RP_LOCHLMV", "RP_VOIT1P", "RP_ACHTOT"].map((partie) => ({ partie: `Pyy_${partie}`, tout: "Pyy_RP" })),
  ...["RP_ACH19", "RP_ACH45"].map((partie) => ({ partie: `Pyy_${partie}`, tout: "Pyy_RP_ACHTOT" })),
  ...["POP0014", "POP1529", "POP3044", "POP4559", "POP6074", "POP7589", "POP90P", "POPH", "POPF", "POP15P", "POP1564"].map((partie) => ({ partie: `Pyy_${partie}`, tout: "Pyy_POP" })),
  { partie: "Pyy_F1564", tout: "Pyy_POPF" },
  { partie: "Pyy_POP80P_PSEUL", tout: "Pyy_POP80P" },
  { partie: "Pyy_ACT1564", tout: "Pyy_POP1564" },
  { partie: "Pyy_CHOM1564", tout: "Pyy_ACT1564" },
  { partie: "Pyy_ACTOCC1564", tout: "Pyy_ACT1564" },
  ...["SAL15P", "NSAL15P"].map((partie) => ({ partie: `Pyy_${partie}`, tout: "Pyy_ACTOCC15P" })),
  { partie: "Cyy_MENPSEUL", tout: "Cyy_MEN" },
  ...["FAMMONO", "NE24F3", "NE24F4P"].map((partie) => ({ partie: `Cyy_${partie}`, tout: "Cyy_FAM" })),
  ...["DIPLMIN", "BEPC", "CAPBEP", "BAC", "SUP2", "SUP34", "SUP5"].map((niveau) => ({ partie: `Pyy_NSCOL15P_${niveau}`, tout: "Pyy_NSCOL15P" })),
  ...["0205", "0610", "1114", "1517", "1824", "2529", "30P"].map((age) => ({ partie: `Pyy_SCOL${age}`, tout: `Pyy_POP${age}` })),
];
