// "Populations légales" commune table (donnees_communes.csv): the real
// PMUN of decoupage-administratif, with synthetic cantons and PCAP.
import type { Commune, Region } from "./territory.ts";
import { clamp, rngFor } from "./random.ts";
import { csvText } from "./formats.ts";

export const CHEMIN_POPULATIONS_LEGALES = "insee-pop/populations-legales-2022/donnees_communes.csv";

const COLUMNS = ["CODREG", "REG", "CODDEP", "CODARR", "CODCAN", "CODCOM", "COM", "PMUN", "PCAP", "PTOT"];

// Towns this large are usually split between several cantons, which INSEE codes "99".
const SEUIL_MULTI_CANTONS = 20000;
// The Gers has 17 cantons for 458 communes; the same density gives plausible counts elsewhere.
const COMMUNES_PAR_CANTON = 27;

/**
 * Cantons are not in decoupage-administratif: communes of a département are
 * cut into contiguous blocks in (arrondissement, code) order, so a canton
 * stays within one arrondissement most of the time.
 */
export function cantons(communes: readonly Commune[]): Map<string, string> {
  const result = new Map<string, string>();
  const parDep = new Map<string, Commune[]>();
  for (const c of communes) {
    if (c.population >= SEUIL_MULTI_CANTONS) result.set(c.code, "99");
    else (parDep.get(c.departement) ?? parDep.set(c.departement, []).get(c.departement)!).push(c);
  }
  for (const liste of parDep.values()) {
    liste.sort((a, b) => ((a.arrondissement ?? "") + a.code < (b.arrondissement ?? "") + b.code ? -1 : 1));
    const n = clamp(Math.round(liste.length / COMMUNES_PAR_CANTON), 1, 40);
    liste.forEach((c, i) => result.set(c.code, String(Math.floor((i * n) / liste.length) + 1).padStart(2, "0")));
  }
  return result;
}

/** INSEE writes the arrondissement number without its département prefix ("321" → "1"). */
function codeArrondissement(c: Commune): string {
  // Mayotte and a few overseas communes have no arrondissement; INSEE then uses a single one.
  return c.arrondissement ? c.arrondissement.slice(c.departement.length) || "1" : "1";
}

export function populationsLegalesCsv(communes: readonly Commune[], regions: ReadonlyMap<string, Region>): string {
  const codesCanton = cantons(communes);
  return csvText(
    COLUMNS,
    communes.map((c) => {
      const pcap = Math.round(c.population * rngFor(c.code, "pcap").uniform(0.02, 0.05));
      return [
        c.region,
        regions.get(c.region)?.nom ?? "",
        c.departement,
        codeArrondissement(c),
        codesCanton.get(c.code)!,
        // The commune part after the département code: 3 characters in metropolitan France, 2 overseas (971 + 01).
        c.code.slice(c.departement.length),
        c.nom,
        c.population,
        pcap,
        c.population + pcap,
      ];
    }),
    { eol: "\r\n" },
  );
}
