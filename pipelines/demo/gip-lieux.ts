// The demo's list of the GIP Gers Solidaire's own places, in the format of docs/offre-sociale.md: the seven
// tiers-lieux solidaires (three open, four planned) at the real town centres, and a few stops of the
// camping-car connecté in villages far from any France services.
import { csvText, encodeText } from "./formats.ts";

export const CHEMIN_GIP_LIEUX = "gip-lieux/lieux-gip-2025.csv";
export const GIP_LIEUX_ANNEE = 2025;

export const GIP_LIEUX_COLUMNS = ["id_lieu", "type_lieu", "nom", "statut", "code_commune", "commune", "latitude", "longitude", "adresse", "annee", "commentaire"] as const;

type Lieu = [id: string, type: "tiers_lieu" | "etape_camping_car", nom: string, statut: "ouvert" | "projet", code: string, commune: string, latitude: number, longitude: number, adresse: string, commentaire: string];

const LIEUX: Lieu[] = [
  ["TL-01", "tiers_lieu", "Tiers-lieu solidaire de Lectoure", "ouvert", "32208", "Lectoure", 43.9344, 0.6224, "Centre-ville", ""],
  ["TL-02", "tiers_lieu", "Tiers-lieu solidaire de Lombez", "ouvert", "32213", "Lombez", 43.475, 0.9119, "Centre-ville", ""],
  ["TL-03", "tiers_lieu", "Tiers-lieu solidaire de Masseube", "ouvert", "32242", "Masseube", 43.4296, 0.5783, "Centre-ville", ""],
  ["TL-04", "tiers_lieu", "Tiers-lieu solidaire de Plaisance", "projet", "32319", "Plaisance", 43.6043, 0.0462, "", "Ouverture prévue"],
  ["TL-05", "tiers_lieu", "Tiers-lieu solidaire de Cazaubon", "projet", "32096", "Cazaubon", 43.9353, -0.0672, "", "Ouverture prévue"],
  ["TL-06", "tiers_lieu", "Tiers-lieu solidaire de Nogaro", "projet", "32296", "Nogaro", 43.7583, -0.0325, "", "Ouverture prévue"],
  ["TL-07", "tiers_lieu", "Tiers-lieu solidaire de Mirande", "projet", "32256", "Mirande", 43.5147, 0.4036, "", "Ouverture prévue"],
  ["CC-01", "etape_camping_car", "Camping-car connecté — Monguilhem", "ouvert", "32271", "Monguilhem", 43.8531, -0.1861, "Place de la mairie", "Un mardi sur deux"],
  ["CC-02", "etape_camping_car", "Camping-car connecté — Montréal", "ouvert", "32290", "Montréal", 43.9536, 0.2025, "Place de la mairie", "Un mercredi sur deux"],
  ["CC-03", "etape_camping_car", "Camping-car connecté — Simorre", "ouvert", "32433", "Simorre", 43.4478, 0.735, "Place de la mairie", "Le premier jeudi du mois"],
  ["CC-04", "etape_camping_car", "Camping-car connecté — Miradoux", "ouvert", "32253", "Miradoux", 43.9925, 0.7603, "Place de la mairie", "Le troisième jeudi du mois"],
  ["CC-05", "etape_camping_car", "Camping-car connecté — Le Houga", "ouvert", "32155", "Le Houga", 43.7744, -0.1814, "Place de la mairie", "Un vendredi sur deux"],
];

/** Semicolon-separated UTF-8, as a spreadsheet saves it; the coordinates keep a dot. */
export function gipLieuxCsv(): { data: Buffer; lignes: number } {
  const rows = LIEUX.map(([id, type, nom, statut, code, commune, latitude, longitude, adresse, commentaire]) =>
    [id, type, nom, statut, code, commune, latitude.toFixed(4), longitude.toFixed(4), adresse, GIP_LIEUX_ANNEE, commentaire]);
  return { data: encodeText(csvText(GIP_LIEUX_COLUMNS, rows)), lignes: rows.length };
}
