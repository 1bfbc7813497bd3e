// The demo's perimeters file (docs/perimetres.md): two perimeters of the studied département drawn like those the
// GIP is asked about, « <chef-lieu> et sa première couronne » (the chef-lieu and its nine nearest communes) and an
// example CIAS of 12 communes (the first twelve of the EPCI with most communes), so that `npm start` shows them.
import { centroidOf, type Point } from "../geography/centroid.ts";
import type { CommuneShape } from "../geography/embedded-contours.ts";
import { encodeText } from "./formats.ts";
import type { Territory } from "./territory.ts";

export const CHEMIN_PERIMETRES = "perimetres/perimetres-etude.csv";

const COURONNE = 9;
const distance = (a: Point, b: Point) => Math.hypot(a.longitude - b.longitude, a.latitude - b.latitude);
const CIAS = 12;

export function perimetresCsv(etudie: Territory, shapes: ReadonlyMap<string, CommuneShape>): { data: Buffer; lignes: number } | undefined {
  const departement = etudie.departements[0];
  if (!departement) return undefined;
  const communes = etudie.communes.filter((commune) => commune.departement === departement.code);
  const chefLieu = communes.find((commune) => commune.code === departement.chefLieu);
  const rows: string[][] = [];
  if (chefLieu) {
    const centre = (code: string) => {
      const shape = shapes.get(code);
      return shape ? centroidOf([shape]) : undefined;
    };
    const origin = centre(chefLieu.code);
    // Without contours, the chef-lieu's EPCI partners stand in for its neighbours.
    const epci = etudie.epcis.find((candidate) => candidate.membres.includes(chefLieu.code));
    const voisines = origin
      ? communes
          .filter((commune) => commune.code !== chefLieu.code)
          .map((commune) => ({ commune, point: centre(commune.code) }))
          .filter((item): item is { commune: typeof item.commune; point: NonNullable<typeof item.point> } => item.point !== undefined)
          .sort((a, b) => distance(a.point, origin) - distance(b.point, origin) || a.commune.code.localeCompare(b.commune.code))
          .slice(0, COURONNE)
          .map((item) => item.commune.code)
      : (epci?.membres ?? []).filter((code) => code !== chefLieu.code).slice(0, COURONNE);
    const libelle = `${chefLieu.nom} et sa première couronne`;
    for (const code of [chefLieu.code, ...voisines]) rows.push([`${departement.code}-COURONNE`, libelle, code]);
  }
  const largest = [...etudie.epcis].sort((a, b) => b.membres.length - a.membres.length || a.code.localeCompare(b.code))[0];
  if (largest && largest.membres.length > CIAS) {
    const membres = [...largest.membres].filter((code) => communes.some((commune) => commune.code === code)).sort().slice(0, CIAS);
    for (const code of membres) rows.push([`${departement.code}-CIAS`, `CIAS de démonstration (${CIAS} communes de ${largest.nom})`, code]);
  }
  if (!rows.length) return undefined;
  const text = [["perimetre", "libelle", "code_commune"], ...rows].map((row) => row.join(";")).join("\n") + "\n";
  return { data: Buffer.from(encodeText(text)), lignes: rows.length };
}
