// CNAF files of the demo, in the formats documented in docs/sources-caf-bpe.md: the Cafdata communal series
// (several Decembers, counts rounded to 5), the Onape childcare coverage rates (commune, EPCI, département,
// France) and two yearly files of the former portal (Latin-1, values below 5 left blank).
import { censusValue, type PackedCensus } from "./census-files.ts";
import { encodeLines, type Cell } from "./formats.ts";
import type { CommuneModel } from "./model.ts";
import { clamp, rngFor } from "./random.ts";
import type { Commune, Epci, Territory } from "./territory.ts";

export const DOSSIER_CAF = "caf";
export const CHEMIN_CAF_PRESTATIONS = `${DOSSIER_CAF}/s_ben_com_f.csv`;
export const CHEMIN_CAF_DEPENDANCE = `${DOSSIER_CAF}/ancien-portail/DependancePrestaCom2020.csv`;
export const CHEMIN_CAF_BAS_REVENUS = `${DOSSIER_CAF}/ancien-portail/Bas_revenu_Com_2020.csv`;
export const CAF_ANNEES = [2020, 2021, 2022, 2023] as const;
export const CAF_ANNEE_ANCIEN_PORTAIL = 2020;
export const ONAPE_ANNEES = [2022, 2023] as const;

export const CAF_PRESTATIONS_COLUMNS = [
  "dtreffre", "numcomdo", "nomcom", "indfoy_ndur", "indnbp_ndur", "indfoy_af", "indfoy_apl", "indfoy_alf", "indfoy_als",
  "indfoy_rsa", "indfoy_ppa", "indfoy_aah", "indmtt_rsa", "indmtt_ppa",
] as const;
export const CAF_DEPENDANCE_COLUMNS = ["Communes", "Codes_Insee", "NB_allocataires", "TR50PFRB", "TR100PFRB"] as const;
export const CAF_BAS_REVENUS_COLUMNS = ["Communes", "Codes_Insee", "NB_allocataires_ress", "NB_pers_couv_ress", "ALL_bas_revenu", "Pers_bas_revenu"] as const;

/** Onape leaves (crèches PSU and others, preschool, childminders, home care) and subtotals, then the total. */
const ONAPE_PARTS = ["psu_col", "hors_psu_col", "prescol", "am_ind", "gad_ind", "eaje", "ind"] as const;
const onapeColumns = (suffix: string, code: string, nom: string, extra: string[] = []) =>
  ["annee", code, nom, ...extra, ...ONAPE_PARTS.map((part) => `txcouv_${part}_${suffix}`), `txcouv_${suffix}`];

/** CNAF counts of one commune and December, before rounding. */
export interface CafCounts {
  allocataires: number;
  personnes: number;
  af: number;
  apl: number;
  alf: number;
  als: number;
  rsa: number;
  ppa: number;
  aah: number;
  /** Former portal: allocataires of reference (known resources), and those living at 50 %/100 % on benefits. */
  ressources: number;
  personnesRessources: number;
  basRevenus: number;
  personnesBasRevenus: number;
  dependance50: number;
  dependance100: number;
}

const census = (rp: PackedCensus, ...stems: string[]) => stems.reduce((total, stem) => total + censusValue(rp, stem), 0);

/** What a commune's CAF counts depend on, drawn once: the four Decembers only differ by a small drift. */
interface CafBase {
  menages: number;
  population: number;
  residences: number;
  actifsOccupes: number;
  adultes: number;
  bruit: number;
  tauxRsa: number;
  tauxPpa: number;
  tauxDependance: number;
}

const BASES = new WeakMap<CommuneModel, CafBase>();

function baseOf(model: CommuneModel): CafBase {
  const cached = BASES.get(model);
  if (cached) return cached;
  const { profile: p, rp22 } = model;
  const rng = rngFor(model.commune.code, "caf");
  const base: CafBase = {
    menages: census(rp22, "C_MEN"),
    population: census(rp22, "P_POP"),
    residences: census(rp22, "P_RP"),
    actifsOccupes: census(rp22, "P_ACTOCC1564"),
    adultes: census(rp22, "P_POP2024", "P_POP2539", "P_POP4054", "P_POP5564"),
    bruit: rng.gauss(0, 0.01),
    tauxRsa: clamp(0.07 + 0.11 * p.precarite + rng.gauss(0, 0.01), 0.01, 0.4),
    tauxPpa: clamp(0.12 + 0.09 * p.precarite + rng.gauss(0, 0.01), 0.02, 0.4),
    tauxDependance: clamp(0.17 + 0.2 * p.precarite + rng.gauss(0, 0.02), 0.05, 0.6),
  };
  BASES.set(model, base);
  return base;
}

/**
 * Rates of rural France, CAF regime only (the MSA's farm households are elsewhere): every count is bounded by its
 * whole (RSA ≤ allocataires ≤ households), so the rounded file keeps the CNAF's own consistency.
 */
export function cafCounts(model: CommuneModel, annee: number): CafCounts {
  const p = model.profile;
  const b = baseOf(model);
  const drift = 1 + 0.015 * (annee - 2023) + b.bruit;
  const allocataires = Math.floor(clamp(b.menages * (0.27 + 0.18 * p.precarite + 0.07 * (1 - p.age)) * drift, 0, b.menages * 0.75));
  const personnes = Math.min(Math.floor(b.population), Math.round(allocataires * (2.1 + 0.4 * (1 - p.age))));
  const part = (x: number) => Math.max(0, Math.min(allocataires, Math.round(x)));
  const logement = part(b.residences * (0.09 + 0.14 * p.urbanite + 0.08 * p.precarite) * drift);
  const apl = Math.round(logement * (0.35 + 0.3 * p.urbanite));
  const alf = Math.round((logement - apl) * 0.35);
  const ressources = part(allocataires * 0.84);
  const dependance50 = Math.round(ressources * b.tauxDependance);
  const basRevenus = Math.round(ressources * clamp(0.25 + 0.25 * p.precarite, 0.05, 0.8));
  return {
    allocataires,
    personnes,
    af: part(allocataires * (0.22 + 0.1 * (1 - p.age))),
    apl,
    alf,
    als: logement - apl - alf,
    rsa: part(allocataires * b.tauxRsa * drift),
    ppa: part(b.actifsOccupes * b.tauxPpa * drift),
    aah: part(b.adultes * (0.021 + 0.012 * p.precarite)),
    ressources,
    personnesRessources: Math.min(personnes, Math.round(ressources * 2.2)),
    basRevenus,
    personnesBasRevenus: Math.min(personnes, Math.round(basRevenus * 2.4)),
    dependance50,
    dependance100: Math.round(dependance50 * 0.45),
  };
}

/** The CNAF's secret on Cafdata: every count rounded to the nearest multiple of 5 (7 → 5, 12 → 10). */
export const round5 = (x: number): number => Math.round(x / 5) * 5;
/** Monthly amounts (€), rounded to the hundred. */
const round100 = (x: number): number => Math.round(x / 100) * 100;
/** The former portal's secret: values below 5 are a blank. */
const masked = (x: number): string => (x < 5 ? " " : String(x));

export function cafPrestationsCsv(communes: readonly Commune[], models: ReadonlyMap<string, CommuneModel>): Buffer {
  const rows = CAF_ANNEES.flatMap((annee) => communes.map((commune) => ({ annee, commune })));
  return encodeLines(CAF_PRESTATIONS_COLUMNS.join(";"), rows, ({ annee, commune }) => {
    const c = cafCounts(models.get(commune.code)!, annee);
    const cells: Cell[] = [
      `${annee}-12`, commune.code, commune.nom, round5(c.allocataires), round5(c.personnes), round5(c.af), round5(c.apl), round5(c.alf),
      round5(c.als), round5(c.rsa), round5(c.ppa), round5(c.aah), round100(c.rsa * 545), round100(c.ppa * 185),
    ];
    return cells.join(";");
  }, "\n");
}

export function cafAncienPortail(communes: readonly Commune[], models: ReadonlyMap<string, CommuneModel>): { dependance: Buffer; basRevenus: Buffer } {
  const counts = communes.map((commune) => ({ commune, c: cafCounts(models.get(commune.code)!, CAF_ANNEE_ANCIEN_PORTAIL) }));
  const name = (commune: Commune) => latin1Safe(commune.nom.toUpperCase());
  return {
    dependance: encodeLines(CAF_DEPENDANCE_COLUMNS.join(";"), counts, ({ commune, c }) =>
      [name(commune), commune.code, masked(c.allocataires), masked(c.dependance50), masked(c.dependance100)].join(";"), "\r\n", { encoding: "latin1" }),
    basRevenus: encodeLines(CAF_BAS_REVENUS_COLUMNS.join(";"), counts, ({ commune, c }) =>
      [name(commune), commune.code, masked(c.ressources), masked(c.personnesRessources), masked(c.basRevenus), masked(c.personnesBasRevenus)].join(";"),
      "\r\n", { encoding: "latin1" }),
  };
}

/** A few overseas names hold characters outside Latin-1 (ʻ, œ is fine); the former files were Windows-1252. */
function latin1Safe(text: string): string {
  return text.replace(/[^\u0000-\u00ff]/g, "'");
}

/** Places per 100 children under 3, by mode, for one territory and year; the total is the sum of the leaves. */
function onapeRates(key: string, urbanite: number, annee: number): number[] {
  const rng = rngFor(key, "onape");
  const trend = 1 + 0.01 * (annee - 2023);
  const psu = clamp((8 + 24 * urbanite + rng.gauss(0, 4)) * trend, 0, 60);
  const horsPsu = clamp(2 + 4 * urbanite + rng.gauss(0, 1), 0, 15);
  const prescol = clamp(2.5 + rng.gauss(0, 1.2), 0, 10);
  const am = clamp((44 - 22 * urbanite + rng.gauss(0, 7)) * trend, 3, 80);
  const gad = clamp(0.4 + 2.5 * urbanite + rng.gauss(0, 0.3), 0, 8);
  const leaves = [psu, horsPsu, prescol, am, gad].map((x) => Math.round(x * 10) / 10);
  const [a, b, c, d, e] = leaves as [number, number, number, number, number];
  const eaje = Math.round((a + b + c) * 10) / 10;
  const ind = Math.round((d + e) * 10) / 10;
  return [...leaves, eaje, ind, Math.round((eaje + ind) * 10) / 10];
}

const fmt1 = (x: number) => x.toFixed(1);
const urbaniteOf = (population: number) => clamp((Math.log10(population + 1) - 2) / 2.6, 0, 1);

export interface OnapeFiles {
  communes: Buffer;
  epci: Buffer;
  departements: Buffer;
  france: Buffer;
  lignes: { communes: number; epci: number; departements: number; france: number };
}

/** The CNAF publishes commune rates only for communes of more than 10,000 inhabitants. */
export const ONAPE_SEUIL_COMMUNE = 10_000;

export function onapeFiles(territory: Territory): OnapeFiles {
  const departements = new Map(territory.departements.map((d) => [d.code, d]));
  const grandes = territory.communes.filter((c) => c.population > ONAPE_SEUIL_COMMUNE);
  const communeRows = ONAPE_ANNEES.flatMap((annee) => grandes.map((c) => ({ annee, c })));
  const epciRows = ONAPE_ANNEES.flatMap((annee) => territory.epcis.map((e) => ({ annee, e })));
  const depRows = ONAPE_ANNEES.flatMap((annee) => territory.departements.map((d) => ({ annee, d })));
  const population = (e: Epci) => e.membres.reduce((total, code) => total + (territory.communesByCode.get(code)?.population ?? 0), 0);
  const epciDep = (e: Epci) => territory.communesByCode.get(e.membres[0]!)?.departement ?? "";
  return {
    communes: encodeLines(onapeColumns("com", "numcom", "nomcom", ["numdep", "nomdep"]).join(";"), communeRows, ({ annee, c }) =>
      [annee, c.code, c.nom, c.departement, departements.get(c.departement)?.nom ?? "", ...onapeRates(c.code, urbaniteOf(c.population), annee).map(fmt1)].join(";"), "\n"),
    epci: encodeLines(onapeColumns("epci", "numepci", "nomepci", ["numdep", "nomdep"]).join(";"), epciRows, ({ annee, e }) =>
      [annee, e.code, e.nom, epciDep(e), departements.get(epciDep(e))?.nom ?? "", ...onapeRates(e.code, urbaniteOf(population(e) / Math.max(1, e.membres.length) * 3), annee).map(fmt1)].join(";"), "\n"),
    departements: encodeLines(onapeColumns("dep", "numdep", "nomdep").join(";"), depRows, ({ annee, d }) =>
      [annee, d.code, d.nom, ...onapeRates(d.code, 0.45, annee).map(fmt1)].join(";"), "\n"),
    // The national file dates its year as a full date, unlike the others.
    france: encodeLines(["annee", "national", ...ONAPE_PARTS.map((part) => `txcouv_${part}_nat`), "txcouv_nat"].join(";"), [...ONAPE_ANNEES], (annee) =>
      [`${annee}-01-01`, "FRANCE ENTIERE HORS MAYOTTE", ...onapeRates("FRANCE", 0.55, annee).map(fmt1)].join(";"), "\n"),
    lignes: { communes: communeRows.length, epci: epciRows.length, departements: depRows.length, france: ONAPE_ANNEES.length },
  };
}
