// The four quadrants of need against offer. Both indices are centred on the département (0 = as in the
// département), so a territory's quadrant says how it stands against the département on each axis.

export const QUADRANTS = [
  { id: "besoin_eleve_offre_faible", libelle: "Besoin élevé, offre faible", besoinEleve: true, offreFaible: true, priorite: 1 },
  { id: "besoin_eleve_offre_elevee", libelle: "Besoin élevé, offre élevée", besoinEleve: true, offreFaible: false, priorite: 2 },
  { id: "besoin_modere_offre_faible", libelle: "Besoin modéré, offre faible", besoinEleve: false, offreFaible: true, priorite: 3 },
  { id: "besoin_modere_offre_elevee", libelle: "Besoin modéré, offre élevée", besoinEleve: false, offreFaible: false, priorite: 4 },
] as const;

export type QuadrantId = (typeof QUADRANTS)[number]["id"];

/** Need is high above the département (> 0); offer is weak below it (< 0). A missing index gives no quadrant. */
export function quadrantOf(besoin: number | null, offre: number | null): QuadrantId | null {
  if (besoin === null || offre === null || !Number.isFinite(besoin) || !Number.isFinite(offre)) return null;
  return QUADRANTS.find((quadrant) => quadrant.besoinEleve === besoin > 0 && quadrant.offreFaible === offre < 0)!.id;
}

/** The same rule in SQL, generated from the same table. */
export function quadrantSql(besoin: string, offre: string): string {
  const whens = QUADRANTS.map((quadrant) =>
    `WHEN (${besoin} > 0) = ${quadrant.besoinEleve} AND (${offre} < 0) = ${quadrant.offreFaible} THEN '${quadrant.id}'`);
  return `CASE WHEN ${besoin} IS NULL OR ${offre} IS NULL THEN NULL ${whens.join(" ")} END`;
}

export function quadrantLibelle(id: string | null): string {
  return QUADRANTS.find((quadrant) => quadrant.id === id)?.libelle ?? "non classé";
}
