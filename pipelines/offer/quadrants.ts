// Where a territory stands on need against offer. Both indices are centred on the département (0 = as in the
// département); within the neutral band (±0.25 standard deviation) an index is « proche du département », so a
// territory is only called high or low where the gap means something. Three positions on each axis, nine cells.
import { BANDE_NEUTRE } from "../../indicators/offer-thresholds.ts";

const BESOIN = [
  { id: "eleve", libelle: "Besoin élevé", test: (x: string) => `${x} > ${BANDE_NEUTRE}` },
  { id: "proche", libelle: "Besoin proche du département", test: (x: string) => `${x} BETWEEN ${-BANDE_NEUTRE} AND ${BANDE_NEUTRE}` },
  { id: "modere", libelle: "Besoin modéré", test: (x: string) => `${x} < ${-BANDE_NEUTRE}` },
] as const;
const OFFRE = [
  { id: "faible", libelle: "offre faible", test: (x: string) => `${x} < ${-BANDE_NEUTRE}` },
  { id: "proche", libelle: "offre proche du département", test: (x: string) => `${x} BETWEEN ${-BANDE_NEUTRE} AND ${BANDE_NEUTRE}` },
  { id: "elevee", libelle: "offre élevée", test: (x: string) => `${x} > ${BANDE_NEUTRE}` },
] as const;

/** The nine positions, the most worrying first (high need and weak offer): `priorite` orders lists. */
export const QUADRANTS = BESOIN.flatMap((besoin, b) =>
  OFFRE.map((offre, o) => ({
    id: `besoin_${besoin.id}_offre_${offre.id}`,
    libelle: `${besoin.libelle}, ${offre.libelle}`,
    besoin: besoin.id,
    offre: offre.id,
    priorite: b * OFFRE.length + o + 1,
  })),
);

export type QuadrantId = string;

const position = (value: number): "haut" | "proche" | "bas" => (value > BANDE_NEUTRE ? "haut" : value < -BANDE_NEUTRE ? "bas" : "proche");

/** A missing index gives no position. */
export function quadrantOf(besoin: number | null, offre: number | null): QuadrantId | null {
  if (besoin === null || offre === null || !Number.isFinite(besoin) || !Number.isFinite(offre)) return null;
  const b = { haut: "eleve", proche: "proche", bas: "modere" }[position(besoin)];
  const o = { haut: "elevee", proche: "proche", bas: "faible" }[position(offre)];
  return `besoin_${b}_offre_${o}`;
}

/** The same rule in SQL, generated from the same tables. */
export function quadrantSql(besoin: string, offre: string): string {
  const whens = BESOIN.flatMap((b) => OFFRE.map((o) => `WHEN ${b.test(besoin)} AND ${o.test(offre)} THEN 'besoin_${b.id}_offre_${o.id}'`));
  return `CASE WHEN ${besoin} IS NULL OR ${offre} IS NULL OR isnan(${besoin}) OR isnan(${offre}) THEN NULL ${whens.join(" ")} END`;
}

export function quadrantLibelle(id: string | null): string {
  return QUADRANTS.find((quadrant) => quadrant.id === id)?.libelle ?? "non classé";
}
