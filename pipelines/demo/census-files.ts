// Layout of the six RP 2022 "base-cc" thematic archives as INSEE publishes them: one zip per theme holding the data
// file (columns in INSEE order, 2022 block then 2016 block, byte-level quirks) and its meta_ dictionary.
import { strToU8, zipSync } from "fflate";
import type { CensusValues } from "./census.ts";
import { censusLabels, metaLines } from "./dictionaries.ts";
import { encodeLines, fmtEstimate, fmtInt, type EncodingOptions } from "./formats.ts";

export const DOSSIER_RECENSEMENT = "insee-recensement";

export interface CensusFile {
  /** The theme as INSEE names its files: base-cc-<theme>-2022.CSV in base-cc-<theme>-2022_csv.zip. */
  theme: string;
  stems: readonly string[];
  eol: "\n" | "\r\n";
  encodage: EncodingOptions;
}

const ANNEE = 2022;
export const censusFileName = (file: CensusFile) => `base-cc-${file.theme}-${ANNEE}.CSV`;
export const censusArchiveName = (file: CensusFile) => `base-cc-${file.theme}-${ANNEE}_csv.zip`;

const ages = ["POP", "POP0014", "POP1529", "POP3044", "POP4559", "POP6074", "POP7589", "POP90P", "POPH", "POPF", "F1564"];
const contrats = ["CDI", "CDD", "INTERIM", "EMPAID", "APPR"];

export const CENSUS_FILES: readonly CensusFile[] = [
  {
    theme: "evol-struct-pop",
    stems: ages.map((s) => `P_${s}`),
    eol: "\n",
    encodage: {},
  },
  {
    theme: "coupl-fam-men",
    stems: [
      ...["POP15P", "POP1519", "POP2024", "POP2539", "POP4054", "POP5564", "POP6579", "POP80P", "POP80P_PSEUL"].map((s) => `P_${s}`),
      ...["MEN", "MENPSEUL", "PMEN", "FAM", "FAMMONO", "NE24F3", "NE24F4P"].map((s) => `C_${s}`),
    ],
    eol: "\n",
    encodage: {},
  },
  {
    theme: "logement",
    stems: ["LOG", "RP", "RSECOCC", "LOGVAC", "MEN", "PMEN", "RP_PROP", "RP_LOCHLMV", "RP_ACHTOT", "RP_ACH19", "RP_ACH45", "RP_VOIT1P"].map(
      (s) => `P_${s}`,
    ),
    eol: "\n",
    // Some INSEE downloads carry a BOM that a naive parser glues to "CODGEO".
    encodage: { bom: true },
  },
  {
    theme: "diplomes-formation",
    stems: [
      ...["POP0205", "POP0610", "POP1114", "POP1517", "POP1824", "POP2529", "POP30P"],
      ...["SCOL0205", "SCOL0610", "SCOL1114", "SCOL1517", "SCOL1824", "SCOL2529", "SCOL30P"],
      "NSCOL15P",
      ...["DIPLMIN", "BEPC", "CAPBEP", "BAC", "SUP2", "SUP34", "SUP5"].map((n) => `NSCOL15P_${n}`),
    ].map((s) => `P_${s}`),
    // Older INSEE files come as Windows Latin-1 with CRLF.
    eol: "\r\n",
    encodage: { encoding: "latin1" },
  },
  {
    theme: "emploi-pop-active",
    stems: [
      ...["POP1564", "ACT1564", "ACTOCC1564", "CHOM1564"].map((s) => `P_${s}`),
      "C_ACTOCC1564",
      ...[1, 2, 3, 4, 5, 6].map((i) => `C_ACTOCC1564_CS${i}`),
    ],
    eol: "\n",
    encodage: {},
  },
  // The salaried by contract are published in « caractéristiques de l'emploi », the one theme INSEE names with "_".
  {
    theme: "caract_emp",
    stems: [
      ...["ACTOCC15P", "SAL15P", "NSAL15P"].map((s) => `P_${s}`),
      ...contrats.map((c) => `P_HSAL15P_${c}`),
      ...contrats.map((c) => `P_FSAL15P_${c}`),
    ],
    eol: "\n",
    encodage: {},
  },
];

const ALL_STEMS = [...new Set(CENSUS_FILES.flatMap((f) => f.stems))];
const INDEX = new Map(ALL_STEMS.map((s, i) => [s, i]));

/**
 * A commune's census values packed in file-column order: with all of France
 * kept in memory, 70,000 plain objects of ~80 keys made GC dominate.
 */
export type PackedCensus = Float64Array;

export function packCensus(values: CensusValues): PackedCensus {
  const out = new Float64Array(ALL_STEMS.length);
  ALL_STEMS.forEach((s, i) => {
    const x = values[s];
    if (x === undefined) throw new Error(`Variable ${s} absente du modèle de recensement.`);
    out[i] = x;
  });
  return out;
}

export function censusValue(values: PackedCensus, stem: string): number {
  const i = INDEX.get(stem);
  if (i === undefined) throw new Error(`Variable de recensement inconnue : ${stem}.`);
  return values[i]!;
}

/**
 * P_POP → P22_POP, C_MEN → C16_MEN. From the 2022 census on, the occupations are the PCS 2020 groups
 * (C22_ACTOCC1564_STAT_GSEC15 for the employés), while the 2016 block of the same file keeps CS1 to CS6.
 */
export function columnName(stem: string, millesime: "22" | "16"): string {
  const named = stem.replace(/^([PC])_/, `$1${millesime}_`);
  return millesime === "22" ? named.replace(/_CS([1-6])$/, "_STAT_GSEC1$1") : named;
}

export interface CensusRow {
  code: string;
  rp22: PackedCensus;
  rp16: PackedCensus;
}

/** The theme's archive: its data file and its dictionary (variables of both censuses, then the communes' codes). */
export function censusArchive(file: CensusFile, rows: readonly CensusRow[], communes: readonly { code: string; libelle: string }[]): Uint8Array {
  const variables = (["22", "16"] as const).flatMap((millesime) =>
    file.stems.map((stem) => {
      const [court, long] = censusLabels(stem, 2000 + Number(millesime));
      return { code: columnName(stem, millesime), court, long, type: "NUM" as const, longueur: 17 };
    }),
  );
  const meta = metaLines(variables, { libelle: "Code commune", longueur: 5, codes: communes });
  return zipSync(
    {
      [censusFileName(file)]: censusFileBytes(file, rows),
      // INSEE's census dictionaries are UTF-8 with CRLF line ends, without a single quote.
      [`meta_${censusFileName(file)}`]: strToU8(`${meta.join("\r\n")}\r\n`),
    },
    { mtime: DATE_ARCHIVE },
  );
}

// Fixed archive timestamp: zip entries otherwise embed the current time and break byte-identical runs.
const DATE_ARCHIVE = new Date(2025, 5, 26, 12, 0, 0);

export function censusFileBytes(file: CensusFile, rows: readonly CensusRow[]): Buffer {
  const header = ["CODGEO", ...file.stems.map((s) => columnName(s, "22")), ...file.stems.map((s) => columnName(s, "16"))];
  const indices = file.stems.map((s) => INDEX.get(s)!);
  const entier = file.stems.map((s) => s === "P_POP");
  const cells: string[] = new Array(1 + 2 * file.stems.length);
  const line = (r: CensusRow): string => {
    cells[0] = r.code;
    let k = 1;
    for (const values of [r.rp22, r.rp16]) {
      for (let j = 0; j < indices.length; j++) {
        const x = values[indices[j]!]!;
        cells[k++] = entier[j] ? fmtInt(x) : fmtEstimate(x);
      }
    }
    return cells.join(";");
  };
  return encodeLines(header.join(";"), rows, line, file.eol, file.encodage);
}
