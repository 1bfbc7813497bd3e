// The demo's France services list, in the ANCT's published format (liste-fs-20240801.csv): national, about
// 2 000 sites, mostly rural, a few buses and antennas, text fully quoted and coordinates unquoted, some comments
// on several lines as in the real file. Sites sit at the demo's commune points (as the BPE does): inside the real
// commune where the contours are shipped.
import { readFileSync } from "node:fs";
import { decoupageFile } from "../geography/decoupage.ts";
import { communePoint, poisson, type CommuneShapes } from "./bpe.ts";
import { placeInside } from "./commune-points.ts";
import { encodeLines } from "./formats.ts";
import type { CommuneModel } from "./model.ts";
import { rngFor } from "./random.ts";
import type { Commune } from "./territory.ts";

export const CHEMIN_FRANCE_SERVICES = "anct-france-services/liste-fs-20240801.csv";

export const FRANCE_SERVICES_COLUMNS = [
  "id_fs", "insee_dep", "lib_fs", "adresse", "complement_adresse", "insee_com", "code_postal", "lib_com", "latitude", "longitude", "mail",
  "telephone", "h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi", "prise_rdv", "commentaire", "type_fs", "format_fs",
  "groupe_fs", "labellisation_fs",
] as const;

const ADRESSES = ["Place de la Mairie", "Rue de la République", "Avenue de la Gare", "Place du Marché", "Rue des Écoles", "Grand-Rue"];
const HORAIRES = ["09:00 - 12:00 / 13:30 - 17:00", "08:30 - 12:00 / 13:30 - 16:30", "09:00 - 12:30", "09:30 - 12:30 / 14:00 - 17:30"];
const LABELLISATIONS = ["Espace labellisé 01/01/2020", "Espace labellisé 01/09/2020", "Espace labellisé 15/01/2021", "Espace labellisé 01/01/2022"];

interface Site {
  commune: Commune;
  type: "Principal" | "Antenne";
  format: "Fixe" | "Fixe_antenne(s)" | "Bus_équivalent";
  longitude: number;
  latitude: number;
  codePostal: string;
}

/** Rural communes get one site per ≈ 12 000 inhabitants, towns per ≈ 60 000; a second site is an antenna. */
export function franceServicesSites(
  communes: readonly Commune[],
  models: ReadonlyMap<string, CommuneModel>,
  codesPostaux: ReadonlyMap<string, string>,
  formes?: CommuneShapes,
): Site[] {
  const sites: Site[] = [];
  for (const commune of communes) {
    const rural = models.get(commune.code)!.profile.urbanite < 0.5;
    const rng = rngFor(commune.code, "france-services");
    const n = Math.min(3, poisson(rng, commune.population / (rural ? 12_000 : 60_000)));
    const point = communePoint(commune, formes);
    for (let index = 0; index < n; index += 1) {
      const bus = index === 0 && rural && rng.next() < 0.04;
      const [longitude, latitude] = placeInside(formes?.get(commune.code), point, [rng.uniform(-0.01, 0.01), rng.uniform(-0.008, 0.008)]);
      sites.push({
        commune,
        type: index === 0 ? "Principal" : "Antenne",
        format: bus ? "Bus_équivalent" : index === 0 ? "Fixe" : "Fixe_antenne(s)",
        longitude,
        latitude,
        codePostal: codesPostaux.get(commune.code) ?? `${commune.departement.slice(0, 2)}000`,
      });
    }
  }
  return sites;
}

const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

/** Text quoted, numbers and empty cells bare, as the ANCT publishes; a bus's round is a comment on two lines. */
export function franceServicesCsv(sites: readonly Site[]): Buffer {
  return encodeLines(FRANCE_SERVICES_COLUMNS.map(quoted).join(","), sites.map((site, index) => ({ site, id: index + 1 })), ({ site, id }) => {
    const rng = rngFor(site.commune.code, "france-services-fiche", String(id));
    const pick = <T>(values: readonly T[]) => values[Math.floor(rng.next() * values.length)]!;
    const nom = site.format === "Bus_équivalent" ? `Bus France services ${site.commune.nom}`
      : site.type === "Antenne" ? `France services ${site.commune.nom} - Antenne`
      : rng.next() < 0.3 ? `France services La Poste de ${site.commune.nom}` : `France services ${site.commune.nom}`;
    const horaire = pick(HORAIRES);
    const commentaire = site.format === "Bus_équivalent" ? `Tournée hebdomadaire :\nmardi et jeudi dans les communes voisines de ${site.commune.nom}` : "";
    const text = (value: string) => (value === "" ? "" : quoted(value));
    return [
      quoted(String(id)), quoted(site.commune.departement), quoted(nom), quoted(pick(ADRESSES)), "", quoted(site.commune.code),
      quoted(site.codePostal), quoted(site.commune.nom), site.latitude.toFixed(6), site.longitude.toFixed(6),
      quoted(`france-services-${id}@exemple.invalid`), quoted("05 00 00 00 00"),
      text(horaire), text(horaire), text(pick(["", horaire])), text(horaire), text(horaire), text(pick(["", "", "09:00 - 12:00"])),
      quoted(rng.next() < 0.3 ? "Oui" : "Non"), text(commentaire), quoted(site.type), quoted(site.format),
      site.type === "Antenne" ? quoted(site.commune.nom) : "", quoted(pick(LABELLISATIONS)),
    ].join(",");
  }, "\n");
}

/** The first postal code of every current commune (the ANCT list publishes the site's postal code). */
export function codesPostaux(): Map<string, string> {
  const communes = JSON.parse(readFileSync(decoupageFile("communes"), "utf8")) as { code: string; type: string; codesPostaux?: string[] }[];
  return new Map(communes.filter((commune) => commune.type === "commune-actuelle" && commune.codesPostaux?.length).map((commune) => [commune.code, commune.codesPostaux![0]!]));
}
