// BPE file of the demo: BPE24.csv, the 2024 "ensemble" layout with Lambert-93 and WGS84 coordinates, limited to
// the equipment types of the declarative nomenclature that the social-offer analysis counts.
import type { CommuneShape } from "../geography/embedded-contours.ts";
import { toLambert93 } from "../geography/lambert93.ts";
import { CATEGORIES, NOMENCLATURE, valablePour } from "../../sources/bpe-equipements.ts";
import { censusValue } from "./census-files.ts";
import { interiorPoint, placeInside } from "./commune-points.ts";
import { encodeLines } from "./formats.ts";
import type { CommuneModel } from "./model.ts";
import { rngFor, type Rng } from "./random.ts";
import type { Commune } from "./territory.ts";

export const CHEMIN_BPE = "insee-bpe/BPE24.csv";
export const BPE_ANNEE = 2024;

export const BPE_COLUMNS = [
  "AN", "NOMRS", "CNOMRS", "NUMVOIE", "INDREP", "TYPVOIE", "LIBVOIE", "CADR", "CODPOS", "LIBCOM", "DEPCOM", "DEP", "REG", "DOM", "SDOM",
  "TYPEQU", "SIRET", "LAMBERT_X", "LAMBERT_Y", "LONGITUDE", "LATITUDE", "QUALITE_XY", "EPSG", "QUALITE_GEOLOC", "TR_DIST_PRECISION",
  "DCIRIS", "ITINERANCE",
] as const;

/**
 * Approximate centre (longitude, latitude) of each département: where the project ships no commune contours, a
 * commune's point is drawn once around its département's centre and its equipments are jittered around that point.
 */
const CENTRES: Record<string, [number, number]> = {
  "01": [5.35, 46.1], "02": [3.55, 49.55], "03": [3.2, 46.4], "04": [6.25, 44.1], "05": [6.3, 44.65], "06": [7.1, 43.95], "07": [4.4, 44.75],
  "08": [4.65, 49.6], "09": [1.5, 42.95], "10": [4.15, 48.3], "11": [2.4, 43.1], "12": [2.65, 44.3], "13": [5.1, 43.5], "14": [-0.35, 49.1],
  "15": [2.65, 45.05], "16": [0.2, 45.7], "17": [-0.75, 45.75], "18": [2.45, 47.05], "19": [1.85, 45.35], "21": [4.75, 47.4], "22": [-2.85, 48.45],
  "23": [2.0, 46.1], "24": [0.75, 45.1], "25": [6.35, 47.15], "26": [5.15, 44.7], "27": [1.0, 49.1], "28": [1.35, 48.3], "29": [-4.1, 48.25],
  "2A": [8.95, 41.85], "2B": [9.2, 42.4], "30": [4.2, 43.95], "31": [1.2, 43.35], "32": [0.45, 43.7], "33": [-0.6, 44.85], "34": [3.4, 43.6],
  "35": [-1.65, 48.15], "36": [1.6, 46.8], "37": [0.7, 47.25], "38": [5.55, 45.25], "39": [5.7, 46.75], "40": [-0.8, 43.95], "41": [1.4, 47.6],
  "42": [4.2, 45.7], "43": [3.8, 45.1], "44": [-1.7, 47.35], "45": [2.3, 47.9], "46": [1.6, 44.6], "47": [0.45, 44.35], "48": [3.5, 44.5],
  "49": [-0.55, 47.4], "50": [-1.3, 49.1], "51": [4.2, 48.95], "52": [5.2, 48.1], "53": [-0.65, 48.15], "54": [6.15, 48.8], "55": [5.4, 49.0],
  "56": [-2.8, 47.85], "57": [6.6, 49.05], "58": [3.5, 47.1], "59": [3.2, 50.45], "60": [2.45, 49.4], "61": [0.1, 48.6], "62": [2.3, 50.5],
  "63": [3.15, 45.7], "64": [-0.75, 43.25], "65": [0.15, 43.05], "66": [2.55, 42.6], "67": [7.55, 48.65], "68": [7.25, 47.85], "69": [4.65, 45.85],
  "70": [6.1, 47.6], "71": [4.55, 46.65], "72": [0.2, 48.0], "73": [6.45, 45.5], "74": [6.4, 46.05], "75": [2.35, 48.86], "76": [1.0, 49.65],
  "77": [2.95, 48.6], "78": [1.85, 48.8], "79": [-0.3, 46.55], "80": [2.3, 49.95], "81": [2.15, 43.8], "82": [1.3, 44.05], "83": [6.2, 43.45],
  "84": [5.2, 44.0], "85": [-1.3, 46.65], "86": [0.45, 46.55], "87": [1.25, 45.9], "88": [6.4, 48.2], "89": [3.55, 47.8], "90": [6.9, 47.65],
  "91": [2.25, 48.5], "92": [2.25, 48.85], "93": [2.48, 48.91], "94": [2.47, 48.78], "95": [2.15, 49.08], "971": [-61.55, 16.2],
  "972": [-61.0, 14.65], "973": [-53.0, 4.0], "974": [55.5, -21.13], "976": [45.15, -12.82],
};
/** Half-width (degrees) of the square a département's communes are spread in. */
const SPREAD = 0.35;

/** Expected number of equipments of each type in a commune (a Poisson mean drawn per commune). */
const EXPECTED: Record<string, (x: { pop: number; pop75: number; rural: boolean; urbanite: number }) => number> = {
  // ≈ 9 general practitioners per 10,000 inhabitants.
  D265: ({ pop }) => (pop * 9) / 10_000,
  // ≈ 1 elderly-housing facility per 100 people aged 75+ in rural areas, half that in towns.
  D401: ({ pop75, rural }) => pop75 / (rural ? 100 : 200),
  D402: ({ pop75 }) => pop75 / 900,
  D403: ({ pop75 }) => pop75 / 700,
  D502: ({ pop }) => pop / 2_500,
  D503: ({ pop }) => pop / 30_000,
  D504: ({ pop }) => pop / 20_000,
  D505: ({ pop }) => pop / 3_000,
  D506: ({ pop }) => pop / 20_000,
  D507: ({ pop }) => pop / 60_000,
  D601: ({ pop }) => pop / 40_000, D602: ({ pop }) => pop / 40_000, D603: ({ pop }) => pop / 25_000, D604: ({ pop }) => pop / 40_000,
  D605: ({ pop }) => pop / 40_000, D606: ({ pop }) => pop / 60_000, D607: ({ pop }) => pop / 200_000,
  D701: ({ pop }) => pop / 40_000, D702: ({ pop }) => pop / 60_000, D703: ({ pop, urbanite }) => (pop * urbanite) / 40_000,
  D704: ({ pop, urbanite }) => (pop * urbanite) / 150_000, D705: ({ pop, urbanite }) => (pop * urbanite) / 60_000,
  D710: ({ pop, urbanite }) => (pop * urbanite) / 60_000, D711: ({ pop, urbanite }) => (pop * urbanite) / 150_000,
  D108: ({ pop, urbanite }) => (pop * urbanite) / 25_000, D113: ({ pop, rural }) => pop / (rural ? 8_000 : 30_000),
  D307: ({ pop }) => pop / 3_200,
  // France services are mostly rural; one in twenty is a bus (mobile).
  A128: ({ pop, rural }) => pop / (rural ? 12_000 : 60_000),
  A129: () => 1,
  A206: ({ pop }) => pop / 8_000, A207: ({ pop }) => pop / 15_000, A208: ({ pop, rural }) => (rural ? pop / 6_000 : 0),
};

const TYPES = NOMENCLATURE.filter((type) => type.categorie !== null && valablePour(type, BPE_ANNEE) && EXPECTED[type.code]);

/**
 * The national-size BPE (demo FR, for the benchmark) adds every other equipment type of the vintage at a density
 * that brings the file to ≈ 2.5 million rows, as INSEE's: ≈ 2.2 million outside the counted categories.
 */
const OTHER_TYPES = NOMENCLATURE.filter((type) => valablePour(type, BPE_ANNEE) && !EXPECTED[type.code]);
const OTHER_DENSITY = 2_200_000 / 68_000_000 / OTHER_TYPES.length;
const otherExpected = (code: string) => {
  const weight = rngFor(code, "bpe-type").uniform(0.2, 1.8);
  return ({ pop }: { pop: number }) => pop * OTHER_DENSITY * weight;
};
const NATIONAL_TYPES = [...TYPES, ...OTHER_TYPES];
const NATIONAL_EXPECTED = { ...EXPECTED, ...Object.fromEntries(OTHER_TYPES.map((type) => [type.code, otherExpected(type.code)])) };
const MOBILE_SHARE: Record<string, number> = { A128: 0.05, D265: 0.002 };
const CATEGORIE_IDS = new Set(CATEGORIES.map((categorie) => categorie.id));

export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  // Knuth for small means, a rounded normal beyond (towns): exactness matters less than speed here.
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let product = rng.next(); product > limit; product *= rng.next()) k += 1;
  return k;
}

/** Commune polygons by code, from the embedded contours (data/contours/); communes without one use CENTRES. */
export type CommuneShapes = ReadonlyMap<string, CommuneShape>;

/**
 * The commune's point: inside its real polygon when the contours are shipped (the Gers), so that distances computed
 * from the contours mean something; otherwise fixed per commune code, inside its département's square.
 */
export function communePoint(commune: Commune, shapes?: CommuneShapes): [number, number] {
  const shape = shapes?.get(commune.code);
  if (shape) return interiorPoint(shape);
  const [lon, lat] = CENTRES[commune.departement] ?? [2.5, 46.5];
  const rng = rngFor(commune.code, "bpe-point");
  const spread = commune.departement.length === 3 ? SPREAD / 3 : SPREAD;
  return [lon + rng.uniform(-spread, spread), lat + rng.uniform(-spread, spread) * 0.75];
}

interface Equipement {
  commune: Commune;
  type: (typeof NATIONAL_TYPES)[number];
  longitude: number;
  latitude: number;
  mobile: boolean;
  qualite: string;
}

export function bpeEquipements(
  communes: readonly Commune[],
  models: ReadonlyMap<string, CommuneModel>,
  { complet = false, formes }: { complet?: boolean; formes?: CommuneShapes } = {},
): Equipement[] {
  const types = complet ? NATIONAL_TYPES : TYPES;
  const expected = complet ? NATIONAL_EXPECTED : EXPECTED;
  const out: Equipement[] = [];
  for (const commune of communes) {
    const model = models.get(commune.code)!;
    const pop = censusValue(model.rp22, "P_POP");
    const pop75 = censusValue(model.rp22, "P_POP7589") + censusValue(model.rp22, "P_POP90P");
    const context = { pop, pop75, rural: model.profile.urbanite < 0.5, urbanite: model.profile.urbanite };
    const rng = rngFor(commune.code, "bpe");
    const point = communePoint(commune, formes);
    const shape = formes?.get(commune.code);
    for (const type of types) {
      const n = type.code === "A129" ? 1 : poisson(rng, expected[type.code]!(context));
      for (let i = 0; i < n; i += 1) {
        const [longitude, latitude] = placeInside(shape, point, [rng.uniform(-0.01, 0.01), rng.uniform(-0.008, 0.008)]);
        out.push({
          commune, type, longitude, latitude,
          mobile: rng.next() < (MOBILE_SHARE[type.code] ?? 0),
          qualite: rng.next() < 0.9 ? "Bonne" : rng.next() < 0.7 ? "Acceptable" : "Mauvaise",
        });
      }
    }
  }
  return out;
}

export function bpeCsv(equipements: readonly Equipement[]): Buffer {
  return encodeLines(BPE_COLUMNS.join(";"), equipements, (e) => {
    const metropole = e.commune.departement.length === 2;
    // Overseas coordinates are in local UTM zones in the real file; the demo only publishes them in WGS84.
    const [x, y] = metropole ? toLambert93(e.longitude, e.latitude) : [undefined, undefined];
    return [
      BPE_ANNEE, e.type.libelle.toUpperCase(), "", "", "", "", "", "", "", e.commune.nom, e.commune.code, e.commune.departement,
      e.commune.region, e.type.code.slice(0, 1), e.type.code.slice(0, 2), e.type.code, "",
      x === undefined ? "" : x.toFixed(2), y === undefined ? "" : y!.toFixed(2), e.longitude.toFixed(6), e.latitude.toFixed(6), e.qualite,
      metropole ? "2154" : "", metropole ? "11" : "", "", "", e.mobile ? "1" : "0",
    ].join(";");
  }, "\n");
}

if (TYPES.some((type) => !CATEGORIE_IDS.has(type.categorie!))) throw new Error("Type BPE de démonstration hors catégorie.");
