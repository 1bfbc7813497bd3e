// The Filosofi zip: commune rows with secrets, then EPCI, département,
// région and France rows that are "published" (never recomputed by the app).
import { strToU8, zipSync } from "fflate";
import { FILOSOFI_LABELS, metaLines } from "./dictionaries.ts";
import {
  aggregateFilosofi,
  FILOSOFI_COLUMNS,
  filosofiCells,
  filosofiCsv,
  filosofiValues,
  type FilosofiValues,
} from "./filosofi.ts";
import type { CommuneModel } from "./model.ts";
import { rngFor } from "./random.ts";
import type { Territory } from "./territory.ts";

// Fixed archive timestamp: zip entries otherwise embed the current time and break byte-identical runs.
const DATE_ARCHIVE = new Date(2024, 3, 25, 12, 0, 0);

/** Région and France rows are synthetic, only sized on their real population. */
function syntheticFilosofi(code: string, population: number, precarite: [number, number], outreMer: boolean): FilosofiValues {
  const rng = rngFor(code, "filosofi-synthetique");
  const nbpers = Math.round(population * 0.955);
  return filosofiValues(
    {
      nbmen: Math.round(nbpers / rng.uniform(2.05, 2.2)),
      nbpers,
      profile: {
        urbanite: rng.uniform(0.65, 0.8),
        age: rng.uniform(0.35, 0.6),
        precarite: rng.uniform(...precarite),
        outreMer,
      },
      partProprietaires: rng.uniform(0.55, 0.65),
    },
    rng,
  );
}

export interface FilosofiArchive {
  zip: Uint8Array;
  /** Data rows over the five CSV files. */
  lignes: number;
  /** Formatted commune cells, reused verbatim by the comparateur. */
  communes: Map<string, string[]>;
}

export function filosofiArchive(territory: Territory, models: ReadonlyMap<string, CommuneModel>): FilosofiArchive {
  const communes = new Map<string, string[]>();
  const com = territory.communes.map((c) => {
    const cells = filosofiCells(models.get(c.code)!.filosofi, "commune");
    communes.set(c.code, cells);
    return { code: c.code, cells };
  });
  const supra = (code: string, values: FilosofiValues) => ({ code, cells: filosofiCells(values, "supra") });
  const epci = territory.epcis.map((e) =>
    supra(e.code, aggregateFilosofi(e.membres.map((m) => models.get(m)!.filosofi), rngFor(e.code, "filosofi-epci"))),
  );
  // Grouped in one pass: with all of France, filtering per département or région would rescan every commune.
  const parDep = new Map<string, FilosofiValues[]>();
  const parReg = new Map<string, FilosofiValues[]>();
  const popReg = new Map<string, number>();
  for (const c of territory.communes) {
    const v = models.get(c.code)!.filosofi;
    (parDep.get(c.departement) ?? parDep.set(c.departement, []).get(c.departement)!).push(v);
    (parReg.get(c.region) ?? parReg.set(c.region, []).get(c.region)!).push(v);
    popReg.set(c.region, (popReg.get(c.region) ?? 0) + c.population);
  }
  const dep = territory.departements.map((d) => supra(d.code, aggregateFilosofi(parDep.get(d.code) ?? [], rngFor(d.code, "filosofi-dep"))));
  const reg = territory.regions.map((r) => {
    // A région wholly inside the territory (overseas, or all of France) must agree with its départements.
    if (popReg.get(r.code) === territory.populationRegion.get(r.code)) {
      return supra(r.code, aggregateFilosofi(parReg.get(r.code) ?? [], rngFor(r.code, "filosofi-reg")));
    }
    const outreMer = territory.departements.some((d) => d.region === r.code && d.zone !== "metro");
    const population = territory.populationRegion.get(r.code) ?? 0;
    return supra(r.code, syntheticFilosofi(`REG${r.code}`, population, outreMer ? [1.1, 1.4] : [0.2, 0.5], outreMer));
  });
  // France's median (≈ 23,000 €) is above that of most rural départements.
  const france = [supra("FRANCE", syntheticFilosofi("FRANCE", territory.populationFrance, [0.1, 0.2], false))];
  const parts = { COM: com, EPCI: epci, DEP: dep, REG: reg, FRANCE: france };
  const names = new Map<string, string>([
    ...territory.communes.map((c) => [c.code, c.nom] as const),
    ...territory.epcis.map((e) => [e.code, e.nom] as const),
    ...territory.departements.map((d) => [d.code, d.nom] as const),
    ...territory.regions.map((r) => [r.code, r.nom] as const),
    ["FRANCE", "France"],
  ]);
  const entries: Record<string, Uint8Array> = {};
  let lignes = 0;
  for (const [niveau, rows] of Object.entries(parts)) {
    entries[`cc_filosofi_2021_${niveau}.csv`] = strToU8(filosofiCsv(rows));
    // Each level's dictionary travels beside it, UTF-8 with LF line ends (the census ones use CRLF).
    entries[`meta_cc_filosofi_2021_${niveau}.csv`] = strToU8(`${filosofiMeta(rows.map(({ code }) => ({ code, libelle: names.get(code) ?? code }))).join("\n")}\n`);
    lignes += rows.length;
  }
  return { zip: zipSync(entries, { mtime: DATE_ARCHIVE }), lignes, communes };
}


function filosofiMeta(codes: { code: string; libelle: string }[]): string[] {
  const variables = FILOSOFI_COLUMNS.slice(1).map((code) => {
    const [court, long, longueur] = FILOSOFI_LABELS[code.replace(/\d{2}$/, "")]!;
    // Every Filosofi variable is typed CHAR: its cells hold "s" and comma decimals.
    return { code, court, long, type: "CHAR" as const, longueur };
  });
  const longueur = Math.max(...codes.map(({ code }) => code.length));
  return metaLines(variables, { libelle: "Code géographique", longueur, codes });
}
